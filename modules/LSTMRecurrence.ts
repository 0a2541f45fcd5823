/**
 * The [h, c] state of the LSTM recurrences, LSTM and RecLSTM (not a Torch class): the step module
 * reads [x_t, h_{t−1}, c_{t−1}] and returns [h_t, c_t]; the output is h_t, and the gradient that
 * comes from outside the step reaches h only (c's part is zero).
 */
import { Recurrence } from './Recurrence.js';
import type { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike, zeroLike } from '../lib/Activity.js';

export abstract class LSTMRecurrence extends Recurrence {
  protected override pack(x: Activity, state: Activity): Activity {
    const [h, c] = state as Activity[];
    return [x, h!, c!];
  }

  protected override unpack(gradInput: Activity): [Activity, Activity] {
    const [gx, gh, gc] = gradInput as Activity[];
    return [gx!, [gh!, gc!]];
  }

  protected override outputOf(state: Activity): Activity {
    return (state as Activity[])[0]!;
  }

  protected override embedGrad(t: number, gradOutput: Activity): Activity {
    const old = this.gradOutputs[t] as Activity[] | undefined, c = (this.states[t] as Tensor[])[1]!;
    return [copyLike(old?.[0], gradOutput), zeroLike(old?.[1], c)];
  }
}
