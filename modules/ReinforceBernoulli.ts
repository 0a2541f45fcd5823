/**
 * dpnn nn.ReinforceBernoulli(stochastic = false): input probabilities p (any shape); samples
 * x = 1 with probability p (training or stochastic), else x = p. Backward (gradOutput ignored):
 * −(x − p)/(p(1 − p))·r (no epsilon, as dpnn: p = 0 or 1 gives ±Infinity/NaN). Ref: dpnn ReinforceBernoulli.lua.
 */
import { Reinforce } from './Reinforce.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';

export class ReinforceBernoulli extends Reinforce {
  override gradInput = Tensor.empty();
  private den = Tensor.empty();

  override updateOutput(input: Tensor): Tensor {
    const p = this.checkTensor('updateOutput', input, [1, 2, 3, 4]).contiguous();
    this.output.resizeAs(p);
    if (this.sampling()) backend().bernoulliFrom(this.output, p, rng);
    else backend().copy(this.output, p);
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    const p = this.checkTensor('updateGradInput', input, [1, 2, 3, 4]).contiguous();
    const [reward, rows, cols] = this.rewardFor('updateGradInput', p);
    const k = backend(), g = this.gradInput.resizeAs(p), den = this.den.resizeAs(p);
    k.cmul(den, p, p);
    k.axpby(den, 1, p, -1, den); // p(1 − p)
    k.axpby(g, -1, this.output, 1, p); // −(x − p)
    k.cdiv(g, g, den);
    k.scaleRows(g, g, reward, rows, cols);
    return g;
  }
}
