/**
 * nn.Min(dimension = 0, nInputDims?): the smallest value along `dimension` (0-based; negative counts
 * from the end), the dimension removed (a 1-D input gives 1 element). With nInputDims and an input
 * of nInputDims + 1 dimensions (a batch), a non-negative dimension moves one to the right.
 * gradInput routes gradOutput to the first minimum of each slice, zeros elsewhere (DimExtremum.ts).
 * Ref: torch/nn Min.lua.
 */
import { DimExtremum } from './DimExtremum.js';

export class Min extends DimExtremum {
  protected override get largest(): boolean {
    return false;
  }
}
