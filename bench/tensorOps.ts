/**
 * The tensor-ops table of `npm run bench`: Torch tensor functions called through dpnn-ts's public
 * API (`torch.add(res, x, y)`, `torch.sum(res, x, 1)`, …) on the wasm backend (tensors in the wasm
 * heap) and on the js backend, against TensorFlow.js's wasm backend (one thread) in the same process,
 * at the same shapes, in float32. Each cell is a median of repeated timed samples, as bench/timing.ts
 * takes them, with the samples of one row's calls interleaved so that the machine's load moves them alike.
 *
 * dpnn-ts calls the forms that take their result tensors first, so that its timed loop allocates
 * nothing; TensorFlow.js allocates its results, and disposes them inside the timed function
 * (tf.tidy) after `dataSync()`: dpnn-ts's results are in host-addressable memory when the call
 * returns, so TensorFlow.js pays for reading its result into host memory too. The column without
 * `dataSync()` shows what that read costs. A torch function that does not exist yet prints
 * "(not available)"; one that throws prints "(error)" and its message goes into the notes.
 */
import * as tf from '@tensorflow/tfjs';
import * as nn from '../index.js';
import { torch } from '../index.js';

type T = nn.Tensor;
type Loose = (...args: unknown[]) => unknown;
/** The torch functions by name: a row names its function, and one missing from a checkout prints "(not available)". */
const fns = torch as unknown as Record<string, Loose | undefined>;

export interface TensorOpsOptions {
  /** Each sample times enough calls to last at least this long. */
  minMs: number;
  samples: number;
}

type Cell = number | 'n/a' | 'error';
export interface TensorOpRow {
  name: string;
  /** The calls compared, for the table. */
  calls: string;
  ms: { 'dpnn js': Cell; 'dpnn wasm': Cell; 'tfjs wasm': Cell; 'tfjs wasm, no dataSync': Cell };
}

export interface TensorOpsReport {
  rows: TensorOpRow[];
  /** The markdown table. */
  table: string;
  /** Lines under the table: what each comparison means, checks that failed, fallbacks, errors. */
  notes: string[];
  /** The section for docs/benchmarks.md: heading, one paragraph, the table and its notes. */
  markdown: string;
}

/** Deterministic float32 values in [-1, 1) (or [lo, hi)). */
function values(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const g = new nn.Generator(seed), out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = g.uniform(lo, hi);
  return out;
}

/** A FloatTensor of the current backend (the wasm heap on wasm) holding `v`. */
function floatTensor(shape: number[], v?: Float32Array): T {
  const t = torch.FloatTensor(...shape);
  if (v) t.data.set(v, t.offset);
  return t;
}

/** One comparison: the dpnn-ts side (set up on the current backend) and the TensorFlow.js side. */
interface Spec {
  name: string;
  calls: string;
  /** The torch functions the dpnn side calls. */
  needs: string[];
  /** Makes the inputs and results; returns the timed call and the values to compare (null: none). */
  dpnn(f: Record<string, Loose>): { run: () => void; result: () => ArrayLike<number>[] | null };
  /** Makes the inputs; returns the op (its results, which the caller reads back or not) and the input disposal. */
  tfjs(): { op: () => tf.Tensor[]; dispose: () => void };
  /** Largest accepted |dpnn − tfjs| / (1 + |tfjs|) per compared output. */
  tol?: number;
}

const M = 1_000_000;

