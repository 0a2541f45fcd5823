/**
 * Lua torch/optim's `optim.sgd`: plain SGD with weight decay (one or per element), momentum with
 * dampening, Nesterov momentum, learning-rate decay and per-element learning rates.
 * g = df/dx + wd·x (or + wds ⊙ x when wd is 0); with momentum v = mom·v + (1 − damp)·g (v = g on the
 * first step) and g = v, or g + mom·v with Nesterov; x −= lr/(1 + n·lrd) · (lrs ⊙) g.
 * Like Lua's, it modifies the df/dx tensor opfunc returns. Ref: torch/optim sgd.lua (Farabet, 2012).
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkPerElement, checkX, evaluate, zerosLike, type Feval, type OptimResult, type SgdConfig, type SgdState } from './types.js';

const WHERE = 'optim.sgd';

export function sgd(opfunc: Feval, x: Tensor, config: SgdConfig = {}, state: SgdState = config as SgdState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 1e-3;
  const lrd = config.learningRateDecay ?? 0;
  const wd = config.weightDecay ?? 0;
  const mom = config.momentum ?? 0;
  const damp = config.dampening ?? mom; // Lua: dampening defaults to the momentum
  const nesterov = config.nesterov ?? false;
  const lrs = config.learningRates;
  const wds = config.weightDecays;
  state.evalCounter = state.evalCounter ?? 0;
  const nevals = state.evalCounter;
  if (nesterov && !(mom > 0 && damp === 0)) {
    throw new ArgumentError(`${WHERE}: Nesterov momentum requires a momentum and zero dampening, got momentum ${mom} and dampening ${damp}`);
  }
  if (lrs !== undefined) checkPerElement(WHERE, 'learningRates', lrs, x);

  const [fx, grad] = evaluate(WHERE, opfunc, x);
  let dfdx = grad;

  if (wd !== 0) {
    dfdx.add(wd, x);
  } else if (wds !== undefined) {
    checkPerElement(WHERE, 'weightDecays', wds, x);
    state.decayParameters ??= zerosLike(x);
    state.decayParameters.copy(wds).cmul(x);
    dfdx.add(state.decayParameters);
  }

  if (mom !== 0) {
    if (state.dfdx === undefined) state.dfdx = zerosLike(x).copy(dfdx);
    else state.dfdx.mul(mom).add(1 - damp, dfdx);
    if (nesterov) dfdx.add(mom, state.dfdx);
    else dfdx = state.dfdx;
  }

  const clr = lr / (1 + nevals * lrd); // annealing

  if (lrs !== undefined) {
    state.deltaParameters ??= zerosLike(x);
    state.deltaParameters.copy(lrs).cmul(dfdx);
    x.add(-clr, state.deltaParameters);
  } else {
    x.add(-clr, dfdx);
  }

  state.evalCounter += 1;
  return [x, [fx]];
}
