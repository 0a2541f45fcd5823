/**
 * dpnn nn.NCEModule(inputSize, outputSize, k, unigrams, Z = −1): the output layer of noise
 * contrastive estimation, a Linear (weight outputSize × inputSize) evaluated only at the targets
 * and at k noise samples drawn from the unigram distribution (normalised in place; an
 * AliasMultinomial draws, seeded). Input [x (B, inputSize), target (B) 0-based class indices];
 * output [Pmt (B), Pms (B, k), Pnt (B), Pns (B, k)]: the model's unnormalised probabilities
 * exp(w·x + b)/Z of the targets and samples, and their noise probabilities. Z ≤ 0 is estimated from
 * the first batch as mean(exp(w_s·x + b_s))·outputSize. `batchnoise` (default) shares the k samples
 * across the batch; else each row draws its own. In evaluate mode with `normalized = true` the
 * output is the full softmax (log-softmax with `logsoftmax`) over the outputSize classes.
 * gradInput[1] (targets) is zeros. reset: weight U(±1/√inputSize), bias −log(outputSize).
 * Ref: dpnn NCEModule.lua; Mnih & Teh 2012.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { AliasMultinomial } from './AliasMultinomial.js';

export class NCEModule extends Module<Activity, Activity> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  override output: Activity = [];
  override gradInput: Activity = [];
  readonly k: number;
  readonly unigrams: Tensor;
  /** [Z], the normalisation constant (Lua keeps it in a tensor). */
  readonly Z: Tensor;
  batchnoise = true;
  normalized = false;
  logsoftmax = false;
  aliasmultinomial: AliasMultinomial;
  /** The noise samples then the targets ((k + B), or (B, k + 1) with the targets first without batchnoise). */
  sampleidx = Tensor.empty('long');
  private _weight = Tensor.empty();
  private _bias = Tensor.empty();
  /** exp(linear)/Z at sampleidx, (B, k + 1), the targets in column 0; then ∂L/∂linear. */
  private _pm = Tensor.empty();
  private _gradOutput = Tensor.empty();
  private _tgradOutput = Tensor.empty();

  constructor(readonly inputSize: number, readonly outputSize: number, k: number, unigrams: Tensor, Z = -1) {
    super();
    if (!(Number.isInteger(inputSize) && inputSize > 0 && Number.isInteger(outputSize) && outputSize > 0)) {
      throw new ArgumentError(`NCEModule.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    if (!(Number.isInteger(k) && k > 0)) throw new ArgumentError(`NCEModule.constructor: expected k ≥ 1 noise samples, got ${k}`);
    if (unigrams.dim() !== 1 || unigrams.numel() !== outputSize) throw new ShapeError(`NCEModule.constructor: expected unigrams of size [${outputSize}], got ${shapeStr(unigrams.shape)}`);
    this.weight = Tensor.zeros([outputSize, inputSize]);
    this.gradWeight = Tensor.zeros([outputSize, inputSize]);
    this.bias = Tensor.zeros([outputSize]);
    this.gradBias = Tensor.zeros([outputSize]);
    this.k = k;
    this.unigrams = unigrams;
    this.Z = Tensor.from([Z], [1], 'float64');
    this.aliasmultinomial = this.fastNoise();
    this.output = [Tensor.empty(), Tensor.empty(), Tensor.empty(), Tensor.empty()];
    this.gradInput = [Tensor.empty(), Tensor.empty()];
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv ?? 1 / Math.sqrt(this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    if (stdv !== undefined) backend().randomUniform(this.bias, rng, -s, s);
    else this.bias.fill(-Math.log(this.outputSize)); // good for Z = 1
    return this;
  }

  /** Normalises the unigrams in place and builds their alias sampler. */
  fastNoise(): AliasMultinomial {
    this.unigrams.div(this.unigrams.sum());
    this.aliasmultinomial = new AliasMultinomial(this.unigrams);
    return this.aliasmultinomial;
  }

  /** Fills `into` (rows × k) with noise samples. */
  noiseSample(into: Tensor, rows: number, k: number): Tensor {
    return this.aliasmultinomial.batchdraw(into.resize(rows === 1 ? [k] : [rows, k]));
  }

  private parts(method: string, input: Activity): [Tensor, Tensor] {
    const [x, target] = Array.isArray(input) ? input : [];
    if (!(x instanceof Tensor && target instanceof Tensor) || x.dim() !== 2 || target.dim() !== 1 || target.size(0) !== x.size(0) || x.size(1) !== this.inputSize) {
      throw new ShapeError(`${this.where(method)}: expected [input (B, ${this.inputSize}), target (B)], got ${describe(input)}`);
    }
    return [x.contiguous(), target];
  }

  /** `t` if it has the dtype, else a new empty tensor of it. */
  private static buf(t: Tensor, dtype: Tensor['dtype']): Tensor {
    return t.dtype === dtype ? t : Tensor.empty(dtype);
  }

  override updateOutput(input: Activity): Activity {
    const [x, target] = this.parts('updateOutput', input), B = x.size(0), k = this.k;
    if (!this.train && this.normalized) {
      const lin = Tensor.empty(x.dtype).resize([B, this.outputSize]).mm(x, this.weight.t()).add(this.bias.view([1, -1]).expand([B, this.outputSize]));
      const out = this.output instanceof Tensor ? this.output : Tensor.empty(x.dtype);
      out.resizeAs(lin);
      if (this.logsoftmax) backend().logSoftmax(out, lin, B, this.outputSize);
      else backend().softmax(out, lin, B, this.outputSize);
      this.output = out;
      return out;
    }
    const idx = this.sampleidx, dt = this.weight.dtype;
    this._weight = NCEModule.buf(this._weight, dt);
    this._bias = NCEModule.buf(this._bias, dt);
    const pm = (this._pm = NCEModule.buf(this._pm, dt));
    if (this.batchnoise) {
      idx.resize([k + B]);
      idx.narrow(0, 0, k).copy(this.noiseSample(Tensor.empty('long'), 1, k));
      idx.narrow(0, k, B).copy(target);
      this._weight.index(this.weight, 0, idx);
      this._bias.index(this.bias, 0, idx);
      pm.resize([B, k + 1]);
      pm.narrow(1, 1, k).copy(this._bias.narrow(0, 0, k).view([1, k]).expand([B, k])).addmm(x, this._weight.narrow(0, 0, k).t()); // w_s·x + b_s
      pm.select(1, 0).copy(x.clone().cmul(this._weight.narrow(0, k, B)).sum(1).view([B])).add(this._bias.narrow(0, k, B)); // w_t·x + b_t
    } else {
      idx.resize([B, k + 1]);
      idx.select(1, 0).copy(target);
      idx.narrow(1, 1, k).copy(this.noiseSample(Tensor.empty('long'), B, k).view([B, k]));
      this._weight.index(this.weight, 0, idx.view([-1]));
      this._bias.index(this.bias, 0, idx.view([-1]));
      pm.resize([B, 1, k + 1]).copy(this._bias.view([B, 1, k + 1])).baddbmm(x.view([B, 1, -1]), this._weight.view([B, k + 1, -1]).transpose(1, 2));
      pm.resize([B, k + 1]);
    }
    pm.exp();
    if (this.Z.get(0) <= 0) this.Z.fill(pm.narrow(1, 1, k).mean() * this.outputSize); // estimate Z from this batch
    pm.div(this.Z.get(0));
    const noise = Tensor.empty(this.unigrams.dtype).index(this.unigrams, 0, idx.view([-1]));
    const [Pmt, Pms, Pnt, Pns] = this.outputs(x.dtype);
    Pmt.resize([B]).copy(pm.select(1, 0));
    Pms.resize([B, k]).copy(pm.narrow(1, 1, k));
    if (this.batchnoise) {
      Pnt.resize([B]).copy(noise.narrow(0, k, B));
      Pns.resize([B, k]).copy(noise.narrow(0, 0, k).view([1, k]).expand([B, k]));
    } else {
      const n2 = noise.view([B, k + 1]);
      Pnt.resize([B]).copy(n2.select(1, 0));
      Pns.resize([B, k]).copy(n2.narrow(1, 1, k));
    }
    return this.output;
  }

  private outputs(dtype: Tensor['dtype']): [Tensor, Tensor, Tensor, Tensor] {
    const o = Array.isArray(this.output) && this.output.length === 4 ? this.output : [];
    const t = (i: number) => (o[i] instanceof Tensor ? o[i] : Tensor.empty(dtype));
    const out: [Tensor, Tensor, Tensor, Tensor] = [t(0), t(1), t(2), t(3)];
    this.output = out;
    return out;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Table {
    const [x, target] = this.parts('updateGradInput', input), B = x.size(0), k = this.k;
    const [dPmt, dPms] = Array.isArray(gradOutput) ? gradOutput : [];
    if (!(dPmt instanceof Tensor && dPms instanceof Tensor) || dPmt.numel() !== B || dPms.numel() !== B * k) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput [dPmt (${B}), dPms (${B}, ${k}), …], got ${describe(gradOutput)}`);
    }
    const pm = this._pm;
    if (pm.dim() !== 2 || pm.size(0) !== B) throw new StateError(`${this.where('updateGradInput')}: called before a sampling updateOutput`);
    const g = (this._gradOutput = NCEModule.buf(this._gradOutput, pm.dtype)).resize([B, k + 1]); // ∂L/∂linear = ∂L/∂Pm · Pm (as ∂Pm/∂linear = Pm)
    g.select(1, 0).copy(dPmt.contiguous().view([B])).cmul(pm.select(1, 0));
    g.narrow(1, 1, k).copy(dPms.contiguous().view([B, k])).cmul(pm.narrow(1, 1, k));
    const [gx, gt] = this.gradInput as [Tensor, Tensor];
    if (this.batchnoise) {
      const tw = this._weight.narrow(0, k, B);
      gx.resizeAs(x).copy(tw).cmul(g.narrow(1, 0, 1).expand([B, this.inputSize])).addmm(g.narrow(1, 1, k), this._weight.narrow(0, 0, k));
    } else {
      gx.resize([B, 1, this.inputSize]).zero().baddbmm(g.view([B, 1, k + 1]), this._weight.view([B, k + 1, -1]));
      gx.resizeAs(x);
    }
    gt.resize(target.shape).zero();
    return this.gradInput as Table;
  }

  override accGradParameters(input: Activity, _gradOutput: Activity, scale = 1): void {
    const [x] = this.parts('accGradParameters', input), B = x.size(0), k = this.k, D = this.inputSize;
    const g = this._gradOutput, idx = this.sampleidx, gb = this.gradBias;
    this._tgradOutput = NCEModule.buf(this._tgradOutput, g.dtype);
    if (g.dim() !== 2 || g.size(0) !== B) throw new StateError(`${this.where('accGradParameters')}: called before updateGradInput`);
    const gw = Tensor.empty(x.dtype);
    if (this.batchnoise) {
      gw.resize([k + B, D]);
      gw.narrow(0, 0, k).mm(g.narrow(1, 1, k).t(), x).mul(scale); // Σ_b ∂L/∂lin_{b,s} x_b
      gw.narrow(0, k, B).copy(x).cmul(g.narrow(1, 0, 1).expand([B, D])).mul(scale);
      this._tgradOutput.resize([k + B]);
      this._tgradOutput.narrow(0, 0, k).copy(g.narrow(1, 1, k).sum(0).view([k]));
      this._tgradOutput.narrow(0, k, B).copy(g.select(1, 0));
    } else {
      gw.resize([B, k + 1, D]).zero().baddbmm(g.view([B, k + 1, 1]), x.view([B, 1, D])).mul(scale);
      gw.resize([B * (k + 1), D]);
      this._tgradOutput.resize([B * (k + 1)]).copy(g.view([-1]));
    }
    const flat = idx.view([-1]);
    this.gradWeight.indexAdd(0, flat, gw);
    gb.indexAdd(0, flat, this._tgradOutput.mul(scale));
  }

  override clearState(): this {
    super.clearState();
    for (const t of [this._weight, this._bias, this._pm, this._gradOutput, this._tgradOutput]) t.resize([0]);
    return this;
  }

  override toString(): string {
    return `NCEModule(${this.inputSize} -> ${this.outputSize}, k = ${this.k})`;
  }
}
