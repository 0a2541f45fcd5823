/**
 * nn.View(...sizes): a view with another shape; one size may be −1 (inferred). After
 * `setNumInputDims(n)`, inputs with more than n dimensions keep their leading dims folded into a batch.
 * Ref: torch/nn View.lua.
 */
import { Reindex } from '../lib/Reindex.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

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

  /**
   * Torch's batch rule: over the last numInputDims dims (all when unset) the input holds k times the
   * view's elements; k > 1 (when the view has no −1) or leading dims beyond numInputDims make a batch
   * dimension in front: View(1568) on [32, 32, 7, 7] gives [32, 1568].
   */
  protected outputShape(input: Tensor): number[] {
    const n = this.numInputDims, d = input.dim(), inner = n === undefined ? d : Math.min(n, d);
    const numElements = this.size.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
    let ine = 1;
    for (let i = d - inner; i < d; i++) ine *= input.shape[i]!;
    if (numElements === 0 || ine % numElements !== 0) {
      throw new ShapeError(`${this.where('updateOutput')}: cannot view input ${shapeStr(input.shape)} as ${shapeStr(this.size)}`);
    }
    let batch = this.size.includes(-1) ? 1 : ine / numElements;
    for (let i = 0; i < d - inner; i++) batch *= input.shape[i]!;
    if (batch === 1 && (n === undefined || d <= n)) return this.size;
    return [batch, ...this.size];
  }

  override toString(): string {
    return `View(${this.size.join(', ')})`;
  }
}
