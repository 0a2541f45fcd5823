/**
 * Convolution forward micro-benchmarks (run by bench/conv.ts): nn.SpatialConvolution's forward on
 * dpnn-ts's wasm backend against TensorFlow.js wasm's fused conv2d with bias (XNNPACK; one thread:
 * the non-threaded SIMD binary, WASM_HAS_MULTITHREAD_SUPPORT false, and setThreadsCount(1)) and,
 * when a Python imports torch (bench/python.ts), PyTorch CPU's conv2d forward under no_grad, one
 * thread. k×k kernels (3, 5) with "same" padding (k−1)/2, stride 1, C → C channels (16, 32, 64),
 * on H×H inputs (28, 56), batch B; each library in its own layout (NCHW for dpnn-ts and PyTorch,
 * NHWC for tfjs). Before timing, tfjs runs on dpnn-ts's input and weights and the two outputs are
 * compared. Timing: medianMs below (the big shapes get 3 samples of one call instead of 5, so the
 * whole table stays within about a minute and a half on one core).
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as nn from '../index.js';
import { findTorchPython } from './python.js';

/** [C (in = out), k, H (= W)] */
type Shape = [number, number, number];

export interface ConvForwardResult { table: string; notes: string[]; torch: string; tfjsThreads: number; batch: number }

