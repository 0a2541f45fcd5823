import test from 'tape';
import { torch, Tensor, ShapeError, ArgumentError } from '../../index.js';

// ---- a float64 reference, independent of the op table: plain loops over nested arrays ---------

type Nest = number | Nest[];
type Out = Tensor | [Tensor, Tensor];
type Want = Nest | [Nest, Nest];

const shapeOf = (a: Nest): number[] => (Array.isArray(a) ? [a.length, ...shapeOf(a[0]!)] : []);
const at = (a: Nest, idx: readonly number[]): number => {
  let c = a;
  for (const i of idx) c = (c as Nest[])[i]!;
  return c as number;
};
const build = (shape: readonly number[], f: (idx: number[]) => number, pre: number[] = []): Nest =>
  pre.length === shape.length ? f(pre) : Array.from({ length: shape[pre.length]! }, (_, i) => build(shape, f, [...pre, i]));
const flat = (a: Nest): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
/** The values of a along dim at the other coordinates of idx. */
const sliceAt = (a: Nest, dim: number, idx: readonly number[]): number[] => {
  const out: number[] = [];
  for (let k = 0; k < shapeOf(a)[dim]!; k++) {
    const j = idx.slice();
    j[dim] = k;
    out.push(at(a, j));
  }
  return out;
};
/** Each slice along dim mapped to m values (m = 1: a reduction that keeps the dim with size 1). */
const along = (a: Nest, dim: number, m: number, f: (s: number[]) => number[]): Nest => {
  const shape = shapeOf(a);
  shape[dim] = m;
  return build(shape, (idx) => f(sliceAt(a, dim, idx))[idx[dim]!]!);
};
const reduce = (a: Nest, dim: number, f: (s: number[]) => number): Nest => along(a, dim, 1, (s) => [f(s)]);

const sumOf = (s: number[]): number => { let r = 0; for (const v of s) r += v; return r; };
const prodOf = (s: number[]): number => { let r = 1; for (const v of s) r *= v; return r; };
const varOf = (s: number[], biased: boolean): number => {
  const m = sumOf(s) / s.length;
  let ss = 0;
  for (const v of s) ss += (v - m) * (v - m);
  return ss / (biased ? s.length : s.length - 1);
};
const normOf = (s: number[], p: number): number => {
  let r = 0;
  for (const v of s) r += Math.abs(v) ** p;
  return r ** (1 / p);
};
/** The first extreme (a NaN wins), as [value, index]. */
const argExt = (s: number[], isMax: boolean): [number, number] => {
  let best = s[0]!, at0 = 0;
  for (let k = 0; k < s.length; k++) {
    if (Number.isNaN(s[k]!)) return [s[k]!, k];
    if (isMax ? s[k]! > best : s[k]! < best) { best = s[k]!; at0 = k; }
  }
  return [best, at0];
};
/** A stable order by insertion sort (NaN last either way). */
const orderOf = (s: number[], desc: boolean): number[] => {
  const before = (p: number, q: number): boolean => {
    const a = s[p]!, b = s[q]!;
    if (Number.isNaN(a)) return false;
    if (Number.isNaN(b)) return true;
    return desc ? a > b : a < b;
  };
  const o: number[] = [];
  for (let k = 0; k < s.length; k++) {
    let j = o.length;
    while (j > 0 && before(k, o[j - 1]!)) j--;
    o.splice(j, 0, k);
  }
  return o;
};
/** The most frequent value (smallest on ties) and its last index, by counting. */
const modeOf = (s: number[]): [number, number] => {
  const count = new Map<number, number>();
  for (const v of s) count.set(v, (count.get(v) ?? 0) + 1);
  let best = NaN, n = 0;
  for (const [v, c] of count) if (c > n || (c === n && v < best)) { best = v; n = c; }
  return [best, s.lastIndexOf(best)];
};

let seed = 20240601;
const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const A = build([3, 4, 5], () => Math.round((rnd() * 10 - 5) * 100) / 100);
const SMALL_INTS = build([3, 4, 5], () => Math.floor(rnd() * 4));

/** a as a DoubleTensor (or a FloatTensor): contiguous, a transposed view and a narrowed view (both non-contiguous). */
function views(a: Nest, float32 = false): [string, Tensor][] {
  const [p, q, r] = shapeOf(a) as [number, number, number];
  const mk = (n: Nest): Tensor => (float32 ? torch.FloatTensor : torch.DoubleTensor)(n as Nest[]);
  const transposed = mk(build([r, q, p], ([i, j, k]) => at(a, [k!, j!, i!]))).transpose(0, 2);
  const narrowed = mk(build([p, q + 2, r], ([i, j, k]) => (j! >= 1 && j! <= q ? at(a, [i!, j! - 1, k!]) : 99))).narrow(1, 1, q);
  if (transposed.isContiguous() || narrowed.isContiguous()) throw new Error('views: expected non-contiguous views');
  return [['contiguous', mk(a)], ['transposed', transposed], ['narrowed', narrowed]];
}

const DIMS = [0, 1, 2, -1, -2, -3];
const norm = (d: number): number => (d < 0 ? 3 + d : d);

