/** What the op table's rows share: result preparation, type and size checks, the block around a dimension. */
import { Tensor } from '../Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../errors.js';
import type { DType } from '../Storage.js';
import type { Res } from './opTable.js';
import { borrow, giveBack } from './scratch.js';

/** The single result tensor of a row (rows with nRes 1 are never handed a pair). */
export function one(res: Res): Tensor | null {
  return res === null || res instanceof Tensor ? res : res[0];
}

/** The result tensor: `res` resized to `shape` (checked to be of `dtype`), or a new one. */
export function prepare(where: string, res: Res, shape: readonly number[], dtype: DType): Tensor {
  const r = one(res);
  if (r === null) return Tensor.zeros(shape, dtype);
  if (r.dtype !== dtype) throw new ArgumentError(`${where}: expected a result of type ${Tensor.typeName(dtype)}, got ${r.type()}`);
  if (!r.sameShape(shape)) r.resize(shape);
  return r;
}

/** Torch's rule: both operands of one type, or an error naming both. */
export function sameType(where: string, x: Tensor, y: Tensor): void {
  if (x.dtype !== y.dtype) throw new ArgumentError(`${where}: expected arguments of one type, got ${x.type()} and ${y.type()}`);
}

/** Torch's pointwise rule: the same number of elements (the first operand's sizes are the result's). */
export function sameCount(where: string, x: Tensor, y: Tensor): void {
  if (x.numel() !== y.numel()) throw new ShapeError(`${where}: sizes do not match: ${shapeStr(x.shape)} and ${shapeStr(y.shape)}`);
}

/**
 * Runs a kernel that writes a contiguous output: straight into `out` when it is contiguous,
 * else into a scratch copied back (so results may be strided views, as in Torch).
 */
export function into(out: Tensor, kernel: (o: Tensor) => void): Tensor {
  if (out.isContiguous()) {
    kernel(out);
    return out;
  }
  const tmp = borrow(out.shape, out.dtype);
  try {
    kernel(tmp);
    return out.copy(tmp);
  } finally {
    giveBack(tmp);
  }
}

/** The contiguous block around dimension d: outer × n × inner. */
export function block(shape: readonly number[], d: number): { outer: number; n: number; inner: number } {
  let outer = 1, inner = 1;
  for (let i = 0; i < d; i++) outer *= shape[i]!;
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, n: shape[d]!, inner };
}

/** The sizes with dimension d set to `size`. */
export function withSize(shape: readonly number[], d: number, size: number): number[] {
  const s = shape.slice();
  s[d] = size;
  return s;
}

export function isFloat(t: Tensor): boolean {
  return t.dtype === 'float32' || t.dtype === 'float64';
}
