/**
 * rnn nn.NormStabilizer(beta = 1): norm-stabilisation of a hidden-state sequence, one step per
 * forward call (a recurrent module, typically after an LSTM in a Sequencer). Forward is the
 * identity on h_t (B, H) (shared clones of a CopyGrad); in training it keeps n_t = ‖h_t‖₂ per row.
 * The regulariser R = β Σ_{t≥1} mean_b (n_t − n_{t−1})² adds its gradient through time to each
 * step's gradInput: ∂R/∂h_t = 2β/B · h_t/n_t ⊙ [(n_t − n_{t−1}) + (n_t − n_{t+1})] (the terms
 * that exist). updateLoss() returns R divided by the number of steps (rnn reports it so; the
 * gradients are not divided). Batch input only in training (as rnn). Ref: rnn NormStabilizer.lua;
 * Krueger & Memisevic 2016 (arXiv 1511.08400).
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { CopyGrad } from './CopyGrad.js';

export class NormStabilizer extends AbstractRecurrent {
  readonly beta: number;
  /** rnn's R / T of the last updateLoss(). */
  loss = 0;
  readonly module: CopyGrad;
  /** n_t (B, 1) of each training step. */
  private norms: Tensor[] = [];
  private _normsum = Tensor.empty();
  private _gradInput = Tensor.empty();

  constructor(beta = 1) {
    super(9999999);
    if (!Number.isFinite(beta)) throw new ArgumentError(`NormStabilizer.constructor: expected a finite beta, got ${beta}`);
    this.beta = beta;
    this.module = new CopyGrad();
    this.modules = [this.module];
  }

  protected get stepPrototype(): Module {
    return this.module;
  }

  protected stepForward(t: number, input: Activity): Activity {
    const x = asTensor(input, this.where('updateOutput'));
    if (this.train && x.dim() !== 2) throw new ShapeError(`${this.where('updateOutput')}: expected a batch B × H in training, got ${shapeStr(x.shape)}`);
    const out = asTensor(this.getStepModule(t).forward(x));
    if (this.train) this.norms[t] = (this.norms[t] ?? Tensor.empty(out.dtype)).norm(out, 2, 1); // n_t = ‖h_t‖ per row
    return out;
  }

  /** R / T, R = β Σ_{t≥1} mean_b (n_t − n_{t−1})² over the steps forwarded in training. */
  updateLoss(): number {
    let loss = 0;
    for (let t = 1; t < this.step; t++) {
      const d = this._normsum.resizeAs(this.norms[t]!).copy(this.norms[t]!).add(-1, this.norms[t - 1]!);
      loss += d.cmul(d).mean();
    }
    this.loss = this.step > 0 ? (this.beta * loss) / this.step : 0;
    return this.loss;
  }

  protected stepGradInput(t: number, input: Activity, gradOutput: Activity): Activity {
    const m = this.getStepModule(t);
    const gi = asTensor(m.updateGradInput(input, this.keepGradOutput(t, gradOutput)));
    const h = asTensor(m.output), n = this.norms[t];
    if (!n) throw new StateError(`${this.where('updateGradInput')}: step ${t} was not forwarded in training mode`);
    for (const s of [t - 1, t + 1]) {
      const other = this.norms[s];
      if (s < 0 || s >= this.step || !other) continue;
      const c = this._normsum.resizeAs(n).copy(n).add(-1, other).mul(2 * this.beta).cdiv(n); // 2β (n_t − n_s) / n_t
      gi.add(this._gradInput.resizeAs(h).copy(h).mul(1 / h.size(0)).cmul(c.expandAs(h))); // · h_t / B
    }
    return gi;
  }

  protected stepAccGrad(): void {
    // no parameters
  }

  override forget(): this {
    this.norms.length = 0;
    return super.forget();
  }

  override toString(): string {
    return `NormStabilizer(${this.beta})`;
  }
}
