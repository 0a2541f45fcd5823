/**
 * rnn nn.BiSequencerLM(forward, backward = a reset clone of forward, merge = JoinTable(0, 1)): a
 * bidirectional sequencer for language models, where step t must not see x_t. Input a table of
 * N ≥ 2 steps, output a table of N: step t is merge([f_{t−1}, b_{t+1}]), f = the forward
 * sequencer over x_0 … x_{N−2}, b = the backward one over x_{N−1} … x_1 (in reverse), with zeros
 * for f_{−1} and b_N. A recurrent forward/backward module is wrapped in a Sequencer (else it is
 * taken to be one); a number merge is JoinTable(0, merge). Internals as rnn: _fwd, _bwd =
 * ReverseTable → bwdSeq → ReverseTable, _merge = ZipTable → Sequencer(merge). Ref: rnn BiSequencerLM.lua.
 */
import { AbstractSequencer } from './AbstractSequencer.js';
import { Module } from '../lib/Module.js';
import { type Activity, copyLike, leaves, zeroLike } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Sequencer } from './Sequencer.js';
import { Sequential } from './Sequential.js';
import { ReverseTable } from './ReverseTable.js';
import { ZipTable } from './ZipTable.js';
import { JoinTable } from './JoinTable.js';

type Steps = Activity[];

export class BiSequencerLM extends AbstractSequencer {
  override output: Activity = [];
  override gradInput: Activity = [];
  readonly forwardModule: Module;
  readonly backwardModule: Module;
  readonly mergeModule: Module;
  readonly fwdSeq: Module;
  readonly bwdSeq: Module;
  readonly mergeSeq: Sequencer;
  readonly _fwd: Module;
  readonly _bwd: Sequential;
  readonly _merge: Sequential;
  private _mergeInput: Steps[] = [];
  /** The zeros standing for f_{−1} and b_N. */
  private _firstStep: Activity | undefined;
  private _lastStep: Activity | undefined;
  private _mergeGradInput: Steps[] = [];

  constructor(forward: Module, backward?: Module, merge?: Module | number) {
    super();
    if (!(forward instanceof Module)) throw new ArgumentError('BiSequencerLM.constructor: expected a Module as forward');
    this.forwardModule = forward;
    this.backwardModule = backward ?? forward.clone().reset();
    this.mergeModule = merge instanceof Module ? merge : new JoinTable(0, merge ?? 1);
    const seq = (m: Module) => (m instanceof AbstractRecurrent ? new Sequencer(m) : m);
    this.fwdSeq = seq(this.forwardModule);
    this.bwdSeq = seq(this.backwardModule);
    this.mergeSeq = new Sequencer(this.mergeModule);
    this._fwd = this.fwdSeq;
    this._bwd = new Sequential().add(new ReverseTable()).add(this.bwdSeq).add(new ReverseTable());
    this._merge = new Sequential().add(new ZipTable()).add(this.mergeSeq);
    this.modules = [this._fwd, this._bwd, this._merge];
  }

  private steps(method: string, x: Activity, what = 'input'): Steps {
    if (!Array.isArray(x) || x.length < 2) throw new ArgumentError(`${this.where(method)}: expected ${what} to be a table of at least 2 steps, got ${Array.isArray(x) ? `${x.length} step` : 'a tensor'}`);
    return [...(x as Steps)];
  }

  forget(): this {
    for (const m of [this.fwdSeq, this.bwdSeq]) if (m instanceof Sequencer || m instanceof AbstractRecurrent) m.forget();
    return this;
  }

  override updateOutput(input: Activity): Activity {
    const xs = this.steps('updateOutput', input), n = xs.length;
    const f = [...(this._fwd.forward(xs.slice(0, n - 1)) as Steps)];
    const b = [...(this._bwd.forward(xs.slice(1)) as Steps)];
    this._firstStep = zeroLike(this._firstStep, f[0]!);
    this._lastStep = zeroLike(this._lastStep, b[0]!);
    this._mergeInput = [[this._firstStep, ...f], [...b, this._lastStep]];
    this.output = [...(this._merge.forward(this._mergeInput) as Steps)];
    return this.output;
  }

  private grads(): [Steps, Steps] {
    const g = this._mergeGradInput, n = g[0]?.length ?? 0;
    if (n === 0) throw new StateError(`${this.where('accGradParameters')}: called before updateGradInput; run updateGradInput (or backward) first`);
    return [g[0]!.slice(1), g[1]!.slice(0, n - 1)];
  }

  private reverse(method: 'updateGradInput' | 'backward', input: Activity, gradOutput: Activity, scale: number): Activity {
    const xs = this.steps(method, input), n = xs.length;
    const run = (m: Module, x: Activity, g: Activity) => (method === 'backward' ? m.backward(x, g, scale) : m.updateGradInput(x, g));
    this._mergeGradInput = (run(this._merge, this._mergeInput, this.steps(method, gradOutput, 'gradOutput')) as Steps[]).map((s) => [...s]);
    const [gf, gb] = this.grads();
    const fg = run(this._fwd, xs.slice(0, n - 1), gf) as Steps, bg = run(this._bwd, xs.slice(1), gb) as Steps;
    const old = Array.isArray(this.gradInput) ? this.gradInput : [];
    this.gradInput = xs.map((_, i) => {
      if (i === 0) return fg[0]!;
      if (i === n - 1) return bg[n - 2]!;
      const sum = copyLike(old[i], fg[i]!), add = leaves(bg[i - 1]!);
      leaves(sum).forEach((v, j) => v.add(add[j]!)); // x_i feeds f_i and b_{i−1}'s sequencer
      return sum;
    });
    return this.gradInput;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    return this.reverse('updateGradInput', input, gradOutput, 1);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const xs = this.steps('accGradParameters', input), n = xs.length, [gf, gb] = this.grads();
    this._merge.accGradParameters(this._mergeInput, gradOutput, scale);
    this._fwd.accGradParameters(xs.slice(0, n - 1), gf, scale);
    this._bwd.accGradParameters(xs.slice(1), gb, scale);
  }

  override backward(input: Activity, gradOutput: Activity, scale = 1): Activity {
    return this.reverse('backward', input, gradOutput, scale);
  }

  override toString(): string {
    const ind = (m: Module) => m.toString().replace(/\n/g, '\n  |    ');
    return `BiSequencerLM {\n  (  fwd  ): ${ind(this._fwd)}\n  (  bwd  ): ${ind(this._bwd)}\n  ( merge ): ${ind(this._merge)}\n}`;
  }
}
