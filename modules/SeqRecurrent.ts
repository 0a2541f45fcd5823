/**
 * The base of rnn's whole-sequence recurrent modules (SeqLSTM, SeqGRU): a seqlen × batch ×
 * inputsize tensor (batch × seqlen × inputsize when `batchfirst`; seqlen × inputsize without a
 * batch) runs step by step through a Recurrence `rec` (its steps back-propagate in reverse order),
 * giving seqlen × batch × outputsize. Not a Torch class: rnn wrote these loops out in each module.
 * The parameters are the step module's `weight` and `bias`. The state starts at zero for each
 * sequence, unless remember() (then from the previous sequence's last state) or setHiddenState(−1).
 * Ref: rnn SeqLSTM.lua, SeqGRU.lua.
 */
import { AbstractSequencer } from './AbstractSequencer.js';
import type { Recurrence } from './Recurrence.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { joinInto } from '../lib/join.js';

export abstract class SeqRecurrent extends AbstractSequencer {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _seq = Tensor.empty();
  batchfirst = false;
  maskzero = false;
  zeroMask: Tensor | null = null;

  constructor(readonly rec: Recurrence, readonly inputsize: number, readonly outputsize: number) {
    super();
  }

  /** The step module: its parameter fields, by Torch's names, and its reset. */
  protected abstract get step(): { weight: Tensor; bias: Tensor; gradWeight: Tensor; gradBias: Tensor; reset(stdv?: number): unknown };
  get weight(): Tensor { return this.step.weight; }
  get bias(): Tensor { return this.step.bias; }
  get gradWeight(): Tensor { return this.step.gradWeight; }
  get gradBias(): Tensor { return this.step.gradBias; }

  /** Resets the step module's parameters (stdv: as the step module's reset). */
  override reset(stdv?: number): this {
    this.step.reset(stdv);
    return this;
  }

  forget(): this {
    this.rec.forget();
    return this;
  }

  override maskZero(): this {
    this.maskzero = true;
    this.rec.maskZero();
    return this;
  }

  /** (seqlen, batch) ByteTensor (batch × seqlen when batchfirst): 1 marks a padding step. */
  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    return this;
  }

  override getHiddenState(t: number): Activity { return this.rec.getHiddenState(t); }
  override setHiddenState(t: number, s: Activity | null): this { this.rec.setHiddenState(t, s); return this; }
  override getGradHiddenState(t: number): Activity { return this.rec.getGradHiddenState(t); }
  override setGradHiddenState(t: number, g: Activity | null): this { this.rec.setGradHiddenState(t, g); return this; }

  private steps(method: string, x: Tensor, what = 'input'): Tensor {
    if (x.dim() !== 2 && x.dim() !== 3) throw new ShapeError(`${this.where(method)}: expected ${what} of seqlen × batch × ${this.inputsize} (or seqlen × ${this.inputsize}), got ${shapeStr(x.shape)}`);
    return this.batchfirst && x.dim() === 3 ? x.transpose(0, 1) : x;
  }

  private join(parts: Tensor[], into: Tensor): Tensor {
    const first = parts[0]!;
    const seq = this._seq.resize([parts.length, ...first.shape]);
    joinInto(seq, parts.map((p) => p.view([1, ...p.shape])), 0);
    const out = this.batchfirst && seq.dim() === 3 ? seq.transpose(0, 1) : seq;
    return into.resize(out.shape).copy(out);
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.steps('updateOutput', asTensor(input, this.where('updateOutput')));
    if (x.size(-1) !== this.inputsize) throw new ShapeError(`${this.where('updateOutput')}: expected inputs of size ${this.inputsize}, got ${shapeStr(x.shape)}`);
    if (!this.hasMemory()) this.rec.forget();
    if (this.maskzero) this.rec.setZeroMask(this.zeroMask && this.batchfirst ? this.zeroMask.t() : this.zeroMask);
    const outs: Tensor[] = [];
    for (let t = 0; t < x.size(0); t++) outs.push(asTensor(this.rec.forward(x.select(0, t))));
    return this.join(outs, this.output);
  }

  private reverse(method: 'updateGradInput' | 'backward' | 'accGradParameters', input: Activity, gradOutput: Activity, scale: number): Tensor[] {
    const x = this.steps(method, asTensor(input, this.where(method)));
    const g = this.steps(method, this.checkGradOutput(method, gradOutput, this.output), 'gradOutput');
    const gi: Tensor[] = new Array<Tensor>(x.size(0));
    for (let t = x.size(0) - 1; t >= 0; t--) {
      const xt = x.select(0, t), gt = g.select(0, t);
      if (method === 'accGradParameters') this.rec.accGradParameters(xt, gt, scale);
      else gi[t] = asTensor(method === 'backward' ? this.rec.backward(xt, gt, scale) : this.rec.updateGradInput(xt, gt));
    }
    return gi;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    return this.join(this.reverse('updateGradInput', input, gradOutput, 1), this.gradInput);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.reverse('accGradParameters', input, gradOutput, scale);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Tensor {
    return this.join(this.reverse('backward', input, gradOutput, scale), this.gradInput);
  }

  override training(): this {
    super.training();
    this.rec.training();
    return this;
  }

  override evaluate(): this {
    super.evaluate();
    this.rec.evaluate();
    return this;
  }

  override clearState(): this {
    super.clearState();
    this.rec.clearState();
    return this;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputsize} -> ${this.outputsize})`;
  }
}
