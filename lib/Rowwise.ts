/**
 * Base of the row-wise normalisations (SoftMax, LogSoftMax): input (K) or (B, K), normalised over K.
 */
import { Module } from './Module.js';
import { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

export abstract class Rowwise extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  protected abstract run(out: Tensor, x: Tensor, rows: number, cols: number): void;
  protected abstract runBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void;

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2]).contiguous();
    this.output.resizeAs(x);
    this.run(this.output, x, x.dim() === 2 ? x.size(0) : 1, x.size(-1));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!x.sameShape(this.output)) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of size ${shapeStr(this.output.shape)} (as in forward), got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    this.runBackward(this.gradInput, this.output, g.contiguous(), x.dim() === 2 ? x.size(0) : 1, x.size(-1));
    return this.gradInput;
  }
}
