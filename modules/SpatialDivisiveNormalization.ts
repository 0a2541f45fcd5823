/**
 * nn.SpatialDivisiveNormalization(nInputPlane = 1, kernel = ones(9, 9), threshold = 1e-4,
 * thresval = threshold): divides every plane by the weighted local standard deviation over all
 * planes: y_c = x_c / t with σ(p) = √(Σ_c Σ_q K(q)·x_c(p + q − centre)²), a = σ / coef (coef: the
 * border coefficient map, as SpatialSubtractiveNormalization's) and t = a where a > threshold, else
 * thresval. The kernel (odd sizes) is normalised to sum 1/nInputPlane (2-D) or 1/√nInputPlane (1-D,
 * used as K ⊗ K). Input (C, H, W) or (B, C, H, W). Computed directly (Torch composes convolutions).
 * Ref: torch/nn SpatialDivisiveNormalization.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { coefMap, localSum, localSumT, normDims, normaliseKernel, type Kernel2d } from './SpatialSubtractiveNormalization.js';

export class SpatialDivisiveNormalization extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly kernel: Tensor;
  readonly threshold: number;
  readonly thresval: number;
  private readonly k2: Kernel2d;
  coef = Tensor.empty();
  /** σ of the last forward, (B, H, W) (one map per example, shared by its planes). */
  localstds = Tensor.empty();

  constructor(readonly nInputPlane = 1, kernel: Tensor = Tensor.zeros([9, 9]).fill(1), threshold?: number, thresval?: number) {
    super();
    this.threshold = threshold ?? 1e-4;
    this.thresval = thresval ?? threshold ?? 1e-4;
    [this.kernel, this.k2] = normaliseKernel('SpatialDivisiveNormalization.constructor', kernel, nInputPlane, true);
  }

  private coefFor(H: number, W: number): TypedArray {
    if (!this.coef.sameShape([H, W])) this.coef = Tensor.from(coefMap(this.nInputPlane, H, W, this.k2), [H, W], 'float64');
    return this.coef.contiguous().data;
  }

  /** t(p) from σ(p): the thresholded σ / coef. */
  private divisor(s: number, coef: number): number {
    const a = s / coef;
    return a > this.threshold ? a : this.thresval;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous(), [B, C, H, W] = normDims(this.where('updateOutput'), x, this.nInputPlane);
    const coef = this.coefFor(H, W), n = H * W, q = new Float64Array(n);
    this.output.resizeAs(x);
    this.localstds.resizeAs(x).resize([B, H, W]);
    const xd = x.data, yd = this.output.data, sd = this.localstds.data, so = this.localstds.offset;
    for (let b = 0; b < B; b++) {
      localSum(q, xd, x.offset + b * C * n, C, H, W, this.k2, true);
      for (let p = 0; p < n; p++) sd[so + b * n + p] = Math.sqrt(q[p]!);
      for (let p = 0; p < n; p++) {
        const t = this.divisor(sd[so + b * n + p]!, coef[p]!);
        for (let c = 0; c < C; c++) { const at = (b * C + c) * n + p; yd[this.output.offset + at] = xd[x.offset + at]! / t; }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]).contiguous(), [B, C, H, W] = normDims(this.where('updateGradInput'), x, this.nInputPlane);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous(), coef = this.coefFor(H, W), n = H * W;
    if (this.localstds.numel() !== B * n) throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    this.gradInput.resizeAs(x);
    const xd = x.data, gd = g.data, gi = this.gradInput.data, sd = this.localstds.data, so = this.localstds.offset;
    const dq = new Float64Array(n), back = new Float64Array(n);
    for (let b = 0; b < B; b++) {
      for (let p = 0; p < n; p++) {
        const s = sd[so + b * n + p]!, t = this.divisor(s, coef[p]!);
        let dt = 0;
        for (let c = 0; c < C; c++) {
          const at = (b * C + c) * n + p;
          dt -= (gd[g.offset + at]! * xd[x.offset + at]!) / (t * t); // ∂(x/t)/∂t = −x/t²
          gi[this.gradInput.offset + at] = gd[g.offset + at]! / t;
        }
        const passes = s / coef[p]! > this.threshold;
        dq[p] = passes ? dt / coef[p]! / (2 * s) : 0; // a = √q / coef
      }
      localSumT(back, dq, H, W, this.k2);
      for (let c = 0; c < C; c++) {
        for (let p = 0; p < n; p++) { const at = (b * C + c) * n + p; gi[this.gradInput.offset + at]! += 2 * xd[x.offset + at]! * back[p]!; }
      }
    }
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialDivisiveNormalization(${this.nInputPlane}, ${shapeStr(this.kernel.shape)})`;
  }
}
