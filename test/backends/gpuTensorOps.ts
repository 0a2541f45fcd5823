/**
 * Part of the gpu suite (gpuSuite.ts): the tensor library's pointwise and reduction kernels on the
 * gpu backend (tensorKernels.ts) against the js backend in float64, every op code once, on
 * contiguous float32 tensors that live on the GPU (the output of a gpu kernel, so a host fallback
 * would be a StateError on WebGPU), with one sync per family.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import type { BinaryOp, ReduceOp, UnaryOp } from '../../lib/kernels/KernelTable.js';
import { BINARY_CODES, REDUCE_CODES, UNARY_CODES } from '../../lib/kernels/gpu/tensorSources.js';
import { relErr } from './caseRun.js';

/** Inputs in the domain of each op (logs of positives, asin/acos in (−1, 1), …). */
const RANGE: Partial<Record<UnaryOp | BinaryOp, [number, number]>> = {
  log: [0.2, 3], sqrt: [0.1, 3], rsqrt: [0.2, 3], asin: [-0.7, 0.7], acos: [-0.7, 0.7], cinv: [0.3, 2], log1p: [-0.5, 2],
  cdiv: [0.3, 2], cfmod: [0.4, 2], cremainder: [0.4, 2], tan: [-1.2, 1.2],
};
const PARAMS: Partial<Record<UnaryOp, [number, number]>> = {
  affine: [1.5, -0.25], divs: [0.7, 0], pows: [3, 0], rpows: [2.5, 0], clamp: [-0.3, 0.4], fmod: [0.35, 0], remainder: [0.35, 0], cmaxs: [0.1, 0], cmins: [-0.1, 0],
};

export function tensorOpsSuite(G: nn.GpuBackend, M: string, use: (b: nn.GpuBackend) => void): void {
  const g = new nn.Generator(11);
  const vals = (n: number, [a, b]: [number, number] = [-2, 2]) => Array.from({ length: n }, () => g.uniform(a, b));
  /** A float32 tensor on the GPU holding vs (written by a gpu kernel: a copy from the host values). */
  const onDevice = (vs: number[], shape: number[]): nn.Tensor => {
    const t = nn.Tensor.zeros(shape, 'float32');
    t.copy(nn.Tensor.from(vs, shape, 'float32'));
    G.unary(t, t, 'affine', 1, 0);
    return t;
  };
  const err = (got: nn.Tensor, want: nn.Tensor) => relErr([Float64Array.from(got.toArray())], [Float64Array.from(want.toArray())]);

  test(`${M} gpu: the tensor library's pointwise kernels (every unary and binary op code, addcmul/addcdiv)`, async (t) => {
    use(G);
    const n = 37, before = G.stats.hostKernels.unary ?? 0;
    const runs: Array<[string, nn.Tensor, nn.Tensor]> = [];
    for (const op of Object.keys(UNARY_CODES) as UnaryOp[]) {
      const vs = vals(n, RANGE[op]), [a, b] = PARAMS[op] ?? [0, 0];
      const x = onDevice(vs, [n]), out = nn.Tensor.zeros([n], 'float32'), ref = nn.Tensor.zeros([n], 'float64');
      G.unary(out, x, op, a, b);
      jsBackend.unary(ref, nn.Tensor.from(vs, [n], 'float64'), op, a, b);
      runs.push([`unary ${op}`, out, ref]);
    }
    for (const op of Object.keys(BINARY_CODES) as BinaryOp[]) {
      const xs = vals(n, op === 'cpow' ? [-2, 2] : RANGE[op]), ys = op === 'cpow' ? vals(n).map((v) => Math.round(v * 2)) : vals(n, RANGE[op]);
      const x = onDevice(xs, [n]), y = onDevice(ys, [n]), out = nn.Tensor.zeros([n], 'float32'), ref = nn.Tensor.zeros([n], 'float64');
      G.binary(out, x, y, op, 0.6);
      jsBackend.binary(ref, nn.Tensor.from(xs, [n], 'float64'), nn.Tensor.from(ys, [n], 'float64'), op, 0.6);
      runs.push([`binary ${op}`, out, ref]);
    }
    for (const div of [false, true]) {
      const xs = vals(n), ys = vals(n), zs = vals(n, [0.5, 2]);
      const out = nn.Tensor.zeros([n], 'float32'), ref = nn.Tensor.zeros([n], 'float64');
      G.addcmul(out, onDevice(xs, [n]), -0.7, onDevice(ys, [n]), onDevice(zs, [n]), div);
      const [X, Y, Z] = [xs, ys, zs].map((v) => nn.Tensor.from(v, [n], 'float64')) as [nn.Tensor, nn.Tensor, nn.Tensor];
      jsBackend.addcmul(ref, X, -0.7, Y, Z, div);
      runs.push([div ? 'addcdiv' : 'addcmul', out, ref]);
    }
    await G.sync(...runs.map((r) => r[1]));
    // inverse trigonometric functions are approximations in float32 GPU math (GLSL, WGSL): 1e-3
    for (const [what, out, ref] of runs) {
      const tol = /asin|acos/.test(what) ? 1e-3 : 1e-4;
      t.ok(err(out, ref) <= tol, `${what}: relative error ${err(out, ref).toExponential(2)} ≤ ${tol}`);
    }
    t.equal((G.stats.hostKernels.unary ?? 0) - before, 0, 'no unary op ran on the host');
    nn.setBackend('js');
    t.end();
  });

  test(`${M} gpu: reductions over a dimension (sum, mean, max, min, prod, norm p = 0, 1, 2, 3, var, std)`, async (t) => {
    use(G);
    const [outer, n, inner] = [3, 5, 4], runs: Array<[string, nn.Tensor, nn.Tensor]> = [];
    const cases: Array<[ReduceOp, number]> = [['sum', 0], ['mean', 0], ['max', 0], ['min', 0], ['prod', 0], ['norm', 0], ['norm', 1], ['norm', 2], ['norm', 3], ['var', 1], ['var', 0], ['std', 1]];
    for (const [op, p] of cases) {
      if (REDUCE_CODES[op] === undefined) continue;
      const vs = vals(outer * n * inner).map((v) => (op === 'norm' && p === 0 && v > 1 ? 0 : v));
      const x = onDevice(vs, [outer, n, inner]), out = nn.Tensor.zeros([outer, inner], 'float32'), ref = nn.Tensor.zeros([outer, inner], 'float64');
      G.reduceDim(out, x, outer, n, inner, op, p);
      jsBackend.reduceDim(ref, nn.Tensor.from(vs, [outer, n, inner], 'float64'), outer, n, inner, op, p);
      runs.push([`${op} p=${p}`, out, ref]);
    }
    await G.sync(...runs.map((r) => r[1]));
    for (const [what, out, ref] of runs) t.ok(err(out, ref) <= 1e-4, `${what}: relative error ${err(out, ref).toExponential(2)}`);
    nn.setBackend('js');
    t.end();
  });
}
