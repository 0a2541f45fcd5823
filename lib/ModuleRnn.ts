/**
 * rnn's additions to nn.Module (torch/rnn Module.lua), the base of every Module: `forget`,
 * `remember`, `maskZero`, `setZeroMask`, the hidden-state calls, `setOutputStep` and `maxBPTTstep`.
 * A container passes each to its children; the recurrent modules and sequencers override them.
 */
import type { Tensor } from './Tensor.js';
import { type Activity, describe } from './Activity.js';
import { ArgumentError } from './errors.js';

/** rnn's memory modes: in which of training and evaluation a sequencer's state carries over from one forward to the next. */
export type RememberMode = 'both' | 'train' | 'eval' | 'neither';

export abstract class ModuleRnn {
  /** The module's children (containers); leaves have none. */
  abstract children(): readonly ModuleRnn[];
  /** "Class.method" for error messages. */
  protected abstract where(method: string): string;

  /** rnn's forget: recurrent modules start a new sequence; containers pass it to their children. */
  forget(): this {
    for (const c of this.children()) c.forget();
    return this;
  }

  /** rnn's remember: the sequencers inside keep their state across forwards in `mode` (see AbstractSequencer); containers pass it on. */
  remember(mode: RememberMode = 'both'): this {
    for (const c of this.children()) c.remember(mode);
    return this;
  }

  /** rnn's maskZero: the recurrent modules inside zero-mask their padding steps (see AbstractRecurrent); containers pass it on. */
  maskZero(v1?: boolean | number): this {
    for (const c of this.children()) c.maskZero(v1);
    return this;
  }

  /** rnn's setZeroMask: a (seqlen, batch) mask (1 = padding) for the recurrent modules inside; null or false: find the zero rows again. Containers pass it on. */
  setZeroMask(mask: Tensor | null | false): this {
    for (const c of this.children()) c.setZeroMask(mask);
    return this;
  }

  /** rnn's getHiddenState: a container's is the table of its children's, a module without state has an empty table. */
  getHiddenState(t: number, input?: Activity): Activity {
    return this.children().map((c) => c.getHiddenState(t, input));
  }

  /** rnn's setHiddenState: a container hands element i of the table to child i (null: to each). */
  setHiddenState(t: number, state: Activity | null): this {
    this.eachChildState('setHiddenState', state, (c, s) => c.setHiddenState(t, s));
    return this;
  }

  /** rnn's getGradHiddenState, a table like getHiddenState's. */
  getGradHiddenState(t: number): Activity {
    return this.children().map((c) => c.getGradHiddenState(t));
  }

  /** rnn's setGradHiddenState, a table like setHiddenState's. */
  setGradHiddenState(t: number, grad: Activity | null): this {
    this.eachChildState('setGradHiddenState', grad, (c, g) => c.setGradHiddenState(t, g));
    return this;
  }

  private eachChildState(method: string, states: Activity | null, f: (c: ModuleRnn, s: Activity | null) => void): void {
    const kids = this.children();
    if (kids.length === 0) return;
    if (states !== null && !Array.isArray(states)) throw new ArgumentError(`${this.where(method)}: expected a table of ${kids.length} states (one per child), got ${describe(states)}`);
    kids.forEach((c, i) => f(c, states === null ? null : (states as readonly Activity[])[i] ?? null));
  }

  /** rnn's setOutputStep: the recurrent modules inside show step `step`'s output and gradInput (a Recursor calls it before a step's backward); containers pass it on. */
  setOutputStep(step: number): this {
    for (const c of this.children()) c.setOutputStep(step);
    return this;
  }

  /** rnn's maxBPTTstep: recurrent modules back-propagate at most `rho` steps; containers pass it on. */
  maxBPTTstep(rho: number): this {
    for (const c of this.children()) c.maxBPTTstep(rho);
    return this;
  }
}
