/**
 * nn.SpatialFeatNormalization(mean, std?): per-plane normalisation of images, y[c] = (x[c] − mean[c]) / std[c]
 * (the usual mean-zeroing and scaling of classifier inputs). Input (C, H, W) or (B, C, H, W) with
 * C = mean's size (`noOfFeats`); output of the input's size. `mean` and `std` are 1-D and copied;
 * std defaults to ones. Gradient: ∂y[c]/∂x[c] = 1/std[c]. Ref: dpnn SpatialFeatNormalization.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class SpatialFeatNormalization extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  mean: Tensor;
  std: Tensor;
  readonly noOfFeats: number;

  constructor(mean: Tensor, std?: Tensor) {
    super();
    if (!(mean instanceof Tensor) || mean.dim() !== 1) throw new ArgumentError(`${new.target.name}.constructor: expected mean to be a 1-D tensor, got ${mean instanceof Tensor ? shapeStr(mean.shape) : typeof mean}`);
    if (std !== undefined && !(std instanceof Tensor && std.numel() === mean.numel())) {
      throw new ArgumentError(`${new.target.name}.constructor: expected std of ${mean.numel()} elements (as mean), got ${std instanceof Tensor ? shapeStr(std.shape) : typeof std}`);
    }
    this.mean = Tensor.zeros(mean.shape).copy(mean);
    this.std = Tensor.zeros(mean.shape);
    if (std) this.std.copy(std.contiguous().view([mean.numel()]));
    else this.std.fill(1);
    this.noOfFeats = mean.size(0);
  }

  /** mean and std as views broadcast over x's planes. */
  private planes(method: string, x: Tensor): [Tensor, Tensor] {
    const t = this.checkTensor(method, x, [3, 4]);
    const c = t.dim() - 3;
    if (t.size(c) !== this.noOfFeats) throw new ShapeError(`${this.where(method)}: expected ${this.noOfFeats} planes in dimension ${c}, got ${shapeStr(t.shape)}`);
    const s = c === 1 ? [1, this.noOfFeats, 1, 1] : [this.noOfFeats, 1, 1];
    return [this.mean.view(s).expandAs(t), this.std.view(s).expandAs(t)];
  }

  override updateOutput(input: Tensor): Tensor {
    const [mean, std] = this.planes('updateOutput', input);
    this.output.resizeAs(input).copy(input).add(-1, mean).cdiv(std);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [, std] = this.planes('updateGradInput', input);
    this.gradInput.resizeAs(input).copy(g).cdiv(std);
    return this.gradInput;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.noOfFeats} planes)`;
  }
}
