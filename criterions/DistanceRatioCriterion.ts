/**
 * nn.DistanceRatioCriterion(sizeAverage = true), for triplet embeddings: input [X, Y], the
 * distances of similar (X) and dissimilar (Y) pairs, of the same number of elements (B):
 * loss = Σ −log(e^(−X) / (e^(−X) + e^(−Y))) = Σ X + log(e^(−X) + e^(−Y)), divided by B = X.size(0)
 * when sizeAverage. ∂/∂X = 1 − e^(−X)/s, ∂/∂Y = −e^(−Y)/s with s = e^(−X) + e^(−Y).
 * Ref: torch/nn DistanceRatioCriterion.lua; Hoffer & Ailon, arXiv:1610.00243.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class DistanceRatioCriterion extends Criterion<Activity, Target> {
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];
  private expX = Tensor.empty();
  private expY = Tensor.empty();
  private sum = Tensor.empty();

  constructor(public sizeAverage = true) {
    super();
  }

  /** [X, Y, divisor], with e^(−X), e^(−Y) and their sum in the buffers. */
  private prepare(method: string, input: Activity): [Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [X, Y] of two distance tensors, got ${describe(input)}`);
    }
    const [X, Y] = input as [Tensor, Tensor];
    if (X.dim() === 0 || X.numel() !== Y.numel() || X.size(0) !== Y.size(0)) {
      throw new ShapeError(`${this.where(method)}: expected distances X and Y of the same size, got ${shapeStr(X.shape)} and ${shapeStr(Y.shape)}`);
    }
    this.expX.resizeAs(X).copy(X).neg().exp();
    this.expY.resizeAs(Y).copy(Y).neg().exp();
    this.sum.resizeAs(X).copy(this.expX).add(this.expY);
    return [X, Y, this.sizeAverage ? X.size(0) : 1];
  }

  override updateOutput(input: Activity, _target?: Target): number {
    const [X, , n] = this.prepare('updateOutput', input);
    this.output = (X.sum() + this.sum.log().sum()) / n;
    return this.output;
  }

  override updateGradInput(input: Activity, _target?: Target): Table {
    const [X, Y, n] = this.prepare('updateGradInput', input);
    const dX = (this.gradInput[0] as Tensor).resizeAs(X).copy(this.expX).cdiv(this.sum).neg().add(1).div(n); // 1 − e^(−X)/s
    const dY = (this.gradInput[1] as Tensor).resizeAs(Y).copy(this.expY).cdiv(this.sum).neg().div(n); // −e^(−Y)/s
    this.gradInput[0] = dX;
    this.gradInput[1] = dY;
    return this.gradInput;
  }
}
