/** nn.Power(p): y = xᵖ, every shape; dy/dx = p·xᵖ⁻¹. Ref: torch/nn Power.lua. */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class Power extends Pointwise {
  constructor(readonly pow: number) {
    super();
    if (!Number.isFinite(pow)) throw new ArgumentError(`Power.constructor: expected a finite power, got ${pow}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    out.pow(x, this.pow);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.pow(x, this.pow - 1).cmul(gradOut).mul(this.pow);
  }

  override toString(): string {
    return `Power(${this.pow})`;
  }
}
