/**
 * nn.SpatialReflectionPadding(pad_l, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l): pads each plane
 * with its mirror image (the edge not repeated: [a b c] padded by 2 on the left is [c b a b c]);
 * pads must be smaller than the input; negative pads crop. Input (C, H, W) or (B, C, H, W).
 * Ref: torch/nn SpatialReflectionPadding.lua, THNN SpatialReflectionPadding.c.
 */
import { SpatialPadding } from './SpatialZeroPadding.js';

export class SpatialReflectionPadding extends SpatialPadding {
  protected readonly kind = 'reflect';
}
