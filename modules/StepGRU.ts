/**
 * rnn nn.StepGRU(inputsize, outputsize): one GRU time step without inner modules. Input
 * [x (B, inputsize) or (inputsize), hPrev], output h (B, outputsize) or (outputsize).
 * weight (inputsize + outputsize) × 3·outputsize (rows: x's, then h's), gate blocks reset r,
 * update u, candidate n: [r, u] = σ([x, hPrev]·W_{ru} + b_{ru}), n = tanh(x·Wx_n + b_n + (r ⊙ hPrev)·Wh_n),
 * h = (1 − u) ⊙ n + u ⊙ hPrev. reset: weight N(0, 1/(in + out)), bias 0 with the update block 1.
 * maskZero(): rows with zeroMask = 1 (setZeroMask; else all-zero rows of x) output zeros and pass
 * no gradient. Ref: rnn StepGRU.lua, SeqGRU.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { maskRows, zeroMaskOf } from './zeroMask.js';

export class StepGRU extends Module<Activity, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  override output = Tensor.empty();
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];
  maskzero = false;
  zeroMask: Tensor | null = null;
  gates = Tensor.empty();
  private gradGates = Tensor.empty();
  private rh = Tensor.empty();
  private grh = Tensor.empty();
  private gn = Tensor.empty();
  private tmp = Tensor.empty();

  constructor(readonly inputsize: number, readonly outputsize: number) {
    super();
    if (!(Number.isInteger(inputsize) && inputsize > 0 && Number.isInteger(outputsize) && outputsize > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputsize} -> ${outputsize}`);
    }
    this.weight = Tensor.zeros([inputsize + outputsize, 3 * outputsize]);
    this.gradWeight = Tensor.zeros([inputsize + outputsize, 3 * outputsize]);
    this.bias = Tensor.zeros([3 * outputsize]);
    this.gradBias = Tensor.zeros([3 * outputsize]);
    this.reset();
  }

  override reset(stdv = 1 / Math.sqrt(this.inputsize + this.outputsize)): this {
    backend().randomNormal(this.weight, rng, 0, stdv);
    this.bias.zero().narrow(0, this.outputsize, this.outputsize).fill(1);
    return this;
  }

  override maskZero(): this {
    this.maskzero = true;
    return this;
  }

  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    return this;
  }

  private parts(method: string, input: Activity): [Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 2 || !input.every((v) => v instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x, hPrev], got ${describe(input)}`);
    }
    const [x, h] = input as [Tensor, Tensor];
    const D = this.inputsize, H = this.outputsize, B = x.dim() === 2 ? x.size(0) : 0, rows = Math.max(B, 1);
    if (x.dim() < 1 || x.dim() > 2 || x.size(-1) !== D) throw new ShapeError(`${this.where(method)}: expected x of size [*, ${D}], got ${shapeStr(x.shape)}`);
    if (h.numel() !== rows * H) throw new ShapeError(`${this.where(method)}: expected hPrev of size ${shapeStr(B ? [B, H] : [H])}, got ${shapeStr(h.shape)}`);
    return [x.contiguous().view([rows, D]), h.contiguous().view([rows, H]), B];
  }

  private mask(x: Tensor): Tensor | null {
    return this.maskzero ? this.zeroMask ?? zeroMaskOf(x, 1) : null;
  }

  override updateOutput(input: Activity): Tensor {
    const [x, hPrev, B] = this.parts('updateOutput', input);
    const D = this.inputsize, H = this.outputsize, rows = Math.max(B, 1);
    const Wh = this.weight.narrow(0, D, H);
    const g = this.gates.resize([rows, 3 * H]);
    g.mm(x, this.weight.narrow(0, 0, D));
    backend().addRowVector(g, this.bias, rows, 3 * H, 1);
    g.narrow(1, 0, 2 * H).addmm(hPrev, Wh.narrow(1, 0, 2 * H)).sigmoid();
    const r = g.narrow(1, 0, H), u = g.narrow(1, H, H), n = g.narrow(1, 2 * H, H);
    this.rh.resize([rows, H]).cmul(r, hPrev);
    n.addmm(this.rh, Wh.narrow(1, 2 * H, H)).tanh();
    const h = this.output.resize([rows, H]);
    h.addcmul(n, -1, u, n).addcmul(u, hPrev); // h = n − u ⊙ n + u ⊙ hPrev
    const m = this.mask(x);
    if (m) maskRows(this.where('updateOutput'), [h, g], m);
    if (!B) h.resize([H]);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Tensor[] {
    const [x, hPrev, B] = this.parts('updateGradInput', input);
    const D = this.inputsize, H = this.outputsize, rows = Math.max(B, 1);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const gn = this.gn.resize([rows, H]).copy(go.contiguous().view([rows, H]));
    const m = this.mask(x);
    if (m) maskRows(this.where('updateGradInput'), gn, m);
    const g = this.gates, r = g.narrow(1, 0, H), u = g.narrow(1, H, H), n = g.narrow(1, 2 * H, H);
    const Wh = this.weight.narrow(0, D, H), Whn = Wh.narrow(1, 2 * H, H);
    const gg = this.gradGates.resize([rows, 3 * H]);
    const gr = gg.narrow(1, 0, H), gu = gg.narrow(1, H, H), gc = gg.narrow(1, 2 * H, H);
    const tmp = this.tmp.resize([rows, H]);
    gc.copy(gn).addcmul(-1, u, gn); // ∂n = gn ⊙ (1 − u)
    gc.add(-1, tmp.cmul(gc, n).cmul(n)); // through tanh: · (1 − n²)
    this.grh.resize([rows, H]).mm(gc, Whn.t()); // ∂(r ⊙ hPrev)
    gr.cmul(this.grh, hPrev).cmul(r);
    gr.add(-1, tmp.cmul(gr, r)); // · hPrev · r(1 − r)
    gu.copy(hPrev).add(-1, n).cmul(gn).cmul(u);
    gu.add(-1, tmp.cmul(gu, u)); // gn ⊙ (hPrev − n) · u(1 − u)
    const [gx, gh] = this.gradInput as [Tensor, Tensor];
    gx.resize([rows, D]).mm(gg, this.weight.narrow(0, 0, D).t());
    gh.resize([rows, H]).cmul(gn, u).addmm(gg.narrow(1, 0, 2 * H), Wh.narrow(1, 0, 2 * H).t()).addcmul(this.grh, r);
    if (!B) {
      gx.resize([D]);
      gh.resize([H]);
    }
    return this.gradInput as Tensor[];
  }

  override accGradParameters(input: Activity, _gradOutput: Tensor, scale = 1): void {
    const [x, hPrev, B] = this.parts('accGradParameters', input);
    const D = this.inputsize, H = this.outputsize, gg = this.gradGates;
    this.gradWeight.narrow(0, 0, D).addmm(scale, x.t(), gg);
    const gWh = this.gradWeight.narrow(0, D, H);
    gWh.narrow(1, 0, 2 * H).addmm(scale, hPrev.t(), gg.narrow(1, 0, 2 * H));
    gWh.narrow(1, 2 * H, H).addmm(scale, this.rh.t(), gg.narrow(1, 2 * H, H));
    backend().sumRows(this.gradBias, gg, Math.max(B, 1), 3 * H, scale, 1);
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputsize} -> ${this.outputsize})`;
  }
}
