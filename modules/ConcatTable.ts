/**
 * nn.ConcatTable: every child gets the same input; output = [m_0(input), …, m_k(input)].
 * gradInput = Σ_i m_i.gradInput (element-wise over the nested structure when the input is a table).
 * Ref: torch/nn ConcatTable.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, copyLike, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

/** dst += src over matching structures. */
function accumulate(dst: Activity, src: Activity): void {
  if (dst instanceof Tensor && src instanceof Tensor) {
    backend().axpby(dst, 1, dst, 1, src.contiguous());
    return;
  }
  if (dst instanceof Tensor || src instanceof Tensor) throw new ArgumentError(`ConcatTable: gradInputs of different structure ${describe(dst)} and ${describe(src)}`);
  for (let i = 0; i < dst.length; i++) accumulate(dst[i]!, src[i]!);
}

export class ConcatTable extends Container {
  override output: Table = [];
  override gradInput: Activity = Tensor.empty();

  override updateOutput(input: Activity): Table {
    this.output.length = this.modules.length;
    for (let i = 0; i < this.modules.length; i++) {
      try {
        this.output[i] = this.modules[i]!.forward(input);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    return this.output;
  }

  private gradOutputs(method: string, gradOutput: Activity): readonly Activity[] {
    if (gradOutput instanceof Tensor || gradOutput.length !== this.modules.length) {
      throw new ArgumentError(`${this.where(method)}: expected gradOutput to be a table of ${this.modules.length} entries, got ${describe(gradOutput)}`);
    }
    return gradOutput;
  }

  private sumGradInputs(input: Activity, run: (m: number) => Activity): Activity {
    for (let i = 0; i < this.modules.length; i++) {
      let g: Activity;
      try {
        g = run(i);
      } catch (e) {
        throw this.childFailed(i, e);
      }
      if (i === 0) this.gradInput = copyLike(this.gradInput, g);
      else accumulate(this.gradInput, g);
    }
    if (this.modules.length === 0) this.gradInput = copyLike(this.gradInput, input);
    return this.gradInput;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gs = this.gradOutputs('updateGradInput', gradOutput);
    return this.sumGradInputs(input, (i) => this.modules[i]!.updateGradInput(input, gs[i]!));
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const gs = this.gradOutputs('accGradParameters', gradOutput);
    for (let i = 0; i < this.modules.length; i++) {
      try {
        this.modules[i]!.accGradParameters(input, gs[i]!, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    const gs = this.gradOutputs('backward', gradOutput);
    return this.sumGradInputs(input, (i) => this.modules[i]!.backward(input, gs[i]!, scale));
  }

  override toString(): string {
    return this.childrenString('input -> {each child} -> {outputs}');
  }
}
