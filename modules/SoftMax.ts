/** nn.SoftMax: y_i = exp(x_i)/Σ_j exp(x_j), per row of (K) or (B, K). Ref: torch/nn SoftMax.lua. */
import { Rowwise } from '../lib/Rowwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class SoftMax extends Rowwise {
  protected run(out: Tensor, x: Tensor, rows: number, cols: number): void {
    backend().softmax(out, x, rows, cols);
  }

  protected runBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void {
    backend().softmaxBackward(gradIn, y, gradOut, rows, cols);
  }
}
