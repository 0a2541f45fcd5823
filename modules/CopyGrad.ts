/**
 * rnn nn.CopyGrad(): the identity (output = input) whose gradInput is a copy of gradOutput (not the
 * same tensor), so that later in-place changes to either leave the other alone. Ref: rnn CopyGrad.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike } from '../lib/Activity.js';

export class CopyGrad extends Module<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  override updateOutput(input: Activity): Activity {
    this.output = input;
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = copyLike(this.gradInput, gradOutput);
    return this.gradInput;
  }
}
