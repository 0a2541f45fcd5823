/**
 * The shared part of the element-wise criteria (Abs, SmoothL1, SoftMargin, Margin, BCE, DistKLDiv,
 * HingeEmbedding, BinaryLogisticRegression): input and target with the same number of elements,
 * a loss summed over the elements and divided by their number when `sizeAverage` (the `norm`).
 * Not a Torch class: Torch repeats this in each THNN kernel.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

export abstract class PointwiseCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  /** Scratch: an element-wise term of the loss. */
  protected buffer = Tensor.empty();
  /** The target in the input's type (when it came in another type, or as a number). */
  protected targetBuffer = Tensor.empty();
  protected mask = Tensor.empty('uint8');

  constructor(public sizeAverage = true) {
    super();
  }

  /** Whether a number target is accepted (it is repeated over the input). */
  protected get numberTarget(): boolean {
    return false;
  }

  /** The input and the target in the input's type (as [input, target]): tensors with the same number of elements. */
  protected pair(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor] {
    if (!(input instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected an input tensor, got a table ${describe(input)}`);
    if (typeof target === 'number') {
      if (!this.numberTarget) throw new ShapeError(`${this.where(method)}: expected a target tensor of ${input.numel()} elements, got the number ${target}`);
      return [input, this.targetBuffer.resizeAs(input).fill(target)];
    }
    if (!(target instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected a target tensor, got a table ${describe(target)}`);
    if (target.numel() !== input.numel()) {
      throw new ShapeError(`${this.where(method)}: expected a target of ${input.numel()} elements (input ${shapeStr(input.shape)}), got ${shapeStr(target.shape)}`);
    }
    if (target.dtype === input.dtype && target.sameShape(input)) return [input, target];
    return [input, this.targetBuffer.resizeAs(input).copy(target)];
  }

  /** 1/n when sizeAverage, else 1. */
  protected norm(x: Tensor): number {
    return this.sizeAverage ? 1 / x.numel() : 1;
  }
}
