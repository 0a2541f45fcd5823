/**
 * nn.SpatialBinaryConvolution(nInputPlane, nOutputPlane, kW, kH, dW = 1, dH = 1, padW = 0, padH = padW):
 * XNOR-Net's binary-weight convolution, a SpatialConvolution without bias whose forward uses
 * sign(W) (0 counted as +1) and scales output plane o by αₒ = ‖W[o]‖₁ / iwh (iwh = nInputPlane·kW·kH).
 * updateGradInput backpropagates through the binary weights and scales input plane i by
 * ‖W[:, i]‖₁ / owh (owh = nOutputPlane·kW·kH) — Torch's estimate, not the exact derivative; the
 * real-valued weights (kept in `tempWeight`) are put back after accGradParameters, or right after
 * forward in evaluate mode (as Torch: a training forward leaves `weight` binary until backward).
 * Shapes as SpatialConvolution. Ref: dpnn SpatialBinaryConvolution.lua; Rastegari et al., XNOR-Net, 2016.
 */
import { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/torch/index.js';
import { SpatialConvolution } from './SpatialConvolution.js';

export class SpatialBinaryConvolution extends SpatialConvolution {
  readonly iwh: number;
  readonly owh: number;
  /** The real-valued weights while `weight` holds their signs. */
  tempWeight = Tensor.empty();
  /** αₒ per output plane and the per-input-plane scale of gradInput, from the last forward. */
  alphas = Tensor.empty();
  gradInputAlphas = Tensor.empty();

  constructor(nInputPlane: number, nOutputPlane: number, kW: number, kH: number, dW = 1, dH = 1, padW = 0, padH = padW) {
    super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH);
    this.noBias();
    this.iwh = nInputPlane * kW * kH;
    this.owh = nOutputPlane * kW * kH;
  }

  /** Saves the weights, computes the L1 scales and replaces the weights by their signs. */
  binarizeWeight(): void {
    const w = this.weight;
    this.tempWeight = this.tempWeight.dtype === w.dtype ? this.tempWeight : Tensor.empty(w.dtype);
    this.tempWeight.resizeAs(w).copy(w);
    this.gradInputAlphas = torch.norm(w.transpose(0, 1).contiguous().view([this.nInputPlane, -1]), 1, 1).view([this.nInputPlane]).div(this.owh);
    this.alphas = torch.norm(w.contiguous().view([this.nOutputPlane, -1]), 1, 1).view([this.nOutputPlane]).div(this.iwh);
    w.copy(torch.ge(w, 0)).mul(2).add(-1);
  }

  /** t ⊙ v broadcast over the planes (dimension 0, or 1 for a batch). */
  private scalePlanes(t: Tensor, v: Tensor): void {
    const n = v.numel(), s = t.dim() === 4 ? [1, n, 1, 1] : [n, 1, 1];
    t.cmul(v.view(s).expandAs(t));
  }

  override updateOutput(input: Tensor): Tensor {
    this.binarizeWeight();
    try {
      super.updateOutput(input);
    } catch (e) {
      this.weight.copy(this.tempWeight);
      throw e;
    }
    this.scalePlanes(this.output, this.alphas);
    if (!this.train) this.weight.copy(this.tempWeight);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    super.updateGradInput(input, gradOutput);
    this.scalePlanes(this.gradInput, this.gradInputAlphas);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    super.accGradParameters(input, gradOutput, scale);
    if (this.tempWeight.sameShape(this.weight)) this.weight.copy(this.tempWeight);
  }
}
