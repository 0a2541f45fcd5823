/**
 * nn.LayerNormalization(nOutput, bias = 0, eps = 1e-10, affine = true) (torch/nn): per example of
 * (nOutput) or (B, nOutput), c = x − mean(x) and y = √nOutput·c/√(Σc² + eps), then, when affine,
 * y·weight + bias with weight = 1 and bias filled with `bias` (Torch's CMul and Add). Torch
 * builds it as a Sequential (ConcatTable(Identity, Mean → Replicate), CSubTable, Normalize(2, eps),
 * MulConstant(√nOutput), CMul, Add); here the same computation is one module.
 * Backward: with u = c/s, s = √(Σc² + eps), ∂L/∂c = √n·(g′ − u·(u·g′))/s for g′ = g ⊙ weight, and
 * ∂L/∂x = ∂L/∂c − mean(∂L/∂c). Ref: torch/nn LayerNormalization.lua; Ba et al. 2016.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class LayerNormalization extends Module<Tensor, Tensor> {
  weight: Tensor | null = null;
  bias: Tensor | null = null;
  gradWeight: Tensor | null = null;
  gradBias: Tensor | null = null;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private u = Tensor.empty();
  private s = Tensor.empty();
  private col = Tensor.empty();
  private full = Tensor.empty();
  private gw = Tensor.empty();

  constructor(readonly nOutput: number, readonly initialBias = 0, readonly eps = 1e-10, readonly affine = true) {
    super();
    if (!(Number.isInteger(nOutput) && nOutput > 0)) throw new ArgumentError(`LayerNormalization.constructor: expected a positive size, got ${nOutput}`);
    if (affine) {
      this.weight = Tensor.zeros([nOutput]).fill(1);
      this.bias = Tensor.zeros([nOutput]).fill(initialBias);
      this.gradWeight = Tensor.zeros([nOutput]);
      this.gradBias = Tensor.zeros([nOutput]);
    }
  }

  private rows(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.size(-1) !== this.nOutput) throw new ShapeError(`${this.where(method)}: expected input of size [${this.nOutput}] or [B, ${this.nOutput}], got ${shapeStr(x.shape)}`);
    return x.contiguous().view(-1, this.nOutput);
  }

  /** Per-row column (B, 1) spread to (B, n) in this.full. */
  private spread(c: Tensor, like: Tensor): Tensor {
    return this.full.resizeAs(like).copy(c.expand(like.shape));
  }

  /** Per-parameter row (n) spread to (B, n) in this.full. */
  private spreadRow(v: Tensor, like: Tensor): Tensor {
    return this.full.resizeAs(like).copy(v.view(1, this.nOutput).expand(like.shape));
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.rows('updateOutput', input);
    const u = this.u.resizeAs(x).csub(x, this.spread(this.col.mean(x, 1), x)); // c
    const s = this.s.sum(this.full.cmul(u, u), 1).add(this.eps).sqrt(); // (B, 1)
    u.cdiv(this.spread(s, x)); // u = c/s
    const y = this.output.resizeAs(input).view(x.shape).mul(u, Math.sqrt(this.nOutput));
    if (this.weight && this.bias) y.cmul(this.spreadRow(this.weight, x)).add(this.spreadRow(this.bias, x));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.rows('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous().view(x.shape);
    const gp = this.gw.resizeAs(x).copy(g), u = this.u;
    if (this.weight) gp.cmul(this.spreadRow(this.weight, x)); // g′
    const ug = this.col.sum(this.full.cmul(u, gp), 1); // u·g′ per row
    const d = gp.csub(this.spread(ug, x).cmul(u)).cdiv(this.spread(this.s, x)).mul(Math.sqrt(this.nOutput)); // ∂L/∂c
    const gi = this.gradInput.resizeAs(input).view(x.shape);
    gi.csub(d, this.spread(this.col.mean(d, 1), x));
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (!this.gradWeight || !this.gradBias) return;
    const x = this.rows('accGradParameters', input);
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous().view(x.shape);
    const yn = this.full.resizeAs(x).mul(this.u, Math.sqrt(this.nOutput)).cmul(g);
    this.gradWeight.add(scale, yn.sum(0)); // Σ_b normalised ⊙ g
    this.gradBias.add(scale, g.sum(0));
  }

  override toString(): string {
    return `LayerNormalization(${this.nOutput}${this.affine ? '' : ', no affine'})`;
  }
}
