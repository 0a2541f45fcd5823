/** nn.Sigmoid: y = 1/(1 + e^−x); dy/dx = y(1 − y), from the stored output. Ref: torch/nn Sigmoid.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class Sigmoid extends Pointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    backend().sigmoid(out, x);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    backend().sigmoidBackward(gradIn, y, gradOut);
  }
}
