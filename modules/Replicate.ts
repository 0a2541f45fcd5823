/**
 * nn.Replicate(nf, dim = 0, ndim?): a view repeating the input nf times along a new dimension
 * inserted at `dim` (0-based; a stride-0 view, no copy). With ndim and an input of more than ndim
 * dimensions (a batch), the new dimension moves one to the right. gradInput = gradOutput summed
 * over the new dimension. Torch keeps nf in the field `nfeatures`. Ref: torch/nn Replicate.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Replicate extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly nfeatures: number;

  constructor(nf: number, readonly dim = 0, readonly ndim?: number) {
    super();
    if (!Number.isInteger(nf) || nf < 0) throw new ArgumentError(`Replicate.constructor: expected a count nf ≥ 0, got ${nf}`);
    if (!Number.isInteger(dim) || dim < 0) throw new ArgumentError(`Replicate.constructor: can only replicate along a dimension ≥ 0, got ${dim}`);
    this.nfeatures = nf;
  }

  private replicatedDim(method: string, x: Tensor): number {
    const rdim = this.dim + (this.ndim !== undefined && x.dim() > this.ndim ? 1 : 0);
    if (rdim > x.dim()) throw new ShapeError(`${this.where(method)}: not enough input dimensions to replicate along dimension ${this.dim}, got ${shapeStr(x.shape)}`);
    return rdim;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    const r = this.replicatedDim('updateOutput', x);
    const shape = x.shape.slice(), strides = x.strides.slice();
    shape.splice(r, 0, this.nfeatures);
    strides.splice(r, 0, 0);
    return this.output.set(x.storage, x.offset, shape, strides);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [0, 1, 2, 3, 4, 5]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const r = this.replicatedDim('updateGradInput', x);
    this.gradInput.resizeAs(x).zero();
    const kept = x.shape.slice();
    kept.splice(r, 0, 1);
    this.gradInput.view(kept).sum(g, r);
    return this.gradInput;
  }

  override toString(): string {
    return `Replicate(${this.nfeatures}, ${this.dim}${this.ndim !== undefined ? `, ${this.ndim}` : ''})`;
  }
}
