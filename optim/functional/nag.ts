/**
 * Lua torch/optim's `optim.nag`: SGD with Nesterov's accelerated gradient in Sutskever et al.'s
 * form. x += mom·v (the look-ahead), g = df/dx at that point (+ wd·x), v = mom·v − lr/(1 + n·lrd) · (lrs ⊙) g
 * (v starts at 0), x −= lr/(1 + n·lrd) · (lrs ⊙) g. Momentum defaults to 0.9 and must be positive;
 * `dampening` is read and ignored, as in Lua. Ref: torch/optim nag.lua (Krishnan, 2013);
 * Sutskever et al., "On the importance of initialization and momentum in deep learning", ICML 2013.
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkPerElement, checkX, evaluate, zerosLike, type Feval, type NagConfig, type NagState, type OptimResult } from './types.js';

const WHERE = 'optim.nag';

export function nag(opfunc: Feval, x: Tensor, config: NagConfig = {}, state: NagState = config as NagState): OptimResult {
  checkX(WHERE, x);
  const lr = config.learningRate ?? 1e-3;
  const lrd = config.learningRateDecay ?? 0;
  const wd = config.weightDecay ?? 0;
  const mom = config.momentum ?? 0.9;
  const lrs = config.learningRates;
  state.evalCounter = state.evalCounter ?? 0;
  const nevals = state.evalCounter;
  if (!(mom > 0)) throw new ArgumentError(`${WHERE}: Momentum must be positive for Nesterov Accelerated Gradient, got ${mom}`);
  if (lrs !== undefined) checkPerElement(WHERE, 'learningRates', lrs, x);

  if (state.dfdx !== undefined) x.add(mom, state.dfdx); // step along the momentum first
  const [fx, dfdx] = evaluate(WHERE, opfunc, x);

  if (wd !== 0) dfdx.add(wd, x);

  const clr = lr / (1 + nevals * lrd);

  if (state.dfdx === undefined) state.dfdx = zerosLike(x);
  else state.dfdx.mul(mom);

  if (lrs !== undefined) {
    state.deltaParameters ??= zerosLike(x);
    state.deltaParameters.copy(lrs).cmul(dfdx);
    x.add(-clr, state.deltaParameters);
    state.dfdx.add(-clr, state.deltaParameters);
  } else {
    x.add(-clr, dfdx);
    state.dfdx.add(-clr, dfdx);
  }

  state.evalCounter += 1;
  return [x, [fx]];
}
