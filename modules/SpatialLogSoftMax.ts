/**
 * nn.SpatialLogSoftMax: the log-softmax over the feature planes at every position:
 * y[c, i, j] = x[c, i, j] − log Σ_c' exp(x[c', i, j]). Input (C, H, W) or (B, C, H, W).
 * Ref: torch/nn SpatialLogSoftMax.lua, THNN LogSoftMax.c.
 */
import { SpatialSoftMax } from './SpatialSoftMax.js';

export class SpatialLogSoftMax extends SpatialSoftMax {
  protected override readonly log: boolean = true;
}
