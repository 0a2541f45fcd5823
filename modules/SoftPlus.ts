/**
 * nn.SoftPlus(beta = 1, threshold = 20): y = log(1 + e^(β·x))/β, and y = x where β·x > threshold
 * (Torch fixes the threshold at 20; here it may be given), every shape; dy/dx = 1 − e^(−β·y)
 * (1 above the threshold). Computed as (max(βx, 0) + log(1 + e^−|βx|))/β, which cannot overflow.
 * Ref: torch/nn SoftPlus.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class SoftPlus extends Pointwise {
  private a = Tensor.empty();
  private b = Tensor.empty();
  private mask = Tensor.empty();

  constructor(readonly beta = 1, readonly threshold = 20) {
    super();
    if (!(beta > 0)) throw new ArgumentError(`SoftPlus.constructor: expected beta > 0, got ${beta}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    const a = this.a.resizeAs(x).mul(x, this.beta), b = this.b.resizeAs(x), m = this.mask.resizeAs(x);
    m.gt(a, this.threshold);
    b.abs(a).neg().exp().log1p().add(a.cmax(a, 0)).div(this.beta); // softplus, stable
    a.csub(x, b).cmul(m); // [βx > threshold]·(x − softplus)
    out.add(b, a);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    const a = this.a.resizeAs(y).mul(y, -this.beta).expm1().neg(); // 1 − e^(−βy)
    const m = this.mask.resizeAs(y).mul(y, this.beta);
    m.gt(m, this.threshold);
    this.b.resizeAs(y).mul(a, -1).add(1).cmul(m);
    a.add(this.b);
    gradIn.cmul(gradOut, a);
  }

  override toString(): string {
    return `SoftPlus(${this.beta})`;
  }
}
