/**
 * dpnn nn.ReinforceCategorical(stochastic = false): input probabilities p (B, K) or (K) (rows need
 * not sum to 1); samples a one-hot row per example (training or stochastic), else x = p.
 * Backward (gradOutput ignored): −x/(p + 1e-8)·r, i.e. −r/p_k at the sampled k. Only meaningful
 * after sampling. Ref: dpnn ReinforceCategorical.lua.
 */
import { Reinforce } from './Reinforce.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';

export class ReinforceCategorical extends Reinforce {
  override gradInput = Tensor.empty();
  private den = Tensor.empty();

  override updateOutput(input: Tensor): Tensor {
    const p = this.checkTensor('updateOutput', input, [1, 2]).contiguous();
    this.output.resizeAs(p);
    if (this.sampling()) backend().categoricalRows(this.output, p, p.dim() === 2 ? p.size(0) : 1, p.size(-1), rng);
    else backend().copy(this.output, p);
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    const p = this.checkTensor('updateGradInput', input, [1, 2]).contiguous();
    const [reward, rows, cols] = this.rewardFor('updateGradInput', p);
    const k = backend(), g = this.gradInput.resizeAs(p), den = this.den.resizeAs(p);
    k.adds(den, p, 1e-8);
    k.cdiv(g, this.output, den);
    k.axpby(g, -1, g, 0, g); // −x/(p + 1e-8)
    k.scaleRows(g, g, reward, rows, cols);
    return g;
  }
}
