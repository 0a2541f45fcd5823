/**
 * Part of the gpu suite (gpuSuite.ts): the tensor library's kernels on the gpu backend
 * (tensorKernels.ts) against the js backend, every op code once, on contiguous float32 tensors
 * that live on the GPU (the output of a gpu kernel, so a host fallback would be a StateError on
 * WebGPU), with one sync per family: pointwise math and reductions (in float64 on the js side),
 * comparisons into float32 results, max/min with positions and the index kernels (exactly, on
 * the same float32 inputs; index tensors are LongTensors on the host, as the op table makes them).
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
  gts: [0.1, 0], lts: [-0.3, 0], ges: [0.25, 0], les: [0.7, 0], eqs: [0.5, 0], nes: [-0.5, 0],
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

  extraSuite(G, M, use, onDevice);
}

/** Comparisons with scalars that are no float32, max/min with positions, and the index kernels. */
function extraSuite(G: nn.GpuBackend, M: string, use: (b: nn.GpuBackend) => void, onDevice: (vs: number[], shape: number[]) => nn.Tensor): void {
  const g = new nn.Generator(13);
  /** Small integers (ties and equal operands) and the float32 neighbours of 0.1. */
  const vals = (n: number) => Array.from({ length: n }, (_, i) => (i % 5 === 0 ? [Math.fround(0.1), 0.1000000089, 0.0999999791][i % 3]! : Math.round(g.uniform(-3, 3)) / 2));
  /** The js kernels' float32 inputs (host mirrors of fresh tensors) and float64 outputs (host memory). */
  const f32 = (vs: number[], shape: number[]) => nn.Tensor.from(vs, shape, 'float32');
  const f64 = (vs: number[], shape: number[]) => nn.Tensor.from(vs.map(Math.fround), shape, 'float64');
  /** Equal numbers (NaN to NaN); sums (tol > 0) to float32 rounding, the js side adding in float64 here. */
  const same = (got: nn.Tensor, want: nn.Tensor, tol = 0) => {
    const w = want.toArray();
    return got.numel() === want.numel() && got.toArray().every((v, i) => v === w[i] || (v !== v && w[i] !== w[i]) || Math.abs(v - w[i]!) <= tol * Math.max(1, Math.abs(w[i]!)));
  };
  const hostRuns = (names: string[]) => names.reduce((a, k) => a + (G.stats.hostKernels[k as keyof typeof G.stats.hostKernels] ?? 0), 0);

  test(`${M} gpu: comparisons into float32 results (scalars that are float32 numbers and scalars that are not)`, async (t) => {
    use(G);
    const n = 40, before = hostRuns(['unary', 'binary']);
    const runs: Array<[string, nn.Tensor, nn.Tensor]> = [];
    const xs = vals(n), ys = vals(n).reverse();
    for (const op of ['gts', 'lts', 'ges', 'les', 'eqs', 'nes'] as const) {
      for (const a of [0.1, Math.fround(0.1), -0.5, 1, 1 / 3]) {
        const out = nn.Tensor.zeros([n], 'float32'), ref = nn.Tensor.zeros([n], 'float64');
        G.unary(out, onDevice(xs, [n]), op, a, 0);
        jsBackend.unary(ref, f32(xs, [n]), op, a, 0);
        runs.push([`${op} ${a}`, out, ref]);
      }
    }
    for (const op of ['gt', 'lt', 'ge', 'le', 'eq', 'ne'] as const) {
      const out = nn.Tensor.zeros([n], 'float32'), ref = nn.Tensor.zeros([n], 'float64');
      G.binary(out, onDevice(xs, [n]), onDevice(ys, [n]), op, 0);
      jsBackend.binary(ref, f32(xs, [n]), f32(ys, [n]), op, 0);
      runs.push([op, out, ref]);
    }
    // through the op table: a float result given first, as torch.gt(floatRes, x, y)
    const x = onDevice(xs, [n]), res = nn.Tensor.zeros([n], 'float32');
    nn.torch.le(res, x, 0.1);
    runs.push(['torch.le(res, x, 0.1)', res, nn.Tensor.from(xs.map((v) => +(Math.fround(v) <= 0.1)), [n], 'float64')]);
    await G.sync(...runs.map((r) => r[1]));
    for (const [what, out, ref] of runs) t.ok(same(out, ref), `${what}: as the js kernel${same(out, ref) ? '' : ` (got ${out.toArray().join(' ')}, expected ${ref.toArray().join(' ')})`}`);
    t.equal(hostRuns(['unary', 'binary']) - before, 0, 'none ran on the host');
    nn.setBackend('js');
    t.end();
  });

  test(`${M} gpu: max and min over a dimension with their first positions (ties)`, async (t) => {
    use(G);
    const before = hostRuns(['argReduceDim']), runs: Array<[string, nn.Tensor, nn.Tensor]> = [];
    for (const [outer, n, inner] of [[3, 5, 4], [1, 7, 1], [6, 1, 2]] as const) {
      const vs = vals(outer * n * inner);
      for (const isMax of [true, false]) {
        const v = nn.Tensor.zeros([outer, inner], 'float32'), i = nn.Tensor.zeros([outer, inner], 'float32');
        const rv = nn.Tensor.zeros([outer, inner], 'float64'), ri = nn.Tensor.zeros([outer, inner], 'long');
        G.argReduceDim(v, i, onDevice(vs, [outer, n, inner]), outer, n, inner, isMax);
        jsBackend.argReduceDim(rv, ri, f32(vs, [outer, n, inner]), outer, n, inner, isMax);
        const what = `${isMax ? 'max' : 'min'} of ${outer}×${n}×${inner}`;
        runs.push([`${what}: values`, v, rv], [`${what}: positions`, i, ri.to('float64')]);
      }
    }
    await G.sync(...runs.map((r) => r[1]));
    for (const [what, out, ref] of runs) t.ok(same(out, ref), `${what} as the js kernel`);
    t.equal(hostRuns(['argReduceDim']) - before, 0, 'none ran on the host');
    nn.setBackend('js');
    t.end();
  });

  test(`${M} gpu: indexSelect, indexCopy, indexAdd, gather, scatter (repeated indices; a host LongTensor index)`, async (t) => {
    use(G);
    const names = ['indexSelect', 'indexCopy', 'gather', 'scatter'], before = hostRuns(names);
    const [outer, n, inner, m] = [2, 4, 3, 5];
    const xs = vals(outer * n * inner), ss = vals(outer * m * inner);
    const idx = nn.Tensor.from([3, 0, 3, 1, 2], [m], 'long');
    const gidx = nn.Tensor.from(Array.from({ length: outer * m * inner }, () => Math.floor(g.uniform(0, n))), [outer, m, inner], 'long');
    const runs: Array<[string, nn.Tensor, nn.Tensor]> = [];
    const pair = (shape: number[], init?: number[]): [nn.Tensor, nn.Tensor] => (init ? [onDevice(init, shape), f64(init, shape)] : [nn.Tensor.zeros(shape, 'float32'), nn.Tensor.zeros(shape, 'float64')]);
    {
      const [out, ref] = pair([outer, m, inner]);
      G.indexSelect(out, onDevice(xs, [outer, n, inner]), idx, outer, n, inner, m);
      jsBackend.indexSelect(ref, f32(xs, [outer, n, inner]), idx, outer, n, inner, m);
      runs.push(['indexSelect', out, ref]);
      const [gout, gref] = pair([outer, m, inner]);
      G.gather(gout, onDevice(xs, [outer, n, inner]), gidx, outer, n, inner, m);
      jsBackend.gather(gref, f32(xs, [outer, n, inner]), gidx, outer, n, inner, m);
      runs.push(['gather', gout, gref]);
    }
    for (const add of [false, true]) {
      const [out, ref] = pair([outer, n, inner], xs);
      G.indexCopy(out, onDevice(ss, [outer, m, inner]), idx, outer, n, inner, m, add);
      jsBackend.indexCopy(ref, f32(ss, [outer, m, inner]), idx, outer, n, inner, m, add);
      runs.push([add ? 'indexAdd' : 'indexCopy', out, ref]);
      for (const src of [true, false]) {
        const [sout, sref] = pair([outer, n, inner], xs);
        G.scatter(sout, src ? onDevice(ss, [outer, m, inner]) : null, -1.5, gidx, outer, n, inner, m, add);
        jsBackend.scatter(sref, src ? f32(ss, [outer, m, inner]) : null, -1.5, gidx, outer, n, inner, m, add);
        runs.push([`scatter${add ? ' (add)' : ''} of ${src ? 'a source' : 'a value'}`, sout, sref]);
      }
    }
    // through the op table, with a LongTensor index from the host
    const x = onDevice(xs, [outer * n, inner]);
    const rows = [3, 0, 3, 1, 2].flatMap((r) => xs.slice(r * inner, (r + 1) * inner));
    runs.push(['x.index(0, idx)', x.index(0, idx), f64(rows, [m, inner])]);
    await G.sync(...runs.map((r) => r[1]));
    for (const [what, out, ref] of runs) {
      const tol = /add/i.test(what) ? 1e-6 : 0;
      t.ok(same(out, ref, tol), `${what}: as the js kernel${same(out, ref, tol) ? '' : ` (got ${out.toArray().join(' ')}, expected ${ref.toArray().join(' ')})`}`);
    }
    t.equal(hostRuns(names) - before, 0, 'none ran on the host');
    nn.setBackend('js');
    t.end();
  });
}
