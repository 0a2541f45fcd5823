/**
 * rnn nn.VariableLength(module, lastOnly = false): runs a whole-sequence module (SeqLSTM, SeqGRU,
 * … anything with maskZero() and setZeroMask(mask (seqlen, batch))) on a table of B samples of
 * different lengths, each len_i × … . The samples are packed into one maxlen × rows × … tensor:
 * longest first, each row takes further samples while they fit, one zero step between two samples
 * of a row; the mask marks the empty and separating steps (1), so the module restarts its state
 * after each. Output: the table of the samples' outputs (len_i × …, views of the module's output),
 * or with lastOnly the B × … tensor of each sample's last step. maskZero() is called on the
 * module at construction; setZeroMask on this module is refused (the mask is made here).
 * Ref: rnn VariableLength.lua, src/generic/c/VariableLength.c.
 */
import { Decorator } from './Decorator.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';

/** Whether maskZero() reached a module that masks (every module has the method; a plain layer ignores it). */
const masks = (m: Module): boolean => m.listModules().some((x) => (x as { maskzero?: unknown }).maskzero === true);

/** Where a sample sits in the packed tensor: its row and first step. */
interface Place { row: number; start: number; length: number }

export class VariableLength extends Decorator {
  override gradInput: Activity = [];
  /** The packed input, its mask (1 = no sample there) and gradOutput. */
  _input = Tensor.empty();
  _mask = Tensor.empty('uint8');
  _gradOutput = Tensor.empty();
  private places: Place[] = [];
  private rows = 0;

  constructor(module: Module, readonly lastOnly = false) {
    super(module);
    module.maskZero();
    if (!masks(module)) throw new ArgumentError(`VariableLength.constructor: expected a module that zero-masks (SeqLSTM, SeqGRU, a Sequencer of recurrent modules, …), got ${module.constructor.name}`);
  }

  override setZeroMask(_mask: Tensor | null | false): this {
    throw new StateError(`${this.where('setZeroMask')}: not supported (VariableLength makes the mask from the sample lengths)`);
  }

  private samples(method: string, x: Activity, what: string): Tensor[] {
    if (x instanceof Tensor || x.length === 0 || !x.every((t) => t instanceof Tensor && t.dim() >= 1 && t.size(0) > 0)) {
      throw new ArgumentError(`${this.where(method)}: expected ${what} to be a non-empty table of len_i × … tensors, got ${describe(x)}`);
    }
    const ts = x as Tensor[], step = ts[0]!.shape.slice(1).join();
    const bad = ts.find((t) => t.shape.slice(1).join() !== step);
    if (bad) throw new ShapeError(`${this.where(method)}: expected samples of the same step size [${step}], got ${shapeStr(bad.shape)}`);
    return ts;
  }

  /** rnn's placement: longest first, each row filled with what still fits (a zero step between samples). */
  private place(lengths: number[]): number {
    const order = lengths.map((length, index) => ({ length, index })).sort((a, b) => a.length - b.length || a.index - b.index);
    const maxLen = order[order.length - 1]!.length, done = new Array<boolean>(order.length).fill(false);
    this.places = new Array<Place>(lengths.length);
    let row = 0, count = 0;
    while (count < order.length) {
      let left = maxLen, start = 0;
      for (let i = order.length - 1; i >= 0; i--) {
        const s = order[i]!;
        if (done[i] || s.length > left) continue;
        this.places[s.index] = { row, start, length: s.length };
        done[i] = true;
        count++;
        left -= s.length + 1;
        start += s.length + 1;
      }
      row++;
    }
    this.rows = row;
    return maxLen;
  }

  /** The samples packed into `into` (maxlen × rows × …), zeros elsewhere. */
  private pack(into: Tensor, xs: Tensor[], maxLen: number): Tensor {
    into.resize([maxLen, this.rows, ...xs[0]!.shape.slice(1)]).zero();
    xs.forEach((x, i) => {
      const p = this.places[i]!;
      into.select(1, p.row).narrow(0, p.start, p.length).copy(x);
    });
    return into;
  }

  /** The views of each sample's steps in a packed tensor. */
  private unpack(y: Tensor): Tensor[] {
    return this.places.map((p) => y.select(1, p.row).narrow(0, p.start, p.length));
  }

  override updateOutput(input: Activity): Activity {
    const xs = this.samples('updateOutput', input, 'input');
    const maxLen = this.place(xs.map((x) => x.size(0)));
    this._input = this.pack(this._input.dtype === xs[0]!.dtype ? this._input : Tensor.empty(xs[0]!.dtype), xs, maxLen);
    this._mask.resize([maxLen, this.rows]).fill(1);
    for (const p of this.places) this._mask.select(1, p.row).narrow(0, p.start, p.length).zero();
    this.module.setZeroMask(this._mask);
    const y = asTensor(this.inner((mod) => mod.updateOutput(this._input)), this.where('updateOutput'));
    if (!this.lastOnly) {
      this.output = this.unpack(y);
      return this.output;
    }
    const out = this.output instanceof Tensor && this.output.dtype === y.dtype ? this.output : Tensor.empty(y.dtype);
    out.resize([xs.length, ...y.shape.slice(2)]);
    this.places.forEach((p, i) => out.select(0, i).copy(y.select(1, p.row).select(0, p.start + p.length - 1)));
    this.output = out;
    return out;
  }

  private packGrad(method: string, gradOutput: Activity): Tensor {
    const y = asTensor(this.module.output, this.where(method));
    const g = this._gradOutput.dtype === y.dtype ? this._gradOutput : Tensor.empty(y.dtype);
    if (!this.lastOnly) return this.pack(g, this.samples(method, gradOutput, 'gradOutput'), y.size(0));
    const go = asTensor(gradOutput, this.where(method));
    if (go.size(0) !== this.places.length) throw new ShapeError(`${this.where(method)}: expected a gradOutput of ${this.places.length} rows (lastOnly), got ${shapeStr(go.shape)}`);
    g.resizeAs(y).zero();
    this.places.forEach((p, i) => g.select(1, p.row).select(0, p.start + p.length - 1).copy(go.select(0, i)));
    return g;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    if (this.places.length === 0) throw new StateError(`${this.where('updateGradInput')}: called before updateOutput`);
    this._gradOutput = this.packGrad('updateGradInput', gradOutput);
    const gi = asTensor(this.inner((m) => m.updateGradInput(this._input, this._gradOutput)), this.where('updateGradInput'));
    this.gradInput = this.unpack(gi);
    return this.gradInput;
  }

  override accGradParameters(_input: Activity, _gradOutput: Activity, scale = 1): void {
    this.inner((m) => m.accGradParameters(this._input, this._gradOutput, scale));
  }

  override toString(): string {
    return `VariableLength${this.lastOnly ? '(lastOnly)' : ''} @ ${this.module.toString()}`;
  }
}