const fmt = (v: number | undefined): string => (v == null ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const flopsOf = ([C, k, H]: Shape, B: number): number => 2 * B * C * C * k * k * H * H;

/**
 * Median ms per call after a warm-up call: `samples` samples of enough calls to last ≥ minMs; a call
 * of ≥ bigMs is a sample by itself, the one that measured it the first, and there are at most 3.
 */
export function medianMs(fn: () => void, minMs: number, samples: number, bigMs = 250): number {
  fn();
  let t = performance.now();
  fn();
  const one = performance.now() - t;
  const reps = Math.max(1, Math.ceil(minMs / Math.max(one, 1e-3)));
  const big = one >= bigMs, n = big ? Math.min(3, samples) : samples, out: number[] = big ? [one] : [];
  while (out.length < n) {
    t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    out.push((performance.now() - t) / reps);
  }
  return out.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}

const PYTHON = `
import json, math, statistics, sys, time, torch
torch.set_num_threads(1); torch.manual_seed(1)
B, shapes, minMs, samples, bigMs = int(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
def median_ms(fn):
    fn(); t = time.perf_counter(); fn(); one = (time.perf_counter() - t) * 1000
    reps = max(1, math.ceil(minMs / max(one, 1e-3)))
    big = one >= bigMs
    n = min(3, samples) if big else samples
    out = [one] if big else []
    while len(out) < n:
        t = time.perf_counter()
        for _ in range(reps): fn()
        out.append((time.perf_counter() - t) * 1000 / reps)
    return statistics.median(out)
res = []
with torch.no_grad():
    for C, k, H in shapes:
        conv = torch.nn.Conv2d(C, C, k, padding=(k - 1) // 2)
        x = torch.rand(B, C, H, H)
        res.append(median_ms(lambda: conv(x)))
print(json.dumps(res))
`;

function rnd(shape: number[], seed: number): Float32Array {
  const g = new nn.Generator(seed), a = new Float32Array(shape.reduce((p, q) => p * q, 1));
  for (let i = 0; i < a.length; i++) a[i] = g.uniform(-1, 1);
  return a;
}

export async function convForwardBench(quick: boolean, minMs = quick ? 10 : 25, samples = quick ? 3 : 5): Promise<ConvForwardResult> {
  const B = quick ? 8 : 32;
  const shapes: Shape[] = [];
  for (const H of [28, 56]) for (const k of [3, 5]) for (const C of [16, 32, 64]) shapes.push([C, k, H]);
  const notes: string[] = [];
  const ms: Array<Record<string, number>> = shapes.map(() => ({}));

  const require = createRequire(import.meta.url);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setThreadsCount(1);
  await tf.setBackend('wasm');
  await tf.ready();
  const tfjsThreads = getThreadsCount();

  nn.setBackend('wasm');
  shapes.forEach(([C, k, H], i) => {
    const p = (k - 1) / 2, m = new nn.SpatialConvolution(C, C, k, k, 1, 1, p, p);
    const xs = rnd([B, C, H, H], 7 + i), x = nn.Tensor.from(xs, [B, C, H, H]);
    ms[i]!.dpnn = medianMs(() => { m.forward(x); }, minMs, samples);
    // the same numbers through tfjs (NHWC input, [k, k, in, out] filter): the outputs must agree
    const ours = m.forward(x).toArray(), w = Float32Array.from(m.weight.toArray()), bias = Float32Array.from(m.bias?.toArray() ?? new Float32Array(C));
    const theirs = tf.tidy(() => {
      const tx = tf.transpose(tf.tensor4d(xs, [B, C, H, H]), [0, 2, 3, 1]) as tf.Tensor4D;
      const tw = tf.transpose(tf.tensor4d(w, [C, C, k, k]), [2, 3, 1, 0]) as tf.Tensor4D;
      return tf.transpose(tf.fused.conv2d({ x: tx, filter: tw, bias: tf.tensor1d(bias), strides: 1, pad: p }), [0, 3, 1, 2]).dataSync();
    });
    let d = 0, s = 1e-6;
    for (let j = 0; j < ours.length; j++) {
      d = Math.max(d, Math.abs(ours[j]! - theirs[j]!));
      s = Math.max(s, Math.abs(theirs[j]!));
    }
    if (!(d / s < 1e-4)) notes.push(`conv ${C}→${C} ${k}×${k} on ${H}×${H}: dpnn-ts and tfjs outputs differ (max relative error ${(d / s).toExponential(2)})`);
  });
  nn.setBackend('js');

  shapes.forEach(([C, k, H], i) => {
    const x = tf.randomUniform([B, H, H, C], -1, 1) as tf.Tensor4D, w = tf.randomUniform([k, k, C, C], -0.1, 0.1) as tf.Tensor4D, b = tf.randomUniform([C]) as tf.Tensor1D;
    const pad = (k - 1) / 2;
    // dataSync waits for the result (the wasm backend computes synchronously; this is only a view of its heap)
    ms[i]!.tfjs = medianMs(() => { const y = tf.fused.conv2d({ x, filter: w, bias: b, strides: 1, pad }); y.dataSync(); y.dispose(); }, minMs, samples);
    x.dispose(); w.dispose(); b.dispose();
  });

  const probe = findTorchPython();
  let torch: string;
  if ('reason' in probe) torch = `PyTorch skipped: ${probe.reason}`;
  else {
    const run = spawnSync(probe.python, ['-c', PYTHON, String(B), JSON.stringify(shapes), String(minMs), String(samples), '250'], { encoding: 'utf8' });
    if (run.status === 0) {
      (JSON.parse(run.stdout.trim().split('\n').pop()!) as number[]).forEach((v, i) => (ms[i]!.torch = v));
      torch = `PyTorch ${probe.version} CPU conv2d under no_grad, 1 thread`;
    } else torch = `PyTorch skipped: its benchmark failed: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  }

  const ratio = (a?: number, b?: number): string => (a == null || b == null ? '–' : `${(a / b).toFixed(2)}×`);
  const gf = (sh: Shape, v?: number): string => (v == null ? '–' : (flopsOf(sh, B) / v / 1e6).toFixed(1));
  const table = [
    `| forward, batch ${B} | GFLOP | dpnn wasm ms | tfjs wasm ms | PyTorch CPU ms | dpnn / tfjs (time) | dpnn / PyTorch (time) | dpnn GFLOP/s | tfjs GFLOP/s | PyTorch GFLOP/s |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...shapes.map((sh, i) => {
      const [C, k, H] = sh, r = ms[i]!;
      return `| conv ${C}→${C} ${k}×${k} pad ${(k - 1) / 2} on ${H}×${H} | ${(flopsOf(sh, B) / 1e9).toFixed(2)} | ${fmt(r.dpnn)} | ${fmt(r.tfjs)} | ${fmt(r.torch)} | ${ratio(r.dpnn, r.tfjs)} | ${ratio(r.dpnn, r.torch)} | ${gf(sh, r.dpnn)} | ${gf(sh, r.tfjs)} | ${gf(sh, r.torch)} |`;
    }),
  ].join('\n');
  return { table, notes, torch, tfjsThreads, batch: B };
}
