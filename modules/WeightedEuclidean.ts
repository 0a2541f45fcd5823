/**
 * nn.WeightedEuclidean(inputSize, outputSize): y_j = ‖c_j ⊙ (x − w_j)‖, a Euclidean distance with a
 * diagonal weighting per template. weight and diagCov are inputSize × outputSize (diagCov starts at 1);
 * parameters() is [weight, diagCov]. Input (inputSize) or (B, inputSize); output (outputSize) or (B, outputSize).
 * Ref: torch/nn WeightedEuclidean.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { Euclidean } from './Euclidean.js';

export class WeightedEuclidean extends Euclidean {
  diagCov: Tensor;
  gradDiagCov: Tensor;
  private _sq = Tensor.empty();

  constructor(inputSize: number, outputSize: number) {
    super(inputSize, outputSize);
    this.diagCov = Tensor.zeros([inputSize, outputSize]).fill(1);
    this.gradDiagCov = Tensor.zeros([inputSize, outputSize]);
  }

  override reset(stdv?: number): this {
    super.reset(stdv);
    this.diagCov?.fill(1);
    return this;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.diagCov], [this.gradWeight, this.gradDiagCov]];
  }

  protected override differences(x: Tensor): void {
    super.differences(x);
    const B = x.size(0);
    this._repeat.cmul(this.diagCov.view(1, this.inputSize, this.outputSize).expand(B, this.inputSize, this.outputSize)); // c ⊙ (x − w)
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.rows('updateGradInput', input), B = x.size(0);
    this.scaledDifferences('updateGradInput', x, gradOutput);
    this._repeat2.cmul(this.cov(B)); // ∂y_j/∂x = c_j² (x − w_j)/y_j
    this.gradInput.sum(this._repeat2, 2).resize(input.dim() === 2 ? [B, this.inputSize] : [this.inputSize]);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const x = this.rows('accGradParameters', input), B = x.size(0), I = this.inputSize, O = this.outputSize;
    this.scaledDifferences('accGradParameters', x, gradOutput);
    // ∂y_j/∂c_j = c_j (x − w_j)²/y_j = (c(x − w))² / c · 1/y_j
    this._sq.resizeAs(this._repeat).cmul(this._repeat, this._repeat2).cdiv(this.cov(B));
    this._repeat2.cmul(this.cov(B));
    this._sum.sum(this._repeat2, 0);
    this.gradWeight.add(-scale, this._sum.view(I, O)); // ∂y_j/∂w_j = −c_j² (x − w_j)/y_j
    this._sum.sum(this._sq, 0);
    this.gradDiagCov.add(scale, this._sum.view(I, O));
  }

  private cov(B: number): Tensor {
    return this.diagCov.view(1, this.inputSize, this.outputSize).expand(B, this.inputSize, this.outputSize);
  }
}
