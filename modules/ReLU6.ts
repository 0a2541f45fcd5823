/**
 * nn.ReLU6(inplace = false): y = min(max(x, 0), 6), every shape; the gradient passes strictly
 * inside (0, 6). Ref: torch/nn ReLU6.lua (THNN HardTanh with bounds 0 and 6).
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class ReLU6 extends InPlacePointwise {
  protected apply_(out: Tensor, x: Tensor): void {
    backend().hardtanh(out, x, 0, 6);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    backend().hardtanhBackward(gradIn, x, gradOut, 0, 6);
  }

  override toString(): string {
    return this.inplace ? 'ReLU6(true)' : 'ReLU6';
  }
}
