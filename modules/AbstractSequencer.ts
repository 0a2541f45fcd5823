/**
 * rnn nn.AbstractSequencer: the base of the modules that take a whole sequence at once. It holds
 * rnn's memory switch: remember('both' | 'train' | 'eval' | 'neither') says in which mode the state
 * carries over from one sequence to the next (default 'neither': each forward starts anew);
 * hasMemory() tells whether it does in the current mode. Unlike a Module's remember, it does not
 * pass the mode on to the modules inside, and maxBPTTstep leaves it alone (a sequencer sets the
 * depth of its own module from each sequence's length). Never instantiated.
 * Ref: rnn AbstractSequencer.lua.
 */
import { Container } from '../lib/Container.js';
import type { Activity } from '../lib/Activity.js';
import type { RememberMode } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';

const MODES: readonly RememberMode[] = ['both', 'train', 'eval', 'neither'];

export abstract class AbstractSequencer extends Container<Activity, Activity> {
  /** Lua's `_remember`. */
  _remember: RememberMode = 'neither';

  override remember(mode: RememberMode = 'both'): this {
    if (!MODES.includes(mode)) throw new ArgumentError(`${this.where('remember')}: expected one of ${MODES.join(', ')}, got ${String(mode)}`);
    this._remember = mode;
    return this;
  }

  hasMemory(): boolean {
    const r = this._remember;
    return r === 'both' || (r === 'train' && this.train) || (r === 'eval' && !this.train);
  }

  override maxBPTTstep(_rho: number): this {
    return this;
  }

  /** Starts a new sequence. */
  abstract override forget(): this;
}
