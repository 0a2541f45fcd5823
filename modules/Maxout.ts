/**
 * nn.Maxout(inputSize, outputSize, maxoutNumber, preprocess?): a Sequential of Linear(inputSize,
 * outputSize·maxoutNumber), View(maxoutNumber, outputSize), the optional preprocess module, and
 * Max over the maxoutNumber pieces: y_j = max_k (W_k x + b_k)_j (Goodfellow et al., 2013).
 * Input (inputSize) or (B, inputSize); output (outputSize) or (B, outputSize). Ref: torch/nn Maxout.lua.
 */
import type { Module } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';
import { Sequential } from './Sequential.js';
import { Linear } from './Linear.js';
import { View } from './View.js';
import { Max } from './Max.js';

export class Maxout extends Sequential {
  constructor(readonly inputSize: number, readonly outputSize: number, readonly maxoutNumber: number, preprocess?: Module) {
    super();
    if (!(Number.isInteger(maxoutNumber) && maxoutNumber > 0)) throw new ArgumentError(`Maxout.constructor: expected a positive integer maxoutNumber, got ${maxoutNumber}`);
    this.add(new Linear(inputSize, outputSize * maxoutNumber));
    this.add(new View(maxoutNumber, outputSize).setNumInputDims(1));
    if (preprocess) this.add(preprocess);
    this.add(new Max(0, 2));
  }
}
