/**
 * rnn nn.RecLSTM(inputsize, outputsize): an LSTM, one time step per forward call (x_t (B, inputsize)
 * or (inputsize) → h_t), on shared clones of a StepLSTM (modules[0]: weight (inputsize + outputsize)
 * × 4·outputsize, gates input, forget, output, candidate). h and c start at zero (or at
 * setHiddenState(−1, [h0, c0])); the hidden state is [h_t, c_t]. With hiddensize ≠ outputsize (the
 * 4th argument), c has hiddensize and h = (σ(o) ⊙ tanh(c))·weightO (StepLSTM's LSTMP).
 * Ref: rnn RecLSTM.lua, StepLSTM.lua.
 */
import { LSTMRecurrence } from './LSTMRecurrence.js';
import { StepLSTM } from './StepLSTM.js';

export class RecLSTM extends LSTMRecurrence {
  declare readonly stepmodule: StepLSTM;

  /** The cell's size (rnn's hiddensize; outputsize < hiddensize projects h, as LSTMP). */
  readonly hiddensize: number;

  constructor(readonly inputsize: number, readonly outputsize: number, rho = 999999, hiddensize = outputsize) {
    super(new StepLSTM(inputsize, hiddensize, outputsize), [[outputsize], [hiddensize]], 1, rho);
    this.hiddensize = hiddensize;
  }

  override toString(): string {
    return `RecLSTM(${this.inputsize} -> ${this.outputsize})`;
  }
}
