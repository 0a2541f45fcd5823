/**
 * nn.NarrowTable(offset, length = 1): the entries offset … offset+length−1 (0-based) of the input
 * table (the same objects). gradInput has the input's structure: gradOutput's entries in the
 * narrowed places, zeros elsewhere. Ref: torch/nn NarrowTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe, zeroLike } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class NarrowTable extends Module<Activity, Table> {
  override output: Table = [];
  override gradInput: Table = [];

  constructor(readonly offset: number, readonly length = 1) {
    super();
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 0) {
      throw new ArgumentError(`NarrowTable.constructor: expected an offset ≥ 0 and a length ≥ 0, got (${offset}, ${length})`);
    }
  }

  private table(method: string, input: Activity): readonly Activity[] {
    if (input instanceof Tensor) throw new ArgumentError(`${this.where(method)}: expected a table, got a tensor ${describe(input)}`);
    if (this.offset + this.length > input.length) {
      throw new ArgumentError(`${this.where(method)}: entries ${this.offset}..${this.offset + this.length - 1} out of range for a table of ${input.length} entries`);
    }
    return input;
  }

  override updateOutput(input: Activity): Table {
    const table = this.table('updateOutput', input);
    this.output = table.slice(this.offset, this.offset + this.length);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const table = this.table('updateGradInput', input);
    if (!Array.isArray(gradOutput) || gradOutput.length !== this.length) {
      throw new ArgumentError(`${this.where('updateGradInput')}: expected gradOutput to be a table of ${this.length} entries, got ${describe(gradOutput)}`);
    }
    this.gradInput.length = table.length;
    for (let i = 0; i < table.length; i++) {
      const inside = i >= this.offset && i < this.offset + this.length;
      this.gradInput[i] = inside ? gradOutput[i - this.offset]! : zeroLike(this.gradInput[i], table[i]!);
    }
    return this.gradInput;
  }

  override toString(): string {
    return `NarrowTable(${this.offset}, ${this.length})`;
  }
}
