/**
 * The wasm backend's tensor-library kernels (lib/kernels/wasm/tensorOps.ts) against the js
 * reference on the same float32 inputs: every wasm op code, odd sizes (1, 7, 1031) and blocks
 * outer × n × inner with inner 1 and inner > 1, NaN, ±Infinity, ±0 and ties. Tolerances: 1e-6
 * relative for the exact ops (in practice they agree bit for bit: the float64 ones are computed in
 * f64 lanes); exp, log, sigmoid and tanh are float32 approximations within 3 ulp, compared at 1e-6
 * relative (≈ 8 ulp); sums over n up to 1e6 at 1e-5 relative. Indices, sorts, arg-reductions,
 * selections and comparisons must match exactly. Each wasm call is also checked to have run in wasm
 * (no fallback counted), and float64 operands to fall back and be counted.
 */
import test from 'tape';
import { setBackend, backend, Tensor, type DType, type KernelTable } from '../../index.js';
import type { BinaryOp, ReduceOp, UnaryOp } from '../../lib/kernels/KernelTable.js';
import { resetWasmFallbacks, wasmFallbacks } from '../../lib/kernels/wasm/index.js';

type Spec = { values: ArrayLike<number>; dtype?: DType } | { zeros: number; dtype?: DType };
type Out = number[][];

let seed = 12345;
/** A seeded uniform in [lo, hi) (LCG), so that failures reproduce. */
function uniform(lo: number, hi: number): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return lo + ((hi - lo) * seed) / 0x100000000;
}
const randoms = (n: number, lo = -3, hi = 3): number[] => Array.from({ length: n }, () => Math.fround(uniform(lo, hi)));
const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, 0.5, -0.5, 2.5, -2.5, 1, -1, Math.fround(0.1), 100, -100, 1e-30, -1e-30, 3e38];
/** n random values with the specials spread over them (n ≥ 40), or plain randoms. */
function withSpecials(n: number, lo = -3, hi = 3): number[] {
  const v = randoms(n, lo, hi);
  if (n >= 40) SPECIALS.forEach((s, i) => (v[Math.floor((i * n) / SPECIALS.length) + 1] = s));
  return v;
}

/** Runs `call` on a backend with the inputs allocated there; returns every tensor's numbers after it. */
function runOn(name: 'js' | 'wasm', specs: Spec[], call: (b: KernelTable, ts: Tensor[]) => void): Out {
  setBackend(name);
  const ts = specs.map((s) => ('zeros' in s ? Tensor.zeros([s.zeros], s.dtype) : Tensor.from(s.values, [s.values.length], s.dtype)));
  call(backend(), ts);
  return ts.map((t) => Array.from(t.storage.data.subarray(t.offset, t.offset + t.numel())));
}

/** js and wasm results of one call, and whether the wasm call fell back to js. */
function both(specs: Spec[], call: (b: KernelTable, ts: Tensor[]) => void): { ref: Out; got: Out; fell: string } {
  const ref = runOn('js', specs, call);
  resetWasmFallbacks();
  const got = runOn('wasm', specs, call);
  const fell = Object.keys(wasmFallbacks()).join(', ');
  setBackend('js');
  return { ref, got, fell };
}

/** The first place where got and ref differ by more than rel·|ref| + abs (NaN = NaN; exact: Object.is), or ''. */
function mismatch(got: number[], ref: number[], rel: number, abs = 0, exact = false): string {
  if (got.length !== ref.length) return `length ${got.length} ≠ ${ref.length}`;
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!, r = ref[i]!;
    if (exact ? Object.is(g, r) : g === r || (g !== g && r !== r)) continue;
    if (exact || !(Math.abs(g - r) <= rel * Math.abs(r) + abs)) return `at ${i}: wasm ${g}, js ${r}`;
  }
  return '';
}

/** Asserts that the wasm run did not fall back and that every output tensor (indices `outs`) matches. */
function check(t: test.Test, label: string, r: { ref: Out; got: Out; fell: string }, outs: number[], rel: number, exact = false, abs = 0): void {
  const bad = outs.map((i) => mismatch(r.got[i]!, r.ref[i]!, rel, abs, exact)).filter((m) => m).join('; ');
  t.ok(!r.fell && !bad, `${label}${r.fell ? `: fell back (${r.fell})` : ''}${bad ? `: ${bad}` : ''}`);
}

