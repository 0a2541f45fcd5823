/** dpnn nn.ReverseTable: the table [x₀, …, xₙ₋₁] in reverse order; gradInput is gradOutput reversed. Ref: dpnn ReverseTable.lua. */
import { Module } from '../lib/Module.js';
import { type Activity, describe } from '../lib/Activity.js';
import { Tensor } from '../lib/Tensor.js';
import { ShapeError } from '../lib/errors.js';

export class ReverseTable extends Module<Activity, Activity> {
  override output: Activity[] = [];
  override gradInput: Activity[] = [];

  private reversed(method: string, what: string, t: Activity): Activity[] {
    if (t instanceof Tensor) throw new ShapeError(`${this.where(method)}: expected ${what} to be a table, got ${describe(t)}`);
    return [...t].reverse();
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.reversed('updateOutput', 'input', input);
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.reversed('updateGradInput', 'gradOutput', gradOutput);
    return this.gradInput;
  }
}
