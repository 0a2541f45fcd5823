/**
 * The gpu backend suite, run per gpu.js mode by gpu-webgpu.test.ts and gpu-headlessgl.test.ts:
 * every module case of the gradient checks on the gpu backend (float32, values read back with
 * one `sync` per phase) against the js backend in float64; then kernels the module cases reach
 * only partly (every gemm variant, the three glimpse resamplings, strided copies, Adam, the
 * criterion kernels), residency (what a RAM step uploads and reads back) and the errors for host
 * reads of GPU-newer numbers.
 *
 * Without the mode's adapter a file is a printed skip with the reason, unless DPNN_REQUIRE_GPU
 * names the mode ('1' names all; .ci/run installs Mesa, Xvfb and headless-gl's build needs).
 */
import test from 'tape';
import * as nn from '../../index.js';
import { moduleCases } from '../gradcheck-cases.js';
import { flat, relErr, runCase as run } from './caseRun.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import type { GlimpseShape } from '../../lib/glimpseGeometry.js';
import { ensureDisplay } from '../helpers/xvfb.js';
import { buildRam, defaultRamConfig } from '../../ram/model.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { forwardBackward, forwardBackwardGpu } from '../../ram/step.js';
import { tensorOpsSuite } from './gpuTensorOps.js';

const TOL = 1e-4;
/** Modes that must run here (DPNN_REQUIRE_GPU=1 means all; a comma list names modes). */
const required = (process.env.DPNN_REQUIRE_GPU === '1' ? 'webgpu,headlessgl' : process.env.DPNN_REQUIRE_GPU ?? '').split(',').filter((m) => m);

/**
 * Defines the suite for one gpu.js mode: the backend is created (an X server is found or started
 * first for headless-gl); without it, a printed skip, or a failure when DPNN_REQUIRE_GPU names
 * the mode. One mode per process: Dawn's EGL and headless-gl's GLX do not share a process.
 */
export async function gpuSuite(mode: nn.GpuMode): Promise<void> {
  let gpu: nn.GpuBackend | null = null, reason = '';
  try {
    if (mode === 'headlessgl') {
      const d = await ensureDisplay();
      if ('reason' in d) throw new Error(d.reason);
    }
    gpu = await nn.createGpuBackend({ mode });
    console.log(`# gpu backend (${mode}): ${gpu.adapter}`);
  } catch (e) {
    reason = (e as Error).message.split('\n')[0]!;
  }
  if (!gpu) {
    if (required.includes(mode)) {
      test(`gpu backend (${mode}) available (DPNN_REQUIRE_GPU=${process.env.DPNN_REQUIRE_GPU})`, (t) => { t.fail(reason); t.end(); });
    } else {
      console.log(`# SKIP gpu backend (${mode}) unavailable: ${reason}`);
      test(`gpu backend (${mode}): skipped (${reason})`, { skip: true }, () => {});
    }
    return;
  }
  const G = gpu;
  suite(G);
  test.onFinish(() => {
    void G.destroy().finally(() => process.exit(0));
  });
}

