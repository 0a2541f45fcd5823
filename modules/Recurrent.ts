/**
 * rnn nn.Recurrent(start, input, feedback, transfer = Sigmoid(), rho = 99999, merge = CAddTable()):
 * a simple RNN, h_0 = transfer(start(input(x_0))), h_t = transfer(merge([input(x_t),
 * feedback(h_{t−1})])). `start` is a module or a size (then Add(size): a learned bias on the first
 * step). One step per forward call; backward in reverse time order (BPTT). Ref: rnn Recurrent.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
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

  override getStepModule(t: number): Module {
    if (t === 0) {
      this.sharedClones[0] = this.initialModule;
      return this.initialModule;
    }
    if (t === 1) {
      this.sharedClones[1] = this.recurrentModule;
      return this.recurrentModule;
    }
    return super.getStepModule(t);
  }

  protected stepForward(t: number, x: Activity): Activity {
    return t === 0 ? this.getStepModule(0).forward(x) : this.getStepModule(t).forward([x, this.outputs[t - 1]!]);
  }

  protected stepGradInput(t: number, x: Activity, gradOutput: Activity): Activity {
    const g = this.keepGradOutput(t, gradOutput);
    if (t < this.step - 1 && this.carry) {
      backend().axpby(asTensor(g), 1, asTensor(g), 1, asTensor(this.carry).contiguous()); // ∂L/∂h_t += from step t + 1
    }
    if (t === 0) {
      this.carry = null;
      return this.getStepModule(0).updateGradInput(x, g);
    }
    const [gx, gPrev] = this.getStepModule(t).updateGradInput([x, this.outputs[t - 1]!], g) as Activity[];
    this.carry = gPrev!;
    return gx!;
  }

  protected stepAccGrad(t: number, x: Activity, scale: number): void {
    const g = this.gradOutputs[t]!;
    if (t === 0) this.getStepModule(0).accGradParameters(x, g, scale);
    else this.getStepModule(t).accGradParameters([x, this.outputs[t - 1]!], g, scale);
  }

  override forget(): this {
    this.carry = null;
    return super.forget();
  }

  override toString(): string {
    const ind = (m: Module) => m.toString().replace(/\n/g, '\n    ');
    return `Recurrent {\n  start: ${ind(this.startModule)}\n  input: ${ind(this.inputModule)}\n  feedback: ${ind(this.feedbackModule)}\n  transfer: ${ind(this.transferModule)}\n  merge: ${ind(this.mergeModule)}\n}`;
  }
}

