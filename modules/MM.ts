/**
 * nn.MM(transA = false, transB = false): input `[A, B]`, y = op(A)·op(B) with op the transpose
 * when asked: (m, k)·(k, n) → (m, n), or a batch (b, m, k)·(b, k, n) → (b, m, n).
 * gradInput = [g·op(B)ᵀ, op(A)ᵀ·g] (transposed back where the input was). Ref: torch/nn MM.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class MM extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty()];

  constructor(readonly transA = false, readonly transB = false) {
    super();
  }

  /** A and B as given, and the two dimensions a transpose swaps. */
  private pair(method: string, input: Activity): [a: Tensor, b: Tensor, h: number, w: number] {
    const [a, b] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(a instanceof Tensor) || !(b instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a pair of matrices {A, B}, got ${describe(input)}`);
    }
    if ((a.dim() !== 2 && a.dim() !== 3) || b.dim() !== a.dim()) {
      throw new ShapeError(`${this.where(method)}: expected two 2-D or two 3-D tensors, got ${describe(input)}`);
    }
    if (a.dim() === 3 && a.size(0) !== b.size(0)) throw new ShapeError(`${this.where(method)}: expected batches of one size, got ${describe(input)}`);
    const h = a.dim() - 2, w = a.dim() - 1;
    const ka = this.transA ? a.size(h) : a.size(w), kb = this.transB ? b.size(w) : b.size(h);
    if (ka !== kb) throw new ShapeError(`${this.where(method)}: matrix sizes do not match: ${shapeStr(a.shape)}${this.transA ? 'ᵀ' : ''} and ${shapeStr(b.shape)}${this.transB ? 'ᵀ' : ''}`);
    return [a, b, h, w];
  }

  private product(res: Tensor, x: Tensor, y: Tensor): Tensor {
    return x.dim() === 2 ? res.mm(x, y) : res.bmm(x, y);
  }

  override updateOutput(input: Activity): Tensor {
    const [a, b, h, w] = this.pair('updateOutput', input);
    if (this.output.dtype !== a.dtype) this.type(a.dtype);
    return this.product(this.output, this.transA ? a.transpose(h, w) : a, this.transB ? b.transpose(h, w) : b);
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [a, b, h, w] = this.pair('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (g.dim() !== a.dim()) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of ${a.dim()} dimensions, got ${shapeStr(g.shape)}`);
    const [ga, gb] = this.gradInput, gt = g.transpose(h, w);
    // y = A·B: ∂A = g·Bᵀ, ∂B = Aᵀ·g; with y = Aᵀ·B: ∂A = B·gᵀ; with y = A·Bᵀ: ∂B = gᵀ·A
    const at = this.transA === this.transB ? a.transpose(h, w) : a, bt = this.transA === this.transB ? b.transpose(h, w) : b;
    if (this.transA) this.product(ga, bt, gt);
    else this.product(ga, g, bt);
    if (this.transB) this.product(gb, gt, at);
    else this.product(gb, at, g);
    return this.gradInput;
  }

  override toString(): string {
    return `MM(${this.transA}, ${this.transB})`;
  }
}
