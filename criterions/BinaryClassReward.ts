/**
 * dpnn nn.BinaryClassReward(module, scale = 1, criterion = MSECriterion()): the variance-reduced
 * reward of a binary classifier, VRClassReward's two-class form. Input [p (B), baseline (B) or
 * (B, 1)], p the probability of class 1; target 0/1 labels (B). Forward: R = scale·[(p > 0.5) =
 * target]; loss = −Σ R, divided by B when `sizeAverage` (a field, true). Backward: hands (R − b)/B
 * to the Reinforce modules of `module` (module.reinforce), returns zeros for p and
 * criterion.backward(b, R) for the baseline. Ref: dpnn BinaryClassReward.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import type { Module } from '../lib/Module.js';
import { MSECriterion } from './MSECriterion.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class BinaryClassReward extends Criterion<Activity, Tensor> {
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];
  sizeAverage = true;
  /** R: scale·[correct], one per example. */
  reward = Tensor.empty();
  /** (R − b)/B, what the Reinforce modules received. */
  vrReward = Tensor.empty();
  private _binary = Tensor.empty('uint8');
  private _target = Tensor.empty('uint8');
  private _reward = Tensor.empty('uint8');

  constructor(readonly module: Module, readonly scale = 1, readonly criterion: Criterion = new MSECriterion()) {
    super();
  }

  private parts(method: string, input: Activity, target: Tensor): [Tensor, Tensor, Tensor] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [probabilities, baseline], got ${describe(input)}`);
    }
    const [p, b] = input as [Tensor, Tensor];
    if (p.dim() !== 1) throw new ShapeError(`${this.where(method)}: expected probabilities of size [B], got ${shapeStr(p.shape)}`);
    const B = p.size(0);
    if (b.numel() !== B) throw new ShapeError(`${this.where(method)}: expected a baseline of ${B} values ([${B}, 1] or [${B}]), got ${shapeStr(b.shape)}`);
    if (!(target instanceof Tensor) || target.dim() !== 1 || target.size(0) !== B) {
      throw new ShapeError(`${this.where(method)}: expected a target of ${B} labels 0 or 1, got ${target instanceof Tensor ? shapeStr(target.shape) : 'a number'}`);
    }
    return [p, b, target];
  }

  override updateOutput(input: Activity, target: Tensor): number {
    const [p, , t] = this.parts('updateOutput', input, target);
    this._binary.gt(p, 0.5);
    this._target.resize(t.shape).copy(t);
    this._reward.eq(this._binary, this._target);
    this.reward.resizeAs(p).copy(this._reward).mul(this.scale); // R = scale·[prediction = target]
    const sum = this.reward.sum();
    this.output = -(this.sizeAverage ? sum / p.size(0) : sum);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor): Table {
    const [p, b] = this.parts('updateGradInput', input, target);
    const n = this.sizeAverage ? p.size(0) : 1;
    this.vrReward.resizeAs(this.reward).copy(this.reward).csub(b).div(n); // (R − b)/B
    this.module.reinforce(this.vrReward);
    (this.gradInput[0] as Tensor).resizeAs(p).zero(); // no gradient to the classifier from this criterion
    const gb = this.criterion.backward(b, this.reward.view(b.shape)) as Tensor; // e.g. 2(b − R)/B
    this.gradInput[1] = (this.gradInput[1] as Tensor).resizeAs(b).copy(gb);
    return this.gradInput;
  }

  override toString(): string {
    return `BinaryClassReward(scale ${this.scale}, ${this.criterion})`;
  }
}
