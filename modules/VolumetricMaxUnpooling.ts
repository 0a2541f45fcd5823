/**
 * nn.VolumetricMaxUnpooling(poolingModule): the inverse of a VolumetricMaxPooling whose kernel equals
 * its stride: each input value goes back where the pooling found its maximum (its `indices`, read at
 * every call), the rest of the (C, itime, iheight, iwidth) volumes is zero. Input (C, t, h, w) or
 * (B, C, t, h, w), the pooling module's output size. Ref: torch/nn VolumetricMaxUnpooling.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { gatherPlanes, planesOf, scatterPlanes, type Planes } from './SpatialMaxPooling.js';
import { VolumetricMaxPooling } from './VolumetricMaxPooling.js';

export class VolumetricMaxUnpooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');
  otime = 0;
  oheight = 0;
  owidth = 0;

  constructor(readonly pooling: VolumetricMaxPooling) {
    super();
    if (!(pooling instanceof VolumetricMaxPooling) || pooling.constructor !== VolumetricMaxPooling) {
      throw new ArgumentError('VolumetricMaxUnpooling.constructor: expected a VolumetricMaxPooling module');
    }
    if (pooling.kT !== pooling.dT || pooling.kW !== pooling.dW || pooling.kH !== pooling.dH) {
      throw new ArgumentError(`VolumetricMaxUnpooling.constructor: expected a pooling kernel equal to its stride, got ${pooling.toString()}`);
    }
  }

  private setParams(method: string, x: Tensor): [Planes, number] {
    this.indices = this.pooling.indices;
    [this.otime, this.oheight, this.owidth] = [this.pooling.itime, this.pooling.iheight, this.pooling.iwidth];
    if (this.indices.numel() === 0) {
      throw new StateError(`${this.where(method)}: the pooling module has no indices yet; run its forward first`);
    }
    if (!this.indices.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${shapeStr(this.indices.shape)} (the pooling module's output), got ${shapeStr(x.shape)}`);
    }
    const pl = planesOf(x, 3);
    return [pl, pl.sizes.reduce((a, b) => a * b, 1)];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [4, 5]).contiguous();
    const [pl, n] = this.setParams('updateOutput', x), ind = this.indices;
    this.output.resizeAs(x).resize([...pl.lead, this.otime, this.oheight, this.owidth]);
    scatterPlanes(this.output.data, this.output.offset, this.otime * this.oheight * this.owidth, x.data, x.offset, ind.data, ind.offset, n, pl.planes);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [4, 5]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, n] = this.setParams('updateGradInput', x), ind = this.indices;
    this.gradInput.resizeAs(x);
    gatherPlanes(this.gradInput.data, this.gradInput.offset, g.data, g.offset, this.otime * this.oheight * this.owidth, ind.data, ind.offset, n, pl.planes);
    return this.gradInput;
  }

  override toString(): string {
    return `VolumetricMaxUnpooling associated to ${this.pooling.toString()}`;
  }
}
