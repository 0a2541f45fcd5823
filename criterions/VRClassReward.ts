/**
 * dpnn nn.VRClassReward(module, scale = 1, criterion = MSECriterion()): the variance-reduced
 * classification reward. Input [scores (B, K), baseline (B, 1) or (B)], target class indices
 * 0..K−1 (B). Forward: R = scale·[argmax scores = target]; loss = −Σ R / B. Backward: hands
 * (R − b)/B to every Reinforce module of `module` through module.reinforce, returns zeros for the
 * scores and criterion.backward(b, R) for the baseline (the baseline regresses on R).
 * Ref: dpnn VRClassReward.lua; Mnih et al. 2014.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import type { Module } from '../lib/Module.js';
import { backend } from '../lib/kernels/backend.js';
import { MSECriterion } from './MSECriterion.js';
import { classTargets } from '../lib/classTargets.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class VRClassReward extends Criterion<Activity, Tensor | number> {
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];
  /** R: scale·[correct], one per example. */
  reward = Tensor.empty();
  /** (R − b)/B, what the Reinforce modules received. */
  vrReward = Tensor.empty();
  private pred = Tensor.empty();
  private target1 = Tensor.zeros([1]);

  constructor(readonly module: Module, readonly scale = 1, readonly criterion: Criterion = new MSECriterion(), public sizeAverage = true) {
    super();
  }

  private parts(method: string, input: Activity, target: Tensor | number): [Tensor, Tensor, Tensor, number, number] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [scores, baseline], got ${describe(input)}`);
    }
    const [y, b] = input as [Tensor, Tensor];
    const scores = this.checkTensor(method, y, [1, 2], 'scores');
    const B = scores.dim() === 2 ? scores.size(0) : 1, K = scores.size(-1);
    if (b.numel() !== B) throw new ShapeError(`${this.where(method)}: expected a baseline of ${B} values ([${B}, 1] or [${B}]), got ${shapeStr(b.shape)}`);
    const t = classTargets(this.where(method), target, B, K, this.target1);
    return [scores.contiguous(), b.contiguous(), t, B, K];
  }

  override updateOutput(input: Activity, target: Tensor | number): number {
    const [scores, , t, B, K] = this.parts('updateOutput', input, target);
    const k = backend();
    this.pred.resizeAs(t).resize([B]);
    this.reward.resizeAs(scores).resize([B]);
    k.argmaxRows(this.pred, scores, B, K);
    k.classReward(this.reward, this.pred, t, B, this.scale); // R = scale·[argmax = target]
    const sum = k.sum(this.reward);
    this.output = -(this.sizeAverage ? sum / B : sum);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor | number): Table {
    const [scores, b, , B] = this.parts('updateGradInput', input, target);
    const k = backend();
    const bflat = b.view([B]);
    const n = this.sizeAverage ? B : 1;
    this.vrReward.resizeAs(this.reward);
    k.axpby(this.vrReward, 1 / n, this.reward, -1 / n, bflat); // (R − b)/B
    this.module.reinforce(this.vrReward);
    const gScores = (this.gradInput[0] as Tensor).resizeAs(scores);
    k.fill(gScores, 0); // no gradient to the classifier from this criterion
    const gb = this.criterion.backward(b, this.reward) as Tensor; // e.g. 2(b − R)/B
    this.gradInput[1] = (this.gradInput[1] as Tensor).resizeAs(b).copy(gb);
    return this.gradInput;
  }

  override toString(): string {
    return `VRClassReward(scale ${this.scale}, ${this.criterion})`;
  }
}
