/**
 * nn.MultiLabelMarginCriterion(): a multi-class multi-label hinge loss. Input scores (K) or (B, K);
 * target of the same size holding each row's label ids, **0-based and ended by −1** (Torch's are
 * 1-based and ended by 0): [3, 0, −1, 1] means labels 3 and 0. Per row, over its labels j and the
 * other classes i: Σ max(0, 1 − (x[j] − x[i])) / K; loss = the sum over rows, divided by B when
 * `sizeAverage` (a field, true). `isTarget` marks each row's labels after a forward.
 * Ref: torch/nn MultiLabelMarginCriterion.lua (THNN MultiLabelMarginCriterion.c).
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class MultiLabelMarginCriterion extends Criterion<Activity, Tensor> {
  override gradInput = Tensor.empty();
  sizeAverage = true;
  /** 1 where a class is one of the row's labels (rows × K). */
  isTarget = Tensor.empty();
  private grad = new Float64Array(0);

  /** Visits every (row, label j, non-label i) with 1 − x[j] + x[i] > 0; returns [rows, K]. */
  private walk(method: string, input: Activity, target: Tensor, visit: (base: number, j: number, i: number, z: number) => void): [number, number] {
    const x = this.checkTensor(method, input, [1, 2]).contiguous();
    if (!(target instanceof Tensor) || !target.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected a target of the input's size ${shapeStr(x.shape)}, got ${target instanceof Tensor ? shapeStr(target.shape) : 'a number'}`);
    }
    const t = target.contiguous(), rows = x.dim() === 2 ? x.size(0) : 1, K = x.size(-1);
    const xd = x.data, td = t.data;
    const mark = this.isTarget.resizeAs(x).zero().contiguous();
    const md = mark.data;
    for (let r = 0; r < rows; r++) {
      const base = r * K;
      let n = 0;
      for (; n < K; n++) {
        const j = td[t.offset + base + n]!;
        if (j < 0) break;
        if (!Number.isInteger(j) || j >= K) throw new ArgumentError(`${this.where(method)}: expected label ids in 0..${K - 1} ended by −1, got ${j} in row ${r}`);
        md[mark.offset + base + j] = 1;
      }
      for (let m = 0; m < n; m++) {
        const j = td[t.offset + base + m]!, xj = xd[x.offset + base + j]!;
        for (let i = 0; i < K; i++) {
          if (md[mark.offset + base + i]) continue;
          const z = 1 - xj + xd[x.offset + base + i]!;
          if (z > 0) visit(base, j, i, z);
        }
      }
    }
    return [rows, K];
  }

  override updateOutput(input: Activity, target: Tensor): number {
    let sum = 0;
    const [rows, K] = this.walk('updateOutput', input, target, (_b, _j, _i, z) => (sum += z));
    this.output = sum / K / (this.sizeAverage ? rows : 1);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [1, 2]);
    if (this.grad.length !== x.numel()) this.grad = new Float64Array(x.numel());
    const g = this.grad.fill(0);
    const [rows, K] = this.walk('updateGradInput', input, target, (b, j, i) => {
      g[b + j]! -= 1; // ∂z/∂x[j] = −1
      g[b + i]! += 1; // ∂z/∂x[i] = +1
    });
    const scale = 1 / (K * (this.sizeAverage ? rows : 1));
    const gi = this.gradInput.resizeAs(x), d = gi.data;
    for (let k = 0; k < g.length; k++) d[gi.offset + k] = g[k]! * scale;
    return this.gradInput;
  }
}
