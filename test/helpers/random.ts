import { Generator, Tensor } from '../../index.js';

/**
 * The cases' values come from seed 12345, or from DPNN_SEED when set (`npm run test:random` draws
 * one and prints it, so that a failure can be rerun with `DPNN_SEED=<seed> npm test`).
 */
const envSeed = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.DPNN_SEED;
export const caseSeed = envSeed ? Number(envSeed) : 12345;
const g = new Generator(caseSeed);

/** A float64 tensor with entries U(lo, hi). */
export function rand(shape: number[], lo = -1, hi = 1): Tensor {
  let n = 1;
  for (const s of shape) n *= s;
  return Tensor.from(Array.from({ length: n }, () => g.uniform(lo, hi)), shape, 'float64');
}

/** A float64 tensor of class indices in 0..k−1. */
export function classes(n: number, k: number): Tensor {
  return Tensor.from(Array.from({ length: n }, () => g.randint(k)), [n], 'float64');
}

export function close(a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!(Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!)))) return false;
  return true;
}
