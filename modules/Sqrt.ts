/**
 * nn.Sqrt(b = 0): y = √x, every shape (x ≥ 0); dy/dx = 1/(2y), and 0 where y = 0 (THNN's choice).
 * The field eps keeps b, which Torch stores and does not use either. Ref: torch/nn Sqrt.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';

export class Sqrt extends Pointwise {
  private zero = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly eps = 0) {
    super();
  }

  protected apply_(out: Tensor, x: Tensor): void {
    out.sqrt(x);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    const z = this.zero.resizeAs(y).eq(y, 0);
    this.buf.resizeAs(y).add(y, z); // y, or 1 where y = 0
    gradIn.cdiv(gradOut, this.buf).mul(0.5);
    gradIn.cmul(z.mul(-1).add(1)); // 0 where y = 0
  }
}
