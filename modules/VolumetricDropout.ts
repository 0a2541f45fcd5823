/**
 * nn.VolumetricDropout(p = 0.5, stochasticInference = false): SpatialDropout of whole (T, H, W)
 * volumes: the mask `noise` is (B, C, 1, 1, 1) or (C, 1, 1, 1); no rescaling in training, times
 * (1 − p) in evaluation. Input (C, T, H, W) or (B, C, T, H, W). Ref: torch/nn VolumetricDropout.lua.
 */
import { FeatureDropout } from './SpatialDropout.js';

export class VolumetricDropout extends FeatureDropout {
  protected readonly nSpatial = 3;
}
