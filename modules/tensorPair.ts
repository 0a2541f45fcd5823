/**
 * The `[a, b]` table inputs of the two-tensor modules (CSubTable, CDivTable, DotProduct,
 * CosineDistance, PairwiseDistance): the checks and the (B, K) view of the row-wise ones.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** The two tensors of `[a, b]`; an ArgumentError naming `where` for anything else. */
export function tensorPair(where: string, input: Activity): [Tensor, Tensor] {
  const [a, b] = input instanceof Tensor ? [] : input;
  if (input instanceof Tensor || input.length !== 2 || !(a instanceof Tensor) || !(b instanceof Tensor)) {
    throw new ArgumentError(`${where}: expected a table of two tensors, got ${describe(input)}`);
  }
  return [a, b];
}

/** `[a, b]` with as many elements in b as in a (the element-wise table modules). */
export function elementPair(where: string, input: Activity): [Tensor, Tensor] {
  const [a, b] = tensorPair(where, input);
  if (a.numel() !== b.numel()) throw new ShapeError(`${where}: expected input 1 of size ${shapeStr(a.shape)} (as input 0), got ${shapeStr(b.shape)}`);
  return [a, b];
}

/**
 * `[a, b]` of one (B, K) or (K) size as (B, K) matrices: a (K) pair as contiguous (1, K) views, a
 * (B, K) pair as it came, or made contiguous with `contiguous`.
 */
export function rowPair(where: string, input: Activity, contiguous: boolean): [Tensor, Tensor] {
  const [a, b] = tensorPair(where, input);
  if (!a.sameShape(b) || (a.dim() !== 1 && a.dim() !== 2)) {
    throw new ShapeError(`${where}: expected two (B, K) or (K) tensors of one size, got ${describe(input)}`);
  }
  if (a.dim() === 1) return [a.contiguous().view(1, -1), b.contiguous().view(1, -1)];
  return contiguous ? [a.contiguous(), b.contiguous()] : [a, b];
}
