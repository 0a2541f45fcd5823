/**
 * The matrix-product convolutions (not a Torch class; never instantiated): SpatialConvolution and
 * VolumetricConvolution (im2col + gemm) and their transposes SpatialFullConvolution and
 * VolumetricFullConvolution (gemm + col2im), 2-D images seen as volumes of one frame. A subclass
 * declares its kernel geometry (MMGeometry); the passes are convolutionCore.ts's. A direct
 * convolution's weight is nOutputPlane × nInputPlane × k…, a transposed one's nInputPlane ×
 * nOutputPlane × k…; the output is (B ×) nOutputPlane × extents….
 * Ref: torch/nn SpatialConvolution.lua, SpatialFullConvolution.lua, VolumetricConvolution.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { convShape, transposedExtent, type ConvShape, type Triple } from '../lib/kernels/convShape.js';
import { convAccGrad, convForward, convGradInput, fullAccGrad, fullForward, fullGradInput, planeInput, type PlaneInput } from './convolutionCore.js';
import { OptionalBiasConvolution } from './AbstractConvolution.js';

/** A convolution's kernel, stride, padding and dilation as (T, H, W) triples (T = 1 for images); adj is a transposed one's output adjustment. */
export interface MMGeometry {
  dims: 2 | 3;
  kernel: Triple;
  stride: Triple;
  pad: Triple;
  dilation: Triple;
  adj: Triple | null;
}

const DIRECT = { forward: convForward, gradInput: convGradInput, accGrad: convAccGrad };
const TRANSPOSED = { forward: fullForward, gradInput: fullGradInput, accGrad: fullAccGrad };

interface Plan { p: PlaneInput; g: ConvShape; mm: typeof DIRECT; rows: number; cols: number; extents: number[] }

export abstract class MMConvolution extends OptionalBiasConvolution {
  ones = Tensor.empty();
  abstract readonly nInputPlane: number;
  abstract readonly nOutputPlane: number;

  protected abstract geometry(): MMGeometry;

  /** The buffer of the gradient's column matrix (a direct convolution keeps its own fgradInput). */
  protected gradColumns(): Tensor {
    return this.finput;
  }

  /**
   * The checked input, the geometry (for a transposed convolution, that of its output seen as the
   * image), the passes, and the weight's matrix size (rows: nOutputPlane, or nInputPlane when transposed).
   */
  private plan(method: string, input: Tensor): Plan {
    const s = this.geometry(), where = this.where(method), [kT, kH, kW] = s.kernel;
    const p = planeInput(where, input, this.nInputPlane, s.dims, s.dims === 2 ? 'H, W' : 'T, H, W');
    const size = (s.dims === 2 ? [1, ...p.extents] : p.extents) as [number, number, number];
    if (!s.adj) {
      const g = convShape(where, this.nInputPlane, size, s.kernel, s.stride, s.pad, s.dilation);
      return { p, g, mm: DIRECT, rows: this.nOutputPlane, cols: this.nInputPlane * kT * kH * kW, extents: [g.oT, g.oH, g.oW].slice(3 - s.dims) };
    }
    const adj = s.adj;
    const out = size.map((n, i) => transposedExtent(n, s.kernel[i]!, s.stride[i]!, s.pad[i]!, adj[i]!)) as [number, number, number];
    const g = convShape(where, this.nOutputPlane, out, s.kernel, s.stride, s.pad);
    return { p, g, mm: TRANSPOSED, rows: this.nInputPlane, cols: this.nOutputPlane * kT * kH * kW, extents: [g.T, g.H, g.W].slice(3 - s.dims) };
  }

  override updateOutput(input: Tensor): Tensor {
    const { p: { x, B, batch }, g, mm, rows, cols, extents } = this.plan('updateOutput', input);
    const size = [this.nOutputPlane, ...extents];
    this.output.resize(batch ? [B, ...size] : size);
    mm.forward(g, B, x, this.output, this.weight.view([rows, cols]), this.bias, this.finput, this.ones, rows);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const { p: { B }, g, mm, rows, cols } = this.plan('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resize(input.shape);
    mm.gradInput(g, B, go, this.gradInput, this.weight.view([rows, cols]), this.gradColumns(), rows);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const { p: { x, B }, g, mm, rows, cols } = this.plan('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    mm.accGrad(g, B, x, go, this.gradWeight.view([rows, cols]), this.gradBias, this.finput, this.ones, rows, scale);
  }
}
