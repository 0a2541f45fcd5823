/**
 * rnn nn.SeqLSTMP(inputsize, hiddensize, outputsize): SeqLSTM with a projection layer (LSTMP):
 * seqlen × batch × inputsize (batch-first with `batchfirst = true`; seqlen × inputsize without a
 * batch) → seqlen × batch × outputsize, outputsize < hiddensize usually. The cell c has hiddensize;
 * h_t = (σ(o) ⊙ tanh(c_t))·weightO (weightO hiddensize × outputsize) is both the output and the
 * recurrent input. weight (inputsize + outputsize) × 4·hiddensize, bias 4·hiddensize, gate blocks
 * input, forget, output, candidate; reset(std): weight N(0, std or 1/√(hidden + in)), weightO
 * N(0, std or 1/√(out + hidden)), bias 0 with the forget block 1. Parameters: weight, bias, weightO.
 * Ref: rnn SeqLSTMP.lua, SeqLSTM.lua; Sak et al. 2014.
 */
import { SeqRecurrent } from './SeqRecurrent.js';
import { RecLSTM } from './RecLSTM.js';
import type { StepLSTM } from './StepLSTM.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError, StateError } from '../lib/errors.js';

export class SeqLSTMP extends SeqRecurrent {
  declare readonly rec: RecLSTM;
  readonly hiddensize: number;

  constructor(inputsize: number, hiddensize: number, outputsize: number) {
    if (![inputsize, hiddensize, outputsize].every((n) => Number.isInteger(n) && n > 0)) {
      throw new ArgumentError(`SeqLSTMP.constructor: expected positive integer inputsize, hiddensize and outputsize, got ${inputsize}, ${hiddensize}, ${outputsize}`);
    }
    if (hiddensize === outputsize) throw new ArgumentError(`SeqLSTMP.constructor: expected outputsize ≠ hiddensize (else use SeqLSTM), got ${outputsize} for both`);
    super(new RecLSTM(inputsize, outputsize, 999999, hiddensize), inputsize, outputsize);
    this.hiddensize = hiddensize;
  }

  protected get step(): StepLSTM {
    return this.rec.stepmodule;
  }

  /** The projection (the step module's; it has one as hiddensize ≠ outputsize). */
  get weightO(): Tensor { return this.projection('weightO'); }
  get gradWeightO(): Tensor { return this.projection('gradWeightO'); }

  private projection(name: 'weightO' | 'gradWeightO'): Tensor {
    const w = this.step[name];
    if (!w) throw new StateError(`${this.where(name)}: the step module lost its projection`);
    return w;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.bias, this.weightO], [this.gradWeight, this.gradBias, this.gradWeightO]];
  }

  override reset(std?: number): this {
    this.step.reset(std);
    return this;
  }

  override toString(): string {
    return `SeqLSTMP(${this.inputsize} -> ${this.hiddensize} -> ${this.outputsize})`;
  }
}
