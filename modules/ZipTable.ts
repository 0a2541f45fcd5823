/**
 * nn.ZipTable: a table of tables to the table of their i-th entries: `[[a0, a1], [b0, b1], [c0, c1]]`
 * → `[[a0, b0, c0], [a1, b1, c1]]` (the same objects). gradInput zips gradOutput back the same way.
 * Ref: dpnn ZipTable.lua (torch/nn ZipTable.lua).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class ZipTable extends Module<Activity, Table> {
  override output: Table = [];
  override gradInput: Table = [];

  private zip(method: string, what: string, tables: Activity): Table[] {
    if (tables instanceof Tensor || !tables.every((t) => !(t instanceof Tensor))) {
      throw new ArgumentError(`${this.where(method)}: expected ${what} to be a table of tables, got ${describe(tables)}`);
    }
    const out: Table[] = [];
    (tables as readonly (readonly Activity[])[]).forEach((inner, i) => inner.forEach((x, j) => ((out[j] ??= [])[i] = x)));
    return out;
  }

  override updateOutput(input: Activity): Table {
    this.output = this.zip('updateOutput', 'input', input);
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Table): Table {
    this.gradInput = this.zip('updateGradInput', 'gradOutput', gradOutput);
    return this.gradInput;
  }
}
