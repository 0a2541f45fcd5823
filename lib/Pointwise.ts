/**
 * Base of elementwise activations: input of every shape, output of the same shape. Subclasses name the
 * forward and backward kernels; the backward reads either the input or the stored output.
 */
import { withContiguous } from './torch/scratch.js';
import { Module } from './Module.js';
import { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

export abstract class Pointwise extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  protected abstract apply_(out: Tensor, x: Tensor): void;
  /** gradIn from (input, output, gradOutput). */
  protected abstract applyBackward(gradIn: Tensor, x: Tensor, y: Tensor, gradOut: Tensor): void;

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    this.output.resizeAs(x);
    withContiguous([x], ([xc]) => this.apply_(this.output, xc));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!x.sameShape(this.output)) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of size ${shapeStr(this.output.shape)} (as in forward), got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    withContiguous([x, g], ([xc, gc]) => this.applyBackward(this.gradInput, xc, this.output, gc));
    return this.gradInput;
  }
}
