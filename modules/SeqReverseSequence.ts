/**
 * rnn nn.SeqReverseSequence(dim): reverses a tensor (up to 3-D) along dimension `dim` (0-based;
 * Lua's dim − 1). Backward reverses gradOutput the same way. Ref: rnn SeqReverseSequence.lua.
 */
import { ReverseSequence } from './ReverseSequence.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class SeqReverseSequence extends ReverseSequence {
  constructor(readonly dim: number) {
    super();
    if (!(Number.isInteger(dim) && dim >= 0 && dim <= 2)) throw new ArgumentError(`SeqReverseSequence.constructor: expected dim 0, 1 or 2, got ${dim}`);
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.reverse('updateOutput', this.checkTensor('updateOutput', input, [1, 2, 3]), this.output, this.dim);
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.reverse('updateGradInput', gradOutput, this.gradInput, this.dim);
    return this.gradInput;
  }

  override toString(): string {
    return `SeqReverseSequence(${this.dim})`;
  }
}
