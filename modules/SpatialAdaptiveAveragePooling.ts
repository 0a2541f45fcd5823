/**
 * nn.SpatialAdaptiveAveragePooling(W, H): average pooling to a fixed W × H output whatever the input
 * size; output cell (i, j) averages rows ⌊i·iH/H⌋ … ⌈(i + 1)·iH/H⌉ − 1 and the columns likewise.
 * Input (C, iH, iW) or (B, C, iH, iW); output (C, H, W) or (B, C, H, W).
 * Ref: torch/nn SpatialAdaptiveAveragePooling.lua, THNN SpatialAdaptiveAveragePooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';
import { adaptiveEnd, adaptiveStart } from './SpatialAdaptiveMaxPooling.js';

export class SpatialAdaptiveAveragePooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly W: number, readonly H: number) {
    super();
    if (!(Number.isInteger(W) && Number.isInteger(H) && W > 0 && H > 0)) {
      throw new ArgumentError(`SpatialAdaptiveAveragePooling.constructor: expected positive integer output sizes, got ${W}, ${H}`);
    }
  }

  /** Forward (sum the window into y) or backward (spread y's cell over the window of x, zeroed first). */
  private run(x: Tensor, y: Tensor, iH: number, iW: number, planes: number, backward: boolean): void {
    const xd = x.data, yd = y.data, { H, W } = this;
    if (backward) xd.fill(0, x.offset, x.offset + planes * iH * iW);
    let o = y.offset;
    for (let p = 0; p < planes; p++) {
      const base = x.offset + p * iH * iW;
      for (let i = 0; i < H; i++) {
        const hs = adaptiveStart(i, H, iH), he = adaptiveEnd(i, H, iH);
        for (let j = 0; j < W; j++, o++) {
          const ws = adaptiveStart(j, W, iW), we = adaptiveEnd(j, W, iW), f = 1 / ((he - hs) * (we - ws));
          if (backward) {
            const v = yd[o]! * f;
            for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) xd[base + r * iW + c]! += v;
          } else {
            let s = 0;
            for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) s += xd[base + r * iW + c]!;
            yd[o] = s * f;
          }
        }
      }
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number];
    this.output.resizeAs(x).resize([...pl.lead, this.H, this.W]);
    this.run(x, this.output, iH, iW, pl.planes, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number];
    this.gradInput.resizeAs(x);
    this.run(this.gradInput, g, iH, iW, pl.planes, true);
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialAdaptiveAveragePooling(${this.W}x${this.H})`;
  }
}
