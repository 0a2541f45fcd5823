/**
 * nn.ELU(alpha = 1, inplace = false): y = x for x > 0, α·(eˣ − 1) for x ≤ 0, every shape;
 * dy/dx = 1 for y > 0, y + α for y ≤ 0 (from the output, so the in-place variant works).
 * Ref: torch/nn ELU.lua; Clevert et al. 2015, arXiv:1511.07289.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class ELU extends InPlacePointwise {
  private buf = Tensor.empty();
  private mask = Tensor.empty();

  constructor(readonly alpha = 1, inplace = false) {
    super(inplace);
    if (!Number.isFinite(alpha)) throw new ArgumentError(`ELU.constructor: expected a finite alpha, got ${alpha}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    this.buf.resizeAs(x).cmin(x, 0).expm1().mul(this.alpha); // α(e^min(x,0) − 1)
    out.cmax(x, 0).add(this.buf);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, y: Tensor, gradOut: Tensor): void {
    this.mask.resizeAs(y).le(y, 0);
    this.buf.resizeAs(y).add(y, this.alpha - 1).cmul(this.mask).add(1); // 1 + [y ≤ 0]·(y + α − 1)
    gradIn.cmul(gradOut, this.buf);
  }

  override toString(): string {
    return `ELU(alpha: ${this.alpha})`;
  }
}
