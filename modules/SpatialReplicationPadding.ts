/**
 * nn.SpatialReplicationPadding(pad_l, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l): pads each plane
 * by repeating its edge values ([a b c] padded by 2 on the left is [a a a b c]); negative pads crop.
 * Input (C, H, W) or (B, C, H, W). Ref: torch/nn SpatialReplicationPadding.lua, THNN SpatialReplicationPadding.c.
 */
import { SpatialPadding } from './SpatialZeroPadding.js';

export class SpatialReplicationPadding extends SpatialPadding {
  protected readonly kind = 'replicate';
}
