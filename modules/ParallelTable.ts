/**
 * nn.ParallelTable: child i is applied to input[i]; output = [m_0(input[0]), …]; gradInput[i] is
 * child i's gradInput. Ref: torch/nn ParallelTable.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

export class ParallelTable extends Container {
  override output: Table = [];
  override gradInput: Table = [];

  private table(method: string, what: string, a: Activity): readonly Activity[] {
    if (a instanceof Tensor || a.length !== this.modules.length) {
      throw new ArgumentError(`${this.where(method)}: expected ${what} to be a table of ${this.modules.length} entries, got ${describe(a)}`);
    }
    return a;
  }

  override updateOutput(input: Activity): Table {
    const xs = this.table('updateOutput', 'input', input);
    this.output.length = xs.length;
    for (let i = 0; i < xs.length; i++) {
      try {
        this.output[i] = this.modules[i]!.forward(xs[i]!);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    return this.output;
  }

  private each(method: 'updateGradInput' | 'backward', input: Activity, gradOutput: Activity, scale: number): Table {
    const xs = this.table(method, 'input', input);
    const gs = this.table(method, 'gradOutput', gradOutput);
    this.gradInput.length = xs.length;
    for (let i = 0; i < xs.length; i++) {
      const m = this.modules[i]!;
      try {
        this.gradInput[i] = method === 'backward' ? m.backward(xs[i]!, gs[i]!, scale) : m.updateGradInput(xs[i]!, gs[i]!);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    return this.gradInput;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Table {
    return this.each('updateGradInput', input, gradOutput, 1);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Table {
    return this.each('backward', input, gradOutput, scale);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const xs = this.table('accGradParameters', 'input', input);
    const gs = this.table('accGradParameters', 'gradOutput', gradOutput);
    for (let i = 0; i < xs.length; i++) {
      try {
        this.modules[i]!.accGradParameters(xs[i]!, gs[i]!, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
  }

  override toString(): string {
    return this.childrenString('input[i] -> (i) -> output[i]');
  }
}
