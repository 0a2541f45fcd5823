/**
 * nn.View(...sizes): a view with another shape; one size may be −1 (inferred). After
 * `setNumInputDims(n)`, inputs with more than n dimensions keep their leading dims folded into a batch.
 * Ref: torch/nn View.lua.
 */
import { Reindex } from '../lib/Reindex.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class View extends Reindex {
  readonly size: number[];
  numInputDims: number | undefined;

  constructor(...sizes: number[]) {
    super();
    if (sizes.length === 0 || sizes.filter((s) => s === -1).length > 1 || !sizes.every((s) => s === -1 || (Number.isInteger(s) && s >= 0))) {
      throw new ArgumentError(`View.constructor: expected sizes ≥ 0 with at most one −1, got (${sizes.join(', ')})`);
    }
    this.size = sizes;
  }

  setNumInputDims(n: number): this {
    this.numInputDims = n;
    return this;
  }

  protected outputShape(input: Tensor): number[] {
    const n = this.numInputDims;
    if (n === undefined || input.dim() <= n) return this.size;
    let batch = 1;
    for (let i = 0; i < input.dim() - n; i++) batch *= input.shape[i]!;
    return [batch, ...this.size];
  }

  override toString(): string {
    return `View(${this.size.join(', ')})`;
  }
}
