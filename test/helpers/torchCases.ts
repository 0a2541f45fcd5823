/** What the op-table tests share: many cases per assertion, error checks, and untyped access to methods and torch.* by name. */
import type { Test } from 'tape';
import { torch, Tensor, type ShapeError, type ArgumentError } from '../../index.js';

export type DType = Tensor['dtype'];
export type Call = (...args: (Tensor | number)[]) => Tensor;

/** Deterministic test values in [−1.5, 1.5], varied by seed. */
export const val = (i: number, seed: number): number => (((i * 37 + seed * 11) % 13) - 6) / 4;
export const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
export const flat = (x: Tensor): number[] => Array.from(x.toArray());

/** Collects many cases into one assertion (the first failures are listed). */
export class Cases {
  private fails: string[] = [];
  private n = 0;
  check(ok: boolean, label: string): void {
    this.n++;
    if (!ok && this.fails.length < 8) this.fails.push(label);
  }
  done(t: Test, label: string): void {
    t.deepEqual(this.fails, [], `${label} (${this.n} cases)`);
  }
}

/** fn throws an Err whose message contains every part. */
export function throwsWith(t: Test, fn: () => unknown, Err: typeof ShapeError | typeof ArgumentError, parts: readonly string[], label: string): void {
  try {
    fn();
    t.fail(`${label}: did not throw`);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    t.ok(e instanceof Err && parts.every((p) => msg.includes(p)), `${label}: ${msg}`);
  }
}

export const method = (x: Tensor, name: string): Call => {
  const f = (x as unknown as Record<string, Call>)[name]!;
  return (...a) => f.apply(x, a);
};
export const fn = (name: string): Call => (torch as unknown as Record<string, Call>)[name]!;

export type Layout = 'c' | 't' | 'n';

export function filled(shape: readonly number[], dtype: DType, seed: number): Tensor {
  return Tensor.from(Array.from({ length: numel(shape) }, (_, i) => val(i, seed)), shape, dtype);
}

/**
 * x's values in another layout: 'c' contiguous; 't' a transposed view (dimensions a and b swapped:
 * by default the last two; 1-D: strided); 'n' narrowed (non-contiguous).
 */
export function laid(x: Tensor, layout: Layout, swap: readonly [number, number] = [-2, -1]): Tensor {
  const d = x.dim();
  if (layout === 'c') return x.clone();
  if (d === 1) return Tensor.zeros([x.shape[0]!, layout === 't' ? 2 : 3], x.dtype).select(1, 1).copy(x);
  if (layout === 't') {
    const [a, b] = swap.map((k) => (k < 0 ? d + k : k)) as [number, number];
    const sw = x.shape.slice();
    [sw[a], sw[b]] = [sw[b]!, sw[a]!];
    return Tensor.zeros(sw, x.dtype).transpose(a, b).copy(x);
  }
  const wide = x.shape.slice();
  wide[d - 1] = wide[d - 1]! + 3;
  return Tensor.zeros(wide, x.dtype).narrow(d - 1, 1, x.shape[d - 1]!).copy(x);
}
