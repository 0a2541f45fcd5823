/**
 * nn.Mean(dimension = 0, nInputDims?): the mean along `dimension` (0-based), the dimension removed:
 * nn.Sum with sizeAverage (as Torch, which keeps Mean for backward compatibility). The `squeeze`
 * field (default true) keeps the dimension with size 1 when set to false. Ref: torch/nn Mean.lua.
 */
import { Sum } from './Sum.js';

export class Mean extends Sum {
  constructor(dimension = 0, nInputDims?: number) {
    super(dimension, nInputDims, true);
  }
}
