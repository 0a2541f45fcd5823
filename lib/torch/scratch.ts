/**
 * Temporaries of the op table: the contiguous copy of a strided operand, the contiguous result
 * written through to a strided view, gemm's accumulator. They live only inside one op, so they are
 * taken from a pool of storages (per allocator, dtype and length) and handed back when the op
 * returns: a training step that repeats the same ops allocates nothing after its first run.
 * A borrowed tensor's contents are stale; every user overwrites them in full.
 */
import { Tensor } from '../Tensor.js';
import { Storage, currentAllocator, type Allocator, type DType } from '../Storage.js';

/** Storages kept per (dtype, length) for one allocator; more than this are left to the GC. */
const KEEP = 8;
const pools = new WeakMap<Allocator, Map<string, Storage[]>>();

function poolOf(dtype: DType, length: number): Storage[] {
  const a = currentAllocator();
  let byKey = pools.get(a);
  if (!byKey) pools.set(a, (byKey = new Map()));
  const key = `${dtype}:${length}`;
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = []));
  return list;
}

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A contiguous tensor of `shape` over pooled storage (stale contents); hand it back with `giveBack`. */
export function borrow(shape: readonly number[], dtype: DType): Tensor {
  const n = numel(shape);
  const st = poolOf(dtype, n).pop() ?? Storage.allocate(dtype, n);
  return new Tensor(st, 0, shape);
}

/** Returns a borrowed tensor's storage to its pool. */
export function giveBack(t: Tensor): void {
  const list = poolOf(t.dtype, t.storage.length);
  if (list.length < KEEP && !list.includes(t.storage)) list.push(t.storage);
}

/** x itself when contiguous, else a borrowed contiguous copy; pair with `release(x, xc)`. */
export function contiguousTemp(x: Tensor): Tensor {
  return x.isContiguous() ? x : borrow(x.shape, x.dtype).copy(x);
}

/** Hands back every temporary `contiguousTemp` made: pairs of (original, what it returned). */
export function release(...pairs: [Tensor, Tensor][]): void {
  for (const [x, c] of pairs) if (c !== x) giveBack(c);
}

/** Runs `body` on contiguous versions of `xs` (borrowed copies of strided ones), handing the copies back after. */
export function withContiguous<const X extends readonly Tensor[], R>(xs: X, body: (cs: { [K in keyof X]: Tensor }) => R): R {
  const cs = xs.map(contiguousTemp);
  try {
    return body(cs as { [K in keyof X]: Tensor });
  } finally {
    xs.forEach((x, i) => release([x, cs[i] ?? x]));
  }
}
