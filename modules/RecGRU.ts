/**
 * rnn nn.RecGRU(inputsize, outputsize): a GRU, one time step per forward call (x_t (B, inputsize)
 * or (inputsize) → h_t), on shared clones of a StepGRU (modules[0]: weight (inputsize + outputsize)
 * × 3·outputsize, gates reset, update, candidate). h starts at zero (or setHiddenState(−1, h0)).
 * Ref: rnn RecGRU.lua, StepGRU.lua.
 */
import { Recurrence } from './Recurrence.js';
import { StepGRU } from './StepGRU.js';

export class RecGRU extends Recurrence {
  declare readonly stepmodule: StepGRU;

  constructor(readonly inputsize: number, readonly outputsize: number, rho = 999999) {
    super(new StepGRU(inputsize, outputsize), outputsize, 1, rho);
  }

  override toString(): string {
    return `RecGRU(${this.inputsize} -> ${this.outputsize})`;
  }
}
