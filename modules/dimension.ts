/**
 * The `dimension` / `nInputDims` convention of Torch's reductions and splits (Max, Min, Sum, Mean,
 * SplitTable): a 0-based dimension, negative counting from the end; with nInputDims and an input
 * of nInputDims + 1 dimensions (a batch), a non-negative dimension moves one to the right.
 */
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** Throws unless `dimension` is an integer (`cls` names the class in the message). */
export function checkDimension(cls: string, dimension: number): void {
  if (!Number.isInteger(dimension)) throw new ArgumentError(`${cls}.constructor: expected an integer dimension, got ${dimension}`);
}

/** The dimension of `input` meant by (dimension, nInputDims); a ShapeError naming `where` when out of range. */
export function resolveDimension(where: string, input: Tensor, dimension: number, nInputDims: number | undefined): number {
  let d = dimension;
  if (d < 0) d += input.dim();
  else if (nInputDims !== undefined && input.dim() === nInputDims + 1) d += 1;
  if (d < 0 || d >= input.dim()) throw new ShapeError(`${where}: dimension ${dimension} out of range for input ${shapeStr(input.shape)}`);
  return d;
}

/** `Name(dimension[, nInputDims])`, the toString of these modules. */
export function dimensionString(name: string, dimension: number, nInputDims: number | undefined): string {
  return `${name}(${dimension}${nInputDims !== undefined ? `, ${nInputDims}` : ''})`;
}
