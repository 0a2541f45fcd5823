/**
 * npm run bench [-- --quick] [-- --write]: dpnn-ts (every available backend) and TensorFlow.js
 * (cpu and wasm backends) side by side in one process: matrix products at the RAM's shapes, Linear,
 * SpatialGlimpse, LogSoftMax + ClassNLL, one RAM training step, RAM training throughput, and the
 * heap over 1,000 training steps; then tensor ops through the torch API (bench/tensorOps.ts). Prints
 * medians and ratios; --write regenerates docs/benchmarks.md and docs/benchmarks.svg; --only conv / --only lstm run bench/conv.ts / bench/lstm.ts; --only tensor
 * runs the tensor-ops table alone (printed, never written).
 */
import { cpus, totalmem } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as nn from '../index.js';
import { time } from './timing.js';
import { makeTfjsRam } from './tfjsRam.js';
import { tensorOpsBench } from './tensorOps.js';
import { buildRam, defaultRamConfig } from '../ram/model.js';
import { fillBatch, loadDataset } from '../ram/data.js';
import { WasmStorage } from '../lib/kernels/wasm/heap.js';
import { DataParallel } from '../ram/parallel.js';
import { readFileSync } from 'node:fs';

const benchmarkNotes = readFileSync(new URL('./notes.md', import.meta.url), 'utf8');

const quick = process.argv.includes('--quick');
const write = process.argv.includes('--write');
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

type Row = { name: string; flops?: number; ms: Record<string, number | null> };
const engines = ['dpnn js', 'dpnn wasm', 'tfjs cpu', 'tfjs wasm'] as const;
const rows: Row[] = [];
const notes: string[] = [];

function rnd(shape: number[]): nn.Tensor {
  const g = new nn.Generator(1);
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape);
}

async function forTfjs(backend: 'cpu' | 'wasm', fn: () => void): Promise<void> {
  await tf.setBackend(backend);
  await tf.ready();
  fn();
}

function dpnnEach(fn: (engine: string) => void): void {
  for (const b of ['js', 'wasm']) {
    nn.setBackend(b);
    fn(`dpnn ${b}`);
  }
  nn.setBackend('js');
}

async function tfEach(fn: (engine: string) => void): Promise<void> {
  for (const b of ['cpu', 'wasm'] as const) await forTfjs(b, () => fn(`tfjs ${b}`));
}

const samples = quick ? 3 : 7;
const minMs = quick ? 15 : 40;
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

// ---- --only tensor: the tensor-ops table alone (it runs after the heap section otherwise, so as not to move its wasm figures)
const onlyAt = process.argv.indexOf('--only');
if (onlyAt >= 0 && ['conv', 'lstm'].includes(process.argv[onlyAt + 1] ?? '')) {
  // the convolution and LSTM benchmarks are their own scripts (bench/conv.ts, bench/lstm.ts; --write updates their sections)
  await import(process.argv[onlyAt + 1] === 'conv' ? './conv.js' : './lstm.js');
  process.exit(0);
}
if (onlyAt >= 0) {
  if (process.argv[onlyAt + 1] !== 'tensor') throw new Error(`bench: --only takes 'tensor', 'conv' or 'lstm', got '${process.argv[onlyAt + 1] ?? ''}'`);
  const t = await tensorOpsBench({ minMs, samples });
  console.log(`\n${machine}\n\n${t.table}\n${t.notes.length ? `\n${t.notes.join('\n')}\n` : ''}`);
  process.exit(0);
}

// ---- matrix products: [label, m, k, n, transA, transB] as C(m×n) = op(A)·op(B)
const shapes: Array<[string, number, number, number, boolean, boolean]> = [
  ['20×64 · (128×64)ᵀ (glimpse Linear forward)', 20, 64, 128, false, true],
  ['20×256 · (256×256)ᵀ (Linear forward)', 20, 256, 256, false, true],
  ['20×256 · 256×256 (Linear gradInput)', 20, 256, 256, false, false],
  ['(20×256)ᵀ · 20×256 (Linear gradWeight)', 256, 20, 256, true, false],
  ['128×256 · (256×256)ᵀ', 128, 256, 256, false, true],
  ['(128×256)ᵀ · 128×256', 256, 128, 256, true, false],
  ['256×256 · 256×256', 256, 256, 256, false, false],
  ['1024×1024 · 1024×1024', 1024, 1024, 1024, false, false],
];
for (const [label, m, k, n, tA, tB] of shapes) {
  if (quick && m === 1024) continue;
  const row: Row = { name: `matmul ${label}`, flops: 2 * m * n * k, ms: {} };
  const [aS, bS] = [tA ? [k, m] : [m, k], tB ? [n, k] : [k, n]];
  dpnnEach((e) => {
    const A = rnd(aS), B = rnd(bS), C = nn.Tensor.zeros([m, n]);
    row.ms[e] = time(() => nn.backend().gemm(C, A, B, m, n, k, tA, tB, 1, 0), minMs, samples).ms;
  });
  await tfEach((e) => {
    const A = tf.randomUniform(aS), B = tf.randomUniform(bS);
    row.ms[e] = time(() => tf.matMul(A, B, tA, tB).dispose(), minMs, samples).ms;
    A.dispose(); B.dispose();
  });
  rows.push(row);
}

