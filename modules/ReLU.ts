/**
 * nn.ReLU(inplace = false) (= Threshold(0, 0)): y = x if x > 0 else 0; the gradient passes where
 * x > 0 (0 at exactly 0). With inplace, the input is overwritten (see lib/InPlacePointwise.ts).
 * Ref: torch/nn ReLU.lua.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class ReLU extends InPlacePointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    backend().relu(out, x);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    backend().reluBackward(gradIn, x, gradOut);
  }

  override toString(): string {
    return this.inplace ? 'ReLU(true)' : 'ReLU';
  }
}