function close(got: Tensor, want: Nest, tol: number): boolean {
  const g = Array.from(got.toArray()), w = flat(want);
  return JSON.stringify(got.size()) === JSON.stringify(shapeOf(want)) && g.length === w.length &&
    g.every((v, i) => (Number.isNaN(v) && Number.isNaN(w[i]!)) || Math.abs(v - w[i]!) <= tol * (1 + Math.abs(w[i]!)));
}
function agrees(got: Out, want: Want, tol: number, valueType: string): string | null {
  if (got instanceof Tensor) return close(got, want as Nest, tol) ? null : `got ${JSON.stringify(got.totable())}, want ${JSON.stringify(want)}`;
  const [v, i] = got, [wv, wi] = want as [Nest, Nest];
  if (v.type() !== valueType || i.type() !== 'torch.LongTensor') return `types ${v.type()}, ${i.type()}`;
  if (!close(v, wv, tol)) return `values ${JSON.stringify(v.totable())}, want ${JSON.stringify(wv)}`;
  if (!close(i, wi, 0)) return `indices ${JSON.stringify(i.totable())}, want ${JSON.stringify(wi)}`;
  return null;
}

/** A strided (non-contiguous) tensor of the given sizes, padded by one column of sentinels. */
function strided(shape: readonly number[], dtype: 'float64' | 'long'): Tensor {
  const last = shape.length - 1;
  const padded = shape.slice();
  padded[last] = shape[last]! + 1;
  const mk = dtype === 'long' ? torch.LongTensor : torch.DoubleTensor;
  return mk(...padded).fill(-7).narrow(last, 0, shape[last]!);
}

/** Every view × every dim × every form agrees with the reference: returns the count of checks, failing each disagreement. */
function sweep(t: test.Test, label: string, a: Nest, forms: Record<string, (x: Tensor, d: number) => Out>, want: (a: Nest, d: number) => Want, float32 = false): number {
  let n = 0;
  const tol = float32 ? 1e-5 : 1e-12;
  for (const [vname, x] of views(a, float32)) {
    for (const d of DIMS) {
      const w = want(a, norm(d));
      for (const [fname, f] of Object.entries(forms)) {
        n++;
        let why: string | null;
        try {
          why = agrees(f(x, d), w, tol, float32 ? 'torch.FloatTensor' : 'torch.DoubleTensor');
        } catch (e) {
          why = `threw ${(e as Error).message}`;
        }
        if (why !== null) t.fail(`${label} ${fname} on the ${vname} view, dim ${d}: ${why}`);
      }
    }
  }
  return n;
}

const outShape = (x: Tensor, d: number, m = 1): number[] => {
  const s = x.size();
  s[norm(d)] = m;
  return s;
};
const same = <V>(got: V, res: V): V => {
  if (got !== res) throw new Error('the result tensor was not returned');
  return got;
};
const samePair = (got: [Tensor, Tensor], v: Tensor, i: Tensor): [Tensor, Tensor] => {
  if (got[0] !== v || got[1] !== i) throw new Error('the given values and indices were not returned');
  return got;
};

const hand = (): Tensor => torch.Tensor([[1, 5, 3], [4, 2, 6]]);
const badDim = (op: string, dim: number, sizes: string) => (e: unknown): boolean =>
  e instanceof ShapeError && new RegExp(`torch\\.${op}: dimension ${dim} out of range for \\[${sizes}\\]`).test((e as Error).message);

// ---- the rows ------------------------------------------------------------------------------------

test('sum', (t) => {
  const x = hand();
  const total: number = x.sum();
  t.equal(total, 21, 'sum() is a number');
  t.deepEqual(x.sum(0).totable(), [[5, 7, 9]], 'sum(0) keeps dim 0 with size 1');
  t.deepEqual(x.sum(1).totable(), [[9], [12]], 'sum(1) on 2×3 gives 2×1');
  t.deepEqual(x.sum(-1).totable(), [[9], [12]], 'negative dim');
  t.equal(x.sum(1).type(), 'torch.FloatTensor');
  t.deepEqual(torch.Tensor([1, 2, 3]).sum(0).totable(), [6], 'a vector: size 1 kept');
  t.equal(torch.sum(x), 21, 'torch.sum(x)');
  t.equal(torch.sum(torch.Tensor([1e8, 1, -1e8])), 1, 'a FloatTensor sums in float64 (accreal)');
  const l = torch.LongTensor([[1, 2], [3, 4]]).sum(1);
  t.equal(l.type(), 'torch.LongTensor', 'an integer sum stays in its type');
  t.deepEqual(l.totable(), [[3], [7]]);
  const b = torch.ByteTensor([200, 100]);
  t.equal(b.sum(), 300, 'a ByteTensor total is a number (Torch: long)');
  t.deepEqual(b.sum(0).totable(), [44], 'ByteTensor sum(dim) stays a byte, wrapping modulo 256 as Torch');
  t.throws(() => x.sum(2), badDim('sum', 2, '2, 3'), 'a bad dim names the op, the dim and the sizes');
  t.throws(() => x.sum(-3), badDim('sum', -3, '2, 3'));
  t.throws(() => (torch.sum as (...a: unknown[]) => unknown)(torch.Tensor(), x), ArgumentError, 'a result tensor without a dim: an error, not ignored');
  const pad = torch.Tensor(2, 2).fill(-7), col = pad.narrow(1, 0, 1);
  t.equal(torch.sum(col, x, 1), col, 'a strided result is written in place');
  t.deepEqual(pad.totable(), [[9, -7], [12, -7]], 'and only its own elements');
  const self = torch.DoubleTensor([[1, 2], [3, 4]]);
  t.deepEqual(torch.sum(self, self, 0).totable(), [[4, 6]], 'torch.sum(x, x, 0): the result may be the source');
  const n = sweep(t, 'sum', A, {
    method: (x, d) => x.sum(d),
    torch: (x, d) => torch.sum(x, d),
    'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(torch.sum(r, x, d), r); },
    'res.sum(x)': (x, d) => { const r = torch.DoubleTensor(); return same(r.sum(x, d), r); },
    'strided res': (x, d) => { const r = strided(outShape(x, d), 'float64'); return same(torch.sum(r, x, d), r); },
  }, (a, d) => reduce(a, d, sumOf));
  const n32 = sweep(t, 'sum (float32)', A, { method: (x, d) => x.sum(d), torch: (x, d) => torch.sum(x, d) }, (a, d) => reduce(a, d, sumOf), true);
  let whole = 0;
  for (const [, v] of views(A)) if (Math.abs(v.sum() - sumOf(flat(A))) > 1e-9) whole++;
  t.equal(whole, 0, 'sum() of every view');
  t.pass(`sum: ${n} + ${n32} (float32) view × dim × form checks`);
  t.end();
});

