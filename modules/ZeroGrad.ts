/**
 * rnn nn.ZeroGrad(): the identity forward (output = input) that blocks gradients: the gradInput is
 * zeros shaped like the input (tensors or tables). Ref: rnn ZeroGrad.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, zeroLike } from '../lib/Activity.js';

export class ZeroGrad extends Module<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  override updateOutput(input: Activity): Activity {
    this.output = input;
    return this.output;
  }

  override updateGradInput(input: Activity, _gradOutput: Activity): Activity {
    this.gradInput = zeroLike(this.gradInput, input);
    return this.gradInput;
  }
}
