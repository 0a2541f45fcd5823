/**
 * The wasm backend's row-wise and elementwise kernels of lib/kernels/wasm/rowKernels.ts against the js
 * reference on the same float32 operands, which sit at offset 3 inside larger storages (the numbers
 * around them must be kept), for sizes that are and are not multiples of 4 and rows of 5000 columns.
 * Each wasm call must run in wasm (no wasmFallbacks() entry for its kernel). Kernels that round one
 * float64 expression as js does must match exactly; renorm by rows (its squares summed in another
 * order), the softmaxes (a float32 exp of a few ulp) and the
 * LSTM cell (float32 σ and tanh) are held to stated tolerances; sums to 1e-9 relative (float64 sums in
 * another order). Skipped, with the reason printed, where the wasm backend cannot start.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';

let seed = 2024;
const uniform = (a = 1): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.fround((seed / 0x100000000 * 2 - 1) * a);
};
const randoms = (n: number, a = 1): number[] => Array.from({ length: n + 7 }, () => uniform(a));
/** A float32 tensor of n numbers at offset 3 inside a storage of n + 7, made on the current backend. */
const operand = (values: readonly number[], n: number): nn.Tensor => nn.Tensor.from([...values], [values.length], 'float32').narrow(0, 3, n);
const blank = (n: number): nn.Tensor => operand(new Array<number>(n + 7).fill(9), n);
const whole = (t: nn.Tensor): number[] => Array.from(t.storage.data);

/** Tolerances: exact (NaN equal to NaN), or |got − want| ≤ tol·max(floor, |want|). */
type Tol = { tol: number; floor: number } | 'exact';
const EXACT: Tol = 'exact';
const rel = (tol: number, floor = 1): Tol => ({ tol, floor });
const describe = (t: Tol): string => (t === 'exact' ? 'exact' : `≤ ${t.tol} relative to max(${t.floor}, |js|)`);

