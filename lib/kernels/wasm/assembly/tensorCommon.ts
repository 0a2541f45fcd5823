// Helpers shared by the tensor library's wasm kernels: float32 ↔ float64 lanes, float addresses.

/** The low (high) two float32 lanes of v as an f64x2. */
@inline export function lo64(v: v128): v128 {
  return f64x2.promote_low_f32x4(v);
}
@inline export function hi64(v: v128): v128 {
  return f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 2, 3));
}
/** The byte address of float (or i32) i of the array at p. */
@inline export function at(p: usize, i: i32): usize {
  return p + ((<usize>i) << 2);
}
