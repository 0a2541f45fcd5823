/**
 * nn.SpatialMaxPooling(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0): the maximum of every kW × kH
 * window (stride dW, dH; implicit −∞ padding padW, padH ≤ half the kernel) of each plane.
 * Input (C, H, W) or (B, C, H, W); output (C, oH, oW) or (B, C, oH, oW) with
 * oH = ⌊(H + 2·padH − kH)/dH⌋ + 1 (⌈…⌉ after `ceil()`; a last window starting in the padding is dropped).
 * `indices` (LongTensor, the output's shape) holds each maximum's 0-based position y·W + x in its
 * plane (Torch's is 1-based). Also the window loops the other max-pooling classes share.
 * Ref: torch/nn SpatialMaxPooling.lua, THNN SpatialDilatedMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** The planes of a (…lead, …spatial) tensor: how many, and the spatial sizes. */
export interface Planes { batch: boolean; lead: number[]; planes: number; sizes: number[] }

/** Splits a contiguous input with `nSpatial` trailing spatial dims and one or two leading ones. */
export function planesOf(input: Tensor, nSpatial: number): Planes {
  const lead = input.shape.slice(0, input.dim() - nSpatial);
  return { batch: lead.length === 2, lead, planes: lead.reduce((a, b) => a * b, 1), sizes: input.shape.slice(lead.length) };
}

/** One pooled size (THNN): ⌊ or ⌈ (in + 2·pad − (dil·(k − 1) + 1))/d ⌉ + 1, minus a window starting past the padding. */
export function pooledSize(inSize: number, k: number, d: number, pad: number, dil: number, ceil: boolean, anyPad: boolean): number {
  const span = (inSize - (dil * (k - 1) + 1) + 2 * pad) / d;
  let o = (ceil ? Math.ceil(span) : Math.floor(span)) + 1;
  if (anyPad && (o - 1) * d >= inSize + pad) o--;
  return o;
}

/** Checks positive integer kernel sizes and strides and pads of at most half the kernel. */
export function checkPoolArgs(where: string, k: readonly number[], d: readonly number[], pad: readonly number[]): void {
  const ok = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!k.every((v) => ok(v, 1)) || !d.every((v) => ok(v, 1))) {
    throw new ArgumentError(`${where}: expected positive integer kernel sizes and strides, got kernel ${shapeStr(k)}, stride ${shapeStr(d)}`);
  }
  if (!pad.every((p, i) => ok(p, 0) && p <= Math.floor(k[i]! / 2))) {
    throw new ArgumentError(`${where}: expected pads between 0 and half the kernel size, got pad ${shapeStr(pad)} for kernel ${shapeStr(k)}`);
  }
}

/**
 * y[p, i, j] = max over the dilated window of x[p]; idx = its position in the plane.
 * Arrays are indexed from their offsets (x from xo, y and idx from yo and io).
 */
export function maxPool2d(x: TypedArray, xo: number, y: TypedArray, yo: number, idx: TypedArray, io: number, planes: number,
  iH: number, iW: number, oH: number, oW: number, kH: number, kW: number, dH: number, dW: number,
  padH: number, padW: number, dilH: number, dilW: number): void {
  if (dilH === 1 && dilW === 1) {
    denseMaxPool2d(x, xo, y, yo, idx, io, planes, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW);
    return;
  }
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = xo + p * iH * iW;
    for (let i = 0; i < oH; i++) {
      let hs = i * dH - padH;
      const he = Math.min(hs + (kH - 1) * dilH + 1, iH);
      while (hs < 0) hs += dilH;
      for (let j = 0; j < oW; j++, o++) {
        let ws = j * dW - padW;
        const we = Math.min(ws + (kW - 1) * dilW + 1, iW);
        while (ws < 0) ws += dilW;
        let best = -Infinity, at = -1;
        for (let r = hs; r < he; r += dilH) {
          for (let c = ws; c < we; c += dilW) {
            const v = x[base + r * iW + c]!;
            if (v > best || at < 0) { best = v; at = r * iW + c; }
          }
        }
        y[yo + o] = best;
        idx[io + o] = at;
      }
    }
  }
}

