/**
 * rnn nn.FastLSTM(inputSize, outputSize, rho = 9999): an LSTM without peepholes, one time step per
 * forward call (input (B, in) or (in), output h_t), h and c starting at zero after forget().
 * Gates [input, forget, output, candidate] from one Linear on x and one bias-free Linear on h_{t−1}.
 * Backward in reverse time order (BPTT). Ref: rnn FastLSTM.lua; Hochreiter & Schmidhuber 1997.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, asTensor } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { LSTMStep } from './LSTMStep.js';

export class FastLSTM extends AbstractRecurrent {
  readonly stepModule: LSTMStep;
  private zeroState = Tensor.empty();
  private zeroGradC = Tensor.empty();
  private carry: [Tensor, Tensor] | null = null;
  private stepInputs: Table[] = [];

  constructor(readonly inputSize: number, readonly outputSize: number, rho = 9999) {
    super(rho);
    this.stepModule = new LSTMStep(inputSize, outputSize);
    this.modules = [this.stepModule];
  }

  protected get stepPrototype(): Module {
    return this.stepModule;
  }

  private state(t: number, x: Tensor): [Tensor, Tensor] {
    if (t === 0) {
      this.zeroState.resizeAs(x).resize(x.dim() === 2 ? [x.size(0), this.outputSize] : [this.outputSize]).zero();
      return [this.zeroState, this.zeroState];
    }
    const [h, c] = this.getStepModule(t - 1).output as [Tensor, Tensor];
    return [h, c];
  }

  protected stepForward(t: number, input: Activity): Activity {
    const x = asTensor(input, 'FastLSTM.updateOutput');
    const [h, c] = this.state(t, x);
    this.stepInputs[t] = [x, h, c];
    const [hOut] = this.getStepModule(t).forward(this.stepInputs[t]!) as Tensor[];
    return hOut!;
  }

  protected stepGradInput(t: number, _input: Activity, gradOutput: Activity): Activity {
    const last = t === this.step - 1;
    const gh = asTensor(gradOutput).contiguous();
    const [stored] = this.keepGradOutput(t, [gh, gh]) as Tensor[];
    const gc = (this.gradOutputs[t] as Tensor[])[1]!;
    if (!last && this.carry) {
      backend().axpby(stored!, 1, stored!, 1, this.carry[0]); // ∂L/∂h_t += from step t + 1
      gc.copy(this.carry[1]);
    } else {
      this.zeroGradC.resizeAs(gh).zero();
      gc.copy(this.zeroGradC);
    }
    const [gx, ghPrev, gcPrev] = this.getStepModule(t).updateGradInput(this.stepInputs[t]!, this.gradOutputs[t] as Table) as Tensor[];
    this.carry = t > 0 ? [ghPrev!, gcPrev!] : null;
    return gx!;
  }

  protected stepAccGrad(t: number, _input: Activity, scale: number): void {
    this.getStepModule(t).accGradParameters(this.stepInputs[t]!, this.gradOutputs[t] as Table, scale);
  }

  override forget(): this {
    this.carry = null;
    return super.forget();
  }

  override toString(): string {
    return `FastLSTM(${this.inputSize} -> ${this.outputSize})`;
  }
}
