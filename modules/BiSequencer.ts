/**
 * rnn nn.BiSequencer(forward, backward = a reset clone of forward, merge = JoinTable(0, 1)): a
 * bidirectional sequencer. Input a table of T steps (or a T × … tensor); step t's output is
 * merge([f_t, b_t]), f = Sequencer(forward) over the steps, b = Sequencer(backward) over the
 * reversed steps, reversed back. The default merge joins the two along the features. The output
 * has the input's form. remember(mode) applies to the forward sequencer only; the backward one
 * starts anew at every forward (it runs the steps in reverse). Ref: rnn BiSequencer.lua.
 */
import type { Module, RememberMode } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, asTensor, leaves } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { Sequencer } from './Sequencer.js';
import { JoinTable } from './JoinTable.js';
import { AbstractSequencer } from './AbstractSequencer.js';
import { joinInto } from '../lib/join.js';

export class BiSequencer extends AbstractSequencer {
  override output: Activity = [];
  override gradInput: Activity = [];
  readonly forwardModule: Module;
  readonly backwardModule: Module;
  readonly mergeModule: Module;
  readonly fwdSeq: Sequencer;
  readonly bwdSeq: Sequencer;
  readonly mergeSeq: Sequencer;
  private zipped: Table = [];
  /** ∂L/∂[f_t, b_t] of the last updateGradInput, for accGradParameters. */
  private gradZipped: Activity[][] = [];

  constructor(forward: Module, backward?: Module, merge: Module = new JoinTable(0, 1)) {
    super();
    this.forwardModule = forward;
    this.backwardModule = backward ?? forward.clone().reset();
    this.mergeModule = merge;
    this.fwdSeq = new Sequencer(this.forwardModule);
    this.bwdSeq = new Sequencer(this.backwardModule);
    this.mergeSeq = new Sequencer(merge);
    this.modules = [this.fwdSeq, this.bwdSeq, this.mergeSeq];
  }

  /** The forward sequencer remembers in `mode`; the backward one never does. */
  override remember(mode: RememberMode = 'both'): this {
    super.remember(mode);
    this.fwdSeq.remember(mode);
    this.bwdSeq.remember('neither');
    return this;
  }

  override forget(): this {
    for (const m of this.modules) m.forget();
    return this;
  }

  private steps(method: string, x: Activity): Activity[] {
    if (x instanceof Tensor) return Array.from({ length: x.size(0) }, (_, t) => x.select(0, t));
    if (x.length === 0) throw new ArgumentError(`${this.where(method)}: expected a non-empty sequence, got an empty table`);
    return [...x];
  }

  private form(like: Activity, parts: Activity[]): Activity {
    if (!(like instanceof Tensor)) return parts;
    const first = asTensor(parts[0]!), out = Tensor.zeros([parts.length, ...first.shape], first.dtype);
    joinInto(out, parts.map((p) => asTensor(p).view([1, ...first.shape])), 0);
    return out;
  }

  override updateOutput(input: Activity): Activity {
    const xs = this.steps('updateOutput', input);
    const f = this.fwdSeq.forward(xs) as Activity[];
    const b = this.bwdSeq.forward([...xs].reverse()) as Activity[];
    this.zipped = f.map((ft, t) => [ft, b[xs.length - 1 - t]!]);
    this.output = this.form(input, [...(this.mergeSeq.forward(this.zipped) as Activity[])]);
    return this.output;
  }

  private reverse(method: 'updateGradInput' | 'backward', input: Activity, gradOutput: Activity, scale: number): Activity {
    const xs = this.steps(method, input), gs = this.steps(method, gradOutput), T = xs.length;
    const run = (s: Sequencer, x: Activity, g: Activity) => (method === 'backward' ? s.backward(x, g, scale) : s.updateGradInput(x, g));
    const gz = run(this.mergeSeq, this.zipped, gs) as Activity[][];
    this.gradZipped = gz;
    const gf = run(this.fwdSeq, xs, gz.map((g) => g[0]!)) as Activity[];
    const gb = run(this.bwdSeq, [...xs].reverse(), gz.map((g) => g[1]!).reverse()) as Activity[];
    const gi = gf.map((g, t) => {
      const sum = leaves(g).map((v) => v.clone());
      leaves(gb[T - 1 - t]!).forEach((v, i) => sum[i]!.add(v)); // both directions read x_t
      return g instanceof Tensor ? sum[0]! : sum;
    });
    this.gradInput = this.form(input, gi);
    return this.gradInput;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    return this.reverse('updateGradInput', input, gradOutput, 1);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const xs = this.steps('accGradParameters', input), gs = this.steps('accGradParameters', gradOutput);
    const gz = this.gradZipped;
    if (gz.length !== xs.length) throw new StateError(`${this.where('accGradParameters')}: called before updateGradInput; run updateGradInput (or backward) first`);
    this.mergeSeq.accGradParameters(this.zipped, gs, scale);
    this.fwdSeq.accGradParameters(xs, gz.map((g) => g[0]!), scale);
    this.bwdSeq.accGradParameters([...xs].reverse(), gz.map((g) => g[1]!).reverse(), scale);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    return this.reverse('backward', input, gradOutput, scale);
  }

  override toString(): string {
    return `BiSequencer {\n  forward: ${this.forwardModule}\n  backward: ${this.backwardModule}\n  merge: ${this.mergeModule}\n}`;
  }
}
