/** nn.Log: y = ln x, every shape (x > 0); dy/dx = 1/x. Ref: torch/nn Log.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';

export class Log extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    out.log(x);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.cdiv(gradOut, x);
  }
}
