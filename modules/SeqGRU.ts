/**
 * rnn nn.SeqGRU(inputsize, outputsize): a GRU over a whole sequence: seqlen × batch × inputsize
 * (batch × seqlen × inputsize with `batchfirst = true`; seqlen × inputsize without a batch) →
 * seqlen × batch × outputsize. weight (inputsize + outputsize) × 3·outputsize, bias 3·outputsize,
 * gate blocks reset, update, candidate (as StepGRU). maskZero() with setZeroMask(mask
 * (seqlen × batch)) zeroes the masked steps' h and their gradients. Ref: rnn SeqGRU.lua.
 */
import { SeqRecurrent } from './SeqRecurrent.js';
import { RecGRU } from './RecGRU.js';
import type { StepGRU } from './StepGRU.js';

export class SeqGRU extends SeqRecurrent {
  declare readonly rec: RecGRU;

  constructor(inputsize: number, outputsize: number) {
    super(new RecGRU(inputsize, outputsize), inputsize, outputsize);
  }

  protected get step(): StepGRU {
    return this.rec.stepmodule;
  }
}
