/** nn.Tanh: y = tanh(x); dy/dx = 1 − y², from the stored output. Ref: torch/nn Tanh.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class Tanh extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    backend().tanh(out, x);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    backend().tanhBackward(gradIn, y, gradOut);
  }
}
