/**
 * Convolution benchmark: forward + backward examples/s of SpatialConvolution layers and of one
 * LeNet training step (examples/lenet-mnist.ts: forward, backward, optim.sgd), dpnn-ts on the wasm
 * backend against TensorFlow.js (its cpu backend: the wasm one has no convolution filter gradient)
 * and PyTorch on the CPU (one thread;
 * Debian's python3-torch, run through a Python script this file writes; a printed skip with the
 * reason when it is not installed). Medians over 7 samples (bench/timing.ts; tfjs cpu's calls of
 * seconds: one timed call after a warm-up). Then the forward-only table against TensorFlow.js wasm (bench/convForward.ts).
 *   node --import tsx bench/conv.ts [--quick] [--write]   (or npm run bench -- --only conv [--write])
 * --write puts the table into its section of docs/benchmarks.md (bench/section.ts).
 */
import * as nn from '../index.js';
import { optim } from '../index.js';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { execFileSync } from 'node:child_process';
import { findTorchPython } from './python.js';
import { rateTable, writeSection } from './section.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { time } from './timing.js';
import { buildLeNet } from '../examples/lenet-mnist.js';
import { convForwardBench, medianMs } from './convForward.js';

const quick = process.argv.includes('--quick');
const B = quick ? 8 : 32;
/** [label, nIn, nOut, k, pad, H (= W)]: LeNet's two layers and a padded 3×3 layer. */
const LAYERS: [string, number, number, number, number, number][] = [
  ['conv 1→32 5×5 on 28×28', 1, 32, 5, 0, 28],
  ['conv 32→64 5×5 on 8×8', 32, 64, 5, 0, 8],
  ['conv 16→32 3×3 pad 1 on 16×16', 16, 32, 3, 1, 16],
];
const rate = (ms: number): number => Math.round((B * 1000) / ms);
const results: Record<string, Record<string, number | string>> = {};
const put = (row: string, engine: string, v: number | string): void => {
  (results[row] ??= {})[engine] = v;
};

function rnd(shape: number[]): nn.Tensor {
  const g = new nn.Generator(1);
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape);
}

function dpnn(): void {
  nn.setBackend('wasm');
  for (const [label, nIn, nOut, k, pad, H] of LAYERS) {
    const m = new nn.SpatialConvolution(nIn, nOut, k, k, 1, 1, pad), x = rnd([B, nIn, H, H]);
    const go = rnd(m.forward(x).shape);
    put(label, 'dpnn-ts wasm', rate(time(() => { m.forward(x); m.zeroGradParameters(); m.backward(x, go); }).ms));
  }
  const model = buildLeNet(), crit = new nn.ClassNLLCriterion(), [p, gp] = model.getParameters();
  const x = rnd([B, 1, 28, 28]), y = nn.Tensor.from(Array.from({ length: B }, (_, i) => i % 10), [B]);
  const feval = (): [number, nn.Tensor] => {
    gp.fill(0);
    const out = model.forward(x), loss = crit.forward(out, y);
    model.backward(x, crit.backward(out, y));
    return [loss, gp];
  };
  put('LeNet step (fwd + bwd + sgd)', 'dpnn-ts wasm', rate(time(() => optim.sgd(feval, p, { learningRate: 0.01 })).ms));
  nn.setBackend('js');
}

async function tfjs(): Promise<void> {
  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  // tfjs's wasm backend has no Conv2DBackpropFilter kernel (no conv training there): its cpu backend (JavaScript) runs the backward;
  // its calls take seconds at batch 32: one timed call after a warm-up (bench/convForward.ts's medianMs with one sample)
  await tf.setBackend('cpu');
  await tf.ready();
  for (const [label, nIn, nOut, k, pad, H] of LAYERS) {
    const x = tf.randomUniform([B, H, H, nIn]) as tf.Tensor4D, w = tf.randomUniform([k, k, nIn, nOut]) as tf.Tensor4D, b = tf.randomUniform([nOut]);
    const f = tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => tf.sum(tf.add(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, pad === 0 ? 'valid' : pad), bb)));
    put(label, 'tfjs cpu', rate(medianMs(() => tf.tidy(() => { for (const g of f([x, w, b])) g.dataSync(); }), 30, 1)));
  }
  const v = (shape: number[]) => tf.variable(tf.randomUniform(shape, -0.1, 0.1));
  const w1 = v([5, 5, 1, 32]), b1 = v([32]), w2 = v([5, 5, 32, 64]), b2 = v([64]), w3 = v([256, 200]), b3 = v([200]), w4 = v([200, 10]), b4 = v([10]);
  const x = tf.randomUniform([B, 28, 28, 1]) as tf.Tensor4D, y = tf.oneHot(tf.tensor1d(Array.from({ length: B }, (_, i) => i % 10), 'int32'), 10);
  const opt = tf.train.sgd(0.01);
  const loss = (): tf.Scalar => {
    const h1 = tf.maxPool(tf.tanh(tf.add(tf.conv2d(x, w1 as tf.Tensor4D, 1, 'valid'), b1)) as tf.Tensor4D, 3, 3, 'valid');
    const h2 = tf.maxPool(tf.tanh(tf.add(tf.conv2d(h1, w2 as tf.Tensor4D, 1, 'valid'), b2)) as tf.Tensor4D, 2, 2, 'valid');
    const h3 = tf.tanh(tf.add(tf.matMul(tf.reshape(h2, [B, 256]), w3), b3));
    return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(tf.add(tf.matMul(h3, w4), b4)), y), 1)));
  };
  put('LeNet step (fwd + bwd + sgd)', 'tfjs cpu', rate(medianMs(() => { opt.minimize(loss, true)?.dataSync(); }, 30, 1)));
}

