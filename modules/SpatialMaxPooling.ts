/**
 * nn.SpatialMaxPooling(kW, kH, dW = kW, dH = kH, padW = 0, padH = 0): the maximum of every kW × kH
 * window (stride dW, dH; implicit −∞ padding padW, padH ≤ half the kernel) of each plane.
 * Input (C, H, W) or (B, C, H, W); output (C, oH, oW) or (B, C, oH, oW) with
 * oH = ⌊(H + 2·padH − kH)/dH⌋ + 1 (⌈…⌉ after `ceil()`; a last window starting in the padding is dropped).
 * `indices` (LongTensor, the output's shape) holds each maximum's 0-based position y·W + x in its
 * plane (Torch's is 1-based). The backend's maxPool2d kernels compute (lib/kernels/KernelTable.ts),
 * their positions kept as floats where the kernels run and copied into `indices` when it is read.
 * Also the size rules and the index loops the other max-pooling classes share.
 * Ref: torch/nn SpatialMaxPooling.lua, THNN SpatialDilatedMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { backend } from '../lib/kernels/backend.js';
import type { PoolShape } from '../lib/kernels/poolShape.js';
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
  private _indices = Tensor.empty('long');
  /** The maxima's positions as the kernels write them (floats); `fresh` while `_indices` holds them too. */
  private argmax = Tensor.empty();
  private fresh = true;
  /** The last input's height and width (read by SpatialMaxUnpooling). */
  iheight = 0;
  iwidth = 0;

  constructor(readonly kW: number, readonly kH: number, dW?: number, dH?: number, readonly padW = 0, readonly padH = 0) {
    super();
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    checkPoolArgs(`${new.target.name}.constructor`, [kW, kH], [this.dW, this.dH], [padW, padH]);
  }

  /** Each maximum's 0-based position in its plane (LongTensor of the output's shape). */
  get indices(): Tensor {
    if (!this.fresh) {
      this._indices.resize(this.argmax.shape).copy(this.argmax);
      this.fresh = true;
    }
    return this._indices;
  }

  set indices(t: Tensor) {
    this._indices = t;
    this.argmax.resize(t.shape).copy(t);
    this.fresh = true;
  }

  /** The maxima's positions as floats, where the kernels wrote them (no copy; what SpatialMaxUnpooling reads). */
  get positions(): Tensor {
    return this.argmax;
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

  private geometry(method: string, x: Tensor): [Planes, PoolShape] {
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], [dilW, dilH] = this.dilation();
    const anyPad = this.padW > 0 || this.padH > 0;
    const oH = pooledSize(iH, this.kH, this.dH, this.padH, dilH, this.ceil_mode, anyPad);
    const oW = pooledSize(iW, this.kW, this.dW, this.padW, dilW, this.ceil_mode, anyPad);
    if (oH < 1 || oW < 1) {
      throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for a ${this.kW}×${this.kH} window (output ${oH}×${oW})`);
    }
    if (iH * iW > 2 ** 24) throw new ShapeError(`${this.where(method)}: expected planes of at most 2^24 cells (positions are held as floats), got ${shapeStr(x.shape)}`);
    const { kH, kW, dH, dW, padH, padW } = this;
    return [pl, { planes: pl.planes, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW, dilH, dilW }];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const [pl, g] = this.geometry('updateOutput', x);
    this.iheight = g.iH;
    this.iwidth = g.iW;
    this.output.resizeAs(x).resize([...pl.lead, g.oH, g.oW]);
    this.argmax.resize([...pl.lead, g.oH, g.oW]);
    backend().maxPool2d(this.output, this.argmax, x, g);
    this.fresh = false;
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, g] = this.geometry('updateGradInput', x);
    if (!this.argmax.sameShape([...pl.lead, g.oH, g.oW])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    backend().maxPool2dBackward(this.gradInput, go, this.argmax, g);
    return this.gradInput;
  }

  override clearState(): this {
    this._indices = Tensor.empty('long');
    this.argmax = Tensor.empty();
    this.fresh = true;
    return super.clearState();
  }

  override toString(): string {
    const pad = this.padW !== 0 || this.padH !== 0 ? `, ${this.padW},${this.padH}` : '';
    return `${this.constructor.name}(${this.kW}x${this.kH}, ${this.dW},${this.dH}${pad})`;
  }
}
