/** nn.SoftSign: y = x/(1 + |x|), every shape; dy/dx = 1/(1 + |x|)². Ref: torch/nn SoftSign.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';

export class SoftSign extends Pointwise {
  temp = Tensor.empty();
  tempgrad = Tensor.empty();

  protected apply_(out: Tensor, x: Tensor): void {
    this.temp.resizeAs(x).abs(x).add(1);
    out.cdiv(x, this.temp);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    const t = this.tempgrad.resizeAs(x).abs(x).add(1);
    gradIn.cdiv(gradOut, t.cmul(t));
  }
}
