/**
 * nn.CrossEntropyCriterion(weights?): LogSoftMax then ClassNLLCriterion, on raw scores (K) or (B, K)
 * with targets 0..K−1. Ref: torch/nn CrossEntropyCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { LogSoftMax } from '../modules/LogSoftMax.js';
import { ClassNLLCriterion } from './ClassNLLCriterion.js';

export class CrossEntropyCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  readonly lsm = new LogSoftMax();
  readonly nll: ClassNLLCriterion;

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    this.output = this.nll.updateOutput(this.lsm.updateOutput(this.checkTensor('updateOutput', input, [1, 2])), target);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const g = this.nll.updateGradInput(this.lsm.output, target);
    this.gradInput = this.lsm.updateGradInput(this.checkTensor('updateGradInput', input, [1, 2]), g);
    return this.gradInput;
  }
}
