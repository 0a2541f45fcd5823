/**
 * nn.ZipTableOneToMany: input `[v, [a, b, c]]` → `[[v, a], [v, b], [v, c]]` (the same objects).
 * gradInput = [Σ_i gradOutput[i][0], [gradOutput[i][1] for each i]]. Ref: torch/nn ZipTableOneToMany.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

const isPair = (p: Activity): p is readonly [Tensor, Activity] => Array.isArray(p) && p.length === 2 && p[0] instanceof Tensor;

export class ZipTableOneToMany extends Module<Activity, Table> {
  override output: Table = [];
  override gradInput: Table = [];
  gradInputEl = Tensor.empty();

  private parts(method: string, input: Activity): [el: Tensor, table: readonly Activity[]] {
    const [el, table] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(el instanceof Tensor) || table === undefined || table instanceof Tensor) {
      throw new ArgumentError(`${this.where(method)}: expected a table {tensor, {entries}}, got ${describe(input)}`);
    }
    return [el, table];
  }

  override updateOutput(input: Activity): Table {
    const [el, table] = this.parts('updateOutput', input);
    this.output = table.map((x) => [el, x]);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const [el, table] = this.parts('updateGradInput', input);
    const pairs = Array.isArray(gradOutput) ? gradOutput.filter(isPair) : [];
    if (pairs.length !== table.length || pairs.length !== gradOutput.length) throw new ArgumentError(`${this.where('updateGradInput')}: expected gradOutput to be a table of ${table.length} pairs {tensor, entry}, got ${describe(gradOutput)}`);
    if (this.gradInputEl.dtype !== el.dtype) this.gradInputEl = Tensor.empty(el.dtype);
    this.gradInputEl.resizeAs(el).zero();
    for (const [gv] of pairs) this.gradInputEl.add(gv);
    this.gradInput = [this.gradInputEl, pairs.map(([, g]) => g)];
    return this.gradInput;
  }
}
