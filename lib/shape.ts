/** Shape arithmetic shared by tensors and kernels. */
import { ShapeError, shapeStr } from './errors.js';

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

export function checkShape(where: string, shape: readonly number[]): void {
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new ShapeError(`${where}: sizes must be non-negative integers, got ${shapeStr(shape)}`);
  }
}
