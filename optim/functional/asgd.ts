/**
 * Lua torch/optim's `optim.asgd`: averaged SGD as in L. Bottou's sgd-2.0.
 * x = (1 − λ·η_t)·x − η_t·df/dx; a = a + μ_t·(x − a) (a = x while μ_t is 1);
 * η_t = η₀/(1 + λ·η₀·t)^α, μ_t = 1/max(1, t − t₀).
 * As Lua's, it writes its defaults into config (eta0, lambda, alpha, t0) and returns the average
 * as a third value. Ref: torch/optim asgd.lua (Farabet, 2012); Bottou, "Stochastic Gradient Descent Tricks".
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type AsgdConfig, type AsgdState, type Feval } from './types.js';

const WHERE = 'optim.asgd';

export function asgd(opfunc: Feval, x: Tensor, config: AsgdConfig = {}, state: AsgdState = config as AsgdState): [x: Tensor, fx: number[], ax: Tensor] {
  checkX(WHERE, x);
  const eta0 = (config.eta0 ??= 1e-4);
  const lambda = (config.lambda ??= 1e-4);
  const alpha = (config.alpha ??= 0.75);
  const t0 = (config.t0 ??= 1e6);

  state.eta_t ??= eta0;
  state.mu_t ??= 1;
  state.t ??= 0;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);

  x.mul(1 - lambda * state.eta_t); // decay term
  x.add(-state.eta_t, dfdx);

  state.ax ??= zerosLike(x);
  state.tmp ??= zerosLike(state.ax);
  if (state.mu_t !== 1) {
    state.tmp.copy(x).add(-1, state.ax).mul(state.mu_t); // a += μ_t·(x − a)
    state.ax.add(state.tmp);
  } else {
    state.ax.copy(x);
  }

  state.t += 1;
  state.eta_t = eta0 / Math.pow(1 + lambda * eta0 * state.t, alpha);
  state.mu_t = 1 / Math.max(1, state.t - t0);

  return [x, [fx], state.ax];
}
