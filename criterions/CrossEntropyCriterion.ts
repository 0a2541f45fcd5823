/**
 * nn.CrossEntropyCriterion(weights?): LogSoftMax then ClassNLLCriterion, on raw scores (K) or (B, K)
 * with targets 0..K−1. Ref: torch/nn CrossEntropyCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { LogSoftMax } from '../modules/LogSoftMax.js';
import { ClassNLLCriterion } from './ClassNLLCriterion.js';
import { DpnnError } from '../lib/errors.js';

/** An error of the inner ClassNLLCriterion or LogSoftMax, renamed to this criterion (same class, the original as cause). */
function ownError(e: unknown): unknown {
  const inner = e instanceof DpnnError ? /^(ClassNLLCriterion|LogSoftMax)\./.exec(e.message) : null;
  if (!inner) return e;
  const Ctor = e!.constructor as new (message: string, options?: { cause?: unknown }) => Error;
  return new Ctor(`CrossEntropyCriterion.${(e as Error).message.slice(inner[0].length)}`, { cause: e });
}

export class CrossEntropyCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput = Tensor.empty();
  readonly lsm = new LogSoftMax();
  readonly nll: ClassNLLCriterion;

  constructor(weights?: Tensor | null, sizeAverage = true) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage);
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const x = this.checkTensor('updateOutput', input, [1, 2]);
    try {
      this.output = this.nll.updateOutput(this.lsm.updateOutput(x), target);
    } catch (e) {
      throw ownError(e);
    }
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2]);
    try {
      this.gradInput = this.lsm.updateGradInput(x, this.nll.updateGradInput(this.lsm.output, target));
    } catch (e) {
      throw ownError(e);
    }
    return this.gradInput;
  }
}
