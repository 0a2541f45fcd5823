/**
 * Lua torch/optim's `optim.checkgrad(opfunc, x, eps = 1e-7)`: compares opfunc's gradient dC at x with
 * central differences dC_est[i] = (f(x + eps·e_i) − f(x − eps·e_i)) / 2eps and returns
 * `[diff, dC, dC_est]`, diff = ‖dC − dC_est‖ / ‖dC + dC_est‖ (near eps² for a correct gradient).
 * As Lua's: x (1-D) is perturbed in place and restored; dC is the tensor opfunc returned, resized to
 * x's size, not a copy (an opfunc that reuses one gradient buffer overwrites it during the
 * differences); x − eps·e_i is reached from x + eps·e_i, in x's precision.
 * Ref: torch/optim checkgrad.lua.
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { checkFunction, checkNumber, checkVector, evaluate, type Feval } from './lineSearchTypes.js';

const WHERE = 'optim.checkgrad';

export function checkgrad(opfunc: Feval, x: Tensor, eps = 1e-7): [diff: number, dC: Tensor, dC_est: Tensor] {
  checkFunction(WHERE, 'opfunc', opfunc);
  checkVector(WHERE, 'x', x, 1);
  checkNumber(WHERE, 'eps', eps, (e) => e > 0, 'a positive number');

  const [, dC] = evaluate(WHERE, opfunc, x);
  dC.resize(x.size());

  const dCEst = Tensor.zeros(dC.shape, dC.dtype);
  for (let i = 0; i < dC.size(0); i++) {
    const tmp = x.get(i);
    x.set([i], x.get(i) + eps);
    const C1 = evaluate(WHERE, opfunc, x)[0];
    x.set([i], x.get(i) - 2 * eps);
    const C2 = evaluate(WHERE, opfunc, x)[0];
    x.set([i], tmp);
    dCEst.set([i], (C1 - C2) / (2 * eps));
  }

  const diff = dC.clone().add(-1, dCEst).norm() / dC.clone().add(dCEst).norm();
  return [diff, dC, dCEst];
}