test('prod', (t) => {
  const x = hand();
  t.equal(x.prod(), 720);
  t.deepEqual(x.prod(0).totable(), [[4, 10, 18]]);
  t.deepEqual(x.prod(-1).totable(), [[15], [48]]);
  t.equal(torch.prod(x), 720);
  t.equal(torch.IntTensor([2, 3]).prod(0).type(), 'torch.IntTensor');
  t.throws(() => x.prod(5), badDim('prod', 5, '2, 3'));
  const n = sweep(t, 'prod', A, {
    method: (x, d) => x.prod(d),
    torch: (x, d) => torch.prod(x, d),
    'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(torch.prod(r, x, d), r); },
    'strided res': (x, d) => { const r = strided(outShape(x, d), 'float64'); return same(torch.prod(r, x, d), r); },
  }, (a, d) => reduce(a, d, prodOf));
  t.ok(Math.abs(torch.DoubleTensor(A as Nest[]).transpose(0, 2).prod() - prodOf(flat(A))) <= 1e-9 * Math.abs(prodOf(flat(A))), 'prod() of a view');
  t.pass(`prod: ${n} checks`);
  t.end();
});

test('mean', (t) => {
  const x = hand();
  t.equal(x.mean(), 3.5);
  t.deepEqual(x.mean(0).totable(), [[2.5, 3.5, 4.5]]);
  t.deepEqual(x.mean(1).totable(), [[3], [4]]);
  t.deepEqual(x.mean(-2).size(), [1, 3]);
  t.equal(torch.mean(x), 3.5);
  t.throws(() => torch.LongTensor([1, 2]).mean(), (e: unknown) => e instanceof ArgumentError && /torch\.mean: .*float types only.*torch\.LongTensor/.test((e as Error).message), 'integer tensors: an error, as Torch');
  t.throws(() => x.mean(2), badDim('mean', 2, '2, 3'));
  const n = sweep(t, 'mean', A, {
    method: (x, d) => x.mean(d),
    torch: (x, d) => torch.mean(x, d),
    'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(torch.mean(r, x, d), r); },
    'strided res': (x, d) => { const r = strided(outShape(x, d), 'float64'); return same(torch.mean(r, x, d), r); },
  }, (a, d) => reduce(a, d, (s) => sumOf(s) / s.length));
  const n32 = sweep(t, 'mean (float32)', A, { method: (x, d) => x.mean(d) }, (a, d) => reduce(a, d, (s) => sumOf(s) / s.length), true);
  t.pass(`mean: ${n} + ${n32} (float32) checks`);
  t.end();
});

test('std and var: unbiased by default, biased with the flag', (t) => {
  const x = hand();
  t.equal(x.var(), 3.5, 'var(): divides by n − 1');
  t.ok(Math.abs(x.var(true) - 17.5 / 6) < 1e-12, 'var(true): divides by n');
  t.ok(Math.abs(x.std() - Math.sqrt(3.5)) < 1e-12);
  t.ok(Math.abs(torch.std(x, true) - Math.sqrt(17.5 / 6)) < 1e-12, 'torch.std(x, true)');
  t.deepEqual(x.var(1).totable(), [[4], [4]], 'var(1)');
  t.ok(close(x.var(1, true), [[8 / 3], [8 / 3]], 1e-6), 'var(1, true)');
  t.ok(close(x.std(-1), [[2], [2]], 1e-12), 'std(-1)');
  t.ok(close(torch.std(x, 0, false), [[Math.sqrt(4.5), Math.sqrt(4.5), Math.sqrt(4.5)]], 1e-6), 'torch.std(x, 0, false)');
  t.ok(Number.isNaN(torch.Tensor([3]).var()), 'one element, unbiased: NaN (0/0, as Torch)');
  t.equal(torch.Tensor([3]).var(true), 0);
  t.throws(() => torch.IntTensor([1, 2]).std(), ArgumentError, 'float types only');
  t.throws(() => x.std(3, true), badDim('std', 3, '2, 3'));
  let n = 0;
  for (const biased of [false, true]) {
    n += sweep(t, `var(biased = ${biased})`, A, {
      method: (x, d) => x.var(d, biased),
      torch: (x, d) => torch.var(x, d, biased),
      'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(torch.var(r, x, d, biased), r); },
      'strided res': (x, d) => { const r = strided(outShape(x, d), 'float64'); return same(torch.var(r, x, d, biased), r); },
    }, (a, d) => reduce(a, d, (s) => varOf(s, biased)));
    n += sweep(t, `std(biased = ${biased})`, A, {
      method: (x, d) => x.std(d, biased),
      torch: (x, d) => torch.std(x, d, biased),
      'res.std(x)': (x, d) => { const r = torch.DoubleTensor(); return same(r.std(x, d, biased), r); },
    }, (a, d) => reduce(a, d, (s) => Math.sqrt(varOf(s, biased))));
    n += sweep(t, `var(biased = ${biased}, float32)`, A, { method: (x, d) => x.var(d, biased), std: (x, d) => x.std(d, biased).square() }, (a, d) => reduce(a, d, (s) => varOf(s, biased)), true);
  }
  t.ok(close(x.var(0), [[4.5, 4.5, 4.5]], 1e-6), 'the default flag over a dim is unbiased');
  const tv = torch.DoubleTensor(A as Nest[]).transpose(0, 2);
  t.ok(Math.abs(tv.var() - varOf(flat(A), false)) < 1e-12 && Math.abs(tv.std(true) - Math.sqrt(varOf(flat(A), true))) < 1e-12, 'whole-tensor var/std of a view');
  t.pass(`std/var: ${n} checks`);
  t.end();
});

