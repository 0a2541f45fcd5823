/**
 * nn.SelectTable(index): output = input[index] (the same object; 0-based, negative counts from the
 * end: −1 is the last). gradInput has the input's structure, zeros except a copy of gradOutput at
 * `index`. Ref: torch/nn SelectTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, copyLike, describe, zeroLike } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class SelectTable extends Module<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Table = [];

  constructor(readonly index: number) {
    super();
    if (!Number.isInteger(index)) throw new ArgumentError(`SelectTable.constructor: expected an integer index, got ${index}`);
  }

  private position(method: string, input: Activity): number {
    if (input instanceof Tensor) throw new ArgumentError(`${this.where(method)}: expected a table, got a tensor ${describe(input)}`);
    const i = this.index < 0 ? input.length + this.index : this.index;
    if (i < 0 || i >= input.length) {
      throw new ArgumentError(`${this.where(method)}: index ${this.index} out of range for a table of ${input.length} entries`);
    }
    return i;
  }

  override updateOutput(input: Activity): Activity {
    const i = this.position('updateOutput', input);
    this.output = (input as readonly Activity[])[i]!;
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Table {
    const i = this.position('updateGradInput', input);
    const table = input as readonly Activity[];
    for (let j = 0; j < table.length; j++) {
      if (j !== i) this.gradInput[j] = zeroLike(this.gradInput[j], table[j]!);
    }
    this.gradInput.length = table.length;
    this.gradInput[i] = copyLike(this.gradInput[i], gradOutput);
    return this.gradInput;
  }

  override toString(): string {
    return `SelectTable(${this.index})`;
  }
}
