/**
 * nn.PReLU(nOutputPlane = 0): y = x for x > 0, a·x otherwise, with learned slopes a (`weight`,
 * initialised to 0.25): one shared slope when nOutputPlane = 0, else one per channel, the channel
 * being dimension 0 of a 1-D input and dimension 1 otherwise ((B, C), (B, C, L), (B, C, H, W), as
 * THNN reads them). ∂y/∂x = 1 or a; ∂y/∂a = x where x ≤ 0. Ref: torch/nn PReLU.lua; He et al. 2015.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class PReLU extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private wfull = Tensor.empty();
  private buf = Tensor.empty();
  private sums = [Tensor.empty(), Tensor.empty()] as const;

  constructor(readonly nOutputPlane = 0) {
    super();
    if (!(Number.isInteger(nOutputPlane) && nOutputPlane >= 0)) throw new ArgumentError(`PReLU.constructor: expected a number of planes ≥ 0, got ${nOutputPlane}`);
    this.weight = Tensor.zeros([Math.max(nOutputPlane, 1)]).fill(0.25);
    this.gradWeight = Tensor.zeros([Math.max(nOutputPlane, 1)]);
  }

  /** [batch, channels, per-channel size] of x as THNN walks it. */
  private layout(method: string, x: Tensor): [number, number, number] {
    const n = this.nOutputPlane;
    if (n === 0) return [1, 1, x.numel()];
    const c = x.dim() > 1 ? 1 : 0;
    if (x.dim() === 0 || x.size(c) !== n) throw new ShapeError(`${this.where(method)}: expected ${n} planes in dimension ${c}, got input ${shapeStr(x.shape)}`);
    return [x.dim() > 1 ? x.size(0) : 1, n, x.numel() / (x.dim() > 1 ? x.size(0) * n : n)];
  }

  /** The slopes expanded to [B, C, K]. */
  private slopes(l: [number, number, number]): Tensor {
    return this.wfull.resize(l).copy(this.weight.view(1, l[1], 1).expand(l));
  }

  override updateOutput(input: Tensor): Tensor {
    const l = this.layout('updateOutput', this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5]));
    const x = input.contiguous().view(l), w = this.slopes(l);
    this.output.resizeAs(input);
    w.cmul(this.buf.resize(l).cmin(x, 0));
    this.output.view(l).cmax(x, 0).add(w); // max(x, 0) + a·min(x, 0)
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const l = this.layout('updateGradInput', this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5]));
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous().view(l);
    const x = input.contiguous().view(l), w = this.slopes(l);
    w.add(-1).cmul(this.buf.resize(l).le(x, 0)).add(1); // 1, or a where x ≤ 0
    this.gradInput.resizeAs(input).view(l).cmul(g, w);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const l = this.layout('accGradParameters', input);
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous().view(l);
    const p = this.buf.resize(l).cmin(input.contiguous().view(l), 0).cmul(g); // x·g where x ≤ 0
    const [s1, s2] = this.sums;
    s2.sum(s1.sum(p, 2), 0);
    this.gradWeight.add(scale, s2);
  }

  override toString(): string {
    return `PReLU(${this.nOutputPlane})`;
  }
}
