/**
 * rnn nn.SeqBRNN(inputDim, hiddenDim, batchfirst = false, merge = CAddTable()): a bidirectional
 * LSTM over a whole sequence: seqlen × batch × inputDim (batch × seqlen × inputDim with batchfirst)
 * → merge([forward SeqLSTM(x), reverse(backward SeqLSTM(reverse(x)))]), seqlen × batch × hiddenDim
 * with the default merge. Built as Sequential(ConcatTable(forwardModule, Sequential(reverse,
 * backwardModule, reverse)), merge) in `brnn`. Ref: rnn SeqBRNN.lua, SeqBLSTM.lua.
 */
import { Container } from '../lib/Container.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { Sequential } from './Sequential.js';
import { ConcatTable } from './ConcatTable.js';
import { CAddTable } from './CAddTable.js';
import { SeqReverseSequence } from './SeqReverseSequence.js';
import { SeqLSTM } from './SeqLSTM.js';
import type { SeqRecurrent } from './SeqRecurrent.js';

export class SeqBRNN extends Container<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();
  readonly forwardModule: SeqRecurrent;
  readonly backwardModule: SeqRecurrent;
  readonly brnn: Sequential;

  constructor(readonly inputDim: number, readonly hiddenDim: number, readonly batchfirst = false, readonly merge: Module = new CAddTable()) {
    super();
    this.forwardModule = this.makeRnn(inputDim, hiddenDim);
    this.backwardModule = this.makeRnn(inputDim, hiddenDim);
    this.forwardModule.batchfirst = batchfirst;
    this.backwardModule.batchfirst = batchfirst;
    const t = batchfirst ? 1 : 0;
    const backward = new Sequential().add(new SeqReverseSequence(t)).add(this.backwardModule).add(new SeqReverseSequence(t));
    this.brnn = new Sequential().add(new ConcatTable().add(this.forwardModule).add(backward)).add(merge);
    this.modules = [this.brnn];
  }

  /** The recurrent module of each direction. */
  protected makeRnn(inputDim: number, hiddenDim: number): SeqRecurrent {
    return new SeqLSTM(inputDim, hiddenDim);
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.brnn.forward(input);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.brnn.updateGradInput(input, gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.brnn.accGradParameters(input, gradOutput, scale);
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputDim} -> ${this.hiddenDim}${this.batchfirst ? ', batchfirst' : ''})`;
  }
}
