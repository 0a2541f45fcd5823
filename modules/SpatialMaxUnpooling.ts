/**
 * nn.SpatialMaxUnpooling(poolingModule): the inverse of a SpatialMaxPooling whose kernel equals its
 * stride: each input value is put back where the pooling module found its maximum (its `indices`,
 * read at every call), the rest of the (C, iheight, iwidth) planes is zero. Input (C, h, w) or
 * (B, C, h, w), the pooling module's output size. Ref: torch/nn SpatialMaxUnpooling.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { SpatialMaxPooling, gatherPlanes, planesOf, scatterPlanes } from './SpatialMaxPooling.js';

export class SpatialMaxUnpooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');
  oheight = 0;
  owidth = 0;

  constructor(readonly pooling: SpatialMaxPooling) {
    super();
    if (!(pooling instanceof SpatialMaxPooling) || pooling.constructor !== SpatialMaxPooling) {
      throw new ArgumentError('SpatialMaxUnpooling.constructor: expected a SpatialMaxPooling module');
    }
    if (pooling.kW !== pooling.dW || pooling.kH !== pooling.dH) {
      throw new ArgumentError(`SpatialMaxUnpooling.constructor: expected a pooling kernel equal to its stride, got ${pooling.toString()}`);
    }
  }

  private setParams(method: string, x: Tensor): ReturnType<typeof planesOf> {
    this.indices = this.pooling.indices;
    this.oheight = this.pooling.iheight;
    this.owidth = this.pooling.iwidth;
    if (this.indices.numel() === 0) {
      throw new StateError(`${this.where(method)}: the pooling module has no indices yet; run its forward first`);
    }
    if (!this.indices.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${shapeStr(this.indices.shape)} (the pooling module's output), got ${shapeStr(x.shape)}`);
    }
    return planesOf(x, 2);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const pl = this.setParams('updateOutput', x), [h, w] = pl.sizes as [number, number], ind = this.indices;
    this.output.resizeAs(x).resize([...pl.lead, this.oheight, this.owidth]);
    scatterPlanes(this.output.data, this.output.offset, this.oheight * this.owidth, x.data, x.offset, ind.data, ind.offset, h * w, pl.planes);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const pl = this.setParams('updateGradInput', x), [h, w] = pl.sizes as [number, number], ind = this.indices;
    this.gradInput.resizeAs(x);
    gatherPlanes(this.gradInput.data, this.gradInput.offset, g.data, g.offset, this.oheight * this.owidth, ind.data, ind.offset, h * w, pl.planes);
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialMaxUnpooling associated to ${this.pooling.toString()}`;
  }
}
