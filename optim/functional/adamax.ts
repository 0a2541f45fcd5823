/**
 * Lua torch/optim's `optim.adamax`. g = df/dx + wd·x; t += 1; m = β₁·m + (1 − β₁)·g;
 * u = max(β₂·u, |g| + ε); x −= lr/(1 − β₁ᵗ) · m ⊘ u. `max` is Lua's [2, ...size] scratch
 * tensor (row 0: β₂·u, row 1: |g| + ε). Lua's `u:max(state.max, 1)` leaves u of size [1, ...size];
 * here u keeps x's size, with the same values. Ref: torch/optim adamax.lua; Kingma & Ba, arXiv:1412.6980 §7.
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type AdamaxConfig, type AdamaxState, type Feval, type OptimResult } from './types.js';

const WHERE = 'optim.adamax';

export function adamax(opfunc: Feval, x: Tensor, config: AdamaxConfig = {}, state: AdamaxState = config as AdamaxState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 0.002;
  const beta1 = config.beta1 ?? 0.9;
  const beta2 = config.beta2 ?? 0.999;
  const epsilon = config.epsilon ?? 1e-38;
  const wd = config.weightDecay ?? 0;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);
  if (wd !== 0) dfdx.add(wd, x);

  state.t ??= 0;
  state.m ??= zerosLike(x);
  state.u ??= zerosLike(x);
  state.max ??= Tensor.zeros([2, ...x.shape], x.dtype);

  state.t += 1;

  state.m.mul(beta1).add(1 - beta1, dfdx);
  const decayed = state.max.select(0, 0).copy(state.u).mul(beta2);
  const current = state.max.select(0, 1).copy(dfdx).abs().add(epsilon);
  state.u.cmax(decayed, current); // the exponentially weighted infinity norm

  const stepSize = lr / (1 - Math.pow(beta1, state.t));
  x.addcdiv(-stepSize, state.m, state.u);

  return [x, [fx]];
}
