/**
 * nn.MSECriterion(sizeAverage = true): loss = Σ (x − t)² / n (n = number of elements when
 * sizeAverage). x and t need only the same number of elements. gradInput = 2(x − t)/n, shaped like x.
 * Ref: torch/nn MSECriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

export class MSECriterion extends Criterion<Activity, Tensor> {
  override gradInput = Tensor.empty();

  constructor(public sizeAverage = true) {
    super();
  }

  private check(method: string, input: Activity, target: Tensor): [Tensor, Tensor] {
    if (!(input instanceof Tensor) || !(target instanceof Tensor)) {
      throw new ShapeError(`${this.where(method)}: expected input and target tensors, got ${describe(input)} and ${describe(target)}`);
    }
    if (input.numel() !== target.numel()) {
      throw new ShapeError(`${this.where(method)}: expected a target of ${input.numel()} elements (input ${shapeStr(input.shape)}), got ${shapeStr(target.shape)}`);
    }
    return [input.contiguous(), target.contiguous()];
  }

  override updateOutput(input: Activity, target: Tensor): number {
    const [x, t] = this.check('updateOutput', input, target);
    const s = backend().sqdist(x, t);
    this.output = this.sizeAverage ? s / x.numel() : s;
    return this.output;
  }

  override updateGradInput(input: Activity, target: Tensor): Tensor {
    const [x, t] = this.check('updateGradInput', input, target);
    const c = (this.sizeAverage ? 2 / x.numel() : 2);
    this.gradInput.resizeAs(x);
    backend().axpby(this.gradInput, c, x, -c, t); // 2(x − t)/n
    return this.gradInput;
  }
}