test('norm', (t) => {
  const x = torch.Tensor([[3, -4], [0, 12]]);
  t.equal(x.norm(), 13, 'norm(): the 2-norm, a number');
  t.equal(x.norm(1), 19, 'norm(1)');
  t.equal(x.norm(0), 3, 'norm(0) counts the nonzeros');
  t.equal(x.norm(Infinity), 12, 'norm(Infinity): max |x|');
  t.deepEqual(x.norm(1, 1).totable(), [[7], [12]], 'norm(p, dim)');
  t.ok(close(x.norm(2, 0), [[3, Math.sqrt(160)]], 1e-6), 'norm(2, 0)');
  t.equal(torch.norm(x), 13);
  t.equal(torch.norm(x, 1), 19);
  t.throws(() => x.norm(2, 2), badDim('norm', 2, '2, 2'));
  t.throws(() => torch.LongTensor([1]).norm(), ArgumentError);
  let n = 0;
  for (const p of [1, 2, 3, 0.5]) {
    n += sweep(t, `norm(${p})`, A, {
      method: (x, d) => x.norm(p, d),
      torch: (x, d) => torch.norm(x, p, d),
      'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(torch.norm(r, x, p, d), r); },
      'strided res': (x, d) => { const r = strided(outShape(x, d), 'float64'); return same(torch.norm(r, x, p, d), r); },
    }, (a, d) => reduce(a, d, (s) => normOf(s, p)));
    n += sweep(t, `norm(${p}, float32)`, A, { method: (x, d) => x.norm(p, d) }, (a, d) => reduce(a, d, (s) => normOf(s, p)), true);
    const v = torch.DoubleTensor(A as Nest[]).narrow(1, 1, 2);
    const want = normOf(flat(A).filter((_, i) => Math.floor(i / 5) % 4 >= 1 && Math.floor(i / 5) % 4 <= 2), p);
    if (Math.abs(v.norm(p) - want) > 1e-12 * want) t.fail(`norm(${p}) of a narrowed view`);
  }
  t.pass(`norm: ${n} checks`);
  t.end();
});

test('dist', (t) => {
  const x = torch.Tensor([1, 2, 3]), y = torch.Tensor([4, 6, 3]);
  t.equal(x.dist(y), 5, 'x.dist(y): the 2-norm of x − y');
  t.equal(x.dist(y, 1), 7);
  t.equal(x.dist(y, Infinity), 4);
  t.equal(torch.dist(x, y), 5);
  t.equal(torch.dist(x, y, 1), 7);
  t.throws(() => x.dist(torch.Tensor([1, 2])), ShapeError, 'different counts: a ShapeError');
  t.throws(() => x.dist(torch.DoubleTensor([1, 2, 3])), ArgumentError, 'different types: an error naming both');
  const B = build([3, 4, 5], () => rnd() * 4 - 2);
  let bad = 0, n = 0;
  for (const [vx, a] of views(A)) {
    for (const [vy, b] of views(B)) {
      for (const p of [1, 2, 3]) {
        n++;
        const fa = flat(A), fb = flat(B);
        const want = normOf(fa.map((v, i) => v - fb[i]!), p);
        const got = p === 2 ? a.dist(b) : torch.dist(a, b, p);
        if (Math.abs(got - want) > 1e-12 * want) { bad++; t.fail(`dist(${p}) ${vx} × ${vy}: ${got} ≠ ${want}`); }
      }
    }
  }
  t.equal(bad, 0, `dist: ${n} view × view × p checks`);
  t.end();
});