const PYTHON = `
import json, statistics, time, sys, torch
torch.set_num_threads(1)
B, layers = int(sys.argv[1]), json.loads(sys.argv[2])
def timed(fn, reps=None):
    for _ in range(3): fn()
    reps = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(reps): fn()
        if time.perf_counter() - t0 >= 0.03: break
        reps *= 4
    samples = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(reps): fn()
        samples.append((time.perf_counter() - t0) / reps)
    return round(B / statistics.median(samples))
out = {}
for label, nIn, nOut, k, pad, H in layers:
    conv = torch.nn.Conv2d(nIn, nOut, k, padding=pad)
    x = torch.rand(B, nIn, H, H, requires_grad=True)
    def step():
        conv.zero_grad(); x.grad = None
        conv(x).sum().backward()
    out[label] = timed(step)
net = torch.nn.Sequential(torch.nn.Conv2d(1, 32, 5), torch.nn.Tanh(), torch.nn.MaxPool2d(3), torch.nn.Conv2d(32, 64, 5), torch.nn.Tanh(),
    torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(256, 200), torch.nn.Tanh(), torch.nn.Linear(200, 10), torch.nn.LogSoftmax(1))
opt = torch.optim.SGD(net.parameters(), lr=0.01)
x, y = torch.rand(B, 1, 28, 28), torch.arange(B) % 10
def lenet():
    opt.zero_grad(); torch.nn.functional.nll_loss(net(x), y).backward(); opt.step()
out['LeNet step (fwd + bwd + sgd)'] = timed(lenet)
out['version'] = torch.__version__
print(json.dumps(out))
`;

/** Runs the PyTorch rows; returns the reason when PyTorch is skipped. */
function pytorch(): string | null {
  const py = findTorchPython();
  if ('reason' in py) {
    console.log(`# SKIP PyTorch: ${py.reason}`);
    return py.reason;
  }
  const script = join(mkdtempSync(join(tmpdir(), 'dpnn-conv-')), 'conv.py');
  writeFileSync(script, PYTHON);
  const r = JSON.parse(execFileSync(py.python, [script, String(B), JSON.stringify(LAYERS)], { encoding: 'utf8' })) as Record<string, number | string>;
  for (const [row, v] of Object.entries(r)) if (row !== 'version') put(row, `PyTorch ${String(r.version)} CPU`, v);
  return null;
}

dpnn();
await tfjs();
const pySkip = pytorch();
const table = rateTable(results, 'examples/s');
console.log(`# forward + backward examples/s, batch ${B}, one thread each (median of 7)\n${table}`);
const fwd = await convForwardBench(quick);
console.log(`\n# forward only, batch ${fwd.batch}: tfjs wasm on ${fwd.tfjsThreads} thread; ${fwd.torch}\n${fwd.table}${fwd.notes.length ? `\n${fwd.notes.join('\n')}` : ''}`);
if (process.argv.includes('--write')) {
  const date = new Date().toISOString().slice(0, 10);
  writeSection('conv', `## Convolutions and LeNet (training)

Produced by \`npm run bench -- --only conv --write\` on ${date}. Forward + backward examples/s at batch ${B}, one thread each,
medians of 7 samples (tfjs cpu, whose calls take seconds: one timed call after a warm-up), all in one run: dpnn-ts on the wasm backend, TensorFlow.js 4.22's cpu backend (its wasm backend has
no \`Conv2DBackpropFilter\`, so it cannot train a convolution), and PyTorch's CPU build from Debian (\`python3-torch\`)
when a python3 imports it${pySkip ? ` (skipped here: ${pySkip})` : ''}. The LeNet step is examples/lenet-mnist.ts's model: forward, backward
and \`optim.sgd\` on the flat parameters (PyTorch: the same layers with \`torch.optim.SGD\`). The machine is shared:
the ratios come from this one run, the absolute numbers move between runs.

${table}

### Convolution forward against TensorFlow.js wasm (XNNPACK)

The same run, forward only: \`nn.SpatialConvolution(C, C, k, k, 1, 1, (k−1)/2)\` on the wasm backend (NCHW), TensorFlow.js
4.22 wasm's \`tf.fused.conv2d\` with bias (NHWC, XNNPACK, the non-threaded SIMD binary: ${fwd.tfjsThreads} thread), and ${fwd.torch.replace(/^PyTorch skipped/, 'PyTorch: skipped')}.
Batch ${fwd.batch}; milliseconds per call, medians of 5 samples of ≥ 25 ms after a warm-up call (calls of 250 ms or more: 3 samples of one call), bench/convForward.ts.
Before timing, tfjs runs each shape on dpnn-ts's input and weights and the outputs are compared${fwd.notes.length ? ` (${fwd.notes.join('; ')})` : ' (all agree to 1e-4)'}.
"dpnn / tfjs (time)" below 1 means dpnn-ts is faster.

${fwd.table}
`);
}