function mismatch(got: readonly number[], want: readonly number[], t: Tol): string {
  if (got.length !== want.length) return `length ${got.length} ≠ ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!, w = want[i]!;
    const ok = t === 'exact' ? Object.is(g, w) || g === w : (Number.isNaN(w) ? Number.isNaN(g) : Math.abs(g - w) <= t.tol * Math.max(t.floor, Math.abs(w)));
    if (!ok) return `at ${i}: wasm ${g}, js ${w}`;
  }
  return '';
}

/** One kernel call on table k with its operands made on the current backend; its outputs (whole storages, or numbers). */
type Case = { name: string; kernel: keyof nn.KernelTable; tol: Tol; run(k: nn.KernelTable): number[][] };
const cases: Case[] = [];
const add = (name: string, kernel: keyof nn.KernelTable, tol: Tol, run: Case['run']): void => void cases.push({ name, kernel, tol, run });

const SIZES = [1, 3, 4, 7, 33, 1001];
const SHAPES: [number, number][] = [[1, 1], [3, 7], [4, 8], [5, 13], [2, 5000], [7, 1001]];

for (const n of SIZES) {
  const xs = randoms(n), ys = randoms(n), gs = randoms(n), ms = randoms(n, 0.1), vs = randoms(n, 0.01).map(Math.abs);
  for (const t of [1, 7]) {
    add(`adam n=${n} t=${t}`, 'adam', EXACT, (k) => {
      const p = operand(xs, n), g = operand(gs, n), m = operand(ms, n), v = operand(vs, n);
      k.adam(p, g, m, v, 1e-3, 0.9, 0.999, 1e-8, t);
      return [whole(p), whole(m), whole(v)];
    });
  }
  for (const value of [0.1, -3, NaN, 0, -0]) add(`fill ${value} n=${n}`, 'fill', EXACT, (k) => { const o = blank(n); k.fill(o, value); return [whole(o)]; });
  for (const s of [0.5, 0.1, -1e-30]) add(`adds ${s} n=${n}`, 'adds', EXACT, (k) => { const o = blank(n); k.adds(o, operand(xs, n), s); return [whole(o)]; });
  const zs = ys.map((y, i) => (i % 5 === 4 ? 0 : y)); // x/0: ±∞, 0/0: NaN
  add(`cdiv n=${n}`, 'cdiv', EXACT, (k) => { const o = blank(n); k.cdiv(o, operand(xs, n), operand(zs, n)); return [whole(o)]; });
  add(`sum n=${n}`, 'sum', rel(1e-9, 0), (k) => [[k.sum(operand(xs, n))]]);
  add(`dot n=${n}`, 'dot', rel(1e-9, 0), (k) => [[k.dot(operand(xs, n), operand(ys, n))]]);
  add(`sqdist n=${n}`, 'sqdist', rel(1e-9, 0), (k) => [[k.sqdist(operand(xs, n), operand(ys, n))]]);
}

// hardtanh with inputs exactly at, just inside and just outside the bounds, and bounds that are not float32s
// (the float32 nearest 0.7 lies below it, so it passes the gradient: a comparison against that float32 would not)
const f32 = Math.fround;
for (const [lo, hi] of [[-1, 1], [-0.1, 0.1], [-0.7, 0.7], [0, 6]] as const) {
  const edges = [lo, hi, f32(lo), f32(hi), f32(lo) * (1 - 2 ** -23), f32(hi) * (1 + 2 ** -23), f32(lo) * (1 + 2 ** -23), f32(hi) * (1 - 2 ** -23), NaN, Infinity, -Infinity, 0, -0].map(f32);
  for (const n of [edges.length, 1001]) {
    const xs = [...edges, ...randoms(n, 2)].slice(0, n + 7), gs = randoms(n);
    add(`hardtanh [${lo}, ${hi}] n=${n}`, 'hardtanh', EXACT, (k) => { const o = blank(n); k.hardtanh(o, operand(xs, n), lo, hi); return [whole(o)]; });
    add(`hardtanhBackward [${lo}, ${hi}] n=${n}`, 'hardtanhBackward', EXACT, (k) => {
      const g = blank(n);
      k.hardtanhBackward(g, operand(xs, n), operand(gs, n), lo, hi);
      return [whole(g)];
    });
  }
}

for (const [rows, cols] of SHAPES) {
  const n = rows * cols, xs = randoms(n, 5), gs = randoms(n), ss = randoms(rows);
  const big = xs.map((x) => f32(x * 2e3)); // ±1e4: all but the largest few exponentials underflow
  const ties = xs.map((x, i) => (i === 3 + cols ? NaN : Math.round(x))); // repeated maxima, a NaN at the start of row 1
  add(`scaleRows ${rows}×${cols}`, 'scaleRows', EXACT, (k) => { const o = blank(n); k.scaleRows(o, operand(xs, n), operand(ss, rows), rows, cols); return [whole(o)]; });
  for (const [what, vals] of [['', xs], [' ±1e4', big]] as const) {
    add(`logSoftmax${what} ${rows}×${cols}`, 'logSoftmax', rel(1e-6), (k) => { const o = blank(n); k.logSoftmax(o, operand(vals, n), rows, cols); return [whole(o)]; });
    add(`softmax${what} ${rows}×${cols}`, 'softmax', rel(1e-6, 1e-30), (k) => { const o = blank(n); k.softmax(o, operand(vals, n), rows, cols); return [whole(o)]; });
  }
  // the backward passes from the js forward's output, so both tables see the same y
  const ly = blank(n), sy = blank(n);
  jsBackend.logSoftmax(ly, operand(xs, n), rows, cols);
  jsBackend.softmax(sy, operand(xs, n), rows, cols);
  const lys = whole(ly), sys = whole(sy);
  add(`logSoftmaxBackward ${rows}×${cols}`, 'logSoftmaxBackward', rel(1e-6), (k) => {
    const g = blank(n);
    k.logSoftmaxBackward(g, operand(lys, n), operand(gs, n), rows, cols);
    return [whole(g)];
  });
  add(`softmaxBackward ${rows}×${cols}`, 'softmaxBackward', rel(1e-6), (k) => {
    const g = blank(n);
    k.softmaxBackward(g, operand(sys, n), operand(gs, n), rows, cols);
    return [whole(g)];
  });
  for (const [what, vals] of [['', xs], [' ties, NaN', ties], [' −∞', xs.map(() => -Infinity)]] as const) {
    add(`argmaxRows${what} ${rows}×${cols}`, 'argmaxRows', EXACT, (k) => { const o = blank(rows); k.argmaxRows(o, operand(vals, n), rows, cols); return [whole(o)]; });
  }
  const targets = Array.from({ length: rows + 7 }, (_, r) => (r % 4 === 2 ? -100 : (r * 7919) % cols));
  const ws = randoms(cols).map(Math.abs);
  for (const weighted of [false, true]) {
    for (const dtype of ['float32', 'long'] as const) {
      const what = `${rows}×${cols}${weighted ? ' weighted' : ''}, ${dtype} targets`;
      const tgt = (): nn.Tensor => nn.Tensor.from(targets, [targets.length], dtype).narrow(0, 3, rows);
      const w = (): nn.Tensor | null => (weighted ? operand(ws, cols) : null);
      add(`classNLL ${what}`, 'classNLL', EXACT, (k) => {
        const result = new Float64Array(2);
        k.classNLL(result, operand(xs, n), tgt(), w(), rows, cols, -100);
        return [Array.from(result)];
      });
      add(`classNLLBackward ${what}`, 'classNLLBackward', EXACT, (k) => {
        const g = blank(n);
        k.classNLLBackward(g, tgt(), w(), rows, cols, -100, 0.25);
        return [whole(g)];
      });
    }
  }
}

for (const [B, H] of [[1, 1], [3, 5], [4, 8], [2, 33], [16, 256]] as const) {
  const gates = randoms(4 * B * H, 4), cp = randoms(B * H, 2), gh = randoms(B * H), gc = randoms(B * H);
  add(`lstmCell B=${B} H=${H}`, 'lstmCell', rel(1e-6), (k) => {
    const g = operand(gates, 4 * B * H), c = blank(B * H), h = blank(B * H), tc = blank(B * H);
    k.lstmCell(g, c, h, tc, operand(cp, B * H), B, H);
    return [whole(g), whole(c), whole(h), whole(tc)];
  });
  const act = operand(gates, 4 * B * H), tanhC = blank(B * H);
  jsBackend.lstmCell(act, blank(B * H), blank(B * H), tanhC, operand(cp, B * H), B, H);
  const acts = whole(act), tcs = whole(tanhC);
  add(`lstmCellBackward B=${B} H=${H}`, 'lstmCellBackward', EXACT, (k) => {
    const dg = blank(4 * B * H), dcp = blank(B * H);
    k.lstmCellBackward(dg, dcp, operand(acts, 4 * B * H), operand(tcs, B * H), operand(cp, B * H), operand(gh, B * H), operand(gc, B * H), B, H);
    return [whole(dg), whole(dcp)];
  });
}

for (const [rows, cols] of [[3, 7], [5, 4], [9, 33]] as const) {
  const n = rows * cols, xs = randoms(n);
  for (const byRow of [true, false]) {
    // by columns each norm is summed in the js order (exact); by rows in two float64 lanes
    add(`renorm ${byRow ? 'rows' : 'columns'} ${rows}×${cols}`, 'renorm', byRow ? rel(1e-6) : EXACT, (k) => {
      const x = operand(xs, n);
      k.renorm(x, rows, cols, byRow, byRow ? 1.2 : 1.6);
      return [whole(x)];
    });
  }
  const labels = (): number[] => Array.from({ length: n + 7 }, () => Math.floor((uniform() + 1) * 2));
  const ps = labels(), ts = labels();
  add(`classReward n=${n}`, 'classReward', EXACT, (k) => {
    const o = blank(n);
    k.classReward(o, operand(ps, n), nn.Tensor.from(ts, [ts.length], 'long').narrow(0, 3, n), n, 0.1);
    return [whole(o)];
  });
}

for (const [outer, n, inner] of [[2, 5, 1], [3, 4, 3], [2, 7, 8], [1, 1000, 1], [2, 3, 5]] as const) {
  const size = outer * n * inner, xs = randoms(size), near1 = xs.map((x) => f32(1 + x / 10));
  for (const prod of [false, true]) {
    add(`scanDim ${prod ? 'prod' : 'sum'} ${outer}×${n}×${inner}`, 'scanDim', EXACT, (k) => {
      const o = blank(size);
      k.scanDim(o, operand(prod ? near1 : xs, size), outer, n, inner, prod);
      return [whole(o)];
    });
  }
  const m = n + 2, srcs = randoms(outer * m * inner);
  const rowIndex = Array.from({ length: m + 7 }, (_, j) => (j * 3) % n); // repeats: later rows win (or add up)
  const blockIndex = Array.from({ length: outer * m * inner + 7 }, (_, j) => (j * 5) % n);
  for (const addUp of [false, true]) {
    add(`indexCopy${addUp ? ' add' : ''} ${outer}×${n}×${inner}`, 'indexCopy', EXACT, (k) => {
      const o = operand(xs, size);
      k.indexCopy(o, operand(srcs, outer * m * inner), nn.Tensor.from(rowIndex, [rowIndex.length], 'long').narrow(0, 3, m), outer, n, inner, m, addUp);
      return [whole(o)];
    });
    for (const fromSrc of [true, false]) {
      add(`scatter${addUp ? ' add' : ''}${fromSrc ? '' : ' value 0.1'} ${outer}×${n}×${inner}`, 'scatter', EXACT, (k) => {
        const o = operand(xs, size), idx = nn.Tensor.from(blockIndex, [blockIndex.length], 'long').narrow(0, 3, outer * m * inner);
        k.scatter(o, fromSrc ? operand(srcs, outer * m * inner) : null, 0.1, idx, outer, n, inner, m, addUp);
        return [whole(o)];
      });
    }
  }
}

/** Runs c on table k with every kernel call of k passing through `watch`. */
function runWatched(c: Case, k: nn.KernelTable, watch: (call: () => void) => void): number[][] {
  const table = new Proxy(k, {
    get: (target, prop, receiver) => {
      const f: unknown = Reflect.get(target, prop, receiver);
      if (prop !== c.kernel || typeof f !== 'function') return f;
      return (...args: unknown[]): unknown => {
        let r: unknown;
        watch(() => { r = Reflect.apply(f, target, args); });
        return r;
      };
    },
  });
  return c.run(table);
}

test('wasm row-wise and elementwise kernels against js (float32)', async (t) => {
  const prev = nn.backend().name;
  try {
    nn.setBackend('wasm');
    await nn.wasmReady();
  } catch (e) {
    t.comment(`skipped: the wasm backend is unavailable here (${e instanceof Error ? e.message : String(e)})`);
    nn.setBackend(prev);
    return t.end();
  }
  try {
    for (const c of cases) {
      nn.setBackend('js');
      const want = c.run(jsBackend);
      nn.setBackend('wasm');
      const fell: string[] = [];
      const got = runWatched(c, nn.backend(), (call) => {
        nn.resetWasmFallbacks();
        call();
        if (c.kernel in nn.wasmFallbacks()) fell.push(c.kernel);
      });
      t.ok(fell.length === 0, `${c.name}: ran in wasm${fell.length ? ' (fell back to js)' : ''}`);
      const bad = got.map((g, i) => mismatch(g, want[i]!, c.tol)).filter((m) => m !== '');
      t.equal(bad.join('; '), '', `${c.name}: wasm = js, ${describe(c.tol)}`);
    }
  } finally {
    nn.setBackend(prev);
  }
  t.end();
});
