// The LSTM cell of the wasm backend (gates (B, 4H) in the order [input, forget, output, candidate],
// the states (B, H); 128-bit SIMD), as the js reference (lib/kernels/js/lstm.ts).

// Forward: the tensor library's float32 σ and tanh (./tensorMath.ts, a few ulp), the cell state in
// float32. Backward: pure arithmetic, done in f64x2 in the js order of operations, so it rounds once per
// output as js does and gives its numbers.

import { at } from './tensorCommon';
import { vsigmoid, vtanh } from './tensorMath';

/** Four columns (one when tail) of the cell at row offsets g (gates) and s (states), column j. */
@inline function cellAt(tail: bool, g: usize, s: usize, H: i32, j: i32, c: usize, h: usize, tanhC: usize, cPrev: usize): void {
  const pi = at(g, j), pf = at(g, H + j), po = at(g, 2 * H + j), pz = at(g, 3 * H + j), k = at(s, j);
  const i = vsigmoid(tail ? f32x4.splat(load<f32>(pi)) : v128.load(pi));
  const f = vsigmoid(tail ? f32x4.splat(load<f32>(pf)) : v128.load(pf));
  const o = vsigmoid(tail ? f32x4.splat(load<f32>(po)) : v128.load(po));
  const z = vtanh(tail ? f32x4.splat(load<f32>(pz)) : v128.load(pz));
  const cp = tail ? f32x4.splat(load<f32>(cPrev + k)) : v128.load(cPrev + k);
  const cv = f32x4.add(f32x4.mul(f, cp), f32x4.mul(i, z)); // c = f ⊙ cPrev + i ⊙ z
  const tc = vtanh(cv);
  const hv = f32x4.mul(o, tc);
  if (tail) {
    store<f32>(pi, f32x4.extract_lane(i, 0)); store<f32>(pf, f32x4.extract_lane(f, 0));
    store<f32>(po, f32x4.extract_lane(o, 0)); store<f32>(pz, f32x4.extract_lane(z, 0));
    store<f32>(c + k, f32x4.extract_lane(cv, 0)); store<f32>(tanhC + k, f32x4.extract_lane(tc, 0)); store<f32>(h + k, f32x4.extract_lane(hv, 0));
  } else {
    v128.store(pi, i); v128.store(pf, f); v128.store(po, o); v128.store(pz, z);
    v128.store(c + k, cv); v128.store(tanhC + k, tc); v128.store(h + k, hv);
  }
}

/** Activates gates in place (σ, σ, σ, tanh); c = f ⊙ cPrev + i ⊙ z, tanhC = tanh(c), h = o ⊙ tanhC. */
export function lstmCellF32(gates: usize, c: usize, h: usize, tanhC: usize, cPrev: usize, B: i32, H: i32): void {
  for (let b = 0; b < B; b++) {
    const g = at(gates, b * 4 * H), s = (<usize>(b * H)) << 2;
    let j = 0;
    for (; j + 4 <= H; j += 4) cellAt(false, g, s, H, j, c, h, tanhC, cPrev);
    for (; j < H; j++) cellAt(true, g, s, H, j, c, h, tanhC, cPrev);
  }
}

@inline function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}
@inline function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/**
 * From the activated gates, tanhC, cPrev and ∂L/∂h, ∂L/∂c: ∂L/∂c through h = o·tanh(c) added to ∂L/∂c,
 * then the gradients of the pre-activations (σ' = σ(1 − σ), tanh' = 1 − tanh²) and ∂L/∂cPrev = ∂L/∂c·f.
 */
export function lstmCellBackwardF32(gradGates: usize, gradCPrev: usize, gates: usize, tanhC: usize, cPrev: usize,
  gradH: usize, gradC: usize, B: i32, H: i32): void {
  const one = f64x2.splat(1);
  for (let b = 0; b < B; b++) {
    const g = at(gates, b * 4 * H), d = at(gradGates, b * 4 * H), s = (<usize>(b * H)) << 2;
    let j = 0;
    for (; j + 2 <= H; j += 2) {
      const k = at(s, j);
      const i = load2(at(g, j)), f = load2(at(g, H + j)), o = load2(at(g, 2 * H + j)), z = load2(at(g, 3 * H + j));
      const tc = load2(tanhC + k), dh = load2(gradH + k);
      const dc = f64x2.add(load2(gradC + k), f64x2.mul(f64x2.mul(dh, o), f64x2.sub(one, f64x2.mul(tc, tc))));
      store2(at(d, j), f64x2.mul(f64x2.mul(f64x2.mul(dc, z), i), f64x2.sub(one, i)));
      store2(at(d, H + j), f64x2.mul(f64x2.mul(f64x2.mul(dc, load2(cPrev + k)), f), f64x2.sub(one, f)));
      store2(at(d, 2 * H + j), f64x2.mul(f64x2.mul(f64x2.mul(dh, tc), o), f64x2.sub(one, o)));
      store2(at(d, 3 * H + j), f64x2.mul(f64x2.mul(dc, i), f64x2.sub(one, f64x2.mul(z, z))));
      store2(gradCPrev + k, f64x2.mul(dc, f));
    }
    for (; j < H; j++) {
      const k = at(s, j);
      const i = <f64>load<f32>(at(g, j)), f = <f64>load<f32>(at(g, H + j)), o = <f64>load<f32>(at(g, 2 * H + j)), z = <f64>load<f32>(at(g, 3 * H + j));
      const tc = <f64>load<f32>(tanhC + k), dh = <f64>load<f32>(gradH + k);
      const dc = <f64>load<f32>(gradC + k) + dh * o * (1 - tc * tc);
      store<f32>(at(d, j), <f32>(dc * z * i * (1 - i)));
      store<f32>(at(d, H + j), <f32>(dc * <f64>load<f32>(cPrev + k) * f * (1 - f)));
      store<f32>(at(d, 2 * H + j), <f32>(dh * tc * o * (1 - o)));
      store<f32>(at(d, 3 * H + j), <f32>(dc * i * (1 - z * z)));
      store<f32>(gradCPrev + k, <f32>(dc * f));
    }
  }
}
