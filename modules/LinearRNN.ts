/**
 * rnn nn.LinearRNN(inputsize, outputsize, transfer = Sigmoid()): h_t = transfer(W [x_t, h_{t−1}] + b)
 * with h_{−1} = 0: a Recurrence over Sequential(JoinTable(0, 1), Linear(inputsize + outputsize,
 * outputsize), transfer). x_t (B, inputsize) or (inputsize). Ref: rnn LinearRNN.lua.
 */
import { Recurrence } from './Recurrence.js';
import type { Module } from '../lib/Module.js';
import { Sequential } from './Sequential.js';
import { JoinTable } from './JoinTable.js';
import { Linear } from './Linear.js';
import { Sigmoid } from './Sigmoid.js';

export class LinearRNN extends Recurrence {
  constructor(readonly inputsize: number, readonly outputsize: number, transfer: Module = new Sigmoid(), rho = 9999) {
    super(new Sequential().add(new JoinTable(0, 1)).add(new Linear(inputsize + outputsize, outputsize)).add(transfer), outputsize, 1, rho);
  }

  override toString(): string {
    return `LinearRNN(${this.inputsize}, ${this.outputsize})`;
  }
}
