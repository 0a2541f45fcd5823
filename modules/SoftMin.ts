/** nn.SoftMin: y = SoftMax(−x) per row of (K) or (B, K); gradInput = −SoftMax′ᵀ·gradOutput. Ref: torch/nn SoftMin.lua. */
import { Rowwise } from '../lib/Rowwise.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class SoftMin extends Rowwise {
  private mininput = Tensor.empty();

  protected run(out: Tensor, x: Tensor, rows: number, cols: number): void {
    backend().softmax(out, this.mininput.resizeAs(x).neg(x), rows, cols);
  }

  protected runBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void {
    backend().softmaxBackward(gradIn, y, gradOut, rows, cols);
    gradIn.neg();
  }
}
