/**
 * rnn nn.SeqLSTM(inputsize, outputsize): an LSTM over a whole sequence: seqlen × batch × inputsize
 * (batch × seqlen × inputsize with `batchfirst = true`; seqlen × inputsize without a batch) →
 * seqlen × batch × outputsize. weight (inputsize + outputsize) × 4·outputsize (rows of x, then of
 * h), bias 4·outputsize, gate blocks input, forget, output, candidate (as StepLSTM; reset gives the
 * forget bias 1). maskZero() with setZeroMask(mask (seqlen × batch)) zeroes the masked steps'
 * h and c (so the next step starts from zeros) and their gradients. Ref: rnn SeqLSTM.lua.
 */
import { SeqRecurrent } from './SeqRecurrent.js';
import { RecLSTM } from './RecLSTM.js';
import type { StepLSTM } from './StepLSTM.js';

export class SeqLSTM extends SeqRecurrent {
  declare readonly rec: RecLSTM;

  constructor(inputsize: number, outputsize: number) {
    super(new RecLSTM(inputsize, outputsize), inputsize, outputsize);
  }

  protected get step(): StepLSTM {
    return this.rec.stepmodule;
  }
}
