/**
 * nn.VolumetricReplicationPadding(pleft, pright = pleft, ptop = pleft, pbottom = pleft,
 * pfront = pleft, pback = pleft): SpatialReplicationPadding of (T, H, W) volumes, front and back
 * along T. Input (C, T, H, W) or (B, C, T, H, W). Ref: torch/nn VolumetricReplicationPadding.lua.
 */
import { Padding } from './SpatialZeroPadding.js';

export class VolumetricReplicationPadding extends Padding {
  protected readonly kind = 'replicate';
  readonly pright: number;
  readonly ptop: number;
  readonly pbottom: number;
  readonly pfront: number;
  readonly pback: number;

  constructor(readonly pleft: number, pright?: number, ptop?: number, pbottom?: number, pfront?: number, pback?: number) {
    super();
    [this.pright, this.ptop, this.pbottom, this.pfront, this.pback] = [pright, ptop, pbottom, pfront, pback].map((p) => p ?? pleft) as [number, number, number, number, number];
    this.checkPads([pleft, this.pright, this.ptop, this.pbottom, this.pfront, this.pback]);
  }

  protected pads(): [number, number][] {
    return [[this.pfront, this.pback], [this.ptop, this.pbottom], [this.pleft, this.pright]];
  }

  override toString(): string {
    return `VolumetricReplicationPadding(left=${this.pleft}, right=${this.pright}, top=${this.ptop}, bottom=${this.pbottom}, front=${this.pfront}, back=${this.pback})`;
  }
}
