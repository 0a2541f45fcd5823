/**
 * rnn nn.StepLSTM(inputsize, outputsize): one LSTM time step without inner modules. Input
 * [x (B, inputsize) or (inputsize), hPrev, cPrev], output [h, c] (B, outputsize) or (outputsize).
 * gates = [x, hPrev]·weight + bias, weight (inputsize + outputsize) × 4·outputsize (rows: x's,
 * then h's), gate blocks in the order input, forget, output, candidate:
 * c = σ(f) ⊙ cPrev + σ(i) ⊙ tanh(z), h = σ(o) ⊙ tanh(c). reset: weight N(0, 1/(in + out)), bias 0
 * with the forget block 1. maskZero(): rows with zeroMask = 1 (setZeroMask; else all-zero rows of
 * x) output zeros and pass no gradient. Ref: rnn StepLSTM.lua, SeqLSTM.lua.
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
  private tanhC = Tensor.empty();
  private gradGates = Tensor.empty();
  private gh = Tensor.empty();
  private gc = Tensor.empty();

  constructor(readonly inputsize: number, readonly outputsize: number) {
    super();
    if (!(Number.isInteger(inputsize) && inputsize > 0 && Number.isInteger(outputsize) && outputsize > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputsize} -> ${outputsize}`);
    }
    this.weight = Tensor.zeros([inputsize + outputsize, 4 * outputsize]);
    this.gradWeight = Tensor.zeros([inputsize + outputsize, 4 * outputsize]);
    this.bias = Tensor.zeros([4 * outputsize]);
    this.gradBias = Tensor.zeros([4 * outputsize]);
    this.reset();
  }

  override reset(stdv = 1 / Math.sqrt(this.inputsize + this.outputsize)): this {
    backend().randomNormal(this.weight, rng, 0, stdv);
    this.bias.zero().narrow(0, this.outputsize, this.outputsize).fill(1);
    return this;
  }

  maskZero(): this {
    this.maskzero = true;
    return this;
  }

  /** The rows to mask at the next forward (a (B) ByteTensor), or null to compute them from x. */
  setZeroMask(mask: Tensor | null): this {
    this.zeroMask = mask;
    return this;
  }

  /** [x, hPrev, cPrev] as (B, ·) matrices, and the batch size (0 for a non-batch x). */
  private parts(method: string, input: Activity): [Tensor, Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 3 || !input.every((v) => v instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x, hPrev, cPrev], got ${describe(input)}`);
    }
    const [x, h, c] = input as [Tensor, Tensor, Tensor];
    const D = this.inputsize, H = this.outputsize, B = x.dim() === 2 ? x.size(0) : 0, rows = Math.max(B, 1);
    if (x.dim() < 1 || x.dim() > 2 || x.size(-1) !== D) throw new ShapeError(`${this.where(method)}: expected x of size [*, ${D}], got ${shapeStr(x.shape)}`);
    for (const [t, name] of [[h, 'hPrev'], [c, 'cPrev']] as const) {
      if (t.numel() !== rows * H) throw new ShapeError(`${this.where(method)}: expected ${name} of size ${shapeStr(B ? [B, H] : [H])}, got ${shapeStr(t.shape)}`);
    }
    return [x.contiguous().view([rows, D]), h.contiguous().view([rows, H]), c.contiguous().view([rows, H]), B];
  }

  private mask(x: Tensor): Tensor | null {
    if (!this.maskzero) return null;
    return this.zeroMask ?? zeroMaskOf(x, 1);
  }

  override updateOutput(input: Activity): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateOutput', input);
    const D = this.inputsize, H = this.outputsize, rows = Math.max(B, 1);
    const g = this.gates.resize([rows, 4 * H]);
    g.mm(x, this.weight.narrow(0, 0, D)).addmm(hPrev, this.weight.narrow(0, D, H));
    g.add(this.bias.view([1, 4 * H]).expand([rows, 4 * H]));
    const [h, c] = this.output as [Tensor, Tensor];
    for (const t of [h, c, this.tanhC]) t.resize([rows, H]);
    backend().lstmCell(g, c, h, this.tanhC, cPrev, rows, H);
    const m = this.mask(x);
    if (m) maskRows(this.where('updateOutput'), [h, c, g], m);
    if (!B) for (const t of [h, c]) t.resize([H]);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateGradInput', input);
    const D = this.inputsize, H = this.outputsize, rows = Math.max(B, 1);
    const [gh, gc] = gradOutput as [Tensor, Tensor];
    if (!(gh instanceof Tensor && gc instanceof Tensor) || gh.numel() !== rows * H || gc.numel() !== rows * H) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput [gradH, gradC] of size ${shapeStr(B ? [B, H] : [H])} each, got ${describe(gradOutput)}`);
    }
    this.gh.resize([rows, H]).copy(gh.contiguous().view([rows, H]));
    this.gc.resize([rows, H]).copy(gc.contiguous().view([rows, H]));
    const m = this.mask(x);
    if (m) maskRows(this.where('updateGradInput'), [this.gh, this.gc], m);
    const [gx, ghPrev, gcPrev] = this.gradInput as [Tensor, Tensor, Tensor];
    gcPrev.resize([rows, H]);
    this.gradGates.resize([rows, 4 * H]);
    backend().lstmCellBackward(this.gradGates, gcPrev, this.gates, this.tanhC, cPrev, this.gh, this.gc, rows, H);
    gx.resize([rows, D]).mm(this.gradGates, this.weight.narrow(0, 0, D).t()); // ∂x = ∂gates·Wxᵀ
    ghPrev.resize([rows, H]).mm(this.gradGates, this.weight.narrow(0, D, H).t()); // ∂hPrev = ∂gates·Whᵀ
    if (!B) for (const [t, n] of [[gx, D], [ghPrev, H], [gcPrev, H]] as const) t.resize([n]);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Table, scale = 1): void {
    const [x, hPrev] = this.parts('accGradParameters', input);
    const D = this.inputsize, H = this.outputsize;
    this.gradWeight.narrow(0, 0, D).addmm(scale, x.t(), this.gradGates); // ∂Wx += xᵀ·∂gates
    this.gradWeight.narrow(0, D, H).addmm(scale, hPrev.t(), this.gradGates);
    this.gradBias.add(scale, this.gradGates.sum(0).view([4 * H]));
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputsize} -> ${this.outputsize})`;
  }
}
