/**
 * dpnn nn.CategoricalEntropy(scale = 1, minEntropy?): the identity on a batch of categorical
 * probabilities P (B, K) whose backward adds the gradient of −scale·H, where H = −Σₖ qₖ log(qₖ + 1e-6)
 * is the entropy of the batch's marginal q = Σ_b P[b, ·] / Σ P, so that gradient descent raises H.
 * As dpnn's graph computes it, the normaliser 1/Σ P is held constant: the added term is
 * scale/ΣP · (log(qₖ + 1e-6) + qₖ/(qₖ + 1e-6)), divided by B when sizeAverage, and only while
 * H < minEntropy (always without minEntropy). `entropy` holds the last H. Ref: dpnn CategoricalEntropy.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

const EPS = 1e-6;

export class CategoricalEntropy extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  sizeAverage = true;
  /** H of the last backward. */
  entropy = 0;
  private q = Tensor.empty();
  private row = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly scale = 1, readonly minEntropy?: number) {
    super();
    if (!Number.isFinite(scale)) throw new ArgumentError(`CategoricalEntropy.constructor: expected a finite scale, got ${scale}`);
  }

  private batch(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.dim() !== 2) throw new ShapeError(`${this.where(method)}: only works with batches (B, K), got ${shapeStr(x.shape)}`);
    return x;
  }

  override updateOutput(input: Tensor): Tensor {
    this.output.set(this.batch('updateOutput', input));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.batch('updateGradInput', input).contiguous();
    const g = this.checkGradOutput('updateGradInput', gradOutput, x);
    this.gradInput.resizeAs(x).copy(g);
    const c = 1 / x.sum(), [B, K] = x.shape as [number, number];
    const q = this.q.sum(x, 0).mul(c); // (1, K) marginal
    const logq = this.row.resizeAs(q).add(q, EPS).log();
    this.entropy = -q.dot(logq);
    if (this.minEntropy !== undefined && !(this.entropy < this.minEntropy)) return this.gradInput;
    const d = this.buf.resizeAs(q).add(q, EPS);
    d.cdiv(q, d).add(logq).mul((this.scale * c) / (this.sizeAverage ? B : 1)); // log(q + ε) + q/(q + ε)
    this.gradInput.add(this.row.resize(B, K).copy(d.expand(B, K)));
    return this.gradInput;
  }

  override toString(): string {
    return `CategoricalEntropy(${this.scale}${this.minEntropy !== undefined ? `, ${this.minEntropy}` : ''})`;
  }
}
