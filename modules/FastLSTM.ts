/**
 * rnn nn.FastLSTM(inputSize, outputSize, rho = 9999): an LSTM without peepholes, one time step per
 * forward call (input (B, in) or (in), output h_t), h and c starting at zero after forget().
 * Gates [input, forget, output, candidate] from one Linear on x and one bias-free Linear on h_{t−1}.
 * Backward in reverse time order (BPTT). Hidden state [h_t, c_t]: setHiddenState(−1, [h0, c0])
 * starts the following sequences there, getGradHiddenState(−1) is then ∂L/∂[h0, c0];
 * setGradHiddenState(T − 1, [gh, gc]) adds to the last step's gradient; maskZero() as
 * AbstractRecurrent. Ref: rnn FastLSTM.lua, LSTM.lua; Hochreiter & Schmidhuber 1997.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, asTensor, describe } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { LSTMStep } from './LSTMStep.js';

export class FastLSTM extends AbstractRecurrent {
  readonly stepModule: LSTMStep;
  private zeroState = Tensor.empty();
  private zeroGradC = Tensor.empty();
  private carry: [Tensor, Tensor] | null = null;
  private stepInputs: Table[] = [];
  private userPrev: [Tensor, Tensor] | null = null;
  private userNextGrad: [Tensor, Tensor] | null = null;
  /** ∂L/∂[h, c] of step t − 1, found by the backward of step t. */
  private gradStates: [Tensor, Tensor][] = [];

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
      if (this.userPrev) return this.userPrev;
      this.zeroState.resizeAs(x).resize(x.dim() === 2 ? [x.size(0), this.outputSize] : [this.outputSize]).zero();
      return [this.zeroState, this.zeroState];
    }
    const [h, c] = this.getStepModule(t - 1).output as [Tensor, Tensor];
    return [h, c];
  }

  private pair(method: string, s: Activity): [Tensor, Tensor] {
    if (!(Array.isArray(s) && s.length === 2 && s[0] instanceof Tensor && s[1] instanceof Tensor)) throw new ArgumentError(`${this.where(method)}: expected [h, c], got ${describe(s)}`);
    return [s[0], s[1]];
  }

  override getHiddenState(t: number): Activity {
    if (t === -1) return this.userPrev ?? [this.zeroState, this.zeroState];
    if (!(t >= 0 && t < this.step)) throw new StateError(`${this.where('getHiddenState')}: no step ${t} yet (${this.step} steps forwarded)`);
    return this.getStepModule(t).output;
  }

  override setHiddenState(t: number, state: Activity | null): this {
    if (t === -1) this.userPrev = state ? this.pair('setHiddenState', state) : null;
    else if (t === this.step - 1 && state) {
      const [h, c] = this.pair('setHiddenState', state), out = this.getStepModule(t).output as Tensor[];
      out[0]!.copy(h);
      out[1]!.copy(c);
    } else throw new ArgumentError(`${this.where('setHiddenState')}: expected step −1 or the last step ${this.step - 1}, got ${t}`);
    return this;
  }

  override getGradHiddenState(t: number): Activity {
    const g = this.gradStates[t + 1];
    if (!g) throw new StateError(`${this.where('getGradHiddenState')}: no gradient for step ${t} yet; run backward through step ${t + 1} first`);
    return g;
  }

  override setGradHiddenState(_t: number, grad: Activity | null): this {
    this.userNextGrad = grad ? this.pair('setGradHiddenState', grad) : null;
    return this;
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
    const carry = last ? this.userNextGrad : this.carry;
    if (carry) {
      backend().axpby(stored!, 1, stored!, 1, carry[0].contiguous()); // ∂L/∂h_t += from step t + 1
      gc.copy(carry[1]);
    } else {
      this.zeroGradC.resizeAs(gh).zero();
      gc.copy(this.zeroGradC);
    }
    const [gx, ghPrev, gcPrev] = this.getStepModule(t).updateGradInput(this.stepInputs[t]!, this.gradOutputs[t] as Table) as Tensor[];
    this.carry = [ghPrev!, gcPrev!];
    this.gradStates[t] = this.carry;
    return gx!;
  }

  protected stepAccGrad(t: number, _input: Activity, scale: number): void {
    this.getStepModule(t).accGradParameters(this.stepInputs[t]!, this.gradOutputs[t] as Table, scale);
  }

  override forget(): this {
    this.carry = null;
    this.gradStates.length = 0;
    return super.forget();
  }

  override toString(): string {
    return `FastLSTM(${this.inputSize} -> ${this.outputSize})`;
  }
}
