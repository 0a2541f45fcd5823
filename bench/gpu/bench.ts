/**
 * The gpu backend on whatever WebGPU adapter answers: a parity check against the js backend, then
 * micro-benchmarks (matrix products, a Linear layer, the RAM glimpse) and RAM training throughput
 * at batch 20 and 128, with the wasm backend's RAM throughput in the same run for reference.
 * Prints JSON lines as it goes; bench/gpu/run.sh turns them into a table.
 *
 * Usage: node bench/gpu/bench.js [--quick] [--mode webgpu|headlessgl|webgl] [--dawn backend=vulkan]
 * (headlessgl needs an X server: xvfb-run -a on machines without a display)
 */
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import { buildRam, defaultRamConfig } from '../../ram/model.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { forwardBackward, forwardBackwardGpu } from '../../ram/step.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const dawnAt = args.indexOf('--dawn');
const dawnFlags = dawnAt >= 0 ? args[dawnAt + 1]!.split(',') : undefined;
const modeAt = args.indexOf('--mode');
const mode = (modeAt >= 0 ? args[modeAt + 1] : 'webgpu') as nn.GpuMode;

function emit(o: Record<string, unknown>): void {
  console.log(JSON.stringify(o));
}

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const t0 = performance.now();
const gpu = await nn.createGpuBackend({ mode, dawnFlags });
nn.registerBackend(gpu);
emit({ kind: 'adapter', adapter: `${gpu.adapter}, gpu.js mode ${gpu.mode}`, readyMs: Math.round(performance.now() - t0) });

function rand(g: nn.Generator, shape: number[], dtype: nn.DType = 'float32'): nn.Tensor {
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape, dtype);
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0, s = 1e-6;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    s = Math.max(s, Math.abs(b[i]!));
  }
  return d / s;
}

