/**
 * rnn nn.LinearNoBias(inputSize, outputSize): y = W x, a Linear without bias (W outputSize ×
 * inputSize). Input (inputSize) or (B, inputSize). Ref: rnn LinearNoBias.lua.
 */
import { Linear } from './Linear.js';

export class LinearNoBias extends Linear {
  constructor(inputSize: number, outputSize: number) {
    super(inputSize, outputSize, false);
  }

  override toString(): string {
    return `LinearNoBias(${this.inputSize} -> ${this.outputSize})`;
  }
}