/** maxPool2d without dilation (LeNet's hot path): every window holds an input cell, the first seeds the maximum. */
function denseMaxPool2d(x: TypedArray, xo: number, y: TypedArray, yo: number, idx: TypedArray, io: number, planes: number,
  iH: number, iW: number, oH: number, oW: number, kH: number, kW: number, dH: number, dW: number, padH: number, padW: number): void {
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const base = xo + p * iH * iW;
    for (let i = 0; i < oH; i++) {
      const h0 = i * dH - padH, hs = h0 < 0 ? 0 : h0, he = Math.min(h0 + kH, iH);
      for (let j = 0; j < oW; j++, o++) {
        const w0 = j * dW - padW, ws = w0 < 0 ? 0 : w0, we = Math.min(w0 + kW, iW);
        let at = hs * iW + ws, best = x[base + at]!;
        for (let r = hs; r < he; r++) {
          const row = r * iW;
          for (let c = ws; c < we; c++) {
            const v = x[base + row + c]!;
            if (v > best) { best = v; at = row + c; }
          }
        }
        y[yo + o] = best;
        idx[io + o] = at;
      }
    }
  }
}

/** dst[p·dstPlane + idx[p·srcPlane + k]] += src[p·srcPlane + k] (dst zeroed first): max-pooling backward, unpooling forward. */
export function scatterPlanes(dst: TypedArray, dso: number, dstPlane: number, src: TypedArray, so: number, idx: TypedArray, io: number,
  srcPlane: number, planes: number): void {
  dst.fill(0, dso, dso + planes * dstPlane);
  for (let p = 0; p < planes; p++) {
    const d = dso + p * dstPlane, s = so + p * srcPlane, q = io + p * srcPlane;
    for (let k = 0; k < srcPlane; k++) dst[d + idx[q + k]!]! += src[s + k]!;
  }
}

/** dst[p·n + k] = src[p·srcPlane + idx[p·n + k]]: unpooling backward. */
export function gatherPlanes(dst: TypedArray, dso: number, src: TypedArray, so: number, srcPlane: number, idx: TypedArray, io: number,
  n: number, planes: number): void {
  for (let p = 0; p < planes; p++) {
    const d = dso + p * n, s = so + p * srcPlane, q = io + p * n;
    for (let k = 0; k < n; k++) dst[d + k] = src[s + idx[q + k]!]!;
  }
}

export class SpatialMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly dW: number;
  readonly dH: number;
  ceil_mode = false;
  indices = Tensor.empty('long');
  /** The last input's height and width (read by SpatialMaxUnpooling). */
  iheight = 0;
  iwidth = 0;

  constructor(readonly kW: number, readonly kH: number, dW?: number, dH?: number, readonly padW = 0, readonly padH = 0) {
    super();
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    checkPoolArgs(`${new.target.name}.constructor`, [kW, kH], [this.dW, this.dH], [padW, padH]);
  }

  /** Dilation (1 here; SpatialDilatedMaxPooling's fields). */
  protected dilation(): [number, number] {
    return [1, 1];
  }

  ceil(): this {
    this.ceil_mode = true;
    return this;
  }

  floor(): this {
    this.ceil_mode = false;
    return this;
  }

  private outputShape(method: string, x: Tensor): [Planes, number, number] {
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], [dilW, dilH] = this.dilation();
    const anyPad = this.padW > 0 || this.padH > 0;
    const oH = pooledSize(iH, this.kH, this.dH, this.padH, dilH, this.ceil_mode, anyPad);
    const oW = pooledSize(iW, this.kW, this.dW, this.padW, dilW, this.ceil_mode, anyPad);
    if (oH < 1 || oW < 1) {
      throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for a ${this.kW}×${this.kH} window (output ${oH}×${oW})`);
    }
    return [pl, oH, oW];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const [pl, oH, oW] = this.outputShape('updateOutput', x), [iH, iW] = pl.sizes as [number, number], [dilW, dilH] = this.dilation();
    this.iheight = iH;
    this.iwidth = iW;
    this.output.resizeAs(x).resize([...pl.lead, oH, oW]);
    this.indices.resize([...pl.lead, oH, oW]);
    maxPool2d(x.data, x.offset, this.output.data, this.output.offset, this.indices.data, this.indices.offset, pl.planes,
      iH, iW, oH, oW, this.kH, this.kW, this.dH, this.dW, this.padH, this.padW, dilH, dilW);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, oH, oW] = this.outputShape('updateGradInput', x);
    if (!this.indices.sameShape([...pl.lead, oH, oW])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    const [iH, iW] = pl.sizes as [number, number];
    this.gradInput.resizeAs(x);
    scatterPlanes(this.gradInput.data, this.gradInput.offset, iH * iW, g.data, g.offset, this.indices.data, this.indices.offset, oH * oW, pl.planes);
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    return super.clearState();
  }

  override toString(): string {
    const pad = this.padW !== 0 || this.padH !== 0 ? `, ${this.padW},${this.padH}` : '';
    return `${this.constructor.name}(${this.kW}x${this.kH}, ${this.dW},${this.dH}${pad})`;
  }
}
