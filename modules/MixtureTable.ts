/**
 * nn.MixtureTable(dim?): a mixture of experts. Input `[gater, experts]`: the gater (B, n) (or (n))
 * weighs n experts, given as a table of n tensors (each (B, …) or (…)), or as one tensor holding
 * the experts along `dim` (0-based; default 1 for a batch, 0 without). y = Σ_i gater[·, i]·expert_i.
 * gradInput = [⟨gradOutput, expert_i⟩ per row and expert, gater[·, i]·gradOutput per expert].
 * Ref: torch/nn MixtureTable.lua (Jacobs et al. 1991).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

type Experts = Tensor | Tensor[];

export class MixtureTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Experts] = [Tensor.empty(), []];
  dim: number | undefined;
  /** The experts came as a table (Torch's field, set by the first forward). */
  table = false;
  batchSize = 0;
  private _gaterView = Tensor.empty();
  private _expert = Tensor.empty();
  private _sum = Tensor.empty();

  constructor(dim?: number) {
    super();
    if (dim !== undefined && (!Number.isInteger(dim) || dim < 0)) throw new ArgumentError(`MixtureTable.constructor: expected a dimension ≥ 0, got ${dim}`);
    this.dim = dim;
  }

  private parts(method: string, input: Activity): [gater: Tensor, experts: Experts, dim: number, batched: boolean] {
    const [gater, experts] = input instanceof Tensor ? [] : input;
    const ok = !(input instanceof Tensor) && input.length === 2 && gater instanceof Tensor && (gater.dim() === 1 || gater.dim() === 2)
      && (experts instanceof Tensor || (Array.isArray(experts) && experts.length > 0 && experts.every((e) => e instanceof Tensor)));
    if (!ok) throw new ArgumentError(`${this.where(method)}: expected {gater (B, n) or (n), experts (a table of n tensors or one tensor)}, got ${describe(input)}`);
    const batched = gater.dim() === 2, n = gater.size(-1);
    this.dim ??= batched ? 1 : 0;
    const ex = experts as Experts, d = this.dim;
    if (ex instanceof Tensor ? d >= ex.dim() || ex.size(d) !== n : ex.length !== n) {
      throw new ShapeError(`${this.where(method)}: expected one gater output per expert: gater ${shapeStr(gater.shape)}, experts ${describe(ex)} (dim ${d})`);
    }
    return [gater, ex, d, batched];
  }

  /** The gater viewed with ones except the batch (dimension 0) and the experts' dimension `d`, over `nd` dimensions. */
  private gaterView(gater: Tensor, d: number, nd: number, batched: boolean): Tensor {
    const size = new Array<number>(nd).fill(1);
    if (batched) size[0] = gater.size(0);
    size[d] = gater.size(-1);
    return this._gaterView.setView(gater.contiguous(), size);
  }

  override updateOutput(input: Activity): Tensor {
    const [gater, experts, d, batched] = this.parts('updateOutput', input);
    if (this._expert.dtype !== gater.dtype) this.type(gater.dtype);
    this.batchSize = batched ? gater.size(0) : 1;
    this.table = !(experts instanceof Tensor);
    if (experts instanceof Tensor) {
      const gv = this.gaterView(gater, d, experts.dim(), batched).expandAs(experts);
      this._expert.resizeAs(experts).cmul(gv, experts);
      this._sum.sum(this._expert, d);
      return this.output.resizeAs(this._sum).copy(this._sum).resize(experts.select(d, 0).shape);
    }
    const first = experts[0]!, gv = this.gaterView(gater, d, first.dim() + 1, batched);
    this.output.resizeAs(first).zero();
    experts.forEach((e, i) => this.output.addcmul(e, gv.select(d, i).expandAs(e)));
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Experts] {
    const [gater, experts, d, batched] = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const gg = this.gradInput[0].resizeAs(gater), rows = batched ? gater.size(0) : 1;
    const ggRows = gg.view(rows, -1);
    if (experts instanceof Tensor) {
      const size = experts.shape.slice();
      size[d] = 1;
      const ge = g.view(size).expandAs(experts), gv = this.gaterView(gater, d, experts.dim(), batched).expandAs(experts);
      // ∂y/∂gater[b, i] = Σ_rest gradOutput ⊙ expert_i: move the experts' dimension next to the batch and sum the rest
      this._expert.resizeAs(experts).cmul(ge, experts);
      const moved = this._expert.transpose(d, batched ? 1 : 0).contiguous().view(rows, gater.size(-1), -1);
      this._sum.sum(moved, 2);
      ggRows.copy(this._sum.view(rows, -1));
      const gx = this.gradInput[1] instanceof Tensor ? this.gradInput[1] : Tensor.empty(g.dtype);
      this.gradInput[1] = gx.resizeAs(experts).cmul(gv, ge);
      return this.gradInput;
    }
    const gx = Array.isArray(this.gradInput[1]) ? this.gradInput[1] : [];
    const gv = this.gaterView(gater, d, experts[0]!.dim() + 1, batched);
    gx.length = experts.length;
    experts.forEach((e, i) => {
      this._expert.resizeAs(e).cmul(g, e);
      this._sum.sum(this._expert.view(rows, -1), 1);
      ggRows.select(1, i).copy(this._sum.view(rows));
      (gx[i] ??= Tensor.empty(g.dtype)).resizeAs(e).cmul(gv.select(d, i).expandAs(e), g);
    });
    this.gradInput[1] = gx;
    return this.gradInput;
  }

  override toString(): string {
    return `MixtureTable(${this.dim ?? ''})`;
  }
}
