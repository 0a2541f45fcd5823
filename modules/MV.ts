/**
 * nn.MV(trans = false): input `[M, v]`, y = op(M)·v with op the transpose when asked:
 * (m, n)·(n) → (m), or a batch (b, m, n)·(b, n) → (b, m). gradInput = [g ⊗ v (v ⊗ g with trans),
 * op(M)ᵀ·g]. Ref: torch/nn MV.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class MV extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  constructor(readonly trans = false) {
    super();
    if (typeof trans !== 'boolean') throw new ArgumentError(`MV.constructor: expected a boolean (transpose the matrix), got ${String(trans)}`);
  }

  /** M (transposed when asked) and v, both with a batch dimension. */
  private pair(method: string, input: Activity): [m: Tensor, v: Tensor, batched: boolean] {
    const [m, v] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(m instanceof Tensor) || !(v instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a pair {matrix, vector}, got ${describe(input)}`);
    }
    if ((m.dim() !== 2 && m.dim() !== 3) || v.dim() !== m.dim() - 1) {
      throw new ShapeError(`${this.where(method)}: expected a (m, n) matrix and a (n) vector, or a (b, m, n) and a (b, n) batch, got ${describe(input)}`);
    }
    const batched = m.dim() === 3, mb = batched ? m : m.unsqueeze(0), vb = batched ? v : v.unsqueeze(0);
    const op = this.trans ? mb.transpose(1, 2) : mb;
    if (op.size(0) !== vb.size(0) || op.size(2) !== vb.size(1)) {
      throw new ShapeError(`${this.where(method)}: matrix ${shapeStr(m.shape)}${this.trans ? 'ᵀ' : ''} and vector ${shapeStr(v.shape)} do not match`);
    }
    return [op, vb, batched];
  }

  override updateOutput(input: Activity): Tensor {
    const [m, v, batched] = this.pair('updateOutput', input);
    if (this.output.dtype !== m.dtype) this.type(m.dtype);
    this.output.bmm(m, v.unsqueeze(2));
    return this.output.resize(batched ? [m.size(0), m.size(1)] : [m.size(1)]);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [m, v, batched] = this.pair('updateGradInput', input);
    const g0 = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const g = g0.contiguous().view(m.size(0), m.size(1), 1), [gm, gv] = this.gradInput;
    const [M] = input as readonly Tensor[];
    // y = op(M)·v: ∂op(M) = g·vᵀ, ∂v = op(M)ᵀ·g
    if (this.trans) gm.bmm(v.unsqueeze(2), g.transpose(1, 2));
    else gm.bmm(g, v.unsqueeze(1));
    gm.resize(M!.shape);
    gv.bmm(m.transpose(1, 2), g).resize(batched ? [v.size(0), v.size(1)] : [v.size(1)]);
    return this.gradInput;
  }

  override toString(): string {
    return `MV(${this.trans})`;
  }
}