function specs(): Spec[] {
  const x1 = values(M, 1), y1 = values(M, 2), x2 = values(M, 3, -4, 4);
  const sq = values(1000 * 1000, 4);
  const a256 = values(256 * 256, 5), b256 = values(256 * 256, 6);
  const big = values(100_000 * 16, 7);
  const g = new nn.Generator(8), idx = Int32Array.from({ length: 10_000 }, () => g.randint(100_000));
  const s100k = values(100_000, 9);
  const c1 = values(1000 * 500, 10), c2 = values(1000 * 500, 11);
  const longTensor = (v: Int32Array): T => {
    const t = torch.LongTensor(v.length);
    t.data.set(v, t.offset);
    return t;
  };
  const pointwise = (name: string, torchName: string, tfOp: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, tfName: string, unary = false): Spec => ({
    name,
    calls: `\`torch.${torchName}(res, x${unary ? '' : ', y'})\` vs \`${tfName}\``,
    needs: [torchName],
    dpnn: (f) => {
      const x = floatTensor([M], unary ? x2 : x1), y = floatTensor([M], y1), res = floatTensor([M]);
      return { run: unary ? () => f[torchName]!(res, x) : () => f[torchName]!(res, x, y), result: () => [res.data] };
    },
    tfjs: () => {
      const x = tf.tensor1d(unary ? x2 : x1), y = tf.tensor1d(y1);
      return { op: () => [tfOp(x, y)], dispose: () => tf.dispose([x, y]) };
    },
    tol: unary ? 1e-5 : 1e-6,
  });
  return [
    pointwise('add, 1M', 'add', (x, y) => tf.add(x, y), 'tf.add'),
    pointwise('cmul, 1M', 'cmul', (x, y) => tf.mul(x, y), 'tf.mul'),
    pointwise('exp, 1M (x in [-4, 4))', 'exp', (x) => tf.exp(x), 'tf.exp', true),
    {
      name: 'sum(dim), 1000×1000 over dim 1',
      calls: '`torch.sum(res, x, 1)` vs `tf.sum(x, 1, true)`',
      needs: ['sum'],
      dpnn: (f) => {
        const x = floatTensor([1000, 1000], sq), res = floatTensor([1000, 1]);
        return { run: () => f.sum!(res, x, 1), result: () => [res.data] };
      },
      tfjs: () => {
        const x = tf.tensor2d(sq, [1000, 1000]);
        return { op: () => [tf.sum(x, 1, true)], dispose: () => x.dispose() };
      },
      tol: 1e-4,
    },
    {
      name: 'max(dim) with indices, 1000×1000 over dim 1',
      calls: '`torch.max(vals, inds, x, 1)` vs `tf.max(x, 1, true)` + `tf.argMax(x, 1)`',
      needs: ['max'],
      dpnn: (f) => {
        const x = floatTensor([1000, 1000], sq), vals = floatTensor([1000, 1]), inds = torch.LongTensor(1000, 1);
        return { run: () => f.max!(vals, inds, x, 1), result: () => [vals.data, inds.data] };
      },
      tfjs: () => {
        const x = tf.tensor2d(sq, [1000, 1000]);
        return { op: () => [tf.max(x, 1, true), tf.argMax(x, 1)], dispose: () => x.dispose() };
      },
    },
    {
      name: 'mm, 256×256 · 256×256',
      calls: '`torch.mm(res, a, b)` vs `tf.matMul(a, b)`',
      needs: ['mm'],
      dpnn: (f) => {
        const a = floatTensor([256, 256], a256), b = floatTensor([256, 256], b256), res = floatTensor([256, 256]);
        return { run: () => f.mm!(res, a, b), result: () => [res.data] };
      },
      tfjs: () => {
        const a = tf.tensor2d(a256, [256, 256]), b = tf.tensor2d(b256, [256, 256]);
        return { op: () => [tf.matMul(a, b)], dispose: () => tf.dispose([a, b]) };
      },
      tol: 1e-4,
    },
    {
      name: 'index: 10k rows of 100k×16',
      calls: '`torch.index(res, x, 0, idx)` (LongTensor) vs `tf.gather(x, idx, 0)` (int32)',
      needs: ['index'],
      dpnn: (f) => {
        const x = floatTensor([100_000, 16], big), ix = longTensor(idx), res = floatTensor([10_000, 16]);
        return { run: () => f.index!(res, x, 0, ix), result: () => [res.data] };
      },
      tfjs: () => {
        const x = tf.tensor2d(big, [100_000, 16]), ix = tf.tensor1d(idx, 'int32');
        return { op: () => [tf.gather(x, ix, 0)], dispose: () => tf.dispose([x, ix]) };
      },
    },
    {
      name: 'sort 100k, descending, with indices',
      calls: '`torch.sort(vals, inds, x, 0, true)` vs `tf.topk(x, 100000)`',
      needs: ['sort'],
      dpnn: (f) => {
        const x = floatTensor([100_000], s100k), vals = floatTensor([100_000]), inds = torch.LongTensor(100_000);
        return { run: () => f.sort!(vals, inds, x, 0, true), result: () => [vals.data, inds.data] };
      },
      tfjs: () => {
        const x = tf.tensor1d(s100k);
        return { op: () => { const { values: v, indices: i } = tf.topk(x, 100_000); return [v, i]; }, dispose: () => x.dispose() };
      },
    },
    {
      name: 'randn, 1M',
      calls: '`torch.randn(res, 1000000)` vs `tf.randomNormal([1000000])`',
      needs: ['randn'],
      dpnn: (f) => {
        const res = floatTensor([M]);
        return { run: () => f.randn!(res, M), result: () => null };
      },
      tfjs: () => ({ op: () => [tf.randomNormal([M])], dispose: () => undefined }),
    },
    {
      name: 'cat: two 1000×500 along dim 1',
      calls: '`torch.cat(res, [a, b], 1)` vs `tf.concat([a, b], 1)`',
      needs: ['cat'],
      dpnn: (f) => {
        const a = floatTensor([1000, 500], c1), b = floatTensor([1000, 500], c2), res = floatTensor([1000, 1000]);
        return { run: () => f.cat!(res, [a, b], 1), result: () => [res.data] };
      },
      tfjs: () => {
        const a = tf.tensor2d(c1, [1000, 500]), b = tf.tensor2d(c2, [1000, 500]);
        return { op: () => [tf.concat([a, b], 1)], dispose: () => tf.dispose([a, b]) };
      },
    },
  ];
}

