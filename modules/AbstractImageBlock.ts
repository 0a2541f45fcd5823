/**
 * A Decorator of a network that takes (B, C, H, W) batches only (not a Torch class; never
 * instantiated): the base of FireModule and Inception. A (C, H, W) image runs as a batch of one
 * (dpnn's toBatch) and its output and gradInput drop that dimension again (fromBatch).
 * Ref: dpnn FireModule.lua, Inception.lua (blocks of batch-only convolutions).
 */
import { Tensor } from '../lib/Tensor.js';
import { Decorator } from './Decorator.js';
import '../lib/dpnnModule.js';

export abstract class AbstractImageBlock extends Decorator {
  override updateOutput(input: Tensor): Tensor {
    const out = this.inner((m) => m.updateOutput(this.toBatch(this.checkTensor('updateOutput', input, [3, 4]), 3)));
    this.output = this.fromBatch(out as Tensor, 0);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [x, g] = [this.toBatch(input, 3), this.toBatch(gradOutput, 3)];
    this.gradInput = this.fromBatch(this.inner((m) => m.updateGradInput(x, g)) as Tensor, 0);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const [x, g] = [this.toBatch(input, 3), this.toBatch(gradOutput, 3)];
    this.inner((m) => m.accGradParameters(x, g, scale));
  }
}