test('max and min', (t) => {
  const x = hand();
  t.equal(x.max(), 6, 'max() is a number');
  t.equal(x.min(), 1);
  t.equal(torch.max(x), 6);
  const [v, i] = x.max(1);
  t.deepEqual(v.totable(), [[5], [6]], 'max(1): values, dim kept');
  t.deepEqual(i.totable(), [[1], [2]], '0-based indices');
  t.equal(i.type(), 'torch.LongTensor', 'indices: a LongTensor');
  const [v0, i0] = x.max(0);
  t.deepEqual([v0.totable(), i0.totable()], [[[4, 5, 6]], [[1, 0, 1]]]);
  const [mv, mi] = torch.min(x, -1);
  t.deepEqual([mv.totable(), mi.totable()], [[[1], [2]], [[0], [1]]], 'torch.min(x, -1)');
  const [tv, ti] = torch.Tensor([2, 7, 7, 1]).max(0);
  t.deepEqual([tv.totable(), ti.totable()], [[7], [1]], 'ties: the first maximum');
  const nan = torch.Tensor([1, NaN, 3, NaN]);
  t.ok(Number.isNaN(nan.max()) && Number.isNaN(nan.min()), 'NaN: max() and min() are NaN, as Torch');
  const [nv, ni] = nan.max(0);
  t.ok(Number.isNaN(nv.get(0)) && ni.get(0) === 1, 'max(dim): NaN counts as the largest, at its first index');
  const [nv2, ni2] = nan.min(0);
  t.ok(Number.isNaN(nv2.get(0)) && ni2.get(0) === 1, 'min(dim): NaN wins too');
  const lv = torch.LongTensor([[3, 9], [8, 2]]).max(1);
  t.deepEqual([lv[0].type(), lv[0].totable(), lv[1].totable()], ['torch.LongTensor', [[9], [8]], [[1], [0]]], 'integer values keep their type');
  const vals = torch.Tensor(), inds = torch.LongTensor();
  t.deepEqual(samePair(torch.max(vals, inds, x, 1), vals, inds).map((r) => r.totable()), [[[5], [6]], [[1], [2]]], 'torch.max(values, indices, x, 1)');
  t.throws(() => torch.max(vals, torch.DoubleTensor(), x, 1), ArgumentError, 'indices must be a LongTensor');
  t.throws(() => (torch.max as (...a: unknown[]) => unknown)(vals, inds, x), ArgumentError, 'result tensors without a dim: an error');
  t.throws(() => x.max(2), badDim('max', 2, '2, 3'));
  t.throws(() => x.min(-4), badDim('min', -4, '2, 3'));
  t.throws(() => torch.Tensor().max(), ShapeError, 'max() of an empty tensor');
  let n = 0;
  for (const isMax of [true, false]) {
    const op = isMax ? 'max' : 'min';
    n += sweep(t, op, A, {
      method: (x, d) => (isMax ? x.max(d) : x.min(d)),
      torch: (x, d) => (isMax ? torch.max(x, d) : torch.min(x, d)),
      'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(isMax ? torch.max(a, b, x, d) : torch.min(a, b, x, d), a, b); },
      'strided v, i': (x, d) => {
        const a = strided(outShape(x, d), 'float64'), b = strided(outShape(x, d), 'long');
        return samePair(isMax ? torch.max(a, b, x, d) : torch.min(a, b, x, d), a, b);
      },
    }, (a, d) => [reduce(a, d, (s) => argExt(s, isMax)[0]), reduce(a, d, (s) => argExt(s, isMax)[1])]);
    n += sweep(t, `${op} (float32)`, A, { method: (x, d) => (isMax ? x.max(d) : x.min(d)) }, (a, d) => [reduce(a, d, (s) => argExt(s, isMax)[0]), reduce(a, d, (s) => argExt(s, isMax)[1])], true);
    let whole = 0;
    for (const [, w] of views(A)) if ((isMax ? w.max() : w.min()) !== argExt(flat(A), isMax)[0]) whole++;
    t.equal(whole, 0, `${op}() of every view`);
  }
  const withNan = build([3, 4, 5], ([i, j, k]) => (i === 1 && (j === 2 || k === 3) ? NaN : at(A, [i!, j!, k!])));
  n += sweep(t, 'max with NaN', withNan, { method: (x, d) => x.max(d) }, (a, d) => [reduce(a, d, (s) => argExt(s, true)[0]), reduce(a, d, (s) => argExt(s, true)[1])]);
  t.pass(`max/min: ${n} checks`);
  t.end();
});

test('cumsum and cumprod', (t) => {
  const x = hand();
  t.deepEqual(x.cumsum().totable(), [[1, 5, 3], [5, 7, 9]], 'cumsum(): along dim 0 (Torch\'s default, its first dimension)');
  t.deepEqual(x.cumsum(1).totable(), [[1, 6, 9], [4, 6, 12]]);
  t.deepEqual(x.cumsum(-1).totable(), [[1, 6, 9], [4, 6, 12]]);
  t.deepEqual(x.cumprod().totable(), [[1, 5, 3], [4, 10, 18]]);
  t.deepEqual(torch.cumprod(x, 1).totable(), [[1, 5, 15], [4, 8, 48]]);
  t.deepEqual(torch.LongTensor([1, 2, 3]).cumsum().totable(), [1, 3, 6]);
  t.equal(torch.LongTensor([1, 2, 3]).cumsum().type(), 'torch.LongTensor');
  const y = x.clone();
  t.equal(torch.cumsum(y, y, 1), y, 'in place: torch.cumsum(x, x, 1)');
  t.deepEqual(y.totable(), [[1, 6, 9], [4, 6, 12]]);
  t.deepEqual(x.totable(), [[1, 5, 3], [4, 2, 6]], 'x.cumsum() leaves x');
  t.throws(() => x.cumsum(2), badDim('cumsum', 2, '2, 3'));
  t.throws(() => x.cumprod(-3), badDim('cumprod', -3, '2, 3'));
  const running = (prod: boolean) => (s: number[]): number[] => {
    const o: number[] = [];
    let r = prod ? 1 : 0;
    for (const v of s) { r = prod ? r * v : r + v; o.push(r); }
    return o;
  };
  let n = 0;
  for (const prod of [false, true]) {
    const op = prod ? 'cumprod' : 'cumsum';
    n += sweep(t, op, A, {
      method: (x, d) => (prod ? x.cumprod(d) : x.cumsum(d)),
      torch: (x, d) => (prod ? torch.cumprod(x, d) : torch.cumsum(x, d)),
      'torch(res)': (x, d) => { const r = torch.DoubleTensor(); return same(prod ? torch.cumprod(r, x, d) : torch.cumsum(r, x, d), r); },
      'res.op(x)': (x, d) => { const r = torch.DoubleTensor(); return same(prod ? r.cumprod(x, d) : r.cumsum(x, d), r); },
      'strided res': (x, d) => { const r = strided(x.size(), 'float64'); return same(prod ? torch.cumprod(r, x, d) : torch.cumsum(r, x, d), r); },
    }, (a, d) => along(a, d, shapeOf(a)[d]!, running(prod)));
    n += sweep(t, `${op} (float32)`, A, { method: (x, d) => (prod ? x.cumprod(d) : x.cumsum(d)) }, (a, d) => along(a, d, shapeOf(a)[d]!, running(prod)), true);
    const v = views(A)[1]![1];
    if (!close(prod ? v.cumprod() : v.cumsum(), along(A, 0, 3, running(prod)), 1e-12)) t.fail(`${op}() defaults to dim 0`);
  }
  t.pass(`cumsum/cumprod: ${n} checks`);
  t.end();
});