function suite(G: nn.GpuBackend): void {
  const M = `[${G.mode}]`;
  const use = (b: nn.GpuBackend): void => {
    nn.registerBackend(b);
    nn.setBackend('gpu');
  };
  const rnd = (g: nn.Generator, shape: number[], a = -1, b = 1): nn.Tensor =>
    nn.Tensor.from(Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => g.uniform(a, b)), shape, 'float32');
  const both = (t: nn.Tensor): [nn.Tensor, nn.Tensor] => [t, t.to('float64')];
  const compare = async (tt: test.Test, got: nn.Tensor, want: nn.Tensor, what: string, tol = TOL): Promise<void> => {
    await G.sync(got);
    const e = relErr([Float64Array.from(got.toArray())], [Float64Array.from(want.toArray())]);
    tt.ok(e <= tol, `${what}: relative error ${e.toExponential(2)} ≤ ${tol}`);
  };

  tensorOpsSuite(G, M, use);

  test(`${M} gpu: kernels create storage on the GPU, and a host read of GPU-newer numbers says what to do`, async (t) => {
    use(G);
    const x = nn.Tensor.from([1, -2, 3], [3]);
    const y = new nn.ReLU().forward(x) as nn.Tensor;
    if (G.mode === 'webgpu') {
      t.throws(() => y.toArray(), /newer on the GPU.*await gpu\.sync/, 'toArray before sync is a StateError');
      t.throws(() => y.get(0), nn.StateError, 'get before sync too');
      await G.sync(y);
    } else {
      t.equal(y.get(1), 0, 'WebGL reads back synchronously (readPixels)');
    }
    t.deepEqual(Array.from(y.toArray()), [1, 0, 3], 'the host sees the result');
    nn.setBackend('js');
    t.end();
  });

  const hostRuns: string[] = [];
  for (const c of moduleCases) {
    test(`${M} parity: gpu vs js float64: ${c.name} (${c.label})`, async (t) => {
      const input = c.input();
      nn.setBackend('js');
      const ref = await run(c, input, 'float64', null);
      use(G);
      try {
        let got;
        try {
          got = await run(c, input, 'float32', G);
        } catch (e) {
          // WebGPU has no synchronous readback: a module whose host code reads numbers its own gpu kernels
          // just wrote cannot run there as is; it runs with gpu.host (every kernel on the host mirrors), said here
          if (!(e instanceof nn.StateError && /newer on the GPU/.test(e.message))) throw e;
          hostRuns.push(`${c.name} (${c.label})`);
          console.log(`# ${M} ${c.name} (${c.label}) reads GPU-written numbers on the host: run under gpu.host, on the host mirrors`);
          got = await run(c, input, 'float32', G, (phase) => G.host(phase));
        }
        for (const k of ['out', 'gradIn', 'gradParams'] as const) {
          t.equal(got[k].length, ref[k].length, `${k}: same number of tensors`);
          const e = relErr(got[k], ref[k]);
          t.ok(e < TOL, `${k} relative error ${e.toExponential(2)} < ${TOL}`);
        }
      } finally {
        nn.setBackend('js');
      }
    });
  }

  test(`${M} module cases run with host reads of GPU-written numbers (under gpu.host)`, (t) => {
    console.log(`# ${M} ${hostRuns.length} of ${moduleCases.length} module cases ran under gpu.host${hostRuns.length ? `: ${hostRuns.join('; ')}` : ''}`);
    if (G.mode === 'webgpu') t.ok(hostRuns.length < moduleCases.length / 4, `${hostRuns.length} of ${moduleCases.length} (fewer than a quarter)`);
    else t.equal(hostRuns.length, 0, 'none: this mode reads back synchronously');
    t.end();
  });

  test(`${M} parity: gpu gemm, every transpose variant, accumulation and odd sizes`, async (t) => {
    use(G);
    const g = new nn.Generator(5);
    for (const [m, n, k] of [[20, 256, 256], [7, 13, 5], [1, 3, 9], [33, 17, 64], [4, 8, 1], [5, 9, 0], [3, 4, 0], [2, 12, 3]] as const) {
      for (const tA of [false, true]) for (const tB of [false, true]) {
        const [A, A2] = both(rnd(g, tA ? [k, m] : [m, k])), [B, B2] = both(rnd(g, tB ? [n, k] : [k, n])), [C, C2] = both(rnd(g, [m, n]));
        G.gemm(C, A, B, m, n, k, tA, tB, 0.7, 0.3);
        jsBackend.gemm(C2, A2, B2, m, n, k, tA, tB, 0.7, 0.3);
        await compare(t, C, C2, `${m}×${k}·${k}×${n} transA ${tA} transB ${tB}`);
      }
    }
    // operands at offsets inside larger storages
    const [big, big2] = both(rnd(g, [100]));
    const A = big.narrow(0, 3, 12).view([3, 4]), A2 = big2.narrow(0, 3, 12).view([3, 4]);
    const B = big.narrow(0, 40, 8).view([4, 2]), B2 = big2.narrow(0, 40, 8).view([4, 2]);
    const C = big.narrow(0, 70, 6).view([3, 2]), C2 = big2.narrow(0, 70, 6).view([3, 2]);
    G.gemm(C, A, B, 3, 2, 4, false, false, 1, 1);
    jsBackend.gemm(C2, A2, B2, 3, 2, 4, false, false, 1, 1);
    await compare(t, big, big2, 'offsets: result written at its place, the rest of the storage kept');
    nn.setBackend('js');
  });

  test(`${M} parity: gpu glimpse and its backward: block average, bilinear, copy, clamping, odd sizes`, async (t) => {
    use(G);
    const g = new nn.Generator(9);
    const shapes: [string, GlimpseShape, number, number, number][] = [
      ['scale 2, depth 3 (RAM)', { height: 8, width: 8, depth: 3, scale: 2 }, 1, 28, 28],
      ['odd size 5, depth 2', { height: 5, width: 5, depth: 2, scale: 2 }, 2, 13, 11],
      ['scale 1.5: bilinear', { height: 4, width: 6, depth: 3, scale: 1.5 }, 3, 20, 17],
      ['depth 1: copy', { height: 6, width: 6, depth: 1, scale: 2 }, 1, 9, 9],
    ];
    for (const [label, shape, C, H, W] of shapes) {
      const B = 3;
      const [img, img2] = both(rnd(g, [B, C, H, W], 0, 1));
      const [loc, loc2] = both(nn.Tensor.from([-1, 1, 0.3, -0.7, 1.4, -2], [B, 2]));
      const outShape = [B, shape.depth * C, shape.height, shape.width];
      const [out, out2] = both(nn.Tensor.zeros(outShape));
      G.glimpse(out, img, loc, B, C, H, W, shape);
      jsBackend.glimpse(out2, img2, loc2, B, C, H, W, shape);
      await compare(t, out, out2, `${label}: forward`);
      const [go, go2] = both(rnd(g, outShape));
      const [gi, gi2] = both(nn.Tensor.zeros([B, C, H, W]));
      G.glimpseBackward(gi, go, loc, B, C, H, W, shape);
      jsBackend.glimpseBackward(gi2, go2, loc2, B, C, H, W, shape);
      await compare(t, gi, gi2, `${label}: backward`);
    }
    nn.setBackend('js');
  });

  test(`${M} parity: gpu strided copies (narrow, transpose, select) and copies within one storage`, async (t) => {
    use(G);
    const g = new nn.Generator(11);
    const [x, x2] = both(rnd(g, [4, 6, 5]));
    const [y, y2] = both(rnd(g, [4, 9, 5]));
    y.narrow(1, 2, 6).copy(x);
    y2.narrow(1, 2, 6).copy(x2);
    await compare(t, y, y2, 'narrow along dim 1 (JoinTable, Concat)', 0);
    const [z, z2] = both(rnd(g, [5, 4]));
    z.copy(x.select(1, 3).transpose(0, 1));
    z2.copy(x2.select(1, 3).transpose(0, 1));
    await compare(t, z, z2, 'from a transposed select', 0);
    const [w, w2] = both(rnd(g, [6, 6]));
    w.narrow(0, 0, 3).copy(w.narrow(0, 2, 3));
    w2.narrow(0, 0, 3).copy(w2.narrow(0, 2, 3));
    await compare(t, w, w2, 'overlapping rows of one storage', 0);
    const f = rnd(g, [3, 4]);
    f.narrow(1, 1, 2).fill(7);
    f.fill(2);
    await G.sync(f);
    t.deepEqual(Array.from(f.toArray()), new Array(12).fill(2), 'fill on the GPU');
    nn.setBackend('js');
  });

  test(`${M} parity: gpu Adam, class NLL gradient (weights, ignore index), argmax and class reward`, async (t) => {
    use(G);
    const g = new nn.Generator(13);
    const [p, p2] = both(rnd(g, [50])), [gr, gr2] = both(rnd(g, [50])), [m, m2] = both(rnd(g, [50], 0, 0.1)), [v, v2] = both(rnd(g, [50], 0, 0.1));
    for (let step = 1; step <= 3; step++) {
      G.adam(p, gr, m, v, 0.01, 0.9, 0.999, 1e-8, step);
      jsBackend.adam(p2, gr2, m2, v2, 0.01, 0.9, 0.999, 1e-8, step);
    }
    await compare(t, p, p2, 'Adam: parameters after 3 steps');
    await compare(t, v, v2, 'Adam: second moment');
    const [tg, tg2] = both(nn.Tensor.from([2, 0, 4, 1], [4]));
    const [wt, wt2] = both(nn.Tensor.from([0.5, 1, 2, 1, 3], [5]));
    const [gi, gi2] = both(nn.Tensor.zeros([4, 5]));
    G.classNLLBackward(gi, tg, wt, 4, 5, 4, 0.25);
    jsBackend.classNLLBackward(gi2, tg2, wt2, 4, 5, 4, 0.25);
    await compare(t, gi, gi2, 'class NLL backward, weighted, row with the ignore index zero', 0);
    const [x, x2] = both(rnd(g, [6, 10]));
    const [am, am2] = both(nn.Tensor.zeros([6]));
    G.argmaxRows(am, x, 6, 10);
    jsBackend.argmaxRows(am2, x2, 6, 10);
    await compare(t, am, am2, 'argmax rows', 0);
    const [rw, rw2] = both(nn.Tensor.zeros([6]));
    const [tt, tt2] = both(nn.Tensor.from(Array.from(am2.toArray()), [6]));
    tt.set([4], 1);
    tt2.set([4], 1);
    G.classReward(rw, am, tt, 6, 1);
    jsBackend.classReward(rw2, am2, tt2, 6, 1);
    await compare(t, rw, rw2, 'class reward', 0);
    nn.setBackend('js');
  });

  test(`${M} gpu: RAM training steps stay on the GPU (one readback a step) and follow the js backend`, async (t) => {
    const data = loadDataset('mnist');
    const B = 8, steps = 3;
    const train = async (name: string): Promise<{ params: Float64Array[]; losses: number[] }> => {
      if (name === 'gpu') use(G);
      else nn.setBackend(name);
      nn.manualSeed(3);
      const ram = buildRam(defaultRamConfig);
      const adam = new nn.Adam({ lr: 0.001 });
      const [params, grads] = ram.agent.parameters();
      const x = nn.Tensor.zeros([B, 1, 28, 28]), y = nn.Tensor.zeros([B]);
      const losses: number[] = [];
      ram.agent.zeroGradParameters();
      for (let s = 0; s < steps; s++) {
        fillBatch(data.train, Uint32Array.from({ length: B }, (_, i) => s * B + i), 0, B, x, y);
        if (name === 'gpu') {
          G.resetStats();
          if (s === 0) {
            const out = ram.agent.forward(x);
            t.equal(G.stats.readbacks, 0, 'forward: no readback');
            t.deepEqual(Object.keys(G.stats.hostKernels), ['randomNormal'], 'forward: only the location noise is drawn on the host');
            if (G.mode === 'webgpu') t.throws(() => nn.asTensor((out as nn.Activity[])[0]!).toArray(), nn.StateError, 'its outputs are on the GPU');
            ram.agent.forward(x); // the same forward again (same parameters), so the step below is unchanged
          }
          nn.manualSeed(100 + s);
          G.resetStats();
          losses.push((await forwardBackwardGpu(G, ram, x, y)).loss);
          t.equal(G.stats.readbacks, 1, `step ${s}: one readback (${G.stats.readbackBytes} bytes)`);
          if (s > 0) t.equal(G.stats.allocations, 0, `step ${s}: no new device storage (steady state)`);
          const host = Object.keys(G.stats.hostKernels);
          G.resetStats();
          adam.step(params, grads);
          ram.agent.zeroGradParameters();
          t.equal(G.stats.readbacks, 0, `step ${s}: the update needs no readback`);
          t.deepEqual(G.stats.hostKernels, {}, `step ${s}: the update runs on the GPU`);
          if (s > 0) t.equal(G.stats.allocations, 0, `step ${s}: the update makes no new device storage`);
          t.ok(!host.includes('gemm') && !host.includes('glimpse') && !host.includes('glimpseBackward'), `step ${s}: products and glimpses on the GPU (host: ${host.join(', ')})`);
        } else {
          nn.manualSeed(100 + s);
          losses.push(forwardBackward(ram, x, y).loss);
          adam.step(params, grads);
          ram.agent.zeroGradParameters();
        }
      }
      if (name === 'gpu') await G.sync(params);
      const out = { params: flat(params), losses };
      nn.setBackend('js');
      return out;
    };
    const ref = await train('js');
    const got = await train('gpu');
    got.losses.forEach((l, i) => t.ok(Math.abs(l - ref.losses[i]!) < 1e-3 * Math.max(1, Math.abs(ref.losses[i]!)), `step ${i} loss ${l.toFixed(6)} vs js ${ref.losses[i]!.toFixed(6)}`));
    const e = relErr(got.params, ref.params);
    t.ok(e < 1e-3, `parameters after ${steps} Adam steps: relative error ${e.toExponential(2)} < 1e-3`);
  });

  test(`${M} gpu: the tensor library's sort and LongTensor arg-max kernels run on the host mirrors, counted; add, sum and index on the GPU; the js backend's values`, async (t) => {
    use(G);
    try {
      const { torch } = nn;
      const x = torch.Tensor([[3, -1, 2], [0.5, 4, -2]]), y = torch.Tensor([[1, 1, 1], [2, 2, 2]]);
      for (const k of ['binary', 'reduceDim', 'argReduceDim', 'sortDim', 'indexSelect']) delete G.stats.hostKernels[k];
      const sum = torch.add(x, 2, y);
      const s = x.sum(1);
      const [v, i] = x.max(1);
      const [sv] = torch.sort(x, 1);
      const ix = x.index(1, torch.LongTensor([2, 0]));
      await G.sync([sum, s, v, sv, ix]);
      t.deepEqual(sum.totable(), [[5, 1, 4], [4.5, 8, 2]], 'add');
      t.deepEqual([s.totable(), v.totable(), i.totable()], [[[4], [2.5]], [[3], [4]], [[0], [1]]], 'sum and max over a dimension');
      t.deepEqual(sv.totable(), [[-1, 2, 3], [-2, 0.5, 4]], 'sort');
      t.deepEqual(ix.totable(), [[2, 3], [-2, 0.5]], 'index');
      const counted = ['argReduceDim', 'sortDim'].map((k) => G.stats.hostKernels[k] ?? 0);
      t.ok(counted.every((c) => c >= 1), `host runs counted per kernel: ${counted.join(', ')}`);
      t.deepEqual(['binary', 'reduceDim', 'indexSelect'].map((k) => G.stats.hostKernels[k] ?? 0), [0, 0, 0], 'add, sum and index ran on the GPU (tensorKernels.ts)');
    } finally {
      nn.setBackend('js');
    }
  });

}
