/**
 * dpnn nn.Collapse(nInputDim): flattens all but the batch dimension: (B, …) → (B, −1) when the input
 * has more than nInputDim dimensions, else (−1). Row-major. Ref: dpnn Collapse.lua.
 */
import { Reindex } from '../lib/Reindex.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class Collapse extends Reindex {
  constructor(readonly nInputDim: number) {
    super();
    if (!(Number.isInteger(nInputDim) && nInputDim >= 0)) throw new ArgumentError(`Collapse.constructor: expected nInputDim ≥ 0, got ${nInputDim}`);
  }

  protected outputShape(input: Tensor): number[] {
    return input.dim() > this.nInputDim ? [input.size(0), -1] : [-1];
  }

  override toString(): string {
    return `Collapse(${this.nInputDim})`;
  }
}
