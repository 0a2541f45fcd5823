/**
 * The js backend's kernels for the tensor library (lib/torch/): pointwise math with op codes,
 * reductions, scans, index/gather/scatter and sort over an outer × n × inner block. Any element
 * type: writes into an integer array truncate as the typed array does. Sums accumulate in float64.
 */
import type { Tensor } from '../../Tensor.js';
import type { BinaryOp, ReduceOp, UnaryOp } from '../KernelTable.js';

type F1 = (x: number, a: number, b: number) => number;
type F2 = (x: number, y: number, a: number) => number;

const roundHalfAway = (x: number): number => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5));

export const UNARY: Readonly<Record<UnaryOp, F1>> = {
  abs: Math.abs, sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), neg: (x) => -x, exp: Math.exp, log: Math.log,
  log1p: Math.log1p, expm1: Math.expm1, sqrt: Math.sqrt, rsqrt: (x) => 1 / Math.sqrt(x), sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  tanh: Math.tanh, sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, floor: Math.floor, ceil: Math.ceil, round: roundHalfAway, trunc: Math.trunc,
  frac: (x) => x - Math.trunc(x), cinv: (x) => 1 / x, square: (x) => x * x,
  affine: (x, a, b) => a * x + b, divs: (x, a) => x / a, pows: (x, a) => x ** a, rpows: (x, a) => a ** x,
  clamp: (x, a, b) => (x < a ? a : x > b ? b : x), fmod: (x, a) => x % a, remainder: (x, a) => x - Math.floor(x / a) * a,
  cmaxs: (x, a) => (x > a ? x : a), cmins: (x, a) => (x < a ? x : a),
  gts: (x, a) => +(x > a), lts: (x, a) => +(x < a), ges: (x, a) => +(x >= a), les: (x, a) => +(x <= a), eqs: (x, a) => +(x === a), nes: (x, a) => +(x !== a),
};

export const BINARY: Readonly<Record<BinaryOp, F2>> = {
  add: (x, y, a) => x + a * y, cmul: (x, y) => x * y, cdiv: (x, y) => x / y, cpow: (x, y) => x ** y, cfmod: (x, y) => x % y,
  cremainder: (x, y) => x - Math.floor(x / y) * y, cmax: (x, y) => (x > y ? x : y), cmin: (x, y) => (x < y ? x : y),
  atan2: Math.atan2, lerp: (x, y, a) => x + a * (y - x),
  gt: (x, y) => +(x > y), lt: (x, y) => +(x < y), ge: (x, y) => +(x >= y), le: (x, y) => +(x <= y), eq: (x, y) => +(x === y), ne: (x, y) => +(x !== y),
};

/** Integer division truncates toward zero, as C's does for Torch's integer tensors (the typed array does it on store). */
export function unary(out: Tensor, x: Tensor, op: UnaryOp, a: number, b: number): void {
  const o = out.data, xd = x.data, n = out.numel(), oo = out.offset, xo = x.offset;
  if (op === 'affine') {
    for (let i = 0; i < n; i++) o[oo + i] = a * xd[xo + i]! + b;
    return;
  }
  const f = UNARY[op];
  for (let i = 0; i < n; i++) o[oo + i] = f(xd[xo + i]!, a, b);
}

export function binary(out: Tensor, x: Tensor, y: Tensor, op: BinaryOp, a: number): void {
  const o = out.data, xd = x.data, yd = y.data, n = out.numel(), oo = out.offset, xo = x.offset, yo = y.offset;
  if (op === 'add') {
    for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! + a * yd[yo + i]!;
    return;
  }
  const f = BINARY[op];
  for (let i = 0; i < n; i++) o[oo + i] = f(xd[xo + i]!, yd[yo + i]!, a);
}

export function addcmul(out: Tensor, x: Tensor, v: number, y: Tensor, z: Tensor, div: boolean): void {
  const o = out.data, xd = x.data, yd = y.data, zd = z.data, n = out.numel();
  const oo = out.offset, xo = x.offset, yo = y.offset, zo = z.offset;
  if (div) for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! + v * (yd[yo + i]! / zd[zo + i]!);
  else for (let i = 0; i < n; i++) o[oo + i] = xd[xo + i]! + v * yd[yo + i]! * zd[zo + i]!;
}

export function reduceDim(out: Tensor, x: Tensor, outer: number, n: number, inner: number, op: ReduceOp, p: number): void {
  const o = out.data, xd = x.data, oo = out.offset, xo = x.offset;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < inner; i++) {
      const base = xo + a * n * inner + i;
      let r: number;
      switch (op) {
        case 'sum': case 'mean': {
          r = 0;
          for (let k = 0; k < n; k++) r += xd[base + k * inner]!;
          if (op === 'mean') r /= n;
          break;
        }
        case 'prod': r = 1; for (let k = 0; k < n; k++) r *= xd[base + k * inner]!; break;
        case 'max': case 'min': {
          r = op === 'max' ? -Infinity : Infinity;
          for (let k = 0; k < n; k++) {
            const v = xd[base + k * inner]!;
            if (v !== v) { r = v; break; }
            if (op === 'max' ? v > r : v < r) r = v;
          }
          break;
        }
        case 'norm': {
          r = 0;
          if (p === Infinity) for (let k = 0; k < n; k++) r = Math.max(r, Math.abs(xd[base + k * inner]!));
          else if (p === 0) for (let k = 0; k < n; k++) r += xd[base + k * inner]! !== 0 ? 1 : 0;
          else {
            for (let k = 0; k < n; k++) r += Math.abs(xd[base + k * inner]!) ** p;
            r = p === 1 ? r : r ** (1 / p);
          }
          break;
        }
        case 'var': case 'std': {
          let mean = 0;
          for (let k = 0; k < n; k++) mean += xd[base + k * inner]!;
          mean /= n;
          let ss = 0;
          for (let k = 0; k < n; k++) ss += (xd[base + k * inner]! - mean) ** 2;
          r = ss / (p ? n - 1 : n); // p = 1: unbiased (n − 1), Torch's default
          if (op === 'std') r = Math.sqrt(r);
          break;
        }
        case 'all': r = 1; for (let k = 0; k < n; k++) if (!xd[base + k * inner]) { r = 0; break; } break;
        case 'any': r = 0; for (let k = 0; k < n; k++) if (xd[base + k * inner]) { r = 1; break; } break;
      }
      o[oo + a * inner + i] = r;
    }
  }
}