// ---- Linear 20×256 → 256 forward + backward
{
  const row: Row = { name: 'Linear 20×256→256 forward+backward', ms: {} };
  dpnnEach((e) => {
    const l = new nn.Linear(256, 256), x = rnd([20, 256]), g = rnd([20, 256]);
    row.ms[e] = time(() => { l.forward(x); l.backward(x, g); }, minMs, samples).ms;
  });
  await tfEach((e) => {
    const w = tf.variable(tf.randomUniform([256, 256])), b = tf.variable(tf.randomUniform([256])), x = tf.randomUniform([20, 256]), g = tf.randomUniform([20, 256]);
    const f = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.matMul(xx, ww, false, true), bb), g));
    const grads = tf.grads(f as (...a: tf.Tensor[]) => tf.Tensor);
    row.ms[e] = time(() => grads([x, w, b]).forEach((t) => t.dispose()), minMs, samples).ms;
  });
  rows.push(row);
}

// ---- SpatialGlimpse forward + backward (tfjs: cropAndResize forward only; it has no image gradient)
for (const [label, size, depth, H] of [['8×8, depth 1, 28×28', 8, 1, 28], ['12×12, depth 3, 60×60', 12, 3, 60]] as const) {
  const row: Row = { name: `SpatialGlimpse ${label}, batch 20, fwd+bwd (tfjs: cropAndResize fwd, depth 1)`, ms: {} };
  dpnnEach((e) => {
    const g = new nn.SpatialGlimpse(size, depth, 2), img = rnd([20, 1, H, H]), loc = rnd([20, 2]);
    const out = g.forward([img, loc]), go = rnd(out.shape);
    row.ms[e] = time(() => { g.forward([img, loc]); g.backward([img, loc], go); }, minMs, samples).ms;
  });
  await tfEach((e) => {
    const img = tf.randomUniform([20, H, H, 1]), boxes = tf.randomUniform([20, 4], 0, 0.5), idx = tf.tensor1d(Array.from({ length: 20 }, (_, i) => i), 'int32');
    row.ms[e] = time(() => tf.image.cropAndResize(img as tf.Tensor4D, boxes as tf.Tensor2D, idx as tf.Tensor1D, [size, size]).dispose(), minMs, samples).ms;
  });
  rows.push(row);
}

// ---- LogSoftMax + ClassNLL forward + backward, 20×10
{
  const row: Row = { name: 'LogSoftMax + ClassNLL 20×10 fwd+bwd', ms: {} };
  dpnnEach((e) => {
    const lsm = new nn.LogSoftMax(), nll = new nn.ClassNLLCriterion(), x = rnd([20, 10]), y = nn.Tensor.from(Array.from({ length: 20 }, (_, i) => i % 10));
    row.ms[e] = time(() => { const o = lsm.forward(x); nll.forward(o, y); lsm.backward(x, nn.asTensor(nll.backward(o, y))); }, minMs, samples).ms;
  });
  await tfEach((e) => {
    const x = tf.randomUniform([20, 10]), y = tf.oneHot(tf.tensor1d(Array.from({ length: 20 }, (_, i) => i % 10), 'int32'), 10);
    const g = tf.grad((xx: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(xx), y), 1))));
    row.ms[e] = time(() => g(x).dispose(), minMs, samples).ms;
  });
  rows.push(row);
}

// ---- RAM: one training step and throughput (batch 20, Lua defaults)
const data = loadDataset('mnist');

