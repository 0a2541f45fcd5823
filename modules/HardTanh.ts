/**
 * nn.HardTanh(min_val = −1, max_val = 1, inplace = false): y = clamp(x, min, max). The gradient
 * passes only where min < x < max (strictly): a saturated unit stops learning. With inplace the
 * input is overwritten (lib/InPlacePointwise.ts); the gradient then reads the clamped values, which
 * lie strictly inside the range exactly where x did. Ref: torch/nn HardTanh.lua.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

export class HardTanh extends InPlacePointwise {
  constructor(readonly min_val = -1, readonly max_val = 1, inplace = false) {
    super(inplace);
    if (!(max_val > min_val)) throw new ArgumentError(`${new.target.name}.constructor: expected min < max, got ${min_val} and ${max_val}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    backend().hardtanh(out, x, this.min_val, this.max_val);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    backend().hardtanhBackward(gradIn, x, gradOut, this.min_val, this.max_val);
  }

  override toString(): string {
    return `HardTanh(${this.min_val}, ${this.max_val}${this.inplace ? ', in place' : ''})`;
  }
}
