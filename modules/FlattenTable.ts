/**
 * nn.FlattenTable: a nested table of tensors to a flat table of the same tensors, depth-first,
 * left to right (`[a, [b, [c]], d]` → `[a, b, c, d]`). gradInput takes gradOutput's tensors back
 * into the input's nesting. `input_map` mirrors the input, holding each tensor's 0-based position
 * in the output. Ref: torch/nn FlattenTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

/** The input's nesting with, at each tensor, its position in the flat output. */
export type InputMap = number | InputMap[];

function flatten(out: Tensor[], input: Activity): InputMap {
  if (input instanceof Tensor) {
    out.push(input);
    return out.length - 1;
  }
  return input.map((x) => flatten(out, x));
}

function unflatten(method: string, flat: readonly Activity[], map: InputMap): Activity {
  if (typeof map === 'number') {
    const g = flat[map];
    if (g === undefined) throw new ArgumentError(`${method}: expected gradOutput to hold an entry ${map}, got a table of ${flat.length}`);
    return g;
  }
  return map.map((m) => unflatten(method, flat, m));
}

export class FlattenTable extends Module<Activity, Tensor[]> {
  override output: Tensor[] = [];
  override gradInput: Activity = [];
  input_map: InputMap = [];

  override updateOutput(input: Activity): Tensor[] {
    if (input instanceof Tensor) throw new ArgumentError(`${this.where('updateOutput')}: expected a table, got a tensor ${describe(input)}`);
    const out: Tensor[] = [];
    this.input_map = flatten(out, input);
    this.output = out;
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor[]): Activity {
    if (input instanceof Tensor) throw new ArgumentError(`${this.where('updateGradInput')}: expected a table, got a tensor ${describe(input)}`);
    if (!Array.isArray(gradOutput)) throw new ArgumentError(`${this.where('updateGradInput')}: expected gradOutput to be a table, got ${describe(gradOutput)}`);
    this.gradInput = unflatten(this.where('updateGradInput'), gradOutput, this.input_map) as Table;
    return this.gradInput;
  }

  override clearState(): this {
    this.input_map = [];
    return super.clearState();
  }
}