/** The wasm backend's count of js-kernel fallbacks, where this checkout exports it. */
async function fallbackCounter(): Promise<(() => Record<string, number>) | null> {
  try {
    const m = (await import('../lib/kernels/wasm/index.js')) as { wasmFallbacks?: () => Record<string, number> };
    return typeof m.wasmFallbacks === 'function' ? m.wasmFallbacks : null;
  } catch {
    return null;
  }
}

function diffCounts(before: Record<string, number>, after: Record<string, number>): string {
  return Object.entries(after).filter(([k, v]) => v > (before[k] ?? 0)).map(([k, v]) => `${k} ×${v - (before[k] ?? 0)}`).join(', ');
}

/** max |a − b| / (1 + |b|) over the first min(length) values. */
function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (1 + Math.abs(b[i]!)));
  return a.length === b.length ? worst : Infinity;
}

const short = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 160);

interface Entry { key: string; enter: () => void; run: () => void }
const noop = (): void => undefined;

/**
 * bench/timing.ts's `time` for several calls at once, their samples interleaved (a, b, c, a, b, c, …)
 * so that the machine's load moves all of them alike: each call is warmed up and given its own
 * repetition count (≥ minMs per sample), and `enter` runs before each of its samples (dpnn-ts's
 * backend is global). Returns the median ms per call, or 'error' for a call that threw.
 */
function timeInterleaved(entries: Entry[], minMs: number, samples: number, onError: (key: string, e: unknown) => void): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  const live: Array<Entry & { reps: number; ms: number[] }> = [];
  for (const e of entries) {
    try {
      e.enter();
      for (let i = 0; i < 3; i++) e.run();
      let reps = 1;
      for (;;) {
        const t0 = performance.now();
        for (let i = 0; i < reps; i++) e.run();
        const dt = performance.now() - t0;
        if (dt >= minMs || reps >= 1 << 20) break;
        reps *= dt > 0 ? Math.min(16, Math.ceil((minMs * 1.2) / dt)) : 16;
      }
      live.push({ ...e, reps, ms: [] });
    } catch (err) {
      out[e.key] = 'error';
      onError(e.key, err);
    }
  }
  for (let s = 0; s < samples; s++) {
    for (const e of live) {
      e.enter();
      const t0 = performance.now();
      for (let i = 0; i < e.reps; i++) e.run();
      e.ms.push((performance.now() - t0) / e.reps);
    }
  }
  for (const e of live) out[e.key] = e.ms.slice().sort((a, b) => a - b)[Math.floor(e.ms.length / 2)]!;
  return out;
}

