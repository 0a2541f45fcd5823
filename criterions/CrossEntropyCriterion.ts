/**
 * nn.CrossEntropyCriterion(weights?): LogSoftMax then ClassNLLCriterion, on raw scores (K) or (B, K)
 * with targets 0..K−1. Ref: torch/nn CrossEntropyCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { LogSoftMax } from '../modules/LogSoftMax.js';
import { ClassNLLCriterion } from './ClassNLLCriterion.js';

export class CrossEntropyCriterion extends Criterion<Tensor, Tensor | number> {
  override gradInput = Tensor.empty();
  readonly lsm = new LogSoftMax();
  readonly nll: ClassNLLCriterion;

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage);
  }

  override updateOutput(input: Tensor, target: Tensor | number): number {
    this.output = this.nll.updateOutput(this.lsm.updateOutput(input), target);
    return this.output;
  }

  override updateGradInput(input: Tensor, target: Tensor | number): Tensor {
    const g = this.nll.updateGradInput(this.lsm.output, target);
    this.gradInput = this.lsm.updateGradInput(input, g);
    return this.gradInput;
  }
}