const SIZES = [1, 7, 1031];
const APPROX = new Set<UnaryOp>(['exp', 'log', 'sigmoid', 'tanh']);

test('wasm unary: every op code on odd sizes with NaN, ±Infinity, ±0 and halves', (t) => {
  const cases: [UnaryOp, number, number][] = [
    ['affine', 0.7, 0.3], ['affine', 2, 0], ['affine', -1, 0], ['affine', 1, 0.5], ['affine', 1, 0.1], ['divs', 3, 0],
    ['rsqrt', 0, 0], ['gts', 0.1, 0], ['lts', 0.1, 0], ['ges', 0.5, 0], ['les', 0.5, 0], ['eqs', 0.1, 0], ['eqs', Math.fround(0.1), 0],
    ['nes', 0.5, 0], ['abs', 0, 0], ['neg', 0, 0], ['sqrt', 0, 0], ['square', 0, 0], ['exp', 0, 0], ['log', 0, 0],
    ['sigmoid', 0, 0], ['tanh', 0, 0], ['clamp', -0.5, 0.7], ['cmaxs', 0.25, 0], ['cmins', 0.25, 0], ['floor', 0, 0],
    ['ceil', 0, 0], ['trunc', 0, 0], ['round', 0, 0], ['sign', 0, 0], ['frac', 0, 0], ['cinv', 0, 0],
  ];
  for (const [op, a, b] of cases) {
    for (const n of SIZES) {
      // exp's range reaches its overflow and subnormal results; log's and sqrt's the negatives (NaN)
      const x = op === 'exp' ? withSpecials(n, -110, 90) : op === 'log' ? withSpecials(n, -1, 1e6) : withSpecials(n);
      const r = both([{ values: x }, { zeros: n }], (k, [xt, out]) => k.unary(out!, xt!, op, a, b));
      check(t, `${op}(${a}, ${b}) n=${n}`, r, [1], 1e-6, false, APPROX.has(op) ? 1.5e-44 : 0); // approximations: ≤ 1 ulp of a subnormal result
    }
  }
  // subnormal results of exp and sigmoid: within one ulp (1.4e-45) of the subnormal grid
  for (const op of ['exp', 'sigmoid'] as UnaryOp[]) {
    const sub = both([{ values: randoms(257, -103, -88) }, { zeros: 257 }], (k, [xt, out]) => k.unary(out!, xt!, op, 0, 0));
    check(t, `${op} with subnormal results`, sub, [1], 1e-6, false, 1.5e-45);
  }
  t.end();
});

test('wasm binary: every op code, ties, zeros in the divisor, NaN', (t) => {
  const cases: [BinaryOp, number][] = [['add', 1], ['add', -1], ['add', 0.7], ['lerp', 0.3], ['cmul', 0], ['cdiv', 0], ['cmax', 0],
    ['cmin', 0], ['gt', 0], ['lt', 0], ['ge', 0], ['le', 0], ['eq', 0], ['ne', 0]];
  for (const [op, a] of cases) {
    for (const n of SIZES) {
      const x = withSpecials(n), y = withSpecials(n).reverse();
      for (let i = 0; i < n; i += 5) y[i] = x[i]!; // ties
      if (n > 3) y[3] = 0;
      const r = both([{ values: x }, { values: y }, { zeros: n }], (k, [xt, yt, out]) => k.binary(out!, xt!, yt!, op, a));
      check(t, `${op}(${a}) n=${n}`, r, [2], 1e-6);
    }
  }
  t.end();
});

test('wasm addcmul: x + v·y·z and x + v·y/z', (t) => {
  for (const div of [false, true]) {
    for (const n of SIZES) {
      const specs: Spec[] = [{ values: withSpecials(n) }, { values: randoms(n) }, { values: randoms(n, 0.5, 2) }, { zeros: n }];
      const r = both(specs, (k, [x, y, z, out]) => k.addcmul(out!, x!, 0.3, y!, z!, div));
      check(t, `addcmul div=${div} n=${n}`, r, [3], 1e-6);
    }
  }
  t.end();
});

