/**
 * rnn nn.LookupRNN(nindex, outputsize, transfer = Sigmoid(), merge = CAddTable()):
 * h_t = transfer(merge([LookupTable(x_t), Linear(h_{t−1})])) with h_{−1} = 0. x_t is a (B) tensor
 * of 0-based indices (nInputDim 0), h_t (B, outputsize). Ref: rnn LookupRNN.lua.
 */
import { Recurrence } from './Recurrence.js';
import type { Module } from '../lib/Module.js';
import { Sequential } from './Sequential.js';
import { ParallelTable } from './ParallelTable.js';
import { LookupTable } from './LookupTable.js';
import { Linear } from './Linear.js';
import { Sigmoid } from './Sigmoid.js';
import { CAddTable } from './CAddTable.js';
import { ArgumentError } from '../lib/errors.js';

export class LookupRNN extends Recurrence {
  constructor(readonly nindex: number, readonly outputsize: number, transfer: Module = new Sigmoid(), merge: Module = new CAddTable(), rho = 9999) {
    const inputLayer = new ParallelTable().add(new LookupTable(nindex, outputsize)).add(new Linear(outputsize, outputsize));
    super(new Sequential().add(inputLayer).add(merge).add(transfer), outputsize, 0, rho);
  }

  override maskZero(): this {
    throw new ArgumentError('LookupRNN.maskZero: not supported (as in rnn); use a LookupTableMaskZero in a Recurrence');
  }

  override toString(): string {
    return `LookupRNN(${this.nindex}, ${this.outputsize})`;
  }
}
