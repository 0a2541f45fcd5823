/** nn.Exp: y = eˣ, every shape; dy/dx = y. Ref: torch/nn Exp.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';

export class Exp extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    out.exp(x);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    gradIn.cmul(y, gradOut);
  }
}