/** Runs the table: dpnn-ts wasm and js, TensorFlow.js wasm (with and without readback), and formats it. */
export async function tensorOpsBench({ minMs, samples }: TensorOpsOptions): Promise<TensorOpsReport> {
  const prevBackend = nn.backend().name;
  await tf.setBackend('wasm');
  await tf.ready();
  const fallbacks = await fallbackCounter();
  const notes: string[] = [];
  const rows: TensorOpRow[] = [];
  for (const s of specs()) {
    const row: TensorOpRow = { name: s.name, calls: s.calls, ms: { 'dpnn js': 'n/a', 'dpnn wasm': 'n/a', 'tfjs wasm': 'n/a', 'tfjs wasm, no dataSync': 'n/a' } };
    const missing = s.needs.filter((n) => typeof fns[n] !== 'function');
    const entries: Entry[] = [];
    const tfBefore = tf.memory().numTensors;
    const t = s.tfjs();
    // TensorFlow.js's results check dpnn-ts's before anything is timed
    let expected: ArrayLike<number>[] | null = null;
    try {
      const first = t.op();
      expected = first.map((r) => r.dataSync());
      tf.dispose(first);
      entries.push({ key: 'tfjs wasm', enter: noop, run: () => tf.tidy(() => { for (const r of t.op()) r.dataSync(); }) });
      entries.push({ key: 'tfjs wasm, no dataSync', enter: noop, run: () => tf.tidy(() => { t.op(); }) });
    } catch (e) {
      row.ms['tfjs wasm'] = row.ms['tfjs wasm, no dataSync'] = 'error';
      notes.push(`- ${s.name}: tfjs wasm threw: ${short(e)}`);
    }
    for (const b of missing.length ? [] : (['wasm', 'js'] as const)) {
      nn.setBackend(b); // before the tensors are made: on wasm they live in its heap
      try {
        const d = s.dpnn(fns as Record<string, Loose>);
        d.run();
        const got = d.result();
        if (got && expected) {
          got.forEach((v, i) => {
            const err = maxRelDiff(v, expected![i]!);
            if (!(err <= (s.tol ?? 0))) notes.push(`- ${s.name}: dpnn ${b} output ${i} differs from TensorFlow.js's (max relative difference ${err.toExponential(1)})`);
          });
        }
        entries.push({ key: `dpnn ${b}`, enter: () => nn.setBackend(b), run: d.run });
      } catch (e) {
        row.ms[`dpnn ${b}`] = 'error';
        notes.push(`- ${s.name}: dpnn ${b} threw: ${short(e)}`);
      }
    }
    const before = fallbacks?.();
    for (const [key, ms] of Object.entries(timeInterleaved(entries, minMs, samples, (key, e) => notes.push(`- ${s.name}: ${key} threw while timed: ${short(e)}`)))) {
      row.ms[key as keyof TensorOpRow['ms']] = ms;
    }
    if (before && fallbacks) {
      const fell = diffCounts(before, fallbacks()); // only the wasm backend counts these
      if (fell) notes.push(`- ${s.name}: the wasm backend ran js kernels while timed (${fell})`);
    }
    t.dispose();
    const leaked = tf.memory().numTensors - tfBefore;
    if (leaked) notes.push(`- ${s.name}: ${leaked} TensorFlow.js tensors left undisposed`);
    rows.push(row);
  }
  nn.setBackend(prevBackend);

  const fmt = (v: Cell): string => (v === 'n/a' ? '(not available)' : v === 'error' ? '(error)' : v < 0.1 ? v.toFixed(4) : v < 10 ? v.toFixed(3) : v.toFixed(1));
  const ratio = (dp: Cell, t: Cell): string => (typeof dp === 'number' && typeof t === 'number' ? `${(t / dp).toFixed(2)}×` : '—');
  const lines = [
    '| op | calls | dpnn js ms | dpnn wasm ms | tfjs wasm ms | tfjs wasm / dpnn wasm | tfjs wasm ms, no dataSync | no dataSync / dpnn wasm |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${r.calls} | ${fmt(r.ms['dpnn js'])} | ${fmt(r.ms['dpnn wasm'])} | ${fmt(r.ms['tfjs wasm'])} | ${ratio(r.ms['dpnn wasm'], r.ms['tfjs wasm'])} | ${fmt(r.ms['tfjs wasm, no dataSync'])} | ${ratio(r.ms['dpnn wasm'], r.ms['tfjs wasm, no dataSync'])} |`),
  ];
  const table = lines.join('\n');
  const about = [
    'dpnn-ts runs each op through `torch.*` into preallocated results (the result-first forms; nothing is allocated in its timed loop),',
    'tensors allocated after `nn.setBackend(...)` (on wasm: float32 in the wasm heap; LongTensors on the JavaScript heap, as Int32Array).',
    `TensorFlow.js ${tf.version.tfjs}, wasm backend, one thread, allocates each result and disposes it inside the timed function (tf.tidy)`,
    'after `dataSync()`: dpnn-ts\'s results are in host-addressable memory when the call returns, so TensorFlow.js reads its results into',
    'host memory too; the last two columns are the same call without `dataSync()` (its compute alone) and its ratio. Ratios above 1 mean dpnn-ts wasm is faster.',
    'max(dim) with indices is two TensorFlow.js ops (`tf.max` and `tf.argMax`, two passes over x) against one dpnn-ts call;',
    'sort is `tf.topk(x, n)`, which sorts descending, so dpnn-ts sorts descending too; `tf.gather` takes int32 indices (dpnn-ts: a LongTensor);',
    '`tf.randomNormal` draws its values in JavaScript and uploads them to the wasm heap.',
    ...(rows.some((r) => Object.values(r).includes('n/a')) ? ['"(not available)": the torch function does not exist in this checkout.'] : []),
  ].join(' ');
  const markdown = [`## Tensor ops through the torch API`, '', `Medians of ${samples} samples, each ≥ ${minMs} ms of calls, the samples of one row's calls interleaved; float32. ${about}`, '', table, ...(notes.length ? ['', ...notes] : [])].join('\n');
  return { rows, table, notes, markdown };
}
