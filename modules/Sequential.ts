/**
 * nn.Sequential: output = m_n(…m_1(input)). Backward walks the children from last to first, each
 * getting the previous child's output as input. Ref: torch/nn Sequential.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';

export class Sequential extends Container {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  private inputOf(i: number, input: Activity): Activity {
    return i === 0 ? input : this.modules[i - 1]!.output;
  }

  override updateOutput(input: Activity): Activity {
    let current = input;
    for (let i = 0; i < this.modules.length; i++) {
      try {
        current = this.modules[i]!.forward(current);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.output = current;
    return current;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      try {
        g = this.modules[i]!.updateGradInput(this.inputOf(i, input), g);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.gradInput = g;
    return g;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      const m = this.modules[i]!;
      try {
        m.accGradParameters(this.inputOf(i, input), g, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
      g = m.gradInput;
    }
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    let g = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      try {
        g = this.modules[i]!.backward(this.inputOf(i, input), g, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.gradInput = g;
    return g;
  }

  override toString(): string {
    const chain = this.modules.map((_, i) => `(${i})`).join(' -> ');
    return this.childrenString(`[input${chain ? ' -> ' + chain : ''} -> output]`);
  }
}
