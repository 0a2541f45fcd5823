/**
 * nn.RReLU(lower = 1/8, upper = 1/3, inplace = false): randomized leaky ReLU, every shape. Training:
 * y = x for x > 0, else a·x with a slope a ~ U(lower, upper) drawn per element from the seeded
 * generator and kept in `noise` (1 where x > 0); dy/dx = noise. Evaluate (or lower = upper): the
 * mean slope (lower + upper)/2 for x ≤ 0. Slopes are drawn for every element (Torch draws only for
 * x ≤ 0), so the random stream differs from Torch's while the distribution is the same.
 * Ref: torch/nn RReLU.lua; Xu et al. 2015, arXiv:1505.00853.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError } from '../lib/errors.js';

export class RReLU extends InPlacePointwise {
  /** The slopes of the last training forward (1 where the input was positive). */
  noise = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly lower = 1 / 8, readonly upper = 1 / 3, inplace = false) {
    super(inplace);
    if (!(lower >= 0 && upper >= lower)) throw new ArgumentError(`RReLU.constructor: expected 0 ≤ lower ≤ upper, got ${lower} and ${upper}`);
  }

  /** 1 where x > 0, the mean slope elsewhere. */
  private meanSlopes(x: Tensor): Tensor {
    const s = (this.lower + this.upper) / 2;
    return this.buf.resizeAs(x).le(x, 0).mul(s - 1).add(1);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    if (!this.train) {
      out.cmul(x, this.meanSlopes(x));
      return;
    }
    const n = this.noise.resizeAs(x), m = this.buf.resizeAs(x).le(x, 0);
    backend().randomUniform(n, rng, this.lower, this.upper);
    n.cmul(m).add(-1, m).add(1); // a where x ≤ 0, else 1
    out.cmul(x, n);
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    if (this.train && this.upper - this.lower > 1e-6) gradIn.cmul(gradOut, this.noise);
    else gradIn.cmul(gradOut, this.meanSlopes(x));
  }

  override toString(): string {
    return `RReLU(l: ${this.lower}, u: ${this.upper})`;
  }
}
