/**
 * Lua torch/optim's `optim.adam`. g = df/dx + wd·x; t += 1; m = β₁·m + (1 − β₁)·g;
 * v = β₂·v + (1 − β₂)·g²; x −= lr/(1 + (t − 1)·lrd) · √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m ⊘ (√v + ε)
 * (ε added outside the bias correction, as Lua's). Buffers: m, v, denom = √v + ε; counter t.
 * Ref: torch/optim adam.lua; Kingma & Ba, "Adam", arXiv:1412.6980.
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { checkX, evaluate, zerosLike, type AdamConfig, type AdamState, type Feval, type OptimResult } from './types.js';

const WHERE = 'optim.adam';

export function adam(opfunc: Feval, x: Tensor, config: AdamConfig = {}, state: AdamState = config as AdamState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 0.001;
  const lrd = config.learningRateDecay ?? 0;
  const beta1 = config.beta1 ?? 0.9;
  const beta2 = config.beta2 ?? 0.999;
  const epsilon = config.epsilon ?? 1e-8;
  const wd = config.weightDecay ?? 0;

  const [fx, dfdx] = evaluate(WHERE, opfunc, x);
  if (wd !== 0) dfdx.add(wd, x);

  state.t ??= 0;
  state.m ??= zerosLike(x);
  state.v ??= zerosLike(x);
  state.denom ??= zerosLike(x);

  const clr = lr / (1 + state.t * lrd);
  state.t += 1;

  state.m.mul(beta1).add(1 - beta1, dfdx);
  state.v.mul(beta2).addcmul(1 - beta2, dfdx, dfdx);
  state.denom.copy(state.v).sqrt().add(epsilon);

  const biasCorrection1 = 1 - Math.pow(beta1, state.t);
  const biasCorrection2 = 1 - Math.pow(beta2, state.t);
  const stepSize = (clr * Math.sqrt(biasCorrection2)) / biasCorrection1;
  x.addcdiv(-stepSize, state.m, state.denom);

  return [x, [fx]];
}
