/**
 * nn.SpatialAveragePooling(kW, kH, dW = 1, dH = 1, padW = 0, padH = 0): the mean of every kW × kH
 * window (stride dW, dH; zero padding padW, padH). The divisor counts the padding
 * (`count_include_pad`, default true; `setCountExcludePad()` counts only the input cells); with
 * `divide = false` the window sums are returned. `ceil()` rounds the output size up, as
 * SpatialMaxPooling. Input (C, H, W) or (B, C, H, W). The backend's avgPool2d kernels compute
 * (lib/kernels/KernelTable.ts). Ref: torch/nn SpatialAveragePooling.lua, THNN SpatialAveragePooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import type { AvgPoolMode, PoolShape } from '../lib/kernels/poolShape.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { checkPoolArgs, planesOf, pooledSize, type Planes } from './SpatialMaxPooling.js';

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

  private geometry(method: string, x: Tensor): [Planes, PoolShape, AvgPoolMode] {
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], anyPad = this.padW > 0 || this.padH > 0;
    const oH = pooledSize(iH, this.kH, this.dH, this.padH, 1, this.ceil_mode, anyPad);
    const oW = pooledSize(iW, this.kW, this.dW, this.padW, 1, this.ceil_mode, anyPad);
    if (oH < 1 || oW < 1) {
      throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for a ${this.kW}×${this.kH} window (output ${oH}×${oW})`);
    }
    const { kH, kW, dH, dW, padH, padW } = this;
    const g = { planes: pl.planes, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW, dilH: 1, dilW: 1 };
    return [pl, g, { includePad: this.count_include_pad, scale: this.divide ? 1 : kW * kH }];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const [pl, g, mode] = this.geometry('updateOutput', x);
    this.output.resizeAs(x).resize([...pl.lead, g.oH, g.oW]);
    backend().avgPool2d(this.output, x, g, mode);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, g, mode] = this.geometry('updateGradInput', x);
    if (go.numel() !== pl.planes * g.oH * g.oW) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, g.oH, g.oW])}, got ${shapeStr(go.shape)}`);
    }
    this.gradInput.resizeAs(x);
    backend().avgPool2dBackward(this.gradInput, go, g, mode);
    return this.gradInput;
  }

  override toString(): string {
    const pad = this.padW !== 0 || this.padH !== 0 ? `, ${this.padW},${this.padH}` : '';
    return `SpatialAveragePooling(${this.kW}x${this.kH}, ${this.dW},${this.dH}${pad})`;
  }
}
