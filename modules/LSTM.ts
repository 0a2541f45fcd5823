/**
 * rnn nn.LSTM(inputSize, outputSize = inputSize, rho = 9999, cell2gate = true, p = 0, mono = false):
 * Element-Research rnn's LSTM with peephole connections, one time step per forward call
 * (x_t (B, inputSize) or (inputSize) → h_t), built from nn modules as rnn built it:
 * i = σ(W_xi x + W_hi h_{t−1} + w_ci ⊙ c_{t−1} + b_i), f likewise (gates `inputGate`, `forgetGate`),
 * z = tanh(W_xz x + W_hz h_{t−1} + b_z) (`hiddenLayer`), c_t = f ⊙ c_{t−1} + i ⊙ z (`cellLayer`),
 * o = σ(W_xo x + W_ho h_{t−1} + w_co ⊙ c_t + b_o) (`outputGate`), h_t = o ⊙ tanh(c_t). Each x-side
 * map is a Linear, each h-side map a LinearNoBias, each peephole a CMul (left out when
 * cell2gate = false). Every map reads its input through a Dropout(p); rnn requires a lazy
 * (once-per-sequence) dropout for p ≠ 0, which this library's Dropout is not, so p must be 0.
 * The state is [h, c], zeros at the start (or setHiddenState(−1, [h0, c0])); maskZero() as in
 * Recurrence. Ref: Element-Research rnn LSTM.lua; Graves 2013 (arXiv 1303.5778).
 */
import { LSTMRecurrence } from './LSTMRecurrence.js';
import type { Module } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';
import { Sequential } from './Sequential.js';
import { ParallelTable } from './ParallelTable.js';
import { ConcatTable } from './ConcatTable.js';
import { NarrowTable } from './NarrowTable.js';
import { SelectTable } from './SelectTable.js';
import { FlattenTable } from './FlattenTable.js';
import { CAddTable } from './CAddTable.js';
import { CMulTable } from './CMulTable.js';
import { Linear } from './Linear.js';
import { LinearNoBias } from './LinearNoBias.js';
import { CMul } from './CMul.js';
import { Dropout } from './Dropout.js';
import { Sigmoid } from './Sigmoid.js';
import { Tanh } from './Tanh.js';

/** Checks rnn's (p, mono) dropout options: only p = 0 is available (see the banner). */
export function checkDropout(where: string, p: number): void {
  if (p !== 0) throw new ArgumentError(`${where}: expected p = 0 (rnn's p ≠ 0 needs a lazy Dropout, which is not ported), got ${p}`);
}

export class LSTM extends LSTMRecurrence {
  declare outputSize: number;
  readonly inputSize: number;
  readonly cell2gate: boolean;
  readonly p: number;
  readonly mono: boolean;
  inputGate!: Sequential;
  forgetGate!: Sequential;
  hiddenLayer!: Sequential;
  cellLayer!: Sequential;
  outputGate!: Sequential;

  constructor(inputSize: number, outputSize = inputSize, rho = 9999, cell2gate = true, p = 0, mono = false) {
    if (!(Number.isInteger(inputSize) && inputSize > 0 && Number.isInteger(outputSize) && outputSize > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    checkDropout(`${new.target.name}.constructor`, p);
    const parts = LSTM.build(inputSize, outputSize, cell2gate, p);
    super(parts.model, [[outputSize], [outputSize]], 1, rho);
    Object.assign(this, parts.named);
    this.outputSize = outputSize;
    this.inputSize = inputSize;
    this.cell2gate = cell2gate;
    this.p = p;
    this.mono = mono;
  }

  /** Lua's name of the step module. */
  get recurrentModule(): Module {
    return this.stepmodule;
  }

  /** rnn's buildModel: the step module [x, h_{t−1}, c_{t−1}] → [h_t, c_t] and its named parts. */
  private static build(D: number, H: number, cell2gate: boolean, p: number) {
    const drop = (m: Module) => new Sequential().add(new Dropout(p)).add(m);
    const gate = (): Sequential => {
      const g = new Sequential();
      if (!cell2gate) g.add(new NarrowTable(0, 2));
      const para = new ParallelTable().add(drop(new Linear(D, H))).add(drop(new LinearNoBias(H, H)));
      if (cell2gate) para.add(new CMul(H)); // the diagonal peephole w_c ⊙ c
      return g.add(para).add(new CAddTable()).add(new Sigmoid());
    };
    const inputGate = gate(), forgetGate = gate();
    const hiddenLayer = new Sequential().add(new NarrowTable(0, 2))
      .add(new ParallelTable().add(drop(new Linear(D, H))).add(drop(new LinearNoBias(H, H))))
      .add(new CAddTable()).add(new Tanh());
    const forget = new Sequential().add(new ConcatTable().add(forgetGate).add(new SelectTable(2))).add(new CMulTable());
    const input = new Sequential().add(new ConcatTable().add(inputGate).add(hiddenLayer)).add(new CMulTable());
    const cellLayer = new Sequential().add(new ConcatTable().add(forget).add(input)).add(new CAddTable()); // c_t = f ⊙ c + i ⊙ z
    const outputGate = gate();
    const output = new Sequential()
      .add(new ConcatTable().add(outputGate).add(new Sequential().add(new SelectTable(2)).add(new Tanh())))
      .add(new CMulTable()); // h_t = o ⊙ tanh(c_t)
    const model = new Sequential()
      .add(new ConcatTable().add(new NarrowTable(0, 2)).add(cellLayer))
      .add(new FlattenTable()) // [x, h_{t−1}, c_t]
      .add(new ConcatTable().add(output).add(new SelectTable(2)));
    return { model, named: { inputGate, forgetGate, hiddenLayer, cellLayer, outputGate } };
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} -> ${this.outputSize})`;
  }
}
