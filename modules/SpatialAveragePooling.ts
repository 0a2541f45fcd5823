/**
 * nn.SpatialAveragePooling(kW, kH, dW = 1, dH = 1, padW = 0, padH = 0): the mean of every kW × kH
 * window (stride dW, dH; zero padding padW, padH). The divisor counts the padding
 * (`count_include_pad`, default true; `setCountExcludePad()` counts only the input cells); with
 * `divide = false` the window sums are returned. `ceil()` rounds the output size up, as
 * SpatialMaxPooling. Input (C, H, W) or (B, C, H, W). Ref: torch/nn SpatialAveragePooling.lua, THNN
 * SpatialAveragePooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { checkPoolArgs, planesOf, pooledSize, type Planes } from './SpatialMaxPooling.js';

interface AvgGeom { planes: number; iH: number; iW: number; oH: number; oW: number; kH: number; kW: number; dH: number; dW: number; padH: number; padW: number; scale: number; includePad: boolean }

/** y[p, i, j] = scale·Σ window / divisor (backward: each window's gradient spread back with the same factor). */
function avgPool(x: TypedArray, xo: number, y: TypedArray, yo: number, g: AvgGeom, backward: boolean): void {
  const { iH, iW, oH, oW } = g;
  if (backward) x.fill(0, xo, xo + g.planes * iH * iW);
  let o = yo;
  for (let p = 0; p < g.planes; p++) {
    const base = xo + p * iH * iW;
    for (let i = 0; i < oH; i++) {
      const h0 = i * g.dH - g.padH, h1 = Math.min(h0 + g.kH, iH + g.padH), hs = Math.max(h0, 0), he = Math.min(h1, iH);
      for (let j = 0; j < oW; j++, o++) {
        const w0 = j * g.dW - g.padW, w1 = Math.min(w0 + g.kW, iW + g.padW), ws = Math.max(w0, 0), we = Math.min(w1, iW);
        const f = g.scale / (g.includePad ? (h1 - h0) * (w1 - w0) : (he - hs) * (we - ws));
        if (backward) {
          const v = y[o]! * f;
          for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) x[base + r * iW + c]! += v;
        } else {
          let s = 0;
          for (let r = hs; r < he; r++) for (let c = ws; c < we; c++) s += x[base + r * iW + c]!;
          y[o] = s * f;
        }
      }
    }
  }
}

export class SpatialAveragePooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  ceil_mode = false;
  count_include_pad = true;
  divide = true;

  constructor(readonly kW: number, readonly kH: number, readonly dW = 1, readonly dH = 1, readonly padW = 0, readonly padH = 0) {
    super();
    checkPoolArgs('SpatialAveragePooling.constructor', [kW, kH], [dW, dH], [padW, padH]);
  }

  ceil(): this { this.ceil_mode = true; return this; }
  floor(): this { this.ceil_mode = false; return this; }
  setCountIncludePad(): this { this.count_include_pad = true; return this; }
  setCountExcludePad(): this { this.count_include_pad = false; return this; }

  private geometry(method: string, x: Tensor): [Planes, AvgGeom] {
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], anyPad = this.padW > 0 || this.padH > 0;
    const oH = pooledSize(iH, this.kH, this.dH, this.padH, 1, this.ceil_mode, anyPad);
    const oW = pooledSize(iW, this.kW, this.dW, this.padW, 1, this.ceil_mode, anyPad);
    if (oH < 1 || oW < 1) {
      throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for a ${this.kW}×${this.kH} window (output ${oH}×${oW})`);
    }
    const { kH, kW, dH, dW, padH, padW } = this;
    return [pl, { planes: pl.planes, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW, scale: this.divide ? 1 : kW * kH, includePad: this.count_include_pad }];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const [pl, g] = this.geometry('updateOutput', x);
    this.output.resizeAs(x).resize([...pl.lead, g.oH, g.oW]);
    avgPool(x.data, x.offset, this.output.data, this.output.offset, g, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, g] = this.geometry('updateGradInput', x);
    if (go.numel() !== pl.planes * g.oH * g.oW) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, g.oH, g.oW])}, got ${shapeStr(go.shape)}`);
    }
    this.gradInput.resizeAs(x);
    avgPool(this.gradInput.data, this.gradInput.offset, go.data, go.offset, g, true);
    return this.gradInput;
  }

  override toString(): string {
    const pad = this.padW !== 0 || this.padH !== 0 ? `, ${this.padW},${this.padH}` : '';
    return `SpatialAveragePooling(${this.kW}x${this.kH}, ${this.dW},${this.dH}${pad})`;
  }
}
