/** nn.Square: y = x², every shape; dy/dx = 2x. Ref: torch/nn Square.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';

export class Square extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    out.square(x);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.cmul(x, gradOut).mul(2);
  }
}
