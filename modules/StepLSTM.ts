/**
 * rnn nn.StepLSTM(inputsize, hiddensize, outputsize = hiddensize): one LSTM time step without inner
 * modules. Input [x (B, inputsize) or (inputsize), hPrev (outputsize), cPrev (hiddensize)], output
 * [h, c]. gates = [x, hPrev]·weight + bias, weight (inputsize + outputsize) × 4·hiddensize (rows:
 * x's, then h's), gate blocks in the order input, forget, output, candidate:
 * c = σ(f) ⊙ cPrev + σ(i) ⊙ tanh(z), h = σ(o) ⊙ tanh(c). With outputsize ≠ hiddensize (LSTMP),
 * h = (σ(o) ⊙ tanh(c))·weightO, weightO hiddensize × outputsize. reset: weight N(0, 1/(in + hidden)),
 * weightO N(0, 1/(hidden + out)), bias 0 with the forget block 1. maskZero(): rows with zeroMask = 1
 * (setZeroMask; else all-zero rows of x) output zeros and pass no gradient.
 * Ref: rnn StepLSTM.lua, SeqLSTM.lua, SeqLSTMP.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { maskRows, zeroMaskOf } from './zeroMask.js';

export class StepLSTM extends Module<Activity, Table> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  override output: Table = [Tensor.empty(), Tensor.empty()];
  override gradInput: Table = [Tensor.empty(), Tensor.empty(), Tensor.empty()];
  maskzero = false;
  /** 1 for the batch rows to mask (set by setZeroMask, or computed from x when null). */
  zeroMask: Tensor | null = null;
  gates = Tensor.empty();
  /** The projection of LSTMP (null when outputsize = hiddensize). */
  weightO: Tensor | null = null;
  gradWeightO: Tensor | null = null;
  readonly outputsize: number;
  /** σ(o) ⊙ tanh(c) before the projection (LSTMP only). */
  private hidden = Tensor.empty();
  private gHidden = Tensor.empty();
  private tanhC = Tensor.empty();
  private gradGates = Tensor.empty();
  private gh = Tensor.empty();
  private gc = Tensor.empty();

  constructor(readonly inputsize: number, readonly hiddensize: number, outputsize = hiddensize) {
    super();
    const H = hiddensize, R = outputsize;
    if (![inputsize, H, R].every((n) => Number.isInteger(n) && n > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputsize} -> ${H} -> ${R}`);
    }
    this.outputsize = R;
    this.weight = Tensor.zeros([inputsize + R, 4 * H]);
    this.gradWeight = Tensor.zeros([inputsize + R, 4 * H]);
    this.bias = Tensor.zeros([4 * H]);
    this.gradBias = Tensor.zeros([4 * H]);
    if (R !== H) {
      this.weightO = Tensor.zeros([H, R]);
      this.gradWeightO = Tensor.zeros([H, R]);
    }
    this.reset();
  }

  override reset(stdv?: number): this {
    backend().randomNormal(this.weight, rng, 0, stdv ?? 1 / Math.sqrt(this.inputsize + this.hiddensize));
    if (this.weightO) backend().randomNormal(this.weightO, rng, 0, stdv ?? 1 / Math.sqrt(this.outputsize + this.hiddensize));
    this.bias.zero().narrow(0, this.hiddensize, this.hiddensize).fill(1);
    return this;
  }

  override parameters(): [Tensor[], Tensor[]] {
    const [p, g] = super.parameters();
    if (this.weightO && this.gradWeightO) return [[...p, this.weightO], [...g, this.gradWeightO]];
    return [p, g];
  }

  override maskZero(): this {
    this.maskzero = true;
    return this;
  }

  /** The rows to mask at the next forward (a (B) ByteTensor), or null to compute them from x. */
  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    return this;
  }

  /** [x, hPrev, cPrev] as (B, ·) matrices, and the batch size (0 for a non-batch x). */
  private parts(method: string, input: Activity): [Tensor, Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 3 || !input.every((v) => v instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x, hPrev, cPrev], got ${describe(input)}`);
    }
    const [x, h, c] = input as [Tensor, Tensor, Tensor];
    const D = this.inputsize, H = this.hiddensize, R = this.outputsize, B = x.dim() === 2 ? x.size(0) : 0, rows = Math.max(B, 1);
    if (x.dim() < 1 || x.dim() > 2 || x.size(-1) !== D) throw new ShapeError(`${this.where(method)}: expected x of size [*, ${D}], got ${shapeStr(x.shape)}`);
    for (const [t, name, n] of [[h, 'hPrev', R], [c, 'cPrev', H]] as const) {
      if (t.numel() !== rows * n) throw new ShapeError(`${this.where(method)}: expected ${name} of size ${shapeStr(B ? [B, n] : [n])}, got ${shapeStr(t.shape)}`);
    }
    return [x.contiguous().view([rows, D]), h.contiguous().view([rows, R]), c.contiguous().view([rows, H]), B];
  }

  private mask(x: Tensor): Tensor | null {
    if (!this.maskzero) return null;
    return this.zeroMask ?? zeroMaskOf(x, 1);
  }

  override updateOutput(input: Activity): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateOutput', input);
    const D = this.inputsize, H = this.hiddensize, R = this.outputsize, rows = Math.max(B, 1);
    const g = this.gates.resize([rows, 4 * H]);
    g.mm(x, this.weight.narrow(0, 0, D)).addmm(hPrev, this.weight.narrow(0, D, R));
    backend().addRowVector(g, this.bias, rows, 4 * H, 1);
    const [h, c] = this.output as [Tensor, Tensor];
    const hid = this.weightO ? this.hidden : h;
    for (const t of [hid, c, this.tanhC]) t.resize([rows, H]);
    backend().lstmCell(g, c, hid, this.tanhC, cPrev, rows, H);
    if (this.weightO) h.resize([rows, R]).mm(hid, this.weightO); // LSTMP: h = hidden·weightO
    const m = this.mask(x);
    if (m) maskRows(this.where('updateOutput'), [h, c, g, hid], m);
    if (!B) {
      h.resize([R]);
      c.resize([H]);
    }
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateGradInput', input);
    const D = this.inputsize, H = this.hiddensize, R = this.outputsize, rows = Math.max(B, 1);
    const [gh, gc] = gradOutput as [Tensor, Tensor];
    if (!(gh instanceof Tensor && gc instanceof Tensor) || gh.numel() !== rows * R || gc.numel() !== rows * H) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput [gradH ${shapeStr(B ? [B, R] : [R])}, gradC ${shapeStr(B ? [B, H] : [H])}], got ${describe(gradOutput)}`);
    }
    this.gh.resize([rows, R]).copy(gh.contiguous().view([rows, R]));
    this.gc.resize([rows, H]).copy(gc.contiguous().view([rows, H]));
    const m = this.mask(x);
    if (m) maskRows(this.where('updateGradInput'), [this.gh, this.gc], m);
    const gHid = this.weightO ? this.gHidden.resize([rows, H]).mm(this.gh, this.weightO.t()) : this.gh; // ∂hidden = ∂h·weightOᵀ
    const [gx, ghPrev, gcPrev] = this.gradInput as [Tensor, Tensor, Tensor];
    gcPrev.resize([rows, H]);
    this.gradGates.resize([rows, 4 * H]);
    backend().lstmCellBackward(this.gradGates, gcPrev, this.gates, this.tanhC, cPrev, gHid, this.gc, rows, H);
    gx.resize([rows, D]).mm(this.gradGates, this.weight.narrow(0, 0, D).t()); // ∂x = ∂gates·Wxᵀ
    ghPrev.resize([rows, R]).mm(this.gradGates, this.weight.narrow(0, D, R).t()); // ∂hPrev = ∂gates·Whᵀ
    if (!B) for (const [t, n] of [[gx, D], [ghPrev, R], [gcPrev, H]] as const) t.resize([n]);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Table, scale = 1): void {
    const [x, hPrev, , B] = this.parts('accGradParameters', input);
    const D = this.inputsize, H = this.hiddensize, R = this.outputsize;
    this.gradWeight.narrow(0, 0, D).addmm(scale, x.t(), this.gradGates); // ∂Wx += xᵀ·∂gates
    this.gradWeight.narrow(0, D, R).addmm(scale, hPrev.t(), this.gradGates);
    backend().sumRows(this.gradBias, this.gradGates, Math.max(B, 1), 4 * H, scale, 1);
    if (this.gradWeightO) this.gradWeightO.addmm(scale, this.hidden.t(), this.gh); // ∂weightO += hiddenᵀ·∂h
  }

  override toString(): string {
    const mid = this.weightO ? ` -> ${this.hiddensize}` : '';
    return `${this.constructor.name}(${this.inputsize}${mid} -> ${this.outputsize})`;
  }
}
