/**
 * Seeded random numbers: xoshiro128** seeded through splitmix32. One global generator,
 * set with `manualSeed(n)`; its state can be saved and restored (`getRNGState`/`setRNGState`)
 * so an interrupted training run continues the same stream.
 */
export class Generator {
  private s = new Uint32Array(4);

  constructor(seed = 0) {
    this.seed(seed);
  }

  seed(n: number): void {
    let x = n >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if ((this.s[0]! | this.s[1]! | this.s[2]! | this.s[3]!) === 0) this.s[0] = 1;
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0]!, s1 = s[1]!, s2 = s[2]!, s3 = s[3]!;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = (s1 ^ n2) >>> 0;
    s[0] = (s0 ^ n3) >>> 0;
    s[2] = (n2 ^ t) >>> 0;
    s[3] = rotl(n3, 11);
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  uniform(a = 0, b = 1): number {
    return a + (b - a) * this.random();
  }

  /** Normal by Box–Muller (no cached spare, so the state is just the four words). */
  normal(mean = 0, std = 1): number {
    let u = this.random();
    while (u <= 0) u = this.random();
    const v = this.random();
    return mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills data[offset .. offset+n) with N(mean, std²) draws, two per Box–Muller pair (cosine and
   * sine halves) from 32-bit uniforms: the bulk form behind tensor fills, about twice as fast as
   * n calls of `normal()` (and a different stream from it).
   */
  fillNormal(data: { length: number; [i: number]: number }, offset: number, n: number, mean = 0, std = 1): void {
    const TWO_PI = 2 * Math.PI, INV = 1 / 4294967296;
    let i = 0;
    for (; i + 1 < n; i += 2) {
      const u = (this.nextUint32() + 1) * INV, v = this.nextUint32() * INV; // u in (0, 1]
      const r = std * Math.sqrt(-2 * Math.log(u)), a = TWO_PI * v;
      data[offset + i] = mean + r * Math.cos(a);
      data[offset + i + 1] = mean + r * Math.sin(a);
    }
    if (i < n) {
      const u = (this.nextUint32() + 1) * INV, v = this.nextUint32() * INV;
      data[offset + i] = mean + std * Math.sqrt(-2 * Math.log(u)) * Math.cos(TWO_PI * v);
    }
  }

  bernoulli(p = 0.5): number {
    return this.random() < p ? 1 : 0;
  }

  /** Index drawn with probability proportional to `weights[i]` (need not sum to 1). */
  categorical(weights: ArrayLike<number>, offset = 0, length = weights.length - offset): number {
    let total = 0;
    for (let i = 0; i < length; i++) total += weights[offset + i]!;
    let u = this.random() * total;
    for (let i = 0; i < length; i++) {
      u -= weights[offset + i]!;
      if (u < 0) return i;
    }
    return length - 1;
  }

  /** Integer in [0, n). */
  randint(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** In-place Fisher–Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.randint(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }

  getState(): number[] {
    return Array.from(this.s);
  }

  setState(state: readonly number[]): void {
    if (state.length !== 4) throw new RangeError(`Generator.setState: expected 4 words, got ${state.length}`);
    for (let i = 0; i < 4; i++) this.s[i] = state[i]! >>> 0;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** The generator every stochastic module and initialiser draws from. */
export const rng = new Generator(0);

export function manualSeed(n: number): void {
  rng.seed(n);
}

export function getRNGState(): number[] {
  return rng.getState();
}

export function setRNGState(state: readonly number[]): void {
  rng.setState(state);
}