const BLOCKS: [number, number, number][] = [[1, 1, 1], [1, 7, 1], [1, 1031, 1], [3, 17, 1], [3, 17, 5], [2, 9, 4], [4, 3, 1031], [2, 0, 3], [3, 0, 1]];

/** A block of values with NaN in some rows, ±Infinity in others, ±0 and ties. */
function blockValues(outer: number, n: number, inner: number, lo = -3, hi = 3): number[] {
  const v = randoms(outer * n * inner, lo, hi).map((e) => Math.fround(Math.round(e * 8) / 8)); // ties
  if (n > 2 && outer > 1) {
    v[(1 * n + 1) * inner] = NaN; // row (1, ·, 0)
    v[(1 * n + n - 1) * inner] = NaN;
    v[(0 * n + 2) * inner] = Infinity;
    v[(0 * n + 1) * inner] = -Infinity;
    v[(outer - 1) * n * inner + inner - 1] = -0;
  }
  return v;
}

test('wasm reduceDim: sum, mean, prod, max, min over blocks (inner 1 and > 1, NaN and ±Infinity rows)', (t) => {
  for (const op of ['sum', 'mean', 'prod', 'max', 'min'] as ReduceOp[]) {
    for (const [outer, n, inner] of BLOCKS) {
      const x = op === 'prod' ? blockValues(outer, n, inner, 0.5, 1.5) : blockValues(outer, n, inner);
      const r = both([{ values: x }, { zeros: outer * inner }], (k, [xt, out]) => k.reduceDim(out!, xt!, outer, n, inner, op, 0));
      check(t, `${op} ${outer}×${n}×${inner}`, r, [1], 1e-6);
    }
  }
  for (const op of ['sum', 'mean'] as ReduceOp[]) {
    const n = 1000003, x = randoms(n, 0, 1); // float32 lanes would drift; f64 lanes must not
    const r = both([{ values: x }, { zeros: 1 }], (k, [xt, out]) => k.reduceDim(out!, xt!, 1, n, 1, op, 0));
    check(t, `${op} of 1e6 values within 1e-5`, r, [1], 1e-5);
  }
  t.end();
});

test('wasm argReduceDim: values and first indices, NaN winning, ties, inner 1 and > 1', (t) => {
  for (const isMax of [true, false]) {
    for (const [outer, n, inner] of BLOCKS.filter((b) => b[1] > 0)) {
      const specs: Spec[] = [{ values: blockValues(outer, n, inner) }, { zeros: outer * inner }, { zeros: outer * inner, dtype: 'long' }];
      const r = both(specs, (k, [x, v, i]) => k.argReduceDim(v!, i!, x!, outer, n, inner, isMax));
      check(t, `${isMax ? 'max' : 'min'} ${outer}×${n}×${inner}`, r, [1, 2], 0, true);
    }
  }
  const zeros = both([{ values: [0, -0, 0, -0, 0, -0, 0, -0, 0, -0] }, { zeros: 1 }, { zeros: 1, dtype: 'long' }],
    (k, [x, v, i]) => k.argReduceDim(v!, i!, x!, 1, 10, 1, false));
  check(t, 'min of ±0: the first one, with its sign', zeros, [1, 2], 0, true);
  t.end();
});

test('wasm indexSelect: rows and scalars, repeated indices, long and float64 index tensors', (t) => {
  for (const [outer, n, inner, m] of [[3, 17, 5, 11], [1, 1031, 1, 2000], [2, 7, 1, 1], [1, 9, 1031, 4]] as const) {
    for (const dtype of ['long', 'float64'] as DType[]) {
      const index = Array.from({ length: m }, () => Math.floor(uniform(0, n)));
      const specs: Spec[] = [{ values: withSpecials(outer * n * inner) }, { values: index, dtype }, { zeros: outer * m * inner }];
      const r = both(specs, (k, [x, idx, out]) => k.indexSelect(out!, x!, idx!, outer, n, inner, m));
      check(t, `indexSelect ${outer}×${n}×${inner} m=${m} (${dtype} index)`, r, [2], 0, true);
    }
  }
  t.end();
});

