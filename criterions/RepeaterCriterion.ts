/**
 * rnn nn.RepeaterCriterion(criterion, sizeAverage = false): applies `criterion` (one clone per step)
 * to each step of a sequence with the same target every step: input a table of steps or a
 * seqlen × … tensor. loss = Σ_i criterion(input[i], target), divided by seqlen when sizeAverage
 * (both the loss and the gradients; torch/rnn's own divides only the loss by mistake).
 * gradInput has the input's form. Ref: torch/rnn RepeaterCriterion.lua.
 */
import type { Target } from '../lib/Criterion.js';
import { AbstractSequencerCriterion } from './AbstractSequencerCriterion.js';

export class RepeaterCriterion extends AbstractSequencerCriterion {
  protected override stepTarget(_method: string, target: Target): Target {
    return target;
  }
}
