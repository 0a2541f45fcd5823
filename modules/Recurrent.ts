/**
 * rnn nn.Recurrent(start, input, feedback, transfer = Sigmoid(), rho = 99999, merge = CAddTable()):
 * a simple RNN, h_0 = transfer(start(input(x_0))), h_t = transfer(merge([input(x_t),
 * feedback(h_{t−1})])). `start` is a module or a size (then Add(size): a learned bias on the first
 * step). One step per forward call; backward in reverse time order (BPTT). Hidden state h_t:
 * setHiddenState(−1, h0) makes the following sequences start with the recurrent step on [x_0, h0]
 * (instead of `start`), getGradHiddenState(−1) is then ∂L/∂h0; setGradHiddenState(T − 1, g) adds g
 * to the last step's gradient; maskZero() as AbstractRecurrent. Ref: rnn Recurrent.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { Sequential } from './Sequential.js';
import { ParallelTable } from './ParallelTable.js';
import { CAddTable } from './CAddTable.js';
import { Sigmoid } from './Sigmoid.js';
import { Add } from './Add.js';

export class Recurrent extends AbstractRecurrent {
  readonly startModule: Module;
  readonly inputModule: Module;
  readonly feedbackModule: Module;
  readonly transferModule: Module;
  readonly mergeModule: Module;
  /** Step 0: input → start → transfer. */
  readonly initialModule: Sequential;
  /** Steps ≥ 1: [input(x_t), feedback(h_{t−1})] → merge → transfer. */
  readonly recurrentModule: Sequential;
  /** ∂L/∂h_t coming back from step t + 1's feedback branch. */
  private carry: Activity | null = null;
  private userPrev: Tensor | null = null;
  private userNextGrad: Tensor | null = null;
  /** ∂L/∂h_{t−1} found by the backward of step t. */
  private gradStates: Activity[] = [];
  /** Step 0's module: initialModule, or a clone of recurrentModule when starting from h0 (wrapped after maskZero()). */
  private initStep: Module | null = null;
  private h0Step: Module | null = null;

  constructor(start: number | Module, input: Module, feedback: Module, transfer: Module = new Sigmoid(), rho = 99999, merge: Module = new CAddTable()) {
    super(rho);
    this.startModule = typeof start === 'number' ? new Add(start) : start;
    this.inputModule = input;
    this.feedbackModule = feedback;
    this.transferModule = transfer;
    this.mergeModule = merge;
    this.initialModule = new Sequential().add(input.sharedClone()).add(this.startModule).add(transfer.sharedClone());
    this.recurrentModule = new Sequential().add(new ParallelTable().add(input).add(feedback)).add(merge).add(transfer);
    this.modules = [this.startModule, input, feedback, transfer, merge];
  }

  protected get stepPrototype(): Module {
    return this.recurrentModule;
  }

  protected override readonly firstRecyclable = 2;

  override getStepModule(t: number): Module {
    if (t === 0) {
      const m = this.userPrev ? (this.h0Step ??= this.wrapStep(this.recurrentModule.sharedClone())) : (this.initStep ??= this.wrapStep(this.initialModule));
      this.sharedClones[0] = m;
      return m;
    }
    if (t === 1) return (this.sharedClones[1] ??= this.wrapStep(this.recurrentModule));
    return super.getStepModule(t);
  }

  override maskZero(nInputDim: number | boolean = 1): this {
    if (!this.maskzero) this.initStep = this.h0Step = null;
    return super.maskZero(nInputDim);
  }

  override getHiddenState(t: number): Activity {
    if (t === -1 && this.userPrev) return this.userPrev;
    const h = this.outputs[t];
    if (!h) throw new StateError(`${this.where('getHiddenState')}: no step ${t} yet (${this.step} steps forwarded${t === -1 ? '; step 0 starts from the start module, not from a state' : ''})`);
    return h;
  }

  override setHiddenState(t: number, state: Activity | null): this {
    if (state !== null && !(state instanceof Tensor)) throw new ArgumentError(`${this.where('setHiddenState')}: expected a tensor h, got a table`);
    if (t === -1) this.userPrev = state;
    else if (t === this.step - 1 && state) asTensor(this.outputs[t]!).copy(state);
    else throw new ArgumentError(`${this.where('setHiddenState')}: expected step −1 or the last step ${this.step - 1}, got ${t}`);
    return this;
  }

  override getGradHiddenState(t: number): Activity {
    const g = this.gradStates[t + 1];
    if (!g) throw new StateError(`${this.where('getGradHiddenState')}: no gradient for step ${t} yet; run backward through step ${t + 1} first${t === -1 ? ' (from a state set by setHiddenState(−1, h0))' : ''}`);
    return g;
  }

  override setGradHiddenState(_t: number, grad: Activity | null): this {
    if (grad !== null && !(grad instanceof Tensor)) throw new ArgumentError(`${this.where('setGradHiddenState')}: expected a tensor, got a table`);
    this.userNextGrad = grad;
    return this;
  }

  protected stepForward(t: number, x: Activity): Activity {
    return t === 0 && !this.userPrev ? this.getStepModule(0).forward(x) : this.getStepModule(t).forward(this.stepInput(t, x));
  }

  /** The step module's input: x_0 alone at a start from `start`, else [x_t, h_{t−1}]. */
  private stepInput(t: number, x: Activity): Activity {
    if (t > 0) return [x, this.outputs[t - 1]!];
    return this.userPrev ? [x, this.userPrev] : x;
  }

  protected stepGradInput(t: number, x: Activity, gradOutput: Activity): Activity {
    const g = this.keepGradOutput(t, gradOutput);
    const carry = t === this.step - 1 ? this.userNextGrad : this.carry;
    if (carry) {
      backend().axpby(asTensor(g), 1, asTensor(g), 1, asTensor(carry).contiguous()); // ∂L/∂h_t += from step t + 1
    }
    if (t === 0 && !this.userPrev) {
      this.carry = null;
      return this.getStepModule(0).updateGradInput(x, g);
    }
    const [gx, gPrev] = this.getStepModule(t).updateGradInput(this.stepInput(t, x), g) as Activity[];
    this.carry = gPrev!;
    this.gradStates[t] = gPrev!;
    return gx!;
  }

  protected stepAccGrad(t: number, x: Activity, scale: number): void {
    const g = this.gradOutputs[t]!;
    this.getStepModule(t).accGradParameters(this.stepInput(t, x), g, scale);
  }

  override forget(): this {
    this.carry = null;
    this.gradStates.length = 0;
    return super.forget();
  }

  override toString(): string {
    const ind = (m: Module) => m.toString().replace(/\n/g, '\n    ');
    return `Recurrent {\n  start: ${ind(this.startModule)}\n  input: ${ind(this.inputModule)}\n  feedback: ${ind(this.feedbackModule)}\n  transfer: ${ind(this.transferModule)}\n  merge: ${ind(this.mergeModule)}\n}`;
  }
}

