/**
 * dpnn nn.Reinforce(stochastic = false): base of the REINFORCE modules. It ignores gradOutput; its
 * gradInput is −∂log f(output | input)/∂input · reward, with the per-example reward handed over by
 * `reinforce(reward)` after forward and before backward (VRClassReward does that), so that gradient
 * descent on the model ascends the expected reward. Samples in training (or always when
 * `stochastic`); evaluate mode is deterministic. Ref: dpnn Reinforce.lua; Williams 1992.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, StateError, shapeStr } from '../lib/errors.js';

export abstract class Reinforce<In extends Activity = Tensor> extends Module<In, Tensor> {
  override output = Tensor.empty();
  /** The last reward received: one value per example, (B). */
  reward: Tensor | null = null;

  constructor(public stochastic = false) {
    super();
  }

  override reinforce(reward: Tensor): void {
    super.reinforce(reward);
    this.reward = reward;
  }

  /** Whether forward samples (training, or stochastic). */
  protected sampling(): boolean {
    return this.stochastic || this.train;
  }

  /**
   * The reward, checked against `input`, with the [rows, cols] over which it is broadcast:
   * reward[r] multiplies every element of example r.
   */
  protected rewardFor(method: string, input: Tensor): [Tensor, number, number] {
    const r = this.reward;
    if (!r) throw new StateError(`${this.where(method)}: no reward; call reinforce(reward) after forward and before backward (VRClassReward does this)`);
    if (r.dim() !== 1) throw new ShapeError(`${this.where(method)}: expected a 1-D reward, got ${shapeStr(r.shape)}`);
    const R = r.numel();
    // a batch (B, …) with B rewards; a non-batch input with one; or an input shaped exactly like the reward
    const batch = input.dim() > 1 && input.size(0) === R;
    if (!batch && R !== 1 && !(input.dim() === 1 && input.size(0) === R)) {
      throw new ShapeError(`${this.where(method)}: expected a reward of ${input.dim() > 1 ? input.size(0) : 1} values for input ${shapeStr(input.shape)}, got ${shapeStr(r.shape)}`);
    }
    return [r.contiguous(), R, input.numel() / R];
  }

  override toString(): string {
    return `${this.constructor.name}(${this.stochastic ? 'stochastic' : ''})`;
  }
}
