/**
 * nn.HardShrink(lambda = 0.5): y = x where |x| > λ, else 0, every shape; the gradient passes where
 * |x| > λ. Ref: torch/nn HardShrink.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class HardShrink extends Pointwise {
  private mask = Tensor.empty();

  constructor(readonly lambda = 0.5) {
    super();
    if (!(lambda >= 0)) throw new ArgumentError(`HardShrink.constructor: expected lambda ≥ 0, got ${lambda}`);
  }

  /** [|x| > λ] as 1/0 in x's type. */
  private outside(x: Tensor): Tensor {
    const m = this.mask.resizeAs(x).abs(x);
    return m.gt(m, this.lambda);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    out.cmul(x, this.outside(x));
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.cmul(gradOut, this.outside(x));
  }

  override toString(): string {
    return `HardShrink(${this.lambda})`;
  }
}
