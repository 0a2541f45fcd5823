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

/** Numbers nested in arrays: rows of rows, as `[[1, 2], [3, 4]]`. */
export type NestedNumbers = number | readonly NestedNumbers[];

/** The sizes and the row-major values of a rectangular nested array; ragged rows are a ShapeError naming where. */
export function nestedRows(where: string, v: readonly NestedNumbers[]): { shape: number[]; values: number[] } {
  const shape: number[] = [];
  for (let cur: NestedNumbers = v; Array.isArray(cur); cur = (cur as readonly NestedNumbers[])[0] ?? 0) shape.push((cur as readonly NestedNumbers[]).length);
  const values: number[] = [];
  const walk = (x: NestedNumbers, d: number, path: string): void => {
    if (d === shape.length) {
      if (typeof x !== 'number') throw new ShapeError(`${where}: ragged rows: expected a number at ${path}, got ${Array.isArray(x) ? `an array of ${x.length}` : typeof x}`);
      values.push(x);
    } else if (!Array.isArray(x) || x.length !== shape[d]) {
      throw new ShapeError(`${where}: ragged rows: expected ${path || 'the top'} to be an array of ${shape[d]} (as its first sibling), got ${Array.isArray(x) ? `${x.length} elements` : typeof x}`);
    } else {
      (x as readonly NestedNumbers[]).forEach((e, i) => walk(e, d + 1, `${path}[${i}]`));
    }
  };
  walk(v, 0, '');
  return { shape, values };
}
