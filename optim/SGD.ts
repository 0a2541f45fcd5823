/**
 * Stochastic gradient descent with optional classic momentum over a list of parameters, with
 * PyTorch's defaults: v = momentum·v + (1 − dampening)·g (v = g on the first step), θ −= lr·v
 * (lr·(g + momentum·v) with Nesterov); weightDecay adds wd·θ to g first. dampening defaults to 0
 * here, where Lua's optim.sgd defaults it to the momentum: `optim.sgd(feval, x, config, state)`
 * (optim/functional/sgd.ts) is Lua's functional form with Lua's defaults. For dpnn's damped EMA momentum use
 * Module.updateGradParameters then updateParameters, as the Lua RAM script does.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

export interface SGDOptions { lr: number; momentum?: number; dampening?: number; nesterov?: boolean; weightDecay?: number }

export class SGD {
  lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly nesterov: boolean;
  readonly weightDecay: number;
  private velocity = new Map<Tensor, Tensor>();

  constructor(opts: SGDOptions) {
    if (!(opts.lr > 0)) throw new ArgumentError(`SGD.constructor: expected lr > 0, got ${opts.lr}`);
    this.lr = opts.lr;
    this.momentum = opts.momentum ?? 0;
    this.dampening = opts.dampening ?? 0;
    this.nesterov = opts.nesterov ?? false;
    this.weightDecay = opts.weightDecay ?? 0;
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) throw new ArgumentError('SGD.constructor: Nesterov needs momentum > 0 and dampening 0');
  }

  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    const k = backend();
    params.forEach((p, i) => {
      const g = grads[i]!;
      if (this.weightDecay) k.axpby(g, 1, g, this.weightDecay, p);
      let d = g;
      if (this.momentum > 0) {
        let v = this.velocity.get(p);
        if (!v) {
          v = g.clone();
          this.velocity.set(p, v);
        } else {
          k.axpby(v, this.momentum, v, 1 - this.dampening, g);
        }
        if (this.nesterov) k.axpby(g, 1, g, this.momentum, v);
        else d = v;
      }
      k.axpby(p, 1, p, -this.lr, d);
    });
  }
}
