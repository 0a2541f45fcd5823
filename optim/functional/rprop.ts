/**
 * Lua torch/optim's `optim.rprop`, run niter times. Per element: s = sign(g ⊙ g_prev); the step
 * size is multiplied by etaplus where s > 0, etaminus where s < 0, 1 where s = 0, then limited to
 * [stepsizemin, stepsizemax]; where s < 0 the gradient is zeroed (and so is g_prev for the next
 * step); x −= sign(g) ⊙ step. Returns every f evaluated. The initial `stepsize` (a number) is read
 * once; Lua stores the step-size tensor as `state.stepsize`, so with state omitted it replaces
 * config.stepsize, as here. Like Lua's, it zeroes entries of the df/dx tensor opfunc returns.
 * Ref: torch/optim rprop.lua (Riedmiller, Kavukcuoglu 2013); Riedmiller & Braun, ICNN 1993.
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkX, evaluate, zerosLike, type Feval, type OptimResult, type RpropConfig, type RpropState } from './types.js';

const WHERE = 'optim.rprop';

interface RpropBuffers { delta: Tensor; stepsize: Tensor; sign: Tensor; psign: Tensor; nsign: Tensor; zsign: Tensor; dminmax: Tensor }

function buffers(state: RpropState, x: Tensor, stepsize: number | Tensor): RpropBuffers {
  const { delta, stepsize: steps, sign, psign, nsign, zsign, dminmax } = state;
  if (delta && steps && sign && psign && nsign && zsign && dminmax) return { delta, stepsize: steps, sign, psign, nsign, zsign, dminmax };
  if (typeof stepsize !== 'number') throw new ArgumentError(`${WHERE}: expected config.stepsize to be a number, got a tensor (pass a fresh config, or the state that holds it)`);
  const bytes = (): Tensor => Tensor.zeros(x.shape, 'uint8');
  const b: RpropBuffers = { delta: zerosLike(x), stepsize: zerosLike(x).fill(stepsize), sign: zerosLike(x), psign: bytes(), nsign: bytes(), zsign: bytes(), dminmax: bytes() };
  Object.assign(state, b);
  return b;
}

export function rprop(opfunc: Feval, x: Tensor, config: RpropConfig = {}, state: RpropState = config as RpropState): OptimResult {
  checkX(WHERE, x);
  const stepsize = config.stepsize ?? 0.1;
  const etaplus = config.etaplus ?? 1.2;
  const etaminus = config.etaminus ?? 0.5;
  const stepsizemax = config.stepsizemax ?? 50.0;
  const stepsizemin = config.stepsizemin ?? 1e-6;
  const niter = config.niter ?? 1;

  const hfx: number[] = [];
  for (let i = 0; i < niter; i++) {
    const [fx, dfdx] = evaluate(WHERE, opfunc, x);
    const s = buffers(state, x, stepsize);

    s.sign.cmul(dfdx, s.delta).sign(); // did the derivative keep its sign since the last step?
    s.psign.gt(s.sign, 0);
    s.nsign.lt(s.sign, 0);
    s.zsign.eq(s.sign, 0);
    s.sign.maskedFill(s.psign, etaplus).maskedFill(s.nsign, etaminus).maskedFill(s.zsign, 1);

    s.stepsize.cmul(s.sign);
    s.dminmax.gt(s.stepsize, stepsizemax);
    s.stepsize.maskedFill(s.dminmax, stepsizemax);
    s.dminmax.lt(s.stepsize, stepsizemin);
    s.stepsize.maskedFill(s.dminmax, stepsizemin);

    dfdx.maskedFill(s.nsign, 0); // after a sign change: no step now, and no comparison next time
    s.sign.sign(dfdx);
    x.addcmul(-1, s.sign, s.stepsize);
    s.delta.copy(dfdx);

    hfx.push(fx);
  }
  return [x, hfx];
}