test('sort: stable, ascending or descending, NaN last', (t) => {
  const x = torch.Tensor([[3, 1, 2], [9, 7, 8]]);
  const [v, i] = x.sort();
  t.deepEqual([v.totable(), i.totable()], [[[1, 2, 3], [7, 8, 9]], [[1, 2, 0], [1, 2, 0]]], 'sort(): the last dim, ascending, 0-based indices');
  t.equal(i.type(), 'torch.LongTensor');
  t.deepEqual(x.sort(true).map((r) => r.totable()), [[[3, 2, 1], [9, 8, 7]], [[0, 2, 1], [0, 2, 1]]], 'sort(true): descending over the last dim');
  t.deepEqual(x.sort(0, true).map((r) => r.totable()), [[[9, 7, 8], [3, 1, 2]], [[1, 1, 1], [0, 0, 0]]], 'sort(0, true)');
  t.deepEqual(torch.sort(x, -2).map((r) => r.totable()), [[[3, 1, 2], [9, 7, 8]], [[0, 0, 0], [1, 1, 1]]], 'torch.sort(x, -2)');
  const ties = torch.Tensor([2, 1, 2, 1, 2]);
  t.deepEqual(ties.sort().map((r) => r.totable()), [[1, 1, 2, 2, 2], [1, 3, 0, 2, 4]], 'ties keep their order (stable)');
  t.deepEqual(ties.sort(0, true).map((r) => r.totable()), [[2, 2, 2, 1, 1], [0, 2, 4, 1, 3]], 'stable descending');
  const nan = torch.Tensor([3, NaN, 1]);
  const [nv, ni] = nan.sort();
  t.ok(nv.get(0) === 1 && nv.get(1) === 3 && Number.isNaN(nv.get(2)) && ni.totable().join() === '2,0,1', 'NaN sorts last ascending');
  const [dv, di] = nan.sort(true);
  t.ok(dv.get(0) === 3 && dv.get(1) === 1 && Number.isNaN(dv.get(2)) && di.totable().join() === '0,2,1', 'and descending');
  const vals = torch.Tensor(), inds = torch.LongTensor();
  samePair(torch.sort(vals, inds, x, 1, true), vals, inds);
  t.deepEqual(vals.totable(), [[3, 2, 1], [9, 8, 7]], 'torch.sort(values, indices, x, 1, true)');
  const y = x.clone();
  torch.sort(y, inds, y);
  t.deepEqual(y.totable(), [[1, 2, 3], [7, 8, 9]], 'in place: torch.sort(x, indices, x)');
  t.throws(() => x.sort(2), badDim('sort', 2, '2, 3'));
  let n = 0;
  for (const desc of [false, true]) {
    const want = (a: Nest, d: number): Want => {
      const m = shapeOf(a)[d]!;
      return [along(a, d, m, (s) => orderOf(s, desc).map((k) => s[k]!)), along(a, d, m, (s) => orderOf(s, desc))];
    };
    n += sweep(t, `sort(desc = ${desc})`, A, {
      method: (x, d) => x.sort(d, desc),
      torch: (x, d) => torch.sort(x, d, desc),
      'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(torch.sort(a, b, x, d, desc), a, b); },
      'strided v, i': (x, d) => { const a = strided(x.size(), 'float64'), b = strided(x.size(), 'long'); return samePair(torch.sort(a, b, x, d, desc), a, b); },
    }, want);
    n += sweep(t, `sort of ties (desc = ${desc})`, SMALL_INTS, { method: (x, d) => x.sort(d, desc) }, want);
    n += sweep(t, `sort (desc = ${desc}, float32)`, A, { method: (x, d) => x.sort(d, desc) }, want, true);
    n += sweep(t, `sort of ties (desc = ${desc}, float32)`, SMALL_INTS, { method: (x, d) => x.sort(d, desc) }, want, true);
    const last = views(A)[2]![1];
    if (agrees(desc ? last.sort(true) : last.sort(), want(A, 2), 0, 'torch.DoubleTensor') !== null) t.fail('sort() defaults to the last dim');
  }
  t.pass(`sort: ${n} checks`);
  t.end();
});

