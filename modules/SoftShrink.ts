/**
 * nn.SoftShrink(lambda = 0.5): y = x − λ for x > λ, x + λ for x < −λ, else 0 (= x − clamp(x, −λ, λ)),
 * every shape; the gradient passes where |x| > λ. Ref: torch/nn SoftShrink.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class SoftShrink extends Pointwise {
  private buf = Tensor.empty();

  constructor(readonly lambda = 0.5) {
    super();
    if (!(lambda >= 0)) throw new ArgumentError(`SoftShrink.constructor: expected lambda ≥ 0, got ${lambda}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    this.buf.resizeAs(x).clamp(x, -this.lambda, this.lambda);
    out.csub(x, this.buf);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    const m = this.buf.resizeAs(x).abs(x);
    gradIn.cmul(gradOut, m.gt(m, this.lambda));
  }

  override toString(): string {
    return `SoftShrink(${this.lambda})`;
  }
}
