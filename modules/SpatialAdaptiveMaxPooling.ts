/**
 * nn.SpatialAdaptiveMaxPooling(W, H): max pooling to a fixed W × H output whatever the input size;
 * output cell (i, j) pools rows ⌊i·iH/H⌋ … ⌈(i + 1)·iH/H⌉ − 1 and the columns likewise.
 * Input (C, iH, iW) or (B, C, iH, iW); output (C, H, W) or (B, C, H, W). `indices` has Torch's layout
 * [2, …output size]: [0] the row and [1] the column of each maximum within its window, 0-based.
 * Ref: torch/nn SpatialAdaptiveMaxPooling.lua, THNN SpatialAdaptiveMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';

/** The first and one-past-last input index of adaptive window i of n over a size of m. */
export const adaptiveStart = (i: number, n: number, m: number): number => Math.floor((i * m) / n);
export const adaptiveEnd = (i: number, n: number, m: number): number => Math.ceil(((i + 1) * m) / n);

export class SpatialAdaptiveMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');

  constructor(readonly W: number, readonly H: number) {
    super();
    if (!(Number.isInteger(W) && Number.isInteger(H) && W > 0 && H > 0)) {
      throw new ArgumentError(`SpatialAdaptiveMaxPooling.constructor: expected positive integer output sizes, got ${W}, ${H}`);
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], { H, W } = this, n = pl.planes * H * W;
    this.output.resizeAs(x).resize([...pl.lead, H, W]);
    this.indices.resize([2, ...pl.lead, H, W]);
    const xd = x.data, yd = this.output.data, id = this.indices.data, yo = this.output.offset, io = this.indices.offset;
    let o = 0;
    for (let p = 0; p < pl.planes; p++) {
      const base = x.offset + p * iH * iW;
      for (let i = 0; i < H; i++) {
        const hs = adaptiveStart(i, H, iH), he = adaptiveEnd(i, H, iH);
        for (let j = 0; j < W; j++, o++) {
          const ws = adaptiveStart(j, W, iW), we = adaptiveEnd(j, W, iW);
          let best = -Infinity, br = -1, bc = -1;
          for (let r = hs; r < he; r++) {
            for (let c = ws; c < we; c++) {
              const v = xd[base + r * iW + c]!;
              if (v > best || br < 0) { best = v; br = r; bc = c; }
            }
          }
          yd[yo + o] = best;
          id[io + o] = br - hs;
          id[io + n + o] = bc - ws;
        }
      }
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], { H, W } = this, n = pl.planes * H * W;
    if (this.indices.numel() !== 2 * n) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    const gi = this.gradInput.data, go = g.data, id = this.indices.data, gio = this.gradInput.offset, io = this.indices.offset;
    gi.fill(0, gio, gio + x.numel());
    let o = 0;
    for (let p = 0; p < pl.planes; p++) {
      const base = gio + p * iH * iW;
      for (let i = 0; i < H; i++) {
        const hs = adaptiveStart(i, H, iH);
        for (let j = 0; j < W; j++, o++) {
          const r = hs + id[io + o]!, c = adaptiveStart(j, W, iW) + id[io + n + o]!;
          gi[base + r * iW + c]! += go[g.offset + o]!;
        }
      }
    }
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    return super.clearState();
  }

  override toString(): string {
    return `SpatialAdaptiveMaxPooling(${this.W}x${this.H})`;
  }
}
