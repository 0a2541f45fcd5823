/**
 * Base of the pure re-indexing modules (Reshape, View, Collapse): the output is a view of the
 * (contiguous) input with another shape, and gradInput a view of gradOutput with the input's shape.
 */
import { Module } from './Module.js';
import { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

export abstract class Reindex extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  /** The output shape for this input (may hold one −1). */
  protected abstract outputShape(input: Tensor): number[];

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5, 6]).contiguous();
    const shape = this.outputShape(x);
    try {
      this.output.setView(x, shape);
    } catch {
      throw new ShapeError(`${this.where('updateOutput')}: cannot view input ${shapeStr(x.shape)} as ${shapeStr(shape)}`);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (input.numel() !== g.numel()) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input with ${g.numel()} elements, got ${shapeStr(input.shape)}`);
    }
    this.gradInput.setView(g.contiguous(), input.shape);
    return this.gradInput;
  }
}
