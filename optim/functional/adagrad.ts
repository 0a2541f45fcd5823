/**
 * Lua torch/optim's `optim.adagrad`. g = df/dx + wd·x; Σ += g ⊙ g; x −= lr/(1 + n·lrd) · g ⊘ (√Σ + 1e-10).
 * `paramStd` keeps √Σ + 1e-10, as Lua's does. Ref: torch/optim adagrad.lua; Duchi et al., JMLR 2011.
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type AdagradConfig, type AdagradState, type Feval, type OptimResult } from './types.js';

const WHERE = 'optim.adagrad';

export function adagrad(opfunc: Feval, x: Tensor, config: AdagradConfig = {}, state: AdagradState = config as AdagradState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 1e-3;
  const lrd = config.learningRateDecay ?? 0;
  const wd = config.weightDecay ?? 0;
  state.evalCounter = state.evalCounter ?? 0;
  const nevals = state.evalCounter;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);
  if (wd !== 0) dfdx.add(wd, x);

  const clr = lr / (1 + nevals * lrd);

  if (state.paramVariance === undefined || state.paramStd === undefined) {
    state.paramVariance = zerosLike(x);
    state.paramStd = zerosLike(x);
  }
  state.paramVariance.addcmul(1, dfdx, dfdx);
  state.paramStd.resizeAs(state.paramVariance).copy(state.paramVariance).sqrt();
  x.addcdiv(-clr, dfdx, state.paramStd.add(1e-10));

  state.evalCounter += 1;
  return [x, [fx]];
}
