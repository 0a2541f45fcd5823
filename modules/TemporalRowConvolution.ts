/**
 * nn.TemporalRowConvolution(inputFrameSize, kW, dW = 1, featFirst = false): a 1-D convolution of
 * each feature row on its own (depthwise over time): out[f, t] = Σ_j weight[f, 0, j]·x[f, t·dW + j]
 * + bias[f]. Input (B ×) nInputFrame × inputFrameSize, or (B ×) inputFrameSize × nInputFrame when
 * featFirst; the output has the same layout with nOutputFrame = floor((nInputFrame − kW)/dW) + 1.
 * weight is inputFrameSize × 1 × kW, bias inputFrameSize; `noBias()` drops the bias.
 * Ref: torch/nn TemporalRowConvolution.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { convShape, type ConvShape } from '../lib/kernels/convShape.js';
import { addBias, checkSizes, columns, onesOf } from './convolutionCore.js';
import { OptionalBiasConvolution } from './AbstractConvolution.js';

export class TemporalRowConvolution extends OptionalBiasConvolution {
  readonly featFirst: boolean;
  fgradInput = Tensor.empty();
  ones = Tensor.empty();
  /** One example features-first (inputFrameSize × frames), and an output or gradient of that layout. */
  private rows = Tensor.empty();
  private outRows = Tensor.empty();

  constructor(readonly inputFrameSize: number, readonly kW: number, readonly dW = 1, featFirst = false) {
    checkSizes('TemporalRowConvolution.constructor', { inputFrameSize, kW, dW });
    super([inputFrameSize, 1, kW], [inputFrameSize]);
    this.featFirst = featFirst;
    this.reset();
  }

  protected override fanIn(): number {
    return this.kW * this.inputFrameSize;
  }

  private shape(method: string, input: Tensor): { B: number; batch: boolean; g: ConvShape } {
    const x = this.checkTensor(method, input, [2, 3]), batch = x.dim() === 3, F = this.inputFrameSize;
    if (x.size(this.featFirst ? -2 : -1) !== F) {
      const want = this.featFirst ? `${F}, nInputFrame` : `nInputFrame, ${F}`;
      throw new ShapeError(`${this.where(method)}: expected input of size [${want}] or [B, ${want}], got ${shapeStr(x.shape)}`);
    }
    const T = x.size(this.featFirst ? -1 : -2);
    return { B: batch ? x.size(0) : 1, batch, g: convShape(this.where(method), F, [1, 1, T], [1, 1, this.kW], [1, 1, this.dW], [0, 0, 0]) };
  }

  /** Example b of t as features × frames (a copy unless featFirst). */
  private featuresFirst(t: Tensor, b: number, into: Tensor): Tensor {
    const e = t.dim() === 3 ? t.select(0, b) : t;
    return this.featFirst ? e.contiguous() : into.resize([e.size(1), e.size(0)]).copy(e.t());
  }

  /** Writes rows (features × frames) into example b of t in t's layout. */
  private store(t: Tensor, b: number, rows: Tensor): void {
    const e = t.dim() === 3 ? t.select(0, b) : t;
    e.copy(this.featFirst ? rows : rows.t());
  }

  override updateOutput(input: Tensor): Tensor {
    const { B, batch, g } = this.shape('updateOutput', input);
    const F = this.inputFrameSize, kW = this.kW, L = g.oW, k = backend();
    const frameShape = this.featFirst ? [F, L] : [L, F];
    this.output.resize(batch ? [B, ...frameShape] : frameShape);
    const w = this.weight.view([F, kW]), out = this.outRows.resize([F, L]);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, this.featuresFirst(input, b, this.rows), g);
      for (let f = 0; f < F; f++) k.gemm(out.select(0, f), w.select(0, f), col.narrow(0, f * kW, kW), 1, L, kW, false, false, 1, 0);
      if (this.bias) addBias(out, this.bias, this.ones, F, L);
      this.store(this.output, b, out);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const { B, g } = this.shape('updateGradInput', input);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const F = this.inputFrameSize, kW = this.kW, L = g.oW, k = backend();
    this.gradInput.resize(input.shape);
    const w = this.weight.view([F, kW]), gcol = this.fgradInput.resize([F * kW, L]);
    for (let b = 0; b < B; b++) {
      const gb = this.featuresFirst(go, b, this.outRows);
      for (let f = 0; f < F; f++) k.gemm(gcol.narrow(0, f * kW, kW), w.select(0, f), gb.select(0, f), kW, L, 1, true, false, 1, 0);
      k.col2im(this.rows.resize([F, g.W]), gcol, g);
      this.store(this.gradInput, b, this.rows);
    }
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const { B, g } = this.shape('accGradParameters', input);
    const go = this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const F = this.inputFrameSize, kW = this.kW, L = g.oW, k = backend();
    const gw = this.gradWeight.view([F, kW]);
    for (let b = 0; b < B; b++) {
      const col = columns(this.finput, this.featuresFirst(input, b, this.rows), g), gb = this.featuresFirst(go, b, this.outRows);
      for (let f = 0; f < F; f++) k.gemm(gw.select(0, f), gb.select(0, f), col.narrow(0, f * kW, kW), 1, kW, L, false, true, scale, 1);
      if (this.gradBias) k.gemm(this.gradBias, gb, onesOf(this.ones, L), F, 1, L, false, false, scale, 1);
    }
  }

  protected override describe(): string {
    return `${this.inputFrameSize}, ${this.kW}${this.dW !== 1 ? `, ${this.dW}` : ''}${this.featFirst ? ', featFirst' : ''}`;
  }
}
