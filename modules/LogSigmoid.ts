/**
 * nn.LogSigmoid: y = log(1/(1 + e⁻ˣ)) = min(x, 0) − log(1 + e^−|x|) (stable for large |x|), every
 * shape; dy/dx = σ(−x). Ref: torch/nn LogSigmoid.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';

export class LogSigmoid extends Pointwise {
  private buffer = Tensor.empty();

  protected apply_(out: Tensor, x: Tensor): void {
    this.buffer.resizeAs(x).abs(x).neg().exp().log1p();
    out.cmin(x, 0).add(-1, this.buffer);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    this.buffer.resizeAs(x).neg(x).sigmoid();
    gradIn.cmul(gradOut, this.buffer);
  }
}
