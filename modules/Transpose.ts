/**
 * nn.Transpose(...pairs): swaps dimensions pair after pair (`new Transpose([0, 3], [0, 2])` swaps
 * 0 and 3, then 0 and 2; 0-based) and copies the result contiguously. After setNumInputDims(n),
 * the dimensions count from the first of the last n (a batch in front shifts them).
 * gradInput undoes the swaps in reverse order. Ref: torch/nn Transpose.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Transpose extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly permutations: [number, number][];
  numInputDims: number | undefined;

  constructor(...permutations: (readonly [number, number])[]) {
    super();
    for (const p of permutations) {
      if (p.length !== 2 || !p.every(Number.isInteger)) throw new ArgumentError(`Transpose.constructor: expected pairs of dimensions, got ${JSON.stringify(p)}`);
    }
    this.permutations = permutations.map(([a, b]) => [a, b]);
  }

  setNumInputDims(n: number | undefined): this {
    this.numInputDims = n;
    return this;
  }

  private swap(method: string, x: Tensor, pairs: readonly [number, number][]): Tensor {
    const offset = this.numInputDims !== undefined ? x.dim() - this.numInputDims : 0;
    let y = x;
    for (const [a, b] of pairs) {
      if (a + offset >= x.dim() || b + offset >= x.dim() || a + offset < 0 || b + offset < 0) {
        throw new ShapeError(`${this.where(method)}: cannot swap dimensions ${a} and ${b} of input ${shapeStr(x.shape)}`);
      }
      y = y.transpose(a + offset, b + offset);
    }
    return y;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5, 6]);
    const y = this.swap('updateOutput', x, this.permutations);
    return this.output.resizeAs(y).copy(y);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.checkTensor('updateGradInput', input, [1, 2, 3, 4, 5, 6]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const y = this.swap('updateGradInput', g, this.permutations.slice().reverse());
    return this.gradInput.resizeAs(y).copy(y);
  }

  override toString(): string {
    return `Transpose(${this.permutations.map(([a, b]) => `{${a}, ${b}}`).join(', ')})`;
  }
}
