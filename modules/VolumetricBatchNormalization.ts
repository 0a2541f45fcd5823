/**
 * nn.VolumetricBatchNormalization(nOutput, eps = 1e-5, momentum = 0.1, affine = true):
 * BatchNormalization per channel of (B, C, T, H, W); (C, T, H, W) in evaluate mode.
 * Ref: torch/nn VolumetricBatchNormalization.lua.
 */
import { BatchNormalization } from './BatchNormalization.js';

export class VolumetricBatchNormalization extends BatchNormalization {
  override readonly nDim: number = 5;
}
