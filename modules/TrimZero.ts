/**
 * rnn nn.TrimZero(module, nInputDim = 1, silent?): MaskZero's result (the rows of all-zero input
 * samples give zero output and zero gradients) at a smaller cost: the module runs only on the
 * batch rows that are not all zeros (gathered with index), and its outputs and gradInputs are
 * scattered back into zero-filled tensors (indexCopy). The input's first tensor decides: with
 * nInputDim + 1 dimensions it is a batch; with nInputDim dimensions an all-zero input gives zeros
 * without running the module. When every row is zero, the module runs on row 0 and the result is
 * zeroed. `silent` is accepted for rnn's signature. Ref: rnn TrimZero.lua, MaskZero.lua.
 */
import { MaskZero } from './MaskZero.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, leaves, zeroLike } from '../lib/Activity.js';
import { ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { zeroMaskOf } from './zeroMask.js';

export class TrimZero extends MaskZero {
  /** The module's input (the kept rows), and its gradOutput. */
  temp: Activity = Tensor.empty();
  gradTemp: Activity = Tensor.empty();
  batchmode = false;
  /** The kept batch rows (0-based), null before the first forward. */
  private keep: Tensor | null = null;
  private allZero = false;

  constructor(module: Module, nInputDim = 1, readonly silent = false) {
    super(module, nInputDim);
  }

  override setZeroMask(_mask: Tensor | null | false): this {
    throw new StateError(`${this.where('setZeroMask')}: TrimZero finds its zero rows from the input; use MaskZero for a given mask`);
  }

  private findRows(input: Activity): void {
    const x = leaves(input)[0];
    if (!x || (x.dim() !== this.nInputDim && x.dim() !== this.nInputDim + 1)) {
      throw new ShapeError(`${this.where('updateOutput')}: expected a first input of ${this.nInputDim} or ${this.nInputDim + 1} dimensions (nInputDim = ${this.nInputDim}), got ${x ? shapeStr(x.shape) : 'none'}`);
    }
    this.batchmode = x.dim() === this.nInputDim + 1;
    const mask = zeroMaskOf(x, this.nInputDim);
    const rows: number[] = [];
    for (let b = 0; b < mask.numel(); b++) if (mask.data[mask.offset + b] === 0) rows.push(b);
    this.allZero = rows.length === 0;
    this.keep = Tensor.from(this.allZero ? [0] : rows, [this.allZero ? 1 : rows.length], 'long');
  }

  /** The kept rows of every tensor of `a` (the whole of a non-batch input). */
  private trim(into: Activity | undefined, a: Activity): Activity {
    if (!(a instanceof Tensor)) {
      const old = Array.isArray(into) ? into : [];
      return a.map((v, i) => this.trim(old[i], v));
    }
    const out = into instanceof Tensor && into.dtype === a.dtype ? into : Tensor.empty(a.dtype);
    if (this.batchmode) out.index(a, 0, this.rowsKept());
    else out.resizeAs(a).copy(a);
    return this.allZero ? out.zero() : out;
  }

  /** `a` (the module's result on the kept rows) scattered into zeros with `batch` rows. */
  private untrim(into: Activity | undefined, a: Activity, batch: number): Activity {
    if (!(a instanceof Tensor)) {
      const old = Array.isArray(into) ? into : [];
      return a.map((v, i) => this.untrim(old[i], v, batch));
    }
    const out = zeroLike(into, a) as Tensor;
    if (!this.batchmode) return this.allZero ? out : out.copy(a);
    out.resize([batch, ...a.shape.slice(1)]).zero();
    return this.allZero ? out : out.indexCopy(0, this.rowsKept(), a);
  }

  private rowsKept(): Tensor {
    if (!this.keep) throw new StateError(`${this.where('updateGradInput')}: called before updateOutput`);
    return this.keep;
  }

  private batchOf(input: Activity): number {
    const x = leaves(input)[0];
    return this.batchmode && x ? x.size(0) : 1;
  }

  override updateOutput(input: Activity): Activity {
    this.findRows(input);
    this.temp = this.trim(this.temp, input);
    this.output = this.untrim(this.output, this.module.updateOutput(this.temp), this.batchOf(input));
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.temp = this.trim(this.temp, input);
    this.gradTemp = this.trim(this.gradTemp, gradOutput);
    this.gradInput = this.untrim(this.gradInput, this.module.updateGradInput(this.temp, this.gradTemp), this.batchOf(input));
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Activity, scale = 1): void {
    this.temp = this.trim(this.temp, input);
    this.module.accGradParameters(this.temp, this.gradTemp, scale);
  }

  override toString(): string {
    return `TrimZero(${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
