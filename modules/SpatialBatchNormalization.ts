/**
 * nn.SpatialBatchNormalization(nOutput, eps = 1e-5, momentum = 0.1, affine = true): BatchNormalization
 * per channel of (B, C, H, W) over the batch and positions; (C, H, W) in evaluate mode.
 * Ref: torch/nn SpatialBatchNormalization.lua.
 */
import { BatchNormalization } from './BatchNormalization.js';

export class SpatialBatchNormalization extends BatchNormalization {
  override readonly nDim: number = 4;
}
