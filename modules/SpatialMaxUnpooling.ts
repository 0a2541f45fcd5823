/**
 * nn.SpatialMaxUnpooling(poolingModule): the inverse of a SpatialMaxPooling whose kernel equals its
 * stride: each input value is put back where the pooling module found its maximum (its `indices`,
 * read at every call), the rest of the (C, iheight, iwidth) planes is zero. Input (C, h, w) or
 * (B, C, h, w), the pooling module's output size (the body: MaxUnpooling.ts).
 * Ref: torch/nn SpatialMaxUnpooling.lua.
 */
import { SpatialMaxPooling } from './SpatialMaxPooling.js';
import { MaxUnpooling } from './MaxUnpooling.js';

export class SpatialMaxUnpooling extends MaxUnpooling<SpatialMaxPooling> {
  oheight = 0;
  owidth = 0;

  constructor(pooling: SpatialMaxPooling) {
    super(pooling, SpatialMaxPooling, (p) => p.kW === p.dW && p.kH === p.dH);
  }

  protected override get nSpatial(): number {
    return 2;
  }

  protected override readSizes(): number[] {
    this.oheight = this.pooling.iheight;
    this.owidth = this.pooling.iwidth;
    return [this.oheight, this.owidth];
  }
}