test('topk: the k smallest (or largest with dir = true), sorted', (t) => {
  const x = torch.Tensor([5, 1, 4, 2, 3]);
  t.deepEqual(x.topk(2).map((r) => r.totable()), [[1, 2], [1, 3]], 'topk(2): the 2 smallest by default (Torch\'s dir = false), smallest first');
  t.deepEqual(x.topk(2, 0, true).map((r) => r.totable()), [[5, 4], [0, 2]], 'topk(2, 0, true): the 2 largest, largest first');
  t.deepEqual(x.topk(3, true).map((r) => r.totable()), [[5, 4, 3], [0, 2, 4]], 'topk(3, true): dim omitted');
  t.deepEqual(x.topk(3, -1, false, true).map((r) => r.totable()), [[1, 2, 3], [1, 3, 4]], 'topk(k, dim, dir, sorted)');
  t.deepEqual(x.topk().map((r) => r.totable()), [[1], [1]], 'topk(): k = 1');
  t.deepEqual(torch.topk(x, 5, 0, true, true)[0].totable(), [5, 4, 3, 2, 1], 'k = n');
  t.deepEqual(torch.Tensor([1, 2, 1, 1]).topk(2).map((r) => r.totable()), [[1, 1], [0, 2]], 'ties in index order');
  t.deepEqual(torch.Tensor([3, 1, 3]).topk(2, 0, true).map((r) => r.totable()), [[3, 3], [0, 2]], 'ties in index order, largest');
  const m = torch.Tensor([[3, 1, 2], [9, 7, 8]]);
  const [mv, mi] = m.topk(2, 1, true);
  t.deepEqual([mv.totable(), mi.totable(), mi.type()], [[[3, 2], [9, 8]], [[0, 2], [0, 2]], 'torch.LongTensor'], 'on a matrix: k along the dim');
  t.deepEqual(m.topk(1, 0).map((r) => r.totable()), [[[3, 1, 2]], [[0, 0, 0]]]);
  t.throws(() => x.topk(0), ArgumentError, 'k = 0: an error (Torch: 1 ≤ k ≤ n)');
  t.throws(() => x.topk(6), (e: unknown) => e instanceof ArgumentError && /k = 6 out of range for dimension 0 of size 5/.test((e as Error).message));
  t.throws(() => x.topk(1, 1), badDim('topk', 1, '5'));
  let n = 0;
  for (const dir of [false, true]) {
    for (const k of [1, 2, 3]) {
      n += sweep(t, `topk(${k}, dir = ${dir})`, A, {
        method: (x, d) => x.topk(k, d, dir),
        sorted: (x, d) => x.topk(k, d, dir, true),
        torch: (x, d) => torch.topk(x, k, d, dir),
        'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(torch.topk(a, b, x, k, d, dir, true), a, b); },
        'strided v, i': (x, d) => { const a = strided(outShape(x, d, k), 'float64'), b = strided(outShape(x, d, k), 'long'); return samePair(torch.topk(a, b, x, k, d, dir), a, b); },
      }, (a, d) => [along(a, d, k, (s) => orderOf(s, dir).slice(0, k).map((j) => s[j]!)), along(a, d, k, (s) => orderOf(s, dir).slice(0, k))]);
    }
    n += sweep(t, `topk ties (dir = ${dir})`, SMALL_INTS, { method: (x, d) => x.topk(2, d, dir) },
      (a, d) => [along(a, d, 2, (s) => orderOf(s, dir).slice(0, 2).map((j) => s[j]!)), along(a, d, 2, (s) => orderOf(s, dir).slice(0, 2))]);
    n += sweep(t, `topk (dir = ${dir}, float32)`, A, { method: (x, d) => x.topk(2, d, dir) },
      (a, d) => [along(a, d, 2, (s) => orderOf(s, dir).slice(0, 2).map((j) => s[j]!)), along(a, d, 2, (s) => orderOf(s, dir).slice(0, 2))], true);
  }
  t.pass(`topk: ${n} checks`);
  t.end();
});

test('kthvalue: k is a rank from 1', (t) => {
  const x = torch.Tensor([5, 1, 4, 2, 3]);
  t.deepEqual(x.kthvalue(1).map((r) => r.totable()), [[1], [1]], 'kthvalue(1): the smallest, at 0-based index 1');
  t.deepEqual(x.kthvalue(5).map((r) => r.totable()), [[5], [0]], 'kthvalue(n): the largest');
  const m = torch.Tensor([[3, 1, 2], [9, 7, 8]]);
  t.deepEqual(m.kthvalue(2, 1).map((r) => r.totable()), [[[2], [8]], [[2], [2]]], 'kthvalue(2, 1): dim kept');
  t.deepEqual(torch.kthvalue(m, 2, 0).map((r) => r.totable()), [[[9, 7, 8]], [[1, 1, 1]]]);
  t.deepEqual(torch.kthvalue(m, 3).map((r) => r.totable()), [[[3], [9]], [[0], [0]]], 'over the last dim by default');
  t.equal(m.kthvalue(1)[1].type(), 'torch.LongTensor');
  t.deepEqual(torch.Tensor([2, 1, 2, 1]).kthvalue(3).map((r) => r.totable()), [[2], [0]], 'ties: in index order');
  t.throws(() => x.kthvalue(0), ArgumentError, 'k = 0');
  t.throws(() => x.kthvalue(6), ArgumentError, 'k = n + 1');
  t.throws(() => m.kthvalue(1, 2), badDim('kthvalue', 2, '2, 3'));
  let n = 0;
  for (const k of [1, 3]) {
    n += sweep(t, `kthvalue(${k})`, A, {
      method: (x, d) => x.kthvalue(k, d),
      torch: (x, d) => torch.kthvalue(x, k, d),
      'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(torch.kthvalue(a, b, x, k, d), a, b); },
      'strided v, i': (x, d) => { const a = strided(outShape(x, d), 'float64'), b = strided(outShape(x, d), 'long'); return samePair(torch.kthvalue(a, b, x, k, d), a, b); },
    }, (a, d) => [reduce(a, d, (s) => s[orderOf(s, false)[k - 1]!]!), reduce(a, d, (s) => orderOf(s, false)[k - 1]!)]);
    n += sweep(t, `kthvalue(${k}, float32)`, SMALL_INTS, { method: (x, d) => x.kthvalue(k, d) },
      (a, d) => [reduce(a, d, (s) => s[orderOf(s, false)[k - 1]!]!), reduce(a, d, (s) => orderOf(s, false)[k - 1]!)], true);
  }
  t.pass(`kthvalue: ${n} checks`);
  t.end();
});

