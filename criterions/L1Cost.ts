/**
 * nn.L1Cost(): loss = Σ |x| over the input (of whatever shape; the target is ignored and not divided by
 * anything, as Torch's has no sizeAverage). gradInput = sign(x) (0 at 0). Typically an L1 penalty
 * on activations. Ref: torch/nn L1Cost.lua (THNN L1Cost.c).
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError } from '../lib/errors.js';

export class L1Cost extends Criterion<Activity, Target> {
  override gradInput = Tensor.empty();
  private buffer = Tensor.empty();

  private input(method: string, input: Activity): Tensor {
    if (!(input instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected an input tensor, got a table ${describe(input)}`);
    return input;
  }

  override updateOutput(input: Activity, _target?: Target): number {
    const x = this.input('updateOutput', input);
    this.output = this.buffer.resizeAs(x).copy(x).abs().sum();
    return this.output;
  }

  override updateGradInput(input: Activity, _target?: Target): Tensor {
    const x = this.input('updateGradInput', input);
    this.gradInput.resizeAs(x).copy(x).sign();
    return this.gradInput;
  }
}
