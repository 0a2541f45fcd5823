// What the matrix products share: C's scaling and update, horizontal sums, dot products (float32, 128-bit SIMD).

@inline export function scaleC(m: i32, n: i32, beta: f32, c: usize, ldc: i32): void {
  if (beta == 1) return;
  for (let i = 0; i < m; i++) {
    const row = c + ((<usize>(i * ldc)) << 2);
    if (beta == 0) memory.fill(row, 0, (<usize>n) << 2);
    else for (let j = 0; j < n; j++) store<f32>(row + ((<usize>j) << 2), load<f32>(row + ((<usize>j) << 2)) * beta);
  }
}


@inline export function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** upd's mode: bits 0–1 say how C is kept (0: beta = 0, C not read; 1: beta = 1; 2: another beta), bit 2 that alpha = 1. */
@inline export function updMode(alpha: f32, beta: f32): i32 {
  return (beta == 0 ? 0 : beta == 1 ? 1 : 2) | (alpha == 1 ? 4 : 0);
}

/** C[off..off+16) = alpha·acc + beta·C (va = splat(alpha), vb = splat(beta)), as `mode` (updMode) says. */
@inline export function upd(pc: usize, off: usize, acc: v128, va: v128, vb: v128, mode: i32): void {
  const x = mode & 4 ? acc : f32x4.mul(va, acc), keep = mode & 3;
  if (keep == 0) v128.store(pc + off, x);
  else if (keep == 1) v128.store(pc + off, f32x4.add(v128.load(pc + off), x));
  else v128.store(pc + off, f32x4.add(f32x4.mul(vb, v128.load(pc + off)), x));
}

/** alpha·x + beta·C[pc] (beta = 0: C not read). */
@inline export function axpby(alpha: f32, x: f32, beta: f32, pc: usize): f32 {
  return beta == 0 ? alpha * x : beta == 1 ? load<f32>(pc) + alpha * x : beta * load<f32>(pc) + alpha * x;
}

/** [Σ x0, Σ x1, Σ x2, Σ x3]: the four horizontal sums as one vector. */
@inline export function hsum4(x0: v128, x1: v128, x2: v128, x3: v128): v128 {
  const u = f32x4.add(i32x4.shuffle(x0, x1, 0, 4, 1, 5), i32x4.shuffle(x0, x1, 2, 6, 3, 7));
  const w = f32x4.add(i32x4.shuffle(x2, x3, 0, 4, 1, 5), i32x4.shuffle(x2, x3, 2, 6, 3, 7));
  return f32x4.add(i64x2.shuffle(u, w, 0, 2), i64x2.shuffle(u, w, 1, 3));
}

/** dot(x[0..k), y[0..k)) for float32 rows at x and y. */
@inline export function dot(x: usize, y: usize, k: i32): f32 {
  const kv = k & ~3;
  let acc = f32x4.splat(0);
  for (let p = 0; p < kv; p += 4) {
    const o = (<usize>p) << 2;
    acc = f32x4.add(acc, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  let s = hsum(acc);
  for (let p = kv; p < k; p++) s += load<f32>(x + ((<usize>p) << 2)) * load<f32>(y + ((<usize>p) << 2));
  return s;
}
