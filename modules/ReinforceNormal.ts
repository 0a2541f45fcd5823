/**
 * dpnn nn.ReinforceNormal(stdev?, stochastic = false): samples x = μ + σ·ε, ε ~ N(0, 1) per element
 * (training or stochastic), else x = μ. Input μ (any shape, usually (B, 2)); or, built without
 * stdev, the table [μ, σ] with σ shaped like μ. Backward (gradOutput ignored), r = the reward per
 * example: ∂/∂μ = −(x − μ)/σ²·r and ∂/∂σ = −((x − μ)² − σ²)/(σ³ + 1e-8)·r. A fixed `stdev` may be
 * changed between steps (σ annealing; each step clone holds its own).
 * Ref: dpnn ReinforceNormal.lua.
 */
import { Reinforce } from './Reinforce.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class ReinforceNormal extends Reinforce<Activity> {
  override gradInput: Activity = Tensor.empty();
  private noise = Tensor.empty();
  private gradMean = Tensor.empty();
  private gradStdev = Tensor.empty();
  private buf = [Tensor.empty(), Tensor.empty(), Tensor.empty()] as const;

  constructor(public stdev?: number, stochastic = false) {
    super(stochastic);
    if (stdev !== undefined && !(stdev > 0)) throw new ArgumentError(`ReinforceNormal.constructor: expected stdev > 0, got ${stdev}`);
  }

  private parts(method: string, input: Activity): [Tensor, Tensor | null] {
    if (this.stdev !== undefined) {
      if (!(input instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected the mean as a tensor (stdev was given), got ${describe(input)}`);
      return [input.contiguous(), null];
    }
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [mean, stdev] (no stdev was given), got ${describe(input)}`);
    }
    const [mu, sigma] = input as [Tensor, Tensor];
    if (!mu.sameShape(sigma)) throw new ShapeError(`${this.where(method)}: expected stdev of size ${shapeStr(mu.shape)} (as the mean), got ${shapeStr(sigma.shape)}`);
    return [mu.contiguous(), sigma.contiguous()];
  }

  override updateOutput(input: Activity): Tensor {
    const [mu, sigma] = this.parts('updateOutput', input);
    const k = backend();
    this.output.resizeAs(mu);
    if (!this.sampling()) {
      k.copy(this.output, mu);
      return this.output;
    }
    this.noise.resizeAs(mu);
    k.randomNormal(this.noise, rng, 0, 1);
    if (sigma) {
      k.cmul(this.noise, this.noise, sigma);
      k.axpby(this.output, 1, mu, 1, this.noise); // x = μ + σ ⊙ ε
    } else {
      k.axpby(this.output, 1, mu, this.stdev!, this.noise); // x = μ + σ ε
    }
    return this.output;
  }

  override updateGradInput(input: Activity, _gradOutput: Tensor): Activity {
    const [mu, sigma] = this.parts('updateGradInput', input);
    const [reward, rows, cols] = this.rewardFor('updateGradInput', mu);
    const k = backend(), x = this.output, gm = this.gradMean.resizeAs(mu);
    if (!sigma) {
      const s2 = this.stdev! * this.stdev!;
      k.axpby(gm, 1 / s2, mu, -1 / s2, x); // −(x − μ)/σ²
      k.scaleRows(gm, gm, reward, rows, cols);
      this.gradInput = gm;
      return gm;
    }
    const [d, s2, s3] = this.buf.map((b) => b.resizeAs(mu)) as [Tensor, Tensor, Tensor];
    const gs = this.gradStdev.resizeAs(mu);
    k.axpby(d, 1, x, -1, mu); // d = x − μ
    k.cmul(s2, sigma, sigma);
    k.cdiv(gm, d, s2);
    k.axpby(gm, -1, gm, 0, gm); // −d/σ²
    k.scaleRows(gm, gm, reward, rows, cols);
    k.cmul(s3, s2, sigma);
    k.adds(s3, s3, 1e-8);
    k.cmul(d, d, d);
    k.axpby(d, -1, d, 1, s2); // σ² − d² = −(d² − σ²)
    k.cdiv(gs, d, s3);
    k.scaleRows(gs, gs, reward, rows, cols);
    this.gradInput = [gm, gs];
    return this.gradInput;
  }

  override toString(): string {
    return `ReinforceNormal(${this.stdev ?? 'stdev from input'}${this.stochastic ? ', stochastic' : ''})`;
  }
}
