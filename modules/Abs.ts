/** nn.Abs: y = |x|, every shape; dy/dx = 1 where x ≥ 0, −1 where x < 0 (THNN's choice at 0). Ref: torch/nn Abs.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';

export class Abs extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    out.abs(x);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.ge(x, 0).mul(2).add(-1).cmul(gradOut); // (2·[x ≥ 0] − 1) ⊙ g
  }
}
