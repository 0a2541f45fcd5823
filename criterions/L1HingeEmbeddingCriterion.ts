/**
 * nn.L1HingeEmbeddingCriterion(margin = 1): input [x1, x2], two vectors of the same size, label
 * y = ±1 (a number or a one-element tensor). With d = ‖x1 − x2‖₁: loss = d when y = 1,
 * max(0, margin − d) when y = −1. gradInput = [g, −g] with g = sign(x1 − x2) (0 where equal;
 * Torch draws a random sign there), negated for y = −1 and 0 when d > margin. No batch mode, as
 * Torch. Ref: torch/nn L1HingeEmbeddingCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class L1HingeEmbeddingCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];

  constructor(readonly margin = 1) {
    super();
  }

  private parts(method: string, input: Activity, y: Tensor | number): [Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x1, x2] of two tensors, got ${describe(input)}`);
    }
    const [a, b] = input as [Tensor, Tensor];
    if (a.numel() !== b.numel()) throw new ShapeError(`${this.where(method)}: expected x1 and x2 of the same size, got ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`);
    const label = typeof y === 'number' ? y : y.numel() === 1 ? y.contiguous().data[y.contiguous().offset]! : NaN;
    if (label !== 1 && label !== -1) throw new ArgumentError(`${this.where(method)}: expected the label 1 or −1 (a number), got ${typeof y === 'number' ? y : shapeStr(y.shape)}`);
    return [a, b, label];
  }

  override updateOutput(input: Activity, y: Tensor | number): number {
    const [a, b, label] = this.parts('updateOutput', input, y);
    const d = a.dist(b, 1);
    this.output = label === -1 ? Math.max(0, this.margin - d) : d;
    return this.output;
  }

  override updateGradInput(input: Activity, y: Tensor | number): Table {
    const [a, b, label] = this.parts('updateGradInput', input, y);
    const g = (this.gradInput[0] as Tensor).resizeAs(a).copy(a).csub(b);
    const d = g.norm(1);
    g.sign(); // ∂‖x1 − x2‖₁/∂x1
    if (label === -1) {
      if (d > this.margin) g.zero();
      else g.neg();
    }
    (this.gradInput[1] as Tensor).resizeAs(b).copy(g).neg();
    return this.gradInput;
  }

  override toString(): string {
    return `L1HingeEmbeddingCriterion(margin ${this.margin})`;
  }
}