test('median: the lower one for an even count', (t) => {
  const [v, i] = torch.Tensor([5, 1, 4, 2, 3]).median();
  t.deepEqual([v.totable(), i.totable()], [[3], [4]], 'odd count: the middle');
  const m = torch.Tensor([[3, 1, 2, 4], [9, 7, 8, 6]]);
  t.deepEqual(m.median().map((r) => r.totable()), [[[2], [7]], [[2], [1]]], 'even count: the lower median, over the last dim, dim kept');
  t.deepEqual(torch.median(m, 0).map((r) => r.totable()), [[[3, 1, 2, 4]], [[0, 0, 0, 0]]], 'two rows: the smaller');
  t.equal(m.median(-1)[1].type(), 'torch.LongTensor');
  t.throws(() => m.median(2), badDim('median', 2, '2, 4'));
  const lower = (s: number[]): number => orderOf(s, false)[(s.length - 1) >> 1]!;
  let n = sweep(t, 'median', A, {
    method: (x, d) => x.median(d),
    torch: (x, d) => torch.median(x, d),
    'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(torch.median(a, b, x, d), a, b); },
    'strided v, i': (x, d) => { const a = strided(outShape(x, d), 'float64'), b = strided(outShape(x, d), 'long'); return samePair(torch.median(a, b, x, d), a, b); },
  }, (a, d) => [reduce(a, d, (s) => s[lower(s)]!), reduce(a, d, lower)]);
  n += sweep(t, 'median (float32)', SMALL_INTS, { method: (x, d) => x.median(d) }, (a, d) => [reduce(a, d, (s) => s[lower(s)]!), reduce(a, d, lower)], true);
  t.pass(`median: ${n} checks`);
  t.end();
});

test('mode: the most frequent value, the smallest on ties', (t) => {
  const [v, i] = torch.Tensor([1, 2, 2, 3, 3, 1, 2]).mode();
  t.deepEqual([v.totable(), i.totable()], [[2], [6]], 'the most frequent, at its last occurrence');
  t.deepEqual(torch.Tensor([3, 1, 3, 1]).mode().map((r) => r.totable()), [[1], [3]], 'ties: the smallest value (as Torch)');
  const m = torch.Tensor([[1, 1, 2], [5, 4, 4]]);
  t.deepEqual(m.mode(1).map((r) => r.totable()), [[[1], [4]], [[1], [2]]], 'mode(1), dim kept');
  t.deepEqual(torch.mode(m, 0).map((r) => r.totable()), [[[1, 1, 2]], [[0, 0, 0]]], 'all distinct: the smallest');
  t.equal(m.mode()[1].type(), 'torch.LongTensor');
  t.deepEqual(torch.LongTensor([7, 7, 2]).mode().map((r) => [r.type(), r.totable()]), [['torch.LongTensor', [7]], ['torch.LongTensor', [1]]]);
  t.throws(() => m.mode(-3), badDim('mode', -3, '2, 3'));
  let n = 0;
  for (const data of [SMALL_INTS, A]) {
    n += sweep(t, 'mode', data, {
      method: (x, d) => x.mode(d),
      torch: (x, d) => torch.mode(x, d),
      'torch(v, i)': (x, d) => { const a = torch.DoubleTensor(), b = torch.LongTensor(); return samePair(torch.mode(a, b, x, d), a, b); },
      'strided v, i': (x, d) => { const a = strided(outShape(x, d), 'float64'), b = strided(outShape(x, d), 'long'); return samePair(torch.mode(a, b, x, d), a, b); },
    }, (a, d) => [reduce(a, d, (s) => modeOf(s)[0]), reduce(a, d, (s) => modeOf(s)[1])]);
    n += sweep(t, 'mode (float32)', data, { method: (x, d) => x.mode(d) }, (a, d) => [reduce(a, d, (s) => modeOf(s)[0]), reduce(a, d, (s) => modeOf(s)[1])], true);
  }
  t.pass(`mode: ${n} checks`);
  t.end();
});

test('all and any on ByteTensors', (t) => {
  const m = torch.ByteTensor([1, 1, 0]);
  const all: boolean = m.all();
  t.equal(all, false, 'all() is a boolean');
  t.equal(m.any(), true);
  t.equal(torch.ByteTensor([1, 2]).all(), true, 'nonzero is true');
  t.equal(torch.ByteTensor([0, 0]).any(), false);
  t.equal(torch.all(m), false);
  t.equal(torch.any(m), true);
  t.equal(torch.ByteTensor().all(), true, 'empty: all is true');
  t.equal(torch.ByteTensor().any(), false, 'empty: any is false');
  const g = torch.ByteTensor([[1, 0], [1, 1]]);
  t.equal(g.select(1, 0).all(), true, 'a strided view');
  t.equal(g.t().narrow(0, 1, 1).all(), false);
  t.equal(hand().gt(0).all(), true, 'a comparison mask');
  t.equal(hand().gt(5).any(), true);
  t.throws(() => hand().all(), (e: unknown) => e instanceof ArgumentError && /ByteTensor/.test((e as Error).message), 'other types: an error, as Torch');
  t.end();
});