/** A RAM with the Lua defaults on the current backend, and its training step on batch i (mod 2000) of MNIST. */
function ramStepper(): { ram: ReturnType<typeof buildRam>; x: nn.Tensor; step: (i: number) => void } {
  nn.manualSeed(1);
  const ram = buildRam(defaultRamConfig);
  const x = nn.Tensor.zeros([20, 1, 28, 28]), y = nn.Tensor.zeros([20]);
  const order = Uint32Array.from({ length: 60000 }, (_, i) => i);
  const step = (i: number) => {
    fillBatch(data.train, order, (i % 2000) * 20, 20, x, y);
    const out = ram.agent.forward(x);
    ram.criterion.forward(out, y);
    ram.agent.backward(x, ram.criterion.backward(out, y));
    ram.agent.updateGradParameters(0.9);
    ram.agent.updateParameters(0.01);
    ram.agent.zeroGradParameters();
  };
  return { ram, x, step };
}
const steps = quick ? 20 : 100;
const through: Record<string, number> = {};
{
  const row: Row = { name: 'RAM training step, batch 20 (forward, criterion, backward, update)', ms: {} };
  dpnnEach((e) => {
    const { step } = ramStepper();
    let i = 0;
    const stepFn = () => step(i++);
    row.ms[e] = time(stepFn, minMs, samples).ms;
    const t0 = performance.now();
    for (let s = 0; s < steps; s++) stepFn();
    through[e] = (steps * 20) / ((performance.now() - t0) / 1000);
  });
  await tfEach((e) => {
    const ram = makeTfjsRam(tf);
    const images = tf.randomUniform([20, 28, 28, 1]) as tf.Tensor4D, labels = tf.tensor1d(Array.from({ length: 20 }, (_, i) => i % 10), 'int32') as tf.Tensor1D;
    row.ms[e] = time(() => ram.step(images, labels), minMs, quick ? 3 : 5).ms;
    const n = quick ? 5 : Math.max(10, Math.round(steps / 4));
    const t0 = performance.now();
    for (let s = 0; s < n; s++) ram.step(images, labels);
    through[e] = (n * 20) / ((performance.now() - t0) / 1000);
    ram.dispose();
  });
  rows.push(row);
}

// ---- RAM throughput with two data-parallel threads (wasm)
{
  nn.setBackend('wasm');
  nn.manualSeed(1);
  const ram = buildRam(defaultRamConfig);
  const dp = new DataParallel(ram, 2, data.train, { dataset: 'mnist', datasetOptions: {}, backend: 'wasm', seed: 1, batchSize: 20 });
  const order = Uint32Array.from({ length: 60000 }, (_, i) => i);
  const stepFn = (i: number) => {
    dp.step(data.train, order, (i % 2000) * 20, 20, 20);
    ram.agent.updateGradParameters(0.9);
    ram.agent.updateParameters(0.01);
    ram.agent.zeroGradParameters();
    dp.publish();
  };
  for (let i = 0; i < 20; i++) stepFn(i);
  const n = quick ? 50 : 300;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) stepFn(i);
  through['dpnn wasm ×2 threads'] = (n * 20) / ((performance.now() - t0) / 1000);
  dp.close();
  nn.setBackend('js');
}

// ---- steady state: heap and wasm memory over 1,000 training steps (wasm backend)
let heapLine = '';
{
  nn.setBackend('wasm');
  const { x, step: stepFn } = ramStepper();
  const heap = (x.storage as WasmStorage).heap;
  let typed = 0;
  stepFn(0);
  const origAlloc = nn.Storage.allocate;
  nn.Storage.allocate = (d, n) => { typed++; return origAlloc(d, n); };
  const n = quick ? 200 : 1000, marks: string[] = [];
  const wasm0 = heap.used;
  for (let i = 1; i <= n; i++) {
    stepFn(i);
    if (i % (n / 5) === 0) {
      (globalThis as { gc?: () => void }).gc?.(); // with --expose-gc: live objects only
      marks.push(`${i}: ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(1)} MiB`);
    }
  }
  nn.Storage.allocate = origAlloc;
  heapLine = `${n} training steps after the first (wasm backend): ${typed} new tensor storages, wasm memory high-water mark ${wasm0 === heap.used ? 'unchanged' : `+${heap.used - wasm0} bytes`} (${(heap.used / 2 ** 20).toFixed(1)} MiB); JS heap${(globalThis as { gc?: unknown }).gc ? ' after a full GC' : ''} at step ${marks.join(', ')}`;
  nn.setBackend('js');
}

// ---- tensor ops through the torch API (bench/tensorOps.ts)
const tensorOps = await tensorOpsBench({ minMs, samples });

