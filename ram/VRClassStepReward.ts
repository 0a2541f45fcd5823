/**
 * VRClassReward with one baseline per step (the RAM's `--baseline per-step`). Input [scores (B, K),
 * baselines (B, T)], target class indices 0..K−1 (B). Forward, as VRClassReward: R = scale·[argmax
 * scores = target], loss = −Σ R / B. Backward: hands the (T, B) reward (R_i − b_{i,t})/B to
 * module.reinforce (a recurrent module gives row t to its step t), returns zeros for the scores and
 * 2(b_{i,t} − R_i)/B for the baselines: every column regresses on R as VRClassReward's one baseline
 * does (the loss being Σ_t MSE(b_t, R)). Ref: dpnn VRClassReward.lua; Mnih et al. 2014, §3.
 */
import * as nn from '../index.js';
import { classTargets } from '../lib/classTargets.js';
import { shapeStr } from '../lib/errors.js';

export class VRClassStepReward extends nn.Criterion<nn.Activity, nn.Tensor | number> {
  override gradInput: nn.Table = [nn.Tensor.empty(), nn.Tensor.empty()];
  /** R: scale·[correct], one per example. */
  reward = nn.Tensor.empty();
  /** (R − b_t)/B per step, (T, B): what the Reinforce modules received. */
  vrReward = nn.Tensor.empty();
  private pred = nn.Tensor.empty();
  private target1 = nn.Tensor.zeros([1]);

  constructor(readonly module: nn.Module, readonly scale = 1) {
    super();
  }

  private parts(method: string, input: nn.Activity, target: nn.Tensor | number): [nn.Tensor, nn.Tensor, nn.Tensor, number, number] {
    if (input instanceof nn.Tensor || input.length !== 2 || !(input[0] instanceof nn.Tensor) || !(input[1] instanceof nn.Tensor)) {
      throw new nn.ArgumentError(`${this.where(method)}: expected a table [scores (B, K), baselines (B, T)], got ${nn.describe(input)}`);
    }
    const [y, b] = input as [nn.Tensor, nn.Tensor];
    const scores = this.checkTensor(method, y, [2], 'scores');
    const B = scores.size(0), K = scores.size(1);
    if (b.dim() !== 2 || b.size(0) !== B) throw new nn.ShapeError(`${this.where(method)}: expected baselines of size [${B}, T], got ${shapeStr(b.shape)}`);
    return [scores.contiguous(), b.contiguous(), classTargets(this.where(method), target, B, K, this.target1), B, K];
  }

  override updateOutput(input: nn.Activity, target: nn.Tensor | number): number {
    const [scores, , t, B, K] = this.parts('updateOutput', input, target);
    const k = nn.backend();
    this.pred.resizeAs(t).resize([B]);
    this.reward.resizeAs(scores).resize([B]);
    k.argmaxRows(this.pred, scores, B, K);
    k.classReward(this.reward, this.pred, t, B, this.scale); // R = scale·[argmax = target]
    this.output = -k.sum(this.reward) / B;
    return this.output;
  }

  override updateGradInput(input: nn.Activity, target: nn.Tensor | number): nn.Table {
    const [scores, b, , B] = this.parts('updateGradInput', input, target);
    const T = b.size(1), R = this.reward.data, r0 = this.reward.offset, bd = b.data, bo = b.offset;
    const vr = this.vrReward.resizeAs(b).resize([T, B]), v = vr.data, vo = vr.offset;
    const gb = (this.gradInput[1] as nn.Tensor).resizeAs(b), g = gb.data, go = gb.offset;
    for (let i = 0; i < B; i++) {
      for (let s = 0; s < T; s++) {
        const d = R[r0 + i]! - bd[bo + i * T + s]!;
        v[vo + s * B + i] = d / B; // (R − b_t)/B
        g[go + i * T + s] = (-2 * d) / B; // ∂/∂b_t of (b_t − R)²/B
      }
    }
    this.module.reinforce(vr);
    nn.backend().fill((this.gradInput[0] as nn.Tensor).resizeAs(scores), 0); // no gradient to the classifier
    return this.gradInput;
  }

  override toString(): string {
    return `VRClassStepReward(scale ${this.scale})`;
  }
}
