/**
 * nn.Contiguous: output = input when it is contiguous (the same storage, no copy), else a
 * contiguous copy; gradInput likewise from gradOutput. Any shape. Ref: torch/nn Contiguous.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';

export class Contiguous extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  private static into(dst: Tensor, src: Tensor): Tensor {
    if (src.isContiguous()) return dst.setView(src);
    if (dst.storage === src.storage) dst.set(Tensor.empty(src.dtype));
    return dst.resizeAs(src).copy(src);
  }

  override updateOutput(input: Tensor): Tensor {
    return Contiguous.into(this.output, this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5, 6]));
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    return Contiguous.into(this.gradInput, g);
  }
}