// ---- report
const fmtMs = (v: number | null | undefined) => (v == null ? '—' : v < 0.1 ? v.toFixed(4) : v < 10 ? v.toFixed(3) : v.toFixed(1));
const ratio = (a?: number | null, b?: number | null) => (a && b ? `${(b / a).toFixed(1)}×` : '—');
const lines: string[] = [];
lines.push('| benchmark | dpnn js ms | dpnn wasm ms | tfjs cpu ms | tfjs wasm ms | tfjs wasm / dpnn wasm | dpnn wasm GFLOP/s | tfjs wasm GFLOP/s |');
lines.push('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const gf = (e: string) => (r.flops && r.ms[e] ? (r.flops / (r.ms[e]! * 1e6)).toFixed(1) : '');
  lines.push(`| ${r.name} | ${engines.map((e) => fmtMs(r.ms[e])).join(' | ')} | ${ratio(r.ms['dpnn wasm'], r.ms['tfjs wasm'])} | ${gf('dpnn wasm')} | ${gf('tfjs wasm')} |`);
}
const tfw = through['tfjs wasm'] ?? 1;
const tput = [...engines, 'dpnn wasm ×2 threads'].map((e) => `| RAM training throughput, batch 20: ${e} | ${Math.round(through[e] ?? 0)} examples/s | ${((through[e] ?? 0) / tfw).toFixed(1)}× tfjs wasm |`);
const table = [...lines, '', '| | throughput | ratio |', '|---|---|---|', ...tput, '', heapLine].join('\n');
console.log(`\n${machine}\n\n${table}\n`);
if (notes.length) console.log(notes.join('\n'));
console.log(`Tensor ops through the torch API\n\n${tensorOps.table}\n${tensorOps.notes.length ? `\n${tensorOps.notes.join('\n')}\n` : ''}`);

if (write) {
  const date = new Date().toISOString().slice(0, 10);
  const md = `# Benchmarks

Produced by \`npm run bench -- --write\` on ${date}: ${machine}. Medians of ${samples} samples, each
sample timing enough calls to last ≥ ${minMs} ms; dpnn-ts and TensorFlow.js 4.22 (cpu and wasm backends,
one thread, SIMD) run in the same process, one after the other. Ratios come from this one run;
the machine is shared, so absolute numbers move by ±30% between runs.

${table}

![bar chart](benchmarks.svg)

${tensorOps.markdown}

${benchmarkNotes}
`;
  // the GPU section comes from bench/gpu (bench/gpu/record.ts) and is kept as it is
  const old = existsSync('docs/benchmarks.md') ? readFileSync('docs/benchmarks.md', 'utf8') : '';
  const gpuAt = old.indexOf('\n## GPU');
  writeFileSync('docs/benchmarks.md', gpuAt >= 0 ? `${md.trimEnd()}\n${old.slice(gpuAt)}` : md);
  writeFileSync('docs/benchmarks.svg', svgChart(through, rows));
  console.log('wrote docs/benchmarks.md and docs/benchmarks.svg');
}

function svgChart(t: Record<string, number>, rs: Row[]): string {
  const bars: Array<[string, number, string]> = [...engines, 'dpnn wasm ×2 threads'].map((e) => [e, t[e] ?? 0, e.startsWith('dpnn') ? '#2a6fdb' : '#e07b39']);
  const lin = rs.find((r) => r.name.startsWith('Linear'));
  const lin2: Array<[string, number, string]> = engines.map((e) => [e, lin?.ms[e] ? 1 / lin.ms[e]! : 0, e.startsWith('dpnn') ? '#2a6fdb' : '#e07b39']);
  const panel = (title: string, data: Array<[string, number, string]>, y0: number, unit: (v: number) => string) => {
    const max = Math.max(...data.map((d) => d[1]), 1e-9);
    return `<text x="10" y="${y0}" font-size="14" font-weight="bold">${title}</text>` + data.map(([name, v, color], i) => {
      const y = y0 + 12 + i * 26, w = (420 * v) / max;
      return `<text x="10" y="${y + 15}" font-size="12">${name}</text><rect x="150" y="${y}" width="${w.toFixed(1)}" height="18" fill="${color}"/><text x="${(156 + w).toFixed(1)}" y="${y + 14}" font-size="12">${unit(v)}</text>`;
    }).join('');
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="680" height="320" font-family="sans-serif">` +
    panel('RAM training, batch 20 (examples/s, higher is better)', bars, 20, (v) => `${Math.round(v)}`) +
    panel('Linear 20×256→256 forward+backward (calls/ms, higher is better)', lin2, 190, (v) => v.toFixed(2)) + '</svg>';
}
