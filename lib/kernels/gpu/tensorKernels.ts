/**
 * The gpu versions of the tensor library's kernels (sources in tensorSources.ts): pointwise math
 * and comparisons, reductions, max/min over a dimension with positions, and the index kernels,
 * float32 in and out on the device (an index tensor in host memory, a LongTensor as the op table
 * makes them, is uploaded for the call). Everything else — integer and byte outputs (so the op
 * table's ByteTensor masks and LongTensor positions), a reduction over an empty dimension, norms
 * of infinite order, rpows of a base ≤ 0, a non-finite scalar — runs the js kernel on the host
 * mirrors (counted in stats.hostKernels).
 */
import type { Tensor } from '../../Tensor.js';
import type { LaunchContext } from './kernels.js';
import { BINARY_CODES, REDUCE_CODES, UNARY_CODES } from './tensorSources.js';
import type { KernelTable, UnaryOp } from '../KernelTable.js';

type TensorKernels = Pick<KernelTable, 'unary' | 'binary' | 'addcmul' | 'reduceDim' | 'argReduceDim' | 'indexSelect' | 'indexCopy' | 'gather' | 'scatter'>;

const f32 = (...ts: Tensor[]): boolean => ts.every((t) => t.dtype === 'float32');

type Comparison = 'gts' | 'lts' | 'ges' | 'les' | 'eqs' | 'nes';
const COMPARISONS: ReadonlySet<UnaryOp> = new Set<UnaryOp>(['gts', 'lts', 'ges', 'les', 'eqs', 'nes']);
/** A comparison with a float64 scalar a between two float32 numbers: by the float32 below a and above it. */
const SHIFTED: Readonly<Record<Comparison, { below: Comparison; above: Comparison }>> = {
  gts: { below: 'gts', above: 'ges' }, ges: { below: 'gts', above: 'ges' },
  lts: { below: 'les', above: 'lts' }, les: { below: 'les', above: 'lts' },
  eqs: { below: 'eqs', above: 'eqs' }, nes: { below: 'nes', above: 'nes' },
};

/**
 * The same comparison of float32 inputs with a float32 scalar (the kernels' numbers): x > a is
 * x ≥ fround(a) when fround(a) rounded up, since no float32 lies between; x = a never holds for an
 * a that is no float32 (a constant result).
 */
function exactComparison(op: Comparison, a: number): { op: Comparison; a: number } | { constant: number } {
  const a32 = Math.fround(a);
  if (a32 === a) return { op, a };
  if (op === 'eqs' || op === 'nes') return { constant: op === 'nes' ? 1 : 0 };
  return { op: a32 > a ? SHIFTED[op].above : SHIFTED[op].below, a: a32 };
}

export function tensorKernels({ launch, onGpu, host }: Pick<LaunchContext, 'launch' | 'onGpu' | 'host'>): TensorKernels {
  return {
    unary(out, x, op, a, b) {
      // clamp with one infinite bound is cmaxs or cmins
      if (op === 'clamp' && a === -Infinity && Number.isFinite(b)) [op, a, b] = ['cmins', b, 0];
      else if (op === 'clamp' && b === Infinity && Number.isFinite(a)) [op, b] = ['cmaxs', 0];
      const code = UNARY_CODES[op];
      if (code === undefined || !f32(out) || !onGpu(out, x) || (op === 'rpows' && !(a > 0)) || !Number.isFinite(a) || !Number.isFinite(b)) {
        return host('unary')(out, x, op, a, b);
      }
      if (COMPARISONS.has(op)) {
        if (!f32(x)) return host('unary')(out, x, op, a, b);
        const c = exactComparison(op as Comparison, a);
        if ('constant' in c) return launch('fill', out, out.numel(), c.constant);
        return launch('unaryOp', out, out.numel(), x, UNARY_CODES[c.op]!, c.a, 0);
      }
      launch('unaryOp', out, out.numel(), x, code, a, b);
    },
    binary(out, x, y, op, a) {
      const code = BINARY_CODES[op];
      if (code === undefined || !f32(out) || !onGpu(out, x, y) || !Number.isFinite(a)) return host('binary')(out, x, y, op, a);
      launch('binaryOp', out, out.numel(), x, y, code, a);
    },
    addcmul(out, x, v, y, z, div) {
      if (!f32(out) || !onGpu(out, x, y, z) || !Number.isFinite(v)) return host('addcmul')(out, x, v, y, z, div);
      launch('addcmulOp', out, out.numel(), x, y, z, v, div ? 1 : 0);
    },
    reduceDim(out, x, outer, n, inner, op, p) {
      const code = REDUCE_CODES[op];
      if (code === undefined || n === 0 || !f32(out) || !onGpu(out, x) || !Number.isFinite(p)) return host('reduceDim')(out, x, outer, n, inner, op, p);
      launch('reduceOp', out, outer * inner, x, n, inner, code, p);
    },
    // the positions need a float32 indices tensor on the GPU (the op table's are LongTensors, on the host)
    argReduceDim(values, indices, x, outer, n, inner, isMax) {
      if (n === 0 || !f32(values, indices) || !onGpu(values, x) || !onGpu(indices)) return host('argReduceDim')(values, indices, x, outer, n, inner, isMax);
      launch('argReduceOp', values, outer * inner, x, n, inner, isMax ? 1 : 0, 0);
      launch('argReduceOp', indices, outer * inner, x, n, inner, isMax ? 1 : 0, 1);
    },
    indexSelect(out, x, index, outer, n, inner, m) {
      if (!f32(out) || !onGpu(out, x, index)) return host('indexSelect')(out, x, index, outer, n, inner, m);
      launch('indexSelectOp', out, outer * m * inner, x, index, n, m, inner);
    },
    indexCopy(out, src, index, outer, n, inner, m, add) {
      if (!f32(out) || !onGpu(out, src, index)) return host('indexCopy')(out, src, index, outer, n, inner, m, add);
      launch('indexCopyOp', out, outer * n * inner, out, src, index, n, m, inner, add ? 1 : 0);
    },
    gather(out, x, index, outer, n, inner, m) {
      if (!f32(out) || !onGpu(out, x, index)) return host('gather')(out, x, index, outer, n, inner, m);
      launch('gatherOp', out, outer * m * inner, x, index, n, m, inner);
    },
    scatter(out, src, value, index, outer, n, inner, m, add) {
      if (!f32(out) || !onGpu(out, src, index) || !Number.isFinite(value)) return host('scatter')(out, src, value, index, outer, n, inner, m, add);
      launch('scatterOp', out, outer * n * inner, out, src ?? index, index, value, src ? 1 : 0, n, m, inner, add ? 1 : 0);
    },
  };
}
