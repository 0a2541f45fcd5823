// Elementwise kernels of the wasm backend (float32, 128-bit SIMD, scalar tails).

export function axpby(n: i32, out: usize, a: f32, x: usize, b: f32, y: usize): void {
  const va = f32x4.splat(a), vb = f32x4.splat(b);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, f32x4.add(f32x4.mul(va, v128.load(x + o)), f32x4.mul(vb, v128.load(y + o))));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, a * load<f32>(x + o) + b * load<f32>(y + o));
  }
}

export function relu(n: i32, out: usize, x: usize): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, f32x4.max(v128.load(x + o), z));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(x + o);
    store<f32>(out + o, v > 0 ? v : 0);
  }
}

export function reluBackward(n: i32, gradIn: usize, x: usize, gradOut: usize): void {
  const z = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(gradIn + o, v128.and(v128.load(gradOut + o), f32x4.gt(v128.load(x + o), z)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(gradIn + o, load<f32>(x + o) > 0 ? load<f32>(gradOut + o) : 0);
  }
}

/** out[r, c] += alpha·v[c]. */
export function addRowVector(rows: i32, cols: i32, out: usize, v: usize, alpha: f32): void {
  const va = f32x4.splat(alpha);
  for (let r = 0; r < rows; r++) {
    const row = out + ((<usize>(r * cols)) << 2);
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const o = (<usize>c) << 2;
      v128.store(row + o, f32x4.add(v128.load(row + o), f32x4.mul(va, v128.load(v + o))));
    }
    for (; c < cols; c++) {
      const o = (<usize>c) << 2;
      store<f32>(row + o, load<f32>(row + o) + alpha * load<f32>(v + o));
    }
  }
}

/** out[c] = beta·out[c] + alpha·Σ_r x[r, c]. */
export function sumRows(rows: i32, cols: i32, out: usize, x: usize, alpha: f32, beta: f32): void {
  const va = f32x4.splat(alpha), vb = f32x4.splat(beta);
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    const o = (<usize>c) << 2;
    let acc = f32x4.splat(0);
    for (let r = 0; r < rows; r++) acc = f32x4.add(acc, v128.load(x + ((<usize>(r * cols)) << 2) + o));
    const prev = beta == 0 ? f32x4.splat(0) : f32x4.mul(vb, v128.load(out + o));
    v128.store(out + o, f32x4.add(prev, f32x4.mul(va, acc)));
  }
  for (; c < cols; c++) {
    const o = (<usize>c) << 2;
    let s: f32 = 0;
    for (let r = 0; r < rows; r++) s += load<f32>(x + ((<usize>(r * cols)) << 2) + o);
    store<f32>(out + o, (beta == 0 ? <f32>0 : beta * load<f32>(out + o)) + alpha * s);
  }
}

/** out = x (n floats; regions may overlap). */
export function copy(n: i32, out: usize, x: usize): void {
  memory.copy(out, x, (<usize>n) << 2);
}

/** out = x ⊙ y. */
export function cmul(n: i32, out: usize, x: usize, y: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, f32x4.mul(v128.load(x + o), v128.load(y + o)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, load<f32>(x + o) * load<f32>(y + o));
  }
}

/** gradIn = gradOut·(1 − y²), tanh's gradient from its output y. */
export function tanhBackward(n: i32, gradIn: usize, y: usize, gradOut: usize): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2, v = v128.load(y + o);
    v128.store(gradIn + o, f32x4.mul(v128.load(gradOut + o), f32x4.sub(one, f32x4.mul(v, v))));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2, v = load<f32>(y + o);
    store<f32>(gradIn + o, load<f32>(gradOut + o) * (1 - v * v));
  }
}

/** gradIn = gradOut·y·(1 − y), the sigmoid's gradient from its output y. */
export function sigmoidBackward(n: i32, gradIn: usize, y: usize, gradOut: usize): void {
  const one = f32x4.splat(1);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2, v = v128.load(y + o);
    v128.store(gradIn + o, f32x4.mul(f32x4.mul(v128.load(gradOut + o), v), f32x4.sub(one, v)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2, v = load<f32>(y + o);
    store<f32>(gradIn + o, load<f32>(gradOut + o) * v * (1 - v));
  }
}

/**
 * tanh for the Tanh module: a rational function of degree 13/6 on x clamped to ±7.9053 (where
 * float32 tanh is ±1), within 4e-7 relative of tanh; one division and no exp per four numbers.
 */
export function tanh(n: i32, out: usize, x: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    v128.store(out + o, vtanhRational(v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    store<f32>(out + o, f32x4.extract_lane(vtanhRational(f32x4.splat(load<f32>(x + o))), 0));
  }
}

@inline function vtanhRational(x: v128): v128 {
  const c = f32x4.min(f32x4.max(x, f32x4.splat(-7.90531110763549805)), f32x4.splat(7.90531110763549805));
  const z = f32x4.mul(c, c);
  let p = f32x4.add(f32x4.mul(f32x4.splat(-2.76076847742355e-16), z), f32x4.splat(2.00018790482477e-13));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(-8.60467152213735e-11));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(5.12229709037114e-8));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(1.48572235717979e-5));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(6.37261928875436e-4));
  p = f32x4.add(f32x4.mul(p, z), f32x4.splat(4.89352455891786e-3));
  let q = f32x4.add(f32x4.mul(f32x4.splat(1.19825839466702e-6), z), f32x4.splat(1.18534705686654e-4));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(2.26843463243900e-3));
  q = f32x4.add(f32x4.mul(q, z), f32x4.splat(4.89352518554385e-3));
  return f32x4.div(f32x4.mul(p, c), q);
}
