/**
 * nn.SpatialSubtractiveNormalization(nInputPlane = 1, kernel = ones(9, 9)): subtracts from every
 * plane the weighted local mean over all planes: y_c = x_c − m / coef, with
 * m(p) = Σ_c Σ_q K(q)·x_c(p + q − centre) (zero outside the image) and coef(p) the same sum over an
 * image of ones (Torch's border coefficient map: near the borders only the kernel cells inside count).
 * The kernel (odd sizes; 2-D, or 1-D used as the separable K ⊗ K) is normalised to sum 1/nInputPlane
 * (`kernel` holds that copy). Input (C, H, W) or (B, C, H, W). Torch builds this from zero padding and
 * convolutions; here it is computed directly, with the same values. Also the local-sum loops
 * SpatialDivisiveNormalization shares. Ref: torch/nn SpatialSubtractiveNormalization.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** A normalisation kernel as a dense kh × kw array (the 1-D one made K ⊗ K). */
export interface Kernel2d { kh: number; kw: number; w: Float64Array }

/** Checks the kernel, returns Torch's normalised copy (sum 1/C; the divisive 1-D one 1/√C) and its 2-D form. */
export function normaliseKernel(where: string, kernel: Tensor, C: number, divisive: boolean): [Tensor, Kernel2d] {
  const d = kernel.dim();
  if (d !== 1 && d !== 2) throw new ArgumentError(`${where}: expected a 1-D or 2-D averaging kernel, got ${shapeStr(kernel.shape)}`);
  if (kernel.shape.some((s) => s % 2 === 0)) throw new ArgumentError(`${where}: expected an averaging kernel of odd sizes, got ${shapeStr(kernel.shape)}`);
  const v = Array.from(kernel.contiguous().toArray()), sum = v.reduce((a, b) => a + b, 0), div = sum * (d === 1 && divisive ? Math.sqrt(C) : C);
  const n = v.map((x) => x / div), norm = Tensor.from(n, kernel.shape, kernel.dtype);
  if (d === 2) return [norm, { kh: kernel.size(0), kw: kernel.size(1), w: Float64Array.from(n) }];
  const k = n.length, w = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) w[i * k + j] = n[i]! * n[j]!;
  return [norm, { kh: k, kw: k, w }];
}

/** out(p) = Σ_c Σ_q K(q)·src_c(p + q − centre) over C planes of H × W (src read from `so`, `sq` squares it). */
export function localSum(out: Float64Array, src: TypedArray, so: number, C: number, H: number, W: number, K: Kernel2d, sq: boolean): void {
  const ph = (K.kh - 1) / 2, pw = (K.kw - 1) / 2;
  out.fill(0);
  for (let c = 0; c < C; c++) {
    const base = so + c * H * W;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let s = 0;
        for (let i = Math.max(0, ph - y); i < Math.min(K.kh, H + ph - y); i++) {
          const row = base + (y + i - ph) * W - pw;
          for (let j = Math.max(0, pw - x); j < Math.min(K.kw, W + pw - x); j++) {
            const v = src[row + x + j]!;
            s += K.w[i * K.kw + j]! * (sq ? v * v : v);
          }
        }
        out[y * W + x]! += s;
      }
    }
  }
}

/** The transpose: dst(p + q − centre) += K(q)·g(p), one H × W map (the caller adds it to every plane). */
export function localSumT(dst: Float64Array, g: Float64Array, H: number, W: number, K: Kernel2d): void {
  const ph = (K.kh - 1) / 2, pw = (K.kw - 1) / 2;
  dst.fill(0);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const v = g[y * W + x]!;
      if (v === 0) continue;
      for (let i = Math.max(0, ph - y); i < Math.min(K.kh, H + ph - y); i++) {
        for (let j = Math.max(0, pw - x); j < Math.min(K.kw, W + pw - x); j++) dst[(y + i - ph) * W + x + j - pw]! += K.w[i * K.kw + j]! * v;
      }
    }
  }
}

/** The border coefficient map: localSum over C planes of ones. */
export function coefMap(C: number, H: number, W: number, K: Kernel2d): Float64Array {
  const out = new Float64Array(H * W);
  localSum(out, new Float64Array(C * H * W).fill(1), 0, C, H, W, K, false);
  return out;
}

/** [batches, C, H, W] of a (C, H, W) or (B, C, H, W) input with C = nInputPlane. */
export function normDims(where: string, x: Tensor, nInputPlane: number): [number, number, number, number] {
  const C = x.size(-3);
  if (C !== nInputPlane) throw new ShapeError(`${where}: expected ${nInputPlane} input planes, got input ${shapeStr(x.shape)}`);
  return [x.dim() === 4 ? x.size(0) : 1, C, x.size(-2), x.size(-1)];
}

export class SpatialSubtractiveNormalization extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly kernel: Tensor;
  private readonly k2: Kernel2d;
  /** The border coefficient map of the last input size (H × W). */
  coef = Tensor.empty();

  constructor(readonly nInputPlane = 1, kernel: Tensor = Tensor.zeros([9, 9]).fill(1)) {
    super();
    [this.kernel, this.k2] = normaliseKernel('SpatialSubtractiveNormalization.constructor', kernel, nInputPlane, false);
  }

  private coefFor(H: number, W: number): TypedArray {
    if (!this.coef.sameShape([H, W])) this.coef = Tensor.from(coefMap(this.nInputPlane, H, W, this.k2), [H, W], 'float64');
    return this.coef.contiguous().data;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous(), [B, C, H, W] = normDims(this.where('updateOutput'), x, this.nInputPlane);
    const coef = this.coefFor(H, W), m = new Float64Array(H * W), n = H * W;
    this.output.resizeAs(x);
    const xd = x.data, yd = this.output.data;
    for (let b = 0; b < B; b++) {
      localSum(m, xd, x.offset + b * C * n, C, H, W, this.k2, false);
      for (let c = 0; c < C; c++) {
        const at = (b * C + c) * n;
        for (let p = 0; p < n; p++) yd[this.output.offset + at + p] = xd[x.offset + at + p]! - m[p]! / coef[p]!;
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]), [B, C, H, W] = normDims(this.where('updateGradInput'), x, this.nInputPlane);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous(), coef = this.coefFor(H, W), n = H * W;
    const gm = new Float64Array(n), back = new Float64Array(n), gd = g.data;
    this.gradInput.resizeAs(x);
    const gi = this.gradInput.data;
    for (let b = 0; b < B; b++) {
      gm.fill(0);
      for (let c = 0; c < C; c++) for (let p = 0; p < n; p++) gm[p]! += gd[g.offset + (b * C + c) * n + p]!;
      for (let p = 0; p < n; p++) gm[p]! /= coef[p]!; // ∂L/∂m = −Σ_c g_c / coef
      localSumT(back, gm, H, W, this.k2);
      for (let c = 0; c < C; c++) {
        const at = (b * C + c) * n;
        for (let p = 0; p < n; p++) gi[this.gradInput.offset + at + p] = gd[g.offset + at + p]! - back[p]!;
      }
    }
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialSubtractiveNormalization(${this.nInputPlane}, ${shapeStr(this.kernel.shape)})`;
  }
}
