/**
 * nn.PixelShuffle(upscaleFactor): rearranges [B, C·r², H, W] (or [C·r², H, W]) into
 * [B, C, H·r, W·r] with r = upscaleFactor: out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w]
 * (sub-pixel convolution, Shi et al. 2016). gradInput is the inverse rearrangement of gradOutput.
 * Ref: torch/nn PixelShuffle.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class PixelShuffle extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly upscaleFactorSquared: number;

  constructor(readonly upscaleFactor: number) {
    super();
    if (!Number.isInteger(upscaleFactor) || upscaleFactor < 1) throw new ArgumentError(`PixelShuffle.constructor: expected an integer upscale factor ≥ 1, got ${upscaleFactor}`);
    this.upscaleFactorSquared = upscaleFactor * upscaleFactor;
  }

  /** [batch, channels, height, width] of the input (batch 1 for a 3-D input). */
  private sizes(method: string, x: Tensor): [number, number, number, number] {
    const b = x.dim() === 4 ? x.size(0) : 1, c = x.size(-3);
    if (c % this.upscaleFactorSquared !== 0) {
      throw new ShapeError(`${this.where(method)}: expected input channels divisible by ${this.upscaleFactorSquared}, got ${shapeStr(x.shape)}`);
    }
    return [b, c / this.upscaleFactorSquared, x.size(-2), x.size(-1)];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]);
    const [b, c, h, w] = this.sizes('updateOutput', x), r = this.upscaleFactor;
    const shuffled = x.contiguous().view(b, c, r, r, h, w).permute(0, 1, 4, 2, 5, 3);
    this.output.resizeAs(x).resize([b, c, h, r, w, r]).copy(shuffled);
    return this.output.setView(this.output, x.dim() === 4 ? [b, c, h * r, w * r] : [c, h * r, w * r]);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [b, c, h, w] = this.sizes('updateGradInput', x), r = this.upscaleFactor;
    const unshuffled = g.contiguous().view(b, c, h, r, w, r).permute(0, 1, 3, 5, 2, 4);
    this.gradInput.resizeAs(x).resize([b, c, r, r, h, w]).copy(unshuffled);
    return this.gradInput.setView(this.gradInput, x.shape);
  }

  override toString(): string {
    return `PixelShuffle(${this.upscaleFactor})`;
  }
}
