/**
 * rnn nn.ZeroGrad(): the identity forward (output = input, nn.Identity's) that blocks gradients:
 * the gradInput is zeros shaped like the input (tensors or tables). Ref: rnn ZeroGrad.lua.
 */
import { type Activity, zeroLike } from '../lib/Activity.js';
import { Identity } from './Identity.js';

export class ZeroGrad extends Identity {
  override updateGradInput(input: Activity, _gradOutput: Activity): Activity {
    this.gradInput = zeroLike(this.gradInput, input);
    return this.gradInput;
  }
}
