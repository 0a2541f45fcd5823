/**
 * rnn nn.SeqBGRU(inputsize, hiddensize, batchfirst = false, merge = CAddTable()): SeqBRNN with a
 * SeqGRU in each direction. Ref: rnn SeqBGRU.lua.
 */
import { SeqBRNN } from './SeqBRNN.js';
import { SeqGRU } from './SeqGRU.js';
import type { SeqRecurrent } from './SeqRecurrent.js';

export class SeqBGRU extends SeqBRNN {
  protected override makeRnn(inputDim: number, hiddenDim: number): SeqRecurrent {
    return new SeqGRU(inputDim, hiddenDim);
  }
}
