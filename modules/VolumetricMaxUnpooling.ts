/**
 * nn.VolumetricMaxUnpooling(poolingModule): the inverse of a VolumetricMaxPooling whose kernel equals
 * its stride: each input value goes back where the pooling found its maximum (its `indices`, read at
 * every call), the rest of the (C, itime, iheight, iwidth) volumes is zero. Input (C, t, h, w) or
 * (B, C, t, h, w), the pooling module's output size (the body: MaxUnpooling.ts).
 * Ref: torch/nn VolumetricMaxUnpooling.lua.
 */
import { VolumetricMaxPooling } from './VolumetricMaxPooling.js';
import { MaxUnpooling } from './MaxUnpooling.js';

export class VolumetricMaxUnpooling extends MaxUnpooling<VolumetricMaxPooling> {
  otime = 0;
  oheight = 0;
  owidth = 0;

  constructor(pooling: VolumetricMaxPooling) {
    super(pooling, VolumetricMaxPooling, (p) => p.kT === p.dT && p.kW === p.dW && p.kH === p.dH);
  }

  protected override get nSpatial(): number {
    return 3;
  }

  protected override readSizes(): number[] {
    [this.otime, this.oheight, this.owidth] = [this.pooling.itime, this.pooling.iheight, this.pooling.iwidth];
    return [this.otime, this.oheight, this.owidth];
  }
}
