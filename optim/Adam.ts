/**
 * Adam (Kingma & Ba 2015): m = β1·m + (1 − β1)·g, v = β2·v + (1 − β2)·g², θ −= lr·m̂/(√v̂ + ε) with
 * bias-corrected m̂, v̂, over a list of parameters (PyTorch's form; its defaults are Lua's too).
 * Its state (step count and moments) can be saved for a resumed run. `optim.adam(feval, x, config,
 * state)` (optim/functional/adam.ts) is Lua's functional form.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

export interface AdamOptions { lr?: number; beta1?: number; beta2?: number; eps?: number }

export class Adam {
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Steps taken. */
  t = 0;
  /** First and second moments, one pair per parameter, in parameter order. */
  m: Tensor[] = [];
  v: Tensor[] = [];

  constructor(opts: AdamOptions = {}) {
    this.lr = opts.lr ?? 1e-3;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    if (!(this.lr > 0 && this.beta1 >= 0 && this.beta1 < 1 && this.beta2 >= 0 && this.beta2 < 1 && this.eps > 0)) {
      throw new ArgumentError(`Adam.constructor: expected lr > 0, 0 ≤ β < 1, ε > 0, got lr ${this.lr}, β1 ${this.beta1}, β2 ${this.beta2}, ε ${this.eps}`);
    }
  }

  step(params: readonly Tensor[], grads: readonly Tensor[]): void {
    if (this.m.length !== params.length) {
      this.m = params.map((p) => Tensor.zeros(p.shape, p.dtype));
      this.v = params.map((p) => Tensor.zeros(p.shape, p.dtype));
    }
    this.t++;
    const k = backend();
    params.forEach((p, i) => k.adam(p, grads[i]!, this.m[i]!, this.v[i]!, this.lr, this.beta1, this.beta2, this.eps, this.t));
  }
}
