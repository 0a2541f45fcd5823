/**
 * rnn nn.SeqBLSTM(inputsize, hiddensize, batchfirst = false, merge = CAddTable()): SeqBRNN with a
 * SeqLSTM in each direction (rnn's newer name for it). Ref: rnn SeqBLSTM.lua.
 */
import { SeqBRNN } from './SeqBRNN.js';

export class SeqBLSTM extends SeqBRNN {}
