/**
 * nn.SpatialClassNLLCriterion(weights?, sizeAverage = true, ignoreIndex = −100): ClassNLLCriterion
 * per pixel. Input log-probabilities (B, C, H, W) or (C, H, W); target 0-based class indices
 * (B, H, W) or (H, W) (pixels equal to ignoreIndex count for nothing). loss = −Σ w[t]·x[t] over
 * the pixels, divided by Σ w[t] when sizeAverage. gradInput is −w[t]/Σw at each pixel's target
 * class, 0 elsewhere. Ref: torch/nn SpatialClassNLLCriterion.lua (1-based targets there).
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { ClassNLLCriterion } from './ClassNLLCriterion.js';

export class SpatialClassNLLCriterion extends Criterion<Activity, Tensor> {
  override gradInput = Tensor.empty();
  /** The criterion on the pixels as rows of C scores. */
  private readonly nll: ClassNLLCriterion;
  private rows = Tensor.empty();
  private flatTarget = Tensor.empty();

  constructor(weights?: Tensor | null, sizeAverage = true, ignoreIndex = -100) {
    super();
    this.nll = new ClassNLLCriterion(weights, sizeAverage, ignoreIndex);
  }

  get weights(): Tensor | null {
    return this.nll.weights;
  }

  get sizeAverage(): boolean {
    return this.nll.sizeAverage;
  }

  get ignoreIndex(): number {
    return this.nll.ignoreIndex;
  }

  /** The input as (B·H·W, C) rows and the target as B·H·W indices. */
  private flatten(method: string, input: Activity, target: Tensor): [Tensor, Tensor] {
    const x = this.checkTensor(method, input, [3, 4]);
    const x4 = x.dim() === 3 ? x.unsqueeze(0) : x;
    const [B, C, H, W] = x4.shape as [number, number, number, number];
    if (!(target instanceof Tensor) || target.numel() !== B * H * W || (target.dim() !== x.dim() - 1)) {
      throw new ShapeError(`${this.where(method)}: expected a target of size ${shapeStr(x.dim() === 3 ? [H, W] : [B, H, W])} for input ${shapeStr(x.shape)}, got ${target instanceof Tensor ? shapeStr(target.shape) : 'a number'}`);
    }
    this.rows.resizeAs(x4).resize(B, H, W, C).copy(x4.permute(0, 2, 3, 1));
    this.flatTarget.resizeAs(target).resize(B * H * W).copy(target);
    return [this.rows.view(B * H * W, C), this.flatTarget];
  }

  override updateOutput(input: Activity, target: Tensor): number {
    const [x, t] = this.flatten('updateOutput', input, target);
    this.output = this.nll.updateOutput(x, t);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor): Tensor {
    const [x, t] = this.flatten('updateGradInput', input, target);
    const g = this.nll.updateGradInput(x, t); // (B·H·W, C)
    const x0 = input as Tensor;
    const [B, C, H, W] = (x0.dim() === 3 ? [1, ...x0.shape] : x0.shape) as [number, number, number, number];
    this.gradInput.resizeAs(x0).view(B, C, H, W).copy(g.view(B, H, W, C).permute(0, 3, 1, 2));
    return this.gradInput;
  }
}
