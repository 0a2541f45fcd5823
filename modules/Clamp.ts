/**
 * nn.Clamp(min_value, max_value): HardTanh with the given bounds, y = clamp(x, min, max); the
 * gradient passes only strictly inside (min, max). Ref: torch/nn Clamp.lua.
 */
import { HardTanh } from './HardTanh.js';

export class Clamp extends HardTanh {
  constructor(min_value: number, max_value: number) {
    super(min_value, max_value);
  }

  override toString(): string {
    return `Clamp(${this.min_val}, ${this.max_val})`;
  }
}
