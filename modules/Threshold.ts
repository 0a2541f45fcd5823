/**
 * nn.Threshold(th = 1e-6, v = 0, ip = false): y = x where x > th, else v, every shape; the gradient
 * passes where x > th. In place needs v ≤ th (so the overwritten input still tells the sides
 * apart). Ref: torch/nn Threshold.lua.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class Threshold extends InPlacePointwise {
  private mask = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly threshold = 1e-6, readonly val = 0, ip = false) {
    super(ip);
    if (!Number.isFinite(threshold) || !Number.isFinite(val)) throw new ArgumentError(`Threshold.constructor: expected finite threshold and value, got ${threshold} and ${val}`);
    if (ip && val > threshold) throw new ArgumentError(`Threshold.constructor: in-place processing requires value (${val}) not to exceed threshold (${threshold})`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    const m = this.mask.resizeAs(x).gt(x, this.threshold);
    this.buf.resizeAs(x).mul(m, -this.val).add(this.val); // v·[x ≤ th]
    out.cmul(x, m).add(this.buf);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.cmul(gradOut, this.mask.resizeAs(x).gt(x, this.threshold));
  }

  override toString(): string {
    return `Threshold(${this.threshold}, ${this.val}${this.inplace ? ', in place' : ''})`;
  }
}