/** Parity: gemm variants, the RAM glimpse and two RAM training steps, gpu (float32) vs js (float64). */
async function parity(): Promise<boolean> {
  nn.setBackend('gpu');
  const g = new nn.Generator(1);
  let ok = true;
  const check = (what: string, e: number, tol = 1e-4): void => {
    emit({ kind: 'parity', what, relErr: e, ok: e < tol });
    ok &&= e < tol;
  };
  for (const [tA, tB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
    const [m, n, k] = [37, 70, 129];
    const A = rand(g, tA ? [k, m] : [m, k]), B = rand(g, tB ? [n, k] : [k, n]), C = rand(g, [m, n]);
    const [A2, B2, C2] = [A, B, C].map((x) => x.to('float64')) as [nn.Tensor, nn.Tensor, nn.Tensor];
    gpu.gemm(C, A, B, m, n, k, tA, tB, 0.5, 0.25);
    jsBackend.gemm(C2, A2, B2, m, n, k, tA, tB, 0.5, 0.25);
    await gpu.sync(C);
    check(`gemm ${m}×${k}·${k}×${n} transA ${tA} transB ${tB}`, relErr(C.toArray(), C2.toArray()));
  }
  const shape = { height: 8, width: 8, depth: 3, scale: 2 };
  const img = rand(g, [20, 1, 28, 28]), loc = rand(g, [20, 2]), out = nn.Tensor.zeros([20, 3, 8, 8]);
  const out2 = nn.Tensor.zeros([20, 3, 8, 8], 'float64');
  gpu.glimpse(out, img, loc, 20, 1, 28, 28, shape);
  jsBackend.glimpse(out2, img.to('float64'), loc.to('float64'), 20, 1, 28, 28, shape);
  await gpu.sync(out);
  check('glimpse 20×1×28×28 → 8×8×3', relErr(out.toArray(), out2.toArray()));
  const losses: number[][] = [];
  for (const name of ['js', 'gpu']) {
    nn.setBackend(name);
    nn.manualSeed(5);
    const ram = buildRam(defaultRamConfig);
    const adam = new nn.Adam({ lr: 0.001 });
    const [p, gr] = ram.agent.parameters();
    const data = loadDataset('mnist');
    const x = nn.Tensor.zeros([20, 1, 28, 28]), y = nn.Tensor.zeros([20]);
    const ls: number[] = [];
    ram.agent.zeroGradParameters();
    for (let s = 0; s < 3; s++) {
      fillBatch(data.train, Uint32Array.from({ length: 20 }, (_, i) => 20 * s + i), 0, 20, x, y);
      nn.manualSeed(50 + s);
      ls.push(name === 'gpu' ? (await forwardBackwardGpu(gpu, ram, x, y)).loss : forwardBackward(ram, x, y).loss);
      adam.step(p, gr);
      ram.agent.zeroGradParameters();
    }
    losses.push(ls);
  }
  check('RAM: losses of 3 Adam steps (batch 20)', relErr(losses[1]!, losses[0]!), 1e-3);
  nn.setBackend('js');
  return ok;
}

/** Median milliseconds of fn (which must wait for the GPU itself) over `reps` runs after a warm-up. */
async function timeAsync(fn: () => Promise<void>, reps: number): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

async function micro(): Promise<void> {
  nn.setBackend('gpu');
  const g = new nn.Generator(2);
  for (const n of quick ? [256] : [256, 1024]) {
    const A = rand(g, [n, n]), B = rand(g, [n, n]), C = nn.Tensor.zeros([n, n]);
    const calls = n >= 1024 ? 5 : 20;
    const ms = await timeAsync(async () => {
      for (let i = 0; i < calls; i++) gpu.gemm(C, A, B, n, n, n, false, false, 1, 0);
      await gpu.finish();
    }, 5) / calls;
    emit({ kind: 'micro', what: `matmul ${n}³`, ms, gflops: (2 * n ** 3) / ms / 1e6 });
  }
  const small = nn.Tensor.zeros([20]);
  await gpu.finish();
  const launches = 2000;
  const ts = performance.now();
  for (let i = 0; i < launches; i++) gpu.fill(small, i);
  const recorded = performance.now() - ts;
  await gpu.finish();
  emit({ kind: 'micro', what: 'launch (fill 20 numbers): host µs', ms: (1000 * recorded) / launches / 1000, hostMicroseconds: (1000 * recorded) / launches, withGpuMicroseconds: (1000 * (performance.now() - ts)) / launches });
  const lin = new nn.Linear(256, 256), x = rand(g, [20, 256]), go = rand(g, [20, 256]);
  const linMs = await timeAsync(async () => {
    for (let i = 0; i < 20; i++) {
      lin.forward(x);
      lin.backward(x, go);
    }
    await gpu.finish();
  }, 5) / 20;
  emit({ kind: 'micro', what: 'Linear 20×256→256 forward+backward', ms: linMs });
  const sg = new nn.SpatialGlimpse(8, 3, 2), img = rand(g, [20, 1, 28, 28]), loc = rand(g, [20, 2]);
  const gMs = await timeAsync(async () => {
    for (let i = 0; i < 20; i++) sg.forward([img, loc]);
    await gpu.finish();
  }, 5) / 20;
  emit({ kind: 'micro', what: 'SpatialGlimpse 20×28×28 → 3×8×8 forward', ms: gMs });
  nn.setBackend('js');
}

/** Examples per second of RAM training (forward, criterion, backward, Adam) on a backend. */
async function ramThroughput(name: string, B: number, steps: number): Promise<void> {
  nn.setBackend(name);
  nn.manualSeed(1);
  const ram = buildRam(defaultRamConfig);
  const adam = new nn.Adam({ lr: 0.0003 });
  const [p, gr] = ram.agent.parameters();
  const data = loadDataset('mnist');
  const x = nn.Tensor.zeros([B, 1, 28, 28]), y = nn.Tensor.zeros([B]);
  const order = nn.rng.shuffle(Uint32Array.from({ length: data.train.count }, (_, i) => i));
  ram.agent.zeroGradParameters();
  let hostMs = 0;
  const step = async (s: number): Promise<void> => {
    fillBatch(data.train, order, (s * B) % (data.train.count - B), B, x, y);
    if (name === 'gpu') {
      // forwardBackwardGpu, timed in parts: what the host spends recording vs waiting for the readback
      let t = performance.now();
      const out = ram.agent.forward(x);
      hostMs += performance.now() - t;
      await gpu.sync(out);
      t = performance.now();
      const gradOut = gpu.host(() => {
        ram.criterion.forward(out, y);
        return ram.criterion.backward(out, y);
      });
      ram.agent.backward(x, gradOut);
      adam.step(p, gr);
      ram.agent.zeroGradParameters();
      hostMs += performance.now() - t;
    } else {
      forwardBackward(ram, x, y);
      adam.step(p, gr);
      ram.agent.zeroGradParameters();
    }
  };
  for (let s = 0; s < 3; s++) await step(s);
  if (name === 'gpu') {
    await gpu.finish();
    gpu.resetStats();
  }
  hostMs = 0;
  const t = performance.now();
  for (let s = 0; s < steps; s++) await step(s + 3);
  if (name === 'gpu') await gpu.finish();
  const sec = (performance.now() - t) / 1000;
  const st = gpu.stats;
  emit({
    kind: 'ram', backend: name, batch: B, steps, examplesPerSecond: (steps * B) / sec, msPerStep: (1000 * sec) / steps,
    ...(name === 'gpu' ? { hostMsPerStep: hostMs / steps, kernelsPerStep: st.kernels / steps, submissionsPerStep: st.submissions / steps, allocationsPerStep: st.allocations / steps, readbacksPerStep: st.readbacks / steps, uploadKBPerStep: st.uploadBytes / steps / 1024 } : {}),
  });
  nn.setBackend('js');
}

const ok = await parity();
await micro();
await ramThroughput('gpu', 20, quick ? 5 : 60);
await ramThroughput('gpu', 128, quick ? 3 : 30);
await ramThroughput('wasm', 20, quick ? 5 : 30);
emit({ kind: 'done', parity: ok, seconds: (performance.now() - t0) / 1000 });
await gpu.destroy();
process.exit(ok ? 0 : 1);
