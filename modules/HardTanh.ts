/**
 * nn.HardTanh(min = −1, max = 1): y = clamp(x, min, max). The gradient passes only where
 * min < x < max (strictly): a saturated unit stops learning. Ref: torch/nn HardTanh.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

export class HardTanh extends Pointwise {
  constructor(readonly minValue = -1, readonly maxValue = 1) {
    super();
    if (!(maxValue > minValue)) throw new ArgumentError(`HardTanh.constructor: expected min < max, got ${minValue} and ${maxValue}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    backend().hardtanh(out, x, this.minValue, this.maxValue);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    backend().hardtanhBackward(gradIn, x, gradOut, this.minValue, this.maxValue);
  }

  override toString(): string {
    return `HardTanh(${this.minValue}, ${this.maxValue})`;
  }
}