test('wasm gather: index blocks outer × m × inner', (t) => {
  for (const [outer, n, inner, m] of [[3, 17, 5, 11], [1, 1031, 1, 1031], [4, 7, 1, 3], [2, 5, 1031, 2]] as const) {
    const index = Array.from({ length: outer * m * inner }, () => Math.floor(uniform(0, n)));
    const specs: Spec[] = [{ values: withSpecials(outer * n * inner) }, { values: index, dtype: 'long' }, { zeros: outer * m * inner }];
    const r = both(specs, (k, [x, idx, out]) => k.gather(out!, x!, idx!, outer, n, inner, m));
    check(t, `gather ${outer}×${n}×${inner} m=${m}`, r, [2], 0, true);
  }
  t.end();
});

test('wasm sortDim: stable ascending and descending, NaN last, ±0 and ±Infinity, every sort path, in place', (t) => {
  // n ≤ 64: insertion sort; ≤ 4096: 8-bit radix; above: 11-bit radix
  for (const [outer, n] of [[1, 1], [1, 7], [3, 17], [5, 100], [1, 1031], [2, 5000], [1, 100000]] as const) {
    for (const descending of [false, true]) {
      const x = randoms(outer * n).map((e) => (n > 20 ? Math.fround(Math.round(e * 4) / 4) : e)); // many ties
      if (n >= 17) [NaN, Infinity, -Infinity, 0, -0, NaN, -0, 0, 1e-40, -1e-40].forEach((s, i) => (x[(i * 7) % (outer * n)] = s));
      const specs: Spec[] = [{ values: x }, { zeros: outer * n }, { zeros: outer * n, dtype: 'long' }];
      const r = both(specs, (k, [xt, v, i]) => k.sortDim(v!, i!, xt!, outer, n, 1, descending));
      check(t, `sort ${outer}×${n} ${descending ? 'descending' : 'ascending'}`, r, [1, 2], 0, true);
    }
  }
  const x = withSpecials(1031);
  const inPlace = both([{ values: x }, { zeros: 1031, dtype: 'long' }], (k, [xt, i]) => k.sortDim(xt!, i!, xt!, 1, 1031, 1, false));
  check(t, 'sort in place (values = x)', inPlace, [0, 1], 0, true);
  t.end();
});

test('wasm fallbacks: float64 operands, ops and shapes without a wasm version run js and are counted', (t) => {
  setBackend('wasm');
  const x64 = Tensor.from(randoms(12), [12], 'float64'), o64 = Tensor.zeros([12], 'float64'), i = Tensor.zeros([12], 'long');
  const x32 = Tensor.from(randoms(12), [12]), o32 = Tensor.zeros([12]);
  resetWasmFallbacks();
  const b = backend();
  b.unary(o64, x64, 'exp', 0, 0);
  b.unary(o64, x64, 'exp', 0, 0);
  b.binary(o64, x64, x64, 'cmul', 0);
  b.addcmul(o64, x64, 1, x64, x64, false);
  b.reduceDim(o64, x64, 1, 12, 1, 'sum', 0);
  b.argReduceDim(o64, i, x64, 1, 12, 1, true);
  b.indexSelect(o64, x64, i, 1, 12, 1, 12);
  b.gather(o64, x64, i, 1, 12, 1, 12);
  b.sortDim(o64, i, x64, 1, 12, 1, false);
  b.unary(o32, x32, 'sin', 0, 0);
  b.sortDim(o32, i, x32, 1, 3, 4, false);
  b.reduceDim(o32, x32, 1, 12, 1, 'norm', 2);
  t.deepEqual(wasmFallbacks(), {
    unary: 2, binary: 1, addcmul: 1, reduceDim: 1, argReduceDim: 1, indexSelect: 1, gather: 1, sortDim: 1,
    'unary.sin': 1, 'sortDim.inner': 1, 'reduceDim.norm': 1,
  }, 'one count per js run, by kernel (and op or shape)');
  t.ok(Math.abs(o32.storage.data[0]! - Math.hypot(...x32.storage.data)) < 1e-5, 'a fallback still computes');
  resetWasmFallbacks();
  t.deepEqual(wasmFallbacks(), {}, 'reset');
  setBackend('js');
  t.end();
});
