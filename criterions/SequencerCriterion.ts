/**
 * rnn nn.SequencerCriterion(criterion, sizeAverage = false): applies `criterion` (one clone per
 * step) to each step of a sequence: input and target are tables of as many steps, or seqlen × …
 * tensors (a 1-D target gives step i the number target[i]). loss = Σ_i criterion(input[i],
 * target[i]), divided by seqlen when sizeAverage. gradInput has the input's form.
 * Ref: torch/rnn SequencerCriterion.lua (Element-Research/rnn's behaves the same).
 */
import type { Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { AbstractSequencerCriterion } from './AbstractSequencerCriterion.js';

export class SequencerCriterion extends AbstractSequencerCriterion {
  protected override stepTarget(method: string, target: Target, i: number, seqlen: number): Target {
    if (target instanceof Tensor) {
      if (target.dim() < 1 || target.size(0) !== seqlen) throw new ShapeError(`${this.where(method)}: expected a target of ${seqlen} steps, got ${shapeStr(target.shape)}`);
      return target.dim() === 1 ? target.get(i) : target.select(0, i);
    }
    if (!Array.isArray(target) || target.length !== seqlen) {
      throw new ArgumentError(`${this.where(method)}: expected a target table of ${seqlen} steps (or a seqlen × … tensor), got ${typeof target === 'number' ? 'a number' : `a table of ${target.length}`}`);
    }
    return target[i]!;
  }
}