export function argReduceDim(values: Tensor, indices: Tensor, x: Tensor, outer: number, n: number, inner: number, isMax: boolean): void {
  const v = values.data, id = indices.data, xd = x.data, vo = values.offset, io = indices.offset, xo = x.offset;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < inner; i++) {
      const base = xo + a * n * inner + i;
      let best = xd[base]!, at = 0;
      if (best === best) {
        for (let k = 1; k < n; k++) {
          const e = xd[base + k * inner]!;
          if (e !== e) { best = e; at = k; break; }
          if (isMax ? e > best : e < best) { best = e; at = k; }
        }
      }
      v[vo + a * inner + i] = best;
      id[io + a * inner + i] = at;
    }
  }
}

export function scanDim(out: Tensor, x: Tensor, outer: number, n: number, inner: number, prod: boolean): void {
  const o = out.data, xd = x.data, oo = out.offset, xo = x.offset;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < inner; i++) {
      let r = prod ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const at = a * n * inner + k * inner + i;
        r = prod ? r * xd[xo + at]! : r + xd[xo + at]!;
        o[oo + at] = r;
      }
    }
  }
}

export function indexSelect(out: Tensor, x: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number): void {
  const o = out.data, xd = x.data, id = index.data, oo = out.offset, xo = x.offset, io = index.offset;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const src = xo + (a * n + id[io + j]!) * inner, dst = oo + (a * m + j) * inner;
      for (let i = 0; i < inner; i++) o[dst + i] = xd[src + i]!;
    }
  }
}

export function indexCopy(out: Tensor, src: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number, add: boolean): void {
  const o = out.data, sd = src.data, id = index.data, oo = out.offset, so = src.offset, io = index.offset;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const dst = oo + (a * n + id[io + j]!) * inner, from = so + (a * m + j) * inner;
      if (add) for (let i = 0; i < inner; i++) o[dst + i] = o[dst + i]! + sd[from + i]!;
      else for (let i = 0; i < inner; i++) o[dst + i] = sd[from + i]!;
    }
  }
}

export function gather(out: Tensor, x: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number): void {
  const o = out.data, xd = x.data, id = index.data, oo = out.offset, xo = x.offset, io = index.offset;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const row = (a * m + j) * inner;
      for (let i = 0; i < inner; i++) o[oo + row + i] = xd[xo + (a * n + id[io + row + i]!) * inner + i]!;
    }
  }
}

export function scatter(out: Tensor, src: Tensor | null, value: number, index: Tensor, outer: number, n: number, inner: number, m: number, add: boolean): void {
  const o = out.data, id = index.data, oo = out.offset, io = index.offset;
  const sd = src?.data, so = src?.offset ?? 0;
  for (let a = 0; a < outer; a++) {
    for (let j = 0; j < m; j++) {
      const row = (a * m + j) * inner;
      for (let i = 0; i < inner; i++) {
        const dst = oo + (a * n + id[io + row + i]!) * inner + i;
        const v = sd ? sd[so + row + i]! : value;
        if (add) o[dst] = o[dst]! + v;
        else o[dst] = v;
      }
    }
  }
}

export function sortDim(values: Tensor, indices: Tensor, x: Tensor, outer: number, n: number, inner: number, descending: boolean): void {
  const v = values.data, id = indices.data, xd = x.data, vo = values.offset, io = indices.offset, xo = x.offset;
  const keys = new Float64Array(n);
  const order = new Int32Array(n);
  // NaN sorts last either way; ties keep their order (stable)
  const cmp = descending
    ? (p: number, q: number) => { const a = keys[p]!, b = keys[q]!; return a !== a ? (b !== b ? p - q : 1) : b !== b ? -1 : b - a || p - q; }
    : (p: number, q: number) => { const a = keys[p]!, b = keys[q]!; return a !== a ? (b !== b ? p - q : 1) : b !== b ? -1 : a - b || p - q; };
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < inner; i++) {
      const base = a * n * inner + i;
      for (let k = 0; k < n; k++) { keys[k] = xd[xo + base + k * inner]!; order[k] = k; }
      order.sort(cmp);
      for (let k = 0; k < n; k++) {
        v[vo + base + k * inner] = keys[order[k]!]!;
        id[io + base + k * inner] = order[k]!;
      }
    }
  }
}
