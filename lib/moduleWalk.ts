/**
 * Walks over a module's fields for Module.type and Module.clearState: converting every
 * floating-point tensor below a value, and emptying outputs; and the argument checks modules share
 * (messages that name Class.method).
 */
import { Tensor } from './Tensor.js';
import { type Activity, describe } from './Activity.js';
import { ShapeError, StateError, shapeStr } from './errors.js';
import { isFloatDtype, type DType } from './Storage.js';

/**
 * Converts the floating-point tensors below `v` to dtype, once each; `own(x)` may take over an
 * object (a descendant module with its own type()) and return true, and the walk does not enter it.
 */
export function retypeTree(v: unknown, dtype: DType, own: (x: object) => boolean, seen = new Set<unknown>()): void {
  if (v === null || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (own(v)) return;
  if (v instanceof Tensor) {
    if (isFloatDtype(v.dtype)) v.retype(dtype);
    return;
  }
  if (ArrayBuffer.isView(v)) return;
  const values = Array.isArray(v) ? v : v instanceof Map ? [...v.values()] : Object.values(v);
  for (const x of values) retypeTree(x, dtype, own, seen);
}

/** An output or gradInput with every tensor replaced by an empty one of its type (tables keep their layout). */
export function emptied(v: unknown): unknown {
  if (v instanceof Tensor) return Tensor.empty(v.dtype);
  return Array.isArray(v) ? v.map(emptied) : v;
}

/** A ShapeError unless `input` is a tensor of one of the allowed dimensions. */
export function checkTensor(where: string, input: Activity, dims: readonly number[], what = 'input'): Tensor {
  if (!(input instanceof Tensor)) throw new ShapeError(`${where}: expected ${what} to be a tensor, got a table ${describe(input)}`);
  if (!dims.includes(input.dim())) throw new ShapeError(`${where}: expected ${what} of ${dims.join(' or ')} dimensions, got ${shapeStr(input.shape)}`);
  return input;
}

/** Backward before forward is a StateError; a gradOutput unlike the output is a ShapeError. */
export function checkGradOutput(where: string, gradOutput: Activity, output: Tensor): Tensor {
  if (!(gradOutput instanceof Tensor)) throw new ShapeError(`${where}: expected gradOutput to be a tensor, got a table ${describe(gradOutput)}`);
  if (output.numel() === 0 && gradOutput.numel() !== 0) {
    throw new StateError(`${where}: called before updateOutput; run forward(input) first, then backward(input, gradOutput)`);
  }
  if (gradOutput.numel() !== output.numel()) {
    throw new ShapeError(`${where}: expected gradOutput of size ${shapeStr(output.shape)} (as the output), got ${shapeStr(gradOutput.shape)}`);
  }
  return gradOutput;
}
