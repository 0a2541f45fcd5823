/**
 * rnn nn.CopyGrad(): the identity (output = input) whose gradInput is a copy of gradOutput (not the
 * same tensor), so that later in-place changes to either leave the other alone. An nn.Identity, as
 * in rnn. Ref: rnn CopyGrad.lua.
 */
import { type Activity, copyLike } from '../lib/Activity.js';
import { Identity } from './Identity.js';

export class CopyGrad extends Identity {
  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = copyLike(this.gradInput, gradOutput);
    return this.gradInput;
  }
}
