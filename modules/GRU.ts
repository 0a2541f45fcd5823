/**
 * rnn nn.GRU(inputSize, outputSize, rho = 9999, p = 0, mono = false): Element-Research rnn's gated
 * recurrent unit, one time step per forward call (x_t (B, inputSize) or (inputSize) → h_t), built
 * from nn modules as rnn built it: [r, z] = σ(i2g(x) + o2g(h_{t−1})) with i2g = Linear(in, 2·out)
 * and o2g = LinearNoBias(out, 2·out) (blocks r, then z), n = tanh(W x + b + U (r ⊙ h_{t−1})),
 * h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}. h starts at zero (or setHiddenState(−1, h0)); maskZero() as
 * in Recurrence. rnn's p ≠ 0 (Bayesian GRU) needs a lazy Dropout, which is not ported: p must be 0.
 * The 6th argument, a step-module factory (D, H) → Module, is rnn's buildModel override (MuFuRu).
 * Ref: Element-Research rnn GRU.lua; Cho et al. 2014.
 */
import { Recurrence } from './Recurrence.js';
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
import { Identity } from './Identity.js';
import { Reshape } from './Reshape.js';
import { SplitTable } from './SplitTable.js';
import { Linear } from './Linear.js';
import { LinearNoBias } from './LinearNoBias.js';
import { SAdd } from './SAdd.js';
import { Sigmoid } from './Sigmoid.js';
import { Tanh } from './Tanh.js';
import { checkDropout } from './LSTM.js';

export class GRU extends Recurrence {
  declare outputSize: number;
  readonly inputSize: number;
  readonly p: number;
  readonly mono: boolean;
  /** The x-side and h-side gate maps (rnn's fields). */
  i2g: Module | null = null;
  o2g: Module | null = null;

  constructor(inputSize: number, outputSize: number, rho = 9999, p = 0, mono = false, build?: (D: number, H: number) => Module) {
    if (!(Number.isInteger(inputSize) && inputSize > 0 && Number.isInteger(outputSize) && outputSize > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    checkDropout(`${new.target.name}.constructor`, p);
    const i2g = new Linear(inputSize, 2 * outputSize), o2g = new LinearNoBias(outputSize, 2 * outputSize);
    super(build ? build(inputSize, outputSize) : GRU.build(inputSize, outputSize, i2g, o2g), outputSize, 1, rho);
    if (!build) Object.assign(this, { i2g, o2g });
    this.outputSize = outputSize;
    this.inputSize = inputSize;
    this.p = p;
    this.mono = mono;
  }

  /** Lua's name of the step module. */
  get recurrentModule(): Module {
    return this.stepmodule;
  }

  /** rnn's buildModel: [x, h_{t−1}] → h_t. */
  private static build(D: number, H: number, i2g: Module, o2g: Module): Module {
    const gates = new Sequential().add(new ParallelTable().add(i2g).add(o2g)).add(new CAddTable())
      .add(new Reshape(2, H)).add(new SplitTable(0, 2)) // (B, 2, H) → [r, z]
      .add(new ParallelTable().add(new Sigmoid()).add(new Sigmoid()));
    const seq = new Sequential()
      .add(new ConcatTable().add(new Identity()).add(gates)).add(new FlattenTable()) // [x, h, r, z]
      .add(new ConcatTable().add(new NarrowTable(0, 4)).add(new SelectTable(1))).add(new FlattenTable()); // [x, h, r, z, h]
    const t1 = new Sequential().add(new SelectTable(0)).add(new Linear(D, H));
    const t2 = new Sequential().add(new NarrowTable(1, 2)).add(new CMulTable()).add(new LinearNoBias(H, H)); // U (r ⊙ h)
    const hidden = new Sequential().add(new ConcatTable().add(t1).add(t2)).add(new CAddTable()).add(new Tanh());
    const z1 = new Sequential().add(new SelectTable(3)).add(new SAdd(-1, true)); // 1 − z
    const z2 = new Sequential().add(new NarrowTable(3, 2)).add(new CMulTable()); // z ⊙ h
    const o1 = new Sequential().add(new ConcatTable().add(hidden).add(z1)).add(new CMulTable());
    return seq.add(new Sequential().add(new ConcatTable().add(o1).add(z2)).add(new CAddTable()));
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} -> ${this.outputSize}, ${this.p.toFixed(2)})`;
  }
}
