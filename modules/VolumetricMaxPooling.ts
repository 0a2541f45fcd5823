/**
 * nn.VolumetricMaxPooling(kT, kW, kH, dT = kT, dW = kW, dH = kH, padT = 0, padW = 0, padH = 0): the
 * maximum of every kT × kH × kW window of each (T, H, W) volume (−∞ padding ≤ half the kernel;
 * `ceil()` rounds the output size up). Input (C, T, H, W) or (B, C, T, H, W); output (C, oT, oH, oW)
 * or (B, C, oT, oH, oW), sizes as SpatialMaxPooling's per dimension. `indices` holds each maximum's
 * 0-based position (t·H + y)·W + x in its volume (Torch packs window offsets into bytes instead; it
 * refills them at every forward). Ref: torch/nn VolumetricMaxPooling.lua, THNN VolumetricDilatedMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { checkPoolArgs, planesOf, pooledSize, scatterPlanes, type Planes } from './SpatialMaxPooling.js';

/** Per dimension (t, h, w): input and output size, kernel, stride, pad, dilation. */
interface Dim3 { i: number; o: number; k: number; d: number; p: number; l: number }

function maxPool3d(x: TypedArray, xo: number, y: TypedArray, yo: number, idx: TypedArray, io: number, planes: number, t: Dim3, h: Dim3, w: Dim3): void {
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = xo + p * t.i * h.i * w.i;
    for (let a = 0; a < t.o; a++) {
      let ts = a * t.d - t.p;
      const te = Math.min(ts + (t.k - 1) * t.l + 1, t.i);
      while (ts < 0) ts += t.l;
      for (let b = 0; b < h.o; b++) {
        let hs = b * h.d - h.p;
        const he = Math.min(hs + (h.k - 1) * h.l + 1, h.i);
        while (hs < 0) hs += h.l;
        for (let c = 0; c < w.o; c++, o++) {
          let ws = c * w.d - w.p;
          const we = Math.min(ws + (w.k - 1) * w.l + 1, w.i);
          while (ws < 0) ws += w.l;
          let best = -Infinity, at = -1;
          for (let u = ts; u < te; u += t.l) {
            for (let v = hs; v < he; v += h.l) {
              const row = (u * h.i + v) * w.i;
              for (let q = ws; q < we; q += w.l) {
                const val = x[base + row + q]!;
                if (val > best || at < 0) { best = val; at = row + q; }
              }
            }
          }
          y[yo + o] = best;
          idx[io + o] = at;
        }
      }
    }
  }
}

export class VolumetricMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly dT: number;
  readonly dW: number;
  readonly dH: number;
  ceil_mode = false;
  indices = Tensor.empty('long');
  /** The last input's time, height and width (read by VolumetricMaxUnpooling). */
  itime = 0;
  iheight = 0;
  iwidth = 0;

  constructor(readonly kT: number, readonly kW: number, readonly kH: number, dT?: number, dW?: number, dH?: number,
    readonly padT = 0, readonly padW = 0, readonly padH = 0) {
    super();
    this.dT = dT ?? kT;
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    checkPoolArgs(`${new.target.name}.constructor`, [kT, kW, kH], [this.dT, this.dW, this.dH], [padT, padW, padH]);
  }

  /** Dilation [t, w, h] (1 here; VolumetricDilatedMaxPooling's fields). */
  protected dilation(): [number, number, number] {
    return [1, 1, 1];
  }

  ceil(): this { this.ceil_mode = true; return this; }
  floor(): this { this.ceil_mode = false; return this; }

  private geometry(method: string, x: Tensor): [Planes, Dim3, Dim3, Dim3] {
    const pl = planesOf(x, 3), [iT, iH, iW] = pl.sizes as [number, number, number], [lT, lW, lH] = this.dilation();
    const anyPad = this.padT > 0 || this.padW > 0 || this.padH > 0;
    const dim = (i: number, k: number, d: number, p: number, l: number): Dim3 => ({ i, o: pooledSize(i, k, d, p, l, this.ceil_mode, anyPad), k, d, p, l });
    const t = dim(iT, this.kT, this.dT, this.padT, lT), h = dim(iH, this.kH, this.dH, this.padH, lH), w = dim(iW, this.kW, this.dW, this.padW, lW);
    if (t.o < 1 || h.o < 1 || w.o < 1) {
      throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for a ${this.kT}×${this.kH}×${this.kW} window (output ${t.o}×${h.o}×${w.o})`);
    }
    return [pl, t, h, w];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [4, 5]).contiguous();
    const [pl, t, h, w] = this.geometry('updateOutput', x);
    [this.itime, this.iheight, this.iwidth] = [t.i, h.i, w.i];
    this.output.resizeAs(x).resize([...pl.lead, t.o, h.o, w.o]);
    this.indices.resize([...pl.lead, t.o, h.o, w.o]);
    maxPool3d(x.data, x.offset, this.output.data, this.output.offset, this.indices.data, this.indices.offset, pl.planes, t, h, w);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [4, 5]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, t, h, w] = this.geometry('updateGradInput', x);
    if (!this.indices.sameShape([...pl.lead, t.o, h.o, w.o])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    scatterPlanes(this.gradInput.data, this.gradInput.offset, t.i * h.i * w.i, g.data, g.offset, this.indices.data, this.indices.offset, t.o * h.o * w.o, pl.planes);
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    return super.clearState();
  }

  override toString(): string {
    const pad = this.padT !== 0 || this.padW !== 0 || this.padH !== 0 ? `, ${this.padT},${this.padW},${this.padH}` : '';
    return `${this.constructor.name}(${this.kT}x${this.kW}x${this.kH}, ${this.dT},${this.dW},${this.dH}${pad})`;
  }
}
