// The tensor library's stable sort of contiguous float32 rows on the wasm backend (LSD radix, insertion).

import { at } from './tensorCommon';

// ---- sort of contiguous rows (inner = 1)

/**
 * The sort key of a float: unsigned order = the js comparator's order (−0 = +0, every NaN last and
 * equal); descending inverts all but NaN.
 */
@inline function sortKey(v: f32, descending: bool): u32 {
  let u = reinterpret<u32>(v);
  if ((u & 0x7fffffff) > 0x7f800000) return 0xffffffff;
  if (u == 0x80000000) u = 0;
  const key = (u >> 31) != 0 ? ~u : u | 0x80000000;
  return descending ? ~key : key;
}

/**
 * LSD radix sort of n (key << 32 | index) pairs at src by the key's digits of `bits` bits (8: four
 * passes, 11: three); stable, and a digit held by every key moves nothing. Returns where the sorted
 * pairs are (src or dst). hist: 2^bits u32 counters per pass.
 */
function radixSort(src: usize, dst: usize, n: i32, bits: i32, hist: usize): usize {
  const buckets = 1 << bits, mask = <u32>(buckets - 1), passes = (32 + bits - 1) / bits;
  const hb = (<usize>buckets) << 2;
  memory.fill(hist, 0, hb * <usize>passes);
  for (let k = 0; k < n; k++) {
    const key = <u32>(load<u64>(src + ((<usize>k) << 3)) >> 32);
    for (let p = 0; p < passes; p++) {
      const h = hist + hb * <usize>p + ((<usize>((key >> <u32>(p * bits)) & mask)) << 2);
      store<u32>(h, load<u32>(h) + 1);
    }
  }
  for (let p = 0; p < passes; p++) {
    const h = hist + hb * <usize>p, shift = <u64>(32 + p * bits);
    let sum: u32 = 0, constant = false;
    for (let d = 0; d < buckets; d++) { // exclusive prefix sums
      const c = load<u32>(h + ((<usize>d) << 2));
      if (c == <u32>n) constant = true;
      store<u32>(h + ((<usize>d) << 2), sum);
      sum += c;
    }
    if (constant) continue;
    for (let k = 0; k < n; k++) {
      const e = load<u64>(src + ((<usize>k) << 3));
      const hp = h + ((<usize>(<u32>(e >> shift) & mask)) << 2), pos = load<u32>(hp);
      store<u32>(hp, pos + 1);
      store<u64>(dst + ((<usize>pos) << 3), e);
    }
    const t = src; src = dst; dst = t;
  }
  return src;
}

/** Insertion sort of n (key << 32 | index) pairs in place (the pairs are distinct, so it is stable). */
function insertionSort(p: usize, n: i32): void {
  for (let k = 1; k < n; k++) {
    const e = load<u64>(p + ((<usize>k) << 3));
    let j = k;
    for (; j > 0; j--) {
      const prev = load<u64>(p + ((<usize>(j - 1)) << 3));
      if (prev <= e) break;
      store<u64>(p + ((<usize>j) << 3), prev);
    }
    store<u64>(p + ((<usize>j) << 3), e);
  }
}

/**
 * Sorts each of outer rows of n floats, stably: values (floats) and indices (i32) in this memory.
 * work: 2n u64 pairs (ping-pong) + n floats + 3·2048 u32 counters. Insertion sort up to 64, radix
 * sort with 8-bit digits up to 4096, 11-bit digits above.
 */
export function sortRowsF32(values: usize, indices: usize, x: usize, outer: i32, n: i32, descending: bool, work: usize): void {
  const pa = work, pb = pa + ((<usize>n) << 3), xs = pb + ((<usize>n) << 3), hist = xs + ((<usize>n) << 2);
  for (let r = 0; r < outer; r++) {
    memory.copy(xs, at(x, r * n), (<usize>n) << 2); // values may be x itself
    for (let k = 0; k < n; k++) store<u64>(pa + ((<usize>k) << 3), ((<u64>sortKey(load<f32>(at(xs, k)), descending)) << 32) | <u64>k);
    let sorted = pa;
    if (n <= 64) insertionSort(pa, n);
    else sorted = radixSort(pa, pb, n, n <= 4096 ? 8 : 11, hist);
    const vr = at(values, r * n), ir = at(indices, r * n);
    for (let k = 0; k < n; k++) {
      const idx = load<i32>(sorted + ((<usize>k) << 3)); // the low half of the little-endian u64
      store<f32>(at(vr, k), load<f32>(at(xs, idx)));
      store<i32>(at(ir, k), idx);
    }
  }
}
