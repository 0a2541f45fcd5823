/**
 * nn.LeakyReLU(negval = 1/100, ip = false): y = x for x > 0, negval·x otherwise, every shape;
 * dy/dx = 1 or negval. In place only for negval ≥ 0 (Torch turns it off otherwise, since the sign
 * of the overwritten input must survive for backward). Ref: torch/nn LeakyReLU.lua.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class LeakyReLU extends InPlacePointwise {
  private buf = Tensor.empty();

  constructor(readonly negval = 1 / 100, ip = false) {
    super(ip && negval >= 0);
    if (!Number.isFinite(negval)) throw new ArgumentError(`LeakyReLU.constructor: expected a finite negval, got ${negval}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    this.buf.resizeAs(x).cmin(x, 0).mul(this.negval);
    out.cmax(x, 0).add(this.buf); // max(x, 0) + negval·min(x, 0)
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    this.buf.resizeAs(x).gt(x, 0).mul(1 - this.negval).add(this.negval); // negval + (1 − negval)·[x > 0]
    gradIn.cmul(gradOut, this.buf);
  }

  override toString(): string {
    return `LeakyReLU(${this.negval})`;
  }
}
