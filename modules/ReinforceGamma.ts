/**
 * dpnn nn.ReinforceGamma(scale?, stochastic = false): samples x ~ Gamma(k, θ) per element (shape k,
 * scale θ; mean kθ) in training (or when stochastic), else x = k·θ. Input k (every shape) with θ the
 * constructor's number; or, built without scale, the table [k, θ] with θ shaped like k (or with
 * one dimension fewer, repeated over dimension 0). Backward (gradOutput ignored), r = the reward
 * per example: ∂/∂k = −(log x − log θ − ψ(k))·r and ∂/∂θ = −(x/θ² − k/θ)·r (ψ the digamma
 * function). Sampling: Marsaglia & Tsang 2000 (k < 1 through Gamma(k + 1)·U^(1/k)), drawn on the host
 * from the seeded generator, as dpnn draws through randomkit. Ref: dpnn ReinforceGamma.lua.
 */
import { Reinforce } from './Reinforce.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { rng, type Generator } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** One Gamma(k, 1) draw. */
function gammaDraw(g: Generator, k: number): number {
  if (k < 1) return gammaDraw(g, k + 1) * Math.pow(1 - g.random(), 1 / k);
  const d = k - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let z: number, v: number;
    do {
      z = g.normal();
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - g.random();
    if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** ψ(x) for x > 0: the recurrence up to 6, then the asymptotic series. */
function digamma(x: number): number {
  let r = 0;
  for (; x < 6; x++) r -= 1 / x;
  const f = 1 / (x * x);
  return r + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

export class ReinforceGamma extends Reinforce<Activity> {
  override gradInput: Activity = Tensor.empty();
  private theta = Tensor.empty();
  private gradShape = Tensor.empty();
  private gradScale = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly scale?: number, stochastic = false) {
    super(stochastic);
    if (scale !== undefined && !(scale > 0)) throw new ArgumentError(`ReinforceGamma.constructor: expected scale > 0, got ${scale}`);
  }

  /** [k, θ spread to k's size, θ as given (null for the constructor's number)]. */
  private parts(method: string, input: Activity): [Tensor, Tensor, Tensor | null] {
    let k: Tensor, s: Tensor | null = null;
    if (this.scale !== undefined) {
      if (!(input instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected the shape as a tensor (scale was given), got ${describe(input)}`);
      k = input;
    } else {
      if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
        throw new ArgumentError(`${this.where(method)}: expected a table [shape, scale] (no scale was given), got ${describe(input)}`);
      }
      [k, s] = input as [Tensor, Tensor];
      const fewer = s.dim() + 1 === k.dim() && s.shape.every((d, i) => d === k.size(i + 1));
      if (!k.sameShape(s) && !fewer) throw new ShapeError(`${this.where(method)}: expected scale of size ${shapeStr(k.shape)} or ${shapeStr(k.shape.slice(1))}, got ${shapeStr(s.shape)}`);
    }
    const theta = this.theta.resizeAs(k);
    if (s) theta.copy(s.sameShape(k) ? s : s.view(1, ...s.shape).expand(k.shape));
    else theta.fill(this.scale!);
    return [k.contiguous(), theta, s];
  }

  override updateOutput(input: Activity): Tensor {
    const [k, theta] = this.parts('updateOutput', input);
    this.output.resizeAs(k);
    if (!this.sampling()) {
      this.output.cmul(k, theta);
      return this.output;
    }
    const ks = k.toArray(), ts = theta.toArray();
    const draws = Array.from(ks, (kv, i) => gammaDraw(rng, kv) * ts[i]!);
    this.output.copy(Tensor.from(draws, k.shape, k.dtype));
    return this.output;
  }

  override updateGradInput(input: Activity, _gradOutput: Tensor): Activity {
    const [k, theta, s] = this.parts('updateGradInput', input);
    const [reward, rows, cols] = this.rewardFor('updateGradInput', k);
    const kern = backend(), x = this.output;
    const psi = Tensor.from(Array.from(k.toArray(), digamma), k.shape, k.dtype);
    const gk = this.gradShape.resizeAs(k).log(x).csub(this.buf.resizeAs(k).log(theta)).csub(psi).neg(); // −(log x − log θ − ψ(k))
    kern.scaleRows(gk, gk, reward, rows, cols);
    if (!s) {
      this.gradInput = gk;
      return gk;
    }
    const gs = this.buf.resizeAs(k).cdiv(k, theta).csub(this.gradScale.resizeAs(k).cdiv(x, theta).cdiv(theta)); // −(x/θ² − k/θ)
    kern.scaleRows(gs, gs, reward, rows, cols);
    this.gradInput = [gk, s.sameShape(k) ? this.gradScale.copy(gs) : this.gradScale.sum(gs, 0).view(s.shape)];
    return this.gradInput;
  }

  override toString(): string {
    return `ReinforceGamma(${this.scale ?? 'scale from input'}${this.stochastic ? ', stochastic' : ''})`;
  }
}
