/**
 * Lua torch/optim's `optim.rmsprop`. g = df/dx + wd·x; m = α·m + (1 − α)·g² (m starts at
 * initialMean); x −= lr · g ⊘ (√m + ε). Buffers: m, tmp = √m + ε.
 * Ref: torch/optim rmsprop.lua; Tieleman & Hinton, Coursera lecture 6.5.
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type Feval, type OptimResult, type RmspropConfig, type RmspropState } from './types.js';

const WHERE = 'optim.rmsprop';

export function rmsprop(opfunc: Feval, x: Tensor, config: RmspropConfig = {}, state: RmspropState = config as RmspropState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 1e-2;
  const alpha = config.alpha ?? 0.99;
  const epsilon = config.epsilon ?? 1e-8;
  const wd = config.weightDecay ?? 0;
  const mfill = config.initialMean ?? 0;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);
  if (wd !== 0) dfdx.add(wd, x);

  if (state.m === undefined || state.tmp === undefined) {
    state.m = zerosLike(x).fill(mfill);
    state.tmp = zerosLike(x);
  }

  state.m.mul(alpha).addcmul(1 - alpha, dfdx, dfdx);
  state.tmp.sqrt(state.m).add(epsilon);
  x.addcdiv(-lr, dfdx, state.tmp);

  return [x, [fx]];
}
