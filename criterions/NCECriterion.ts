/**
 * dpnn nn.NCECriterion(): the noise contrastive estimation loss on NCEModule's output
 * [Pmt (B), Pms (B, k), Pnt (B), Pns (B, k)] (the target is not used: NCEModule already picked the
 * targets). With P(model | target) = Pmt / (Pmt + k·Pnt + ε) and P(noise | sample) =
 * k·Pns / (Pms + k·Pns + ε), loss = −(Σ ln P(model | target) + Σ ln P(noise | sample)), ÷ B with
 * `sizeAverage` (default). gradInput: ∂/∂Pmt = −k·Pnt / ((Pmt + k·Pnt + ε)(Pmt + ε)),
 * ∂/∂Pms = 1 / (Pms + k·Pns + ε) (written Pms / ((Pms + k·Pns + ε)(Pms + ε)) as dpnn), and zeros for
 * the noise probabilities (constants). ε = 1e−7. Ref: dpnn NCECriterion.lua; Mnih & Teh 2012.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ShapeError, StateError } from '../lib/errors.js';

const EPS = 1e-7;
type Probs = [Pmt: Tensor, Pms: Tensor, Pnt: Tensor, Pns: Tensor];

export class NCECriterion extends Criterion<Activity, Target> {
  sizeAverage = true;
  override gradInput: Activity = [Tensor.empty(), Tensor.empty(), Tensor.empty(), Tensor.empty()];
  /** Pmt + k·Pnt + ε and Pms + k·Pns + ε of the last forward. */
  private _Pomdiv = Tensor.empty();
  private _Pondiv = Tensor.empty();

  private parts(method: string, input: Activity): Probs {
    const ok = Array.isArray(input) && input.length === 4 && input.every((t) => t instanceof Tensor);
    const [Pmt, Pms, Pnt, Pns] = (ok ? input : []) as Tensor[];
    if (!ok || !Pmt || !Pms || !Pnt || !Pns || Pmt.dim() !== 1 || Pms.dim() !== 2 || Pnt.dim() !== 1 || Pns.dim() !== 2
      || Pms.size(0) !== Pmt.size(0) || Pnt.size(0) !== Pmt.size(0) || Pns.size(0) !== Pmt.size(0) || Pns.size(1) !== Pms.size(1)) {
      throw new ShapeError(`${this.where(method)}: expected [Pmt (B), Pms (B, k), Pnt (B), Pns (B, k)], got ${describe(input)}`);
    }
    return [Pmt, Pms, Pnt, Pns];
  }

  override updateOutput(input: Activity, _target: Target): number {
    const [Pmt, Pms, Pnt, Pns] = this.parts('updateOutput', input), k = Pms.size(1);
    this._Pomdiv = this._Pomdiv.dtype === Pmt.dtype ? this._Pomdiv : Tensor.empty(Pmt.dtype);
    this._Pondiv = this._Pondiv.dtype === Pms.dtype ? this._Pondiv : Tensor.empty(Pms.dtype);
    this._Pomdiv.resizeAs(Pmt).copy(Pmt).add(k, Pnt).add(EPS);
    this._Pondiv.resizeAs(Pms).copy(Pms).add(k, Pns).add(EPS);
    const lnPom = Pmt.clone().cdiv(this._Pomdiv).log(); // ln P(model | target)
    const lnPon = Pns.clone().mul(k).cdiv(this._Pondiv).log(); // ln P(noise | sample)
    const loss = -(lnPom.sum() + lnPon.sum());
    this.output = this.sizeAverage ? loss / Pmt.size(0) : loss;
    return this.output;
  }

  override updateGradInput(input: Activity, _target: Target): Activity {
    const [Pmt, Pms, Pnt, Pns] = this.parts('updateGradInput', input), k = Pms.size(1), B = Pmt.size(0);
    if (!this._Pomdiv.sameShape(Pmt) || !this._Pondiv.sameShape(Pms)) throw new StateError(`${this.where('updateGradInput')}: called before updateOutput on this input`);
    const old = (Array.isArray(this.gradInput) ? this.gradInput : []) as Tensor[];
    const g = [0, 1, 2, 3].map((i) => (old[i]?.dtype === Pmt.dtype ? old[i]! : Tensor.empty(Pmt.dtype)));
    const [dPmt, dPms, dPnt, dPns] = g as Probs;
    dPmt.resizeAs(Pnt).copy(Pnt).mul(-k).cdiv(this._Pomdiv).cdiv(Pmt.clone().add(EPS)); // −k·Pnt / (div · (Pmt + ε))
    dPms.resizeAs(Pms).copy(Pms).cdiv(this._Pondiv).cdiv(Pms.clone().add(EPS)); // Pms / (div · (Pms + ε))
    dPnt.resizeAs(Pnt).zero();
    dPns.resizeAs(Pns).zero();
    if (this.sizeAverage) {
      dPmt.div(B);
      dPms.div(B);
    }
    this.gradInput = g;
    return this.gradInput;
  }
}
