/**
 * nn.TemporalConvolution(inputFrameSize, outputFrameSize, kW, dW = 1): 1-D convolution over a
 * sequence of frames: input (B ×) nInputFrame × inputFrameSize, output (B ×) nOutputFrame ×
 * outputFrameSize, nOutputFrame = floor((nInputFrame − kW)/dW) + 1; output frame t is
 * weight · (input frames t·dW … t·dW + kW − 1, concatenated) + bias. weight is outputFrameSize ×
 * (kW·inputFrameSize), bias outputFrameSize. The window matrix comes from im2col on the sequence
 * seen as a one-plane image (kernel kW × inputFrameSize), then one gemm per example.
 * Ref: torch/nn TemporalConvolution.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { checkSizes, columns, example } from './convolutionCore.js';
import { AbstractConvolution } from './AbstractConvolution.js';

export class TemporalConvolution extends AbstractConvolution {
  declare bias: Tensor;
  declare gradBias: Tensor;
  fgradInput = Tensor.empty();

  constructor(readonly inputFrameSize: number, readonly outputFrameSize: number, readonly kW: number, readonly dW = 1) {
    checkSizes('TemporalConvolution.constructor', { inputFrameSize, outputFrameSize, kW, dW });
    super([outputFrameSize, inputFrameSize * kW], [outputFrameSize]);
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.inputFrameSize;
  }

  /** The contiguous input, batch size, and the geometry of the frames as a one-plane image. */
  private shape(method: string, input: Tensor): { x: Tensor; B: number; batch: boolean; g: ConvShape } {
    const x = this.checkTensor(method, input, [2, 3]), batch = x.dim() === 3, F = this.inputFrameSize;
    if (x.size(-1) !== F) throw new ShapeError(`${this.where(method)}: expected input of size [nInputFrame, ${F}] or [B, nInputFrame, ${F}], got ${shapeStr(x.shape)}`);
    const g = convShape(this.where(method), 1, [1, x.size(-2), F], [1, this.kW, F], [1, this.dW, 1], [0, 0, 0]);
    return { x: x.contiguous(), B: batch ? x.size(0) : 1, batch, g };
  }

  override updateOutput(input: Tensor): Tensor {
    const { x, B, batch, g } = this.shape('updateOutput', input);
    const nOut = g.oH, F = this.outputFrameSize, K = this.kW * this.inputFrameSize, k = backend();
    this.output.resize(batch ? [B, nOut, F] : [nOut, F]);
    for (let b = 0; b < B; b++) {
      const ob = example(this.output, B, b);
      k.gemm(ob, columns(this.finput, example(x, B, b), g), this.weight, nOut, F, K, true, true, 1, 0); // out = colᵀ·Wᵀ
      k.addRowVector(ob, this.bias, nOut, F, 1);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const { B, g } = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const nOut = g.oH, F = this.outputFrameSize, K = this.kW * this.inputFrameSize, k = backend();
    this.gradInput.resize(input.shape);
    const gcol = this.fgradInput.resize([K, nOut]);
    for (let b = 0; b < B; b++) {
      k.gemm(gcol, this.weight, example(go, B, b), K, nOut, F, true, true, 1, 0); // dcol = Wᵀ·dYᵀ
      k.col2im(example(this.gradInput, B, b), gcol, g);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const { x, B, g } = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const nOut = g.oH, F = this.outputFrameSize, K = this.kW * this.inputFrameSize, k = backend();
    for (let b = 0; b < B; b++) {
      const gb = example(go, B, b);
      k.gemm(this.gradWeight, gb, columns(this.finput, example(x, B, b), g), F, K, nOut, true, true, scale, 1); // dW += dYᵀ·colᵀ
      k.sumRows(this.gradBias, gb, nOut, F, scale, 1);
    }
  }

  override toString(): string {
    return `TemporalConvolution(${this.inputFrameSize} -> ${this.outputFrameSize}, ${this.kW}${this.dW !== 1 ? `, ${this.dW}` : ''})`;
  }
}
