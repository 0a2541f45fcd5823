/**
 * Lua torch/optim's `optim.adadelta`. g = df/dx + wd·x; E[g²] = ρ·E[g²] + (1 − ρ)·g²;
 * Δ = √(E[Δ²] + ε) ⊘ √(E[g²] + ε) ⊙ g; x −= Δ; E[Δ²] = ρ·E[Δ²] + (1 − ρ)·Δ².
 * Buffers: paramVariance = E[g²], paramStd, delta = Δ, accDelta = E[Δ²].
 * Ref: torch/optim adadelta.lua; Zeiler, "ADADELTA", arXiv:1212.5701.
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type AdadeltaConfig, type AdadeltaState, type Feval, type OptimResult } from './types.js';

const WHERE = 'optim.adadelta';

export function adadelta(opfunc: Feval, x: Tensor, config: AdadeltaConfig = {}, state: AdadeltaState = config as AdadeltaState): OptimResult {
  checkX(WHERE, x);
  const rho = config.rho ?? 0.9;
  const eps = config.eps ?? 1e-6;
  const wd = config.weightDecay ?? 0;
  state.evalCounter = state.evalCounter ?? 0;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);
  if (wd !== 0) dfdx.add(wd, x);

  if (state.paramVariance === undefined || state.paramStd === undefined || state.delta === undefined || state.accDelta === undefined) {
    state.paramVariance = zerosLike(x);
    state.paramStd = zerosLike(x);
    state.delta = zerosLike(x);
    state.accDelta = zerosLike(x);
  }
  state.paramVariance.mul(rho).addcmul(1 - rho, dfdx, dfdx);
  state.paramStd.resizeAs(state.paramVariance).copy(state.paramVariance).add(eps).sqrt();
  state.delta.resizeAs(state.paramVariance).copy(state.accDelta).add(eps).sqrt().cdiv(state.paramStd).cmul(dfdx);
  x.add(-1, state.delta);
  state.accDelta.mul(rho).addcmul(1 - rho, state.delta, state.delta);

  state.evalCounter += 1;
  return [x, [fx]];
}
