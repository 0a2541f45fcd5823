/**
 * nn.JoinTable(dimension, nInputDims?): joins a table of tensors along `dimension` (0-based; negative
 * counts from the end). With nInputDims and inputs of nInputDims + 1 dimensions (a batch), the join
 * is along dimension + 1. gradInput[i] is the matching slice of gradOutput. Ref: torch/nn JoinTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { joinInto, joinedShape, sliceInto } from '../lib/join.js';
import { ArgumentError, ShapeError } from '../lib/errors.js';

export class JoinTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Table = [];

  constructor(readonly dimension: number, readonly nInputDims?: number) {
    super();
  }

  private parts(method: string, input: Activity): Tensor[] {
    if (input instanceof Tensor || input.length === 0 || !input.every((x) => x instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a non-empty table of tensors, got ${describe(input)}`);
    }
    return input as Tensor[];
  }

  private dim(first: Tensor): number {
    let d = this.dimension < 0 ? first.dim() + this.dimension : this.dimension;
    if (this.nInputDims !== undefined && first.dim() === this.nInputDims + 1 && this.dimension >= 0) d += 1;
    return d;
  }

  override updateOutput(input: Activity): Tensor {
    const parts = this.parts('updateOutput', input);
    const d = this.dim(parts[0]!);
    this.output.resize(joinedShape(this.where('updateOutput'), parts, d));
    joinInto(this.output, parts, d);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Table {
    const parts = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!g.sameShape(this.output)) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput ${describe(this.output)}, got ${describe(g)}`);
    const d = this.dim(parts[0]!);
    this.gradInput.length = parts.length;
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      const n = parts[i]!.shape[d]!;
      const prev = this.gradInput[i];
      this.gradInput[i] = sliceInto(prev instanceof Tensor ? prev : Tensor.empty(g.dtype), g, d, offset, n);
      offset += n;
    }
    return this.gradInput;
  }

  override toString(): string {
    return `JoinTable(${this.dimension}${this.nInputDims !== undefined ? `, ${this.nInputDims}` : ''})`;
  }
}
