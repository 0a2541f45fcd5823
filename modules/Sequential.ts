/**
 * nn.Sequential: output = m_n(…m_1(input)). Backward walks the children from last to first, each
 * getting the previous child's output as input. Ref: torch/nn Sequential.lua.
 *
 * Typed: `add` carries the added module's output type, so
 * `new Sequential().add(new Linear(2, 3)).forward(x)` is a Tensor (`Sequential<Activity, Tensor>`);
 * `In` is the input type (Activity unless given).
 */
import { Container } from '../lib/Container.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';

export class Sequential<In extends Activity = Activity, Out extends Activity = Activity> extends Container<In, Out> {
  override output = Tensor.empty() as Activity as Out;
  override gradInput = Tensor.empty() as Activity as In;

  /** Appends `module` and returns this, typed as a Sequential whose output is the module's. */
  override add<M extends Module>(module: M): Sequential<In, M['output']>;
  override add(module: Module): this;
  override add(module: Module): this {
    return super.add(module);
  }

  private inputOf(i: number, input: Activity): Activity {
    return i === 0 ? input : this.modules[i - 1]!.output;
  }

  override updateOutput(input: In): Out {
    let current: Activity = input;
    for (let i = 0; i < this.modules.length; i++) {
      try {
        current = this.modules[i]!.forward(current);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.output = current as Out;
    return this.output;
  }

  override updateGradInput(input: In, gradOutput: Activity): In {
    let g: Activity = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      try {
        g = this.modules[i]!.updateGradInput(this.inputOf(i, input), g);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.gradInput = g as In;
    return this.gradInput;
  }

  override accGradParameters(input: In, gradOutput: Activity, scale = 1): void {
    let g: Activity = gradOutput;
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

  override backward(input: In, gradOutput: Activity, scale = 1): In {
    let g: Activity = gradOutput;
    for (let i = this.modules.length - 1; i >= 0; i--) {
      try {
        g = this.modules[i]!.backward(this.inputOf(i, input), g, scale);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    this.gradInput = g as In;
    return this.gradInput;
  }

  override toString(): string {
    const chain = this.modules.map((_, i) => `(${i})`).join(' -> ');
    return this.childrenString(`[input${chain ? ' -> ' + chain : ''} -> output]`);
  }
}
