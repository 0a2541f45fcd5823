/**
 * nn.LogSoftMax: y_i = x_i − log Σ_j exp(x_j), per row of (K) or (B, K), computed with the row max
 * subtracted. Ref: torch/nn LogSoftMax.lua.
 */
import { Rowwise } from '../lib/Rowwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class LogSoftMax extends Rowwise {
  protected run(out: Tensor, x: Tensor, rows: number, cols: number): void {
    backend().logSoftmax(out, x, rows, cols);
  }

  protected runBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void {
    backend().logSoftmaxBackward(gradIn, y, gradOut, rows, cols);
  }
}
