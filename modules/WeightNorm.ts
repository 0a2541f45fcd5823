/**
 * nn.WeightNorm(module, outputDim = 0): weight normalisation of a module with a `weight` (Salimans &
 * Kingma, 2016): the weight, seen as a matrix with dimension outputDim (0-based) as its rows, becomes
 * w_j = g_j · v_j / ‖v_j‖ with ‖v_j‖ = √(Σ v² + 1e-4) (Torch's guard). The parameters are v
 * (size(outputDim) × the rest), g (size(outputDim)) and the module's bias; the module's weight is
 * rebuilt from them by every training forward (and by evaluate()). v starts N(0, 2/fan-in), g = ‖v_j‖,
 * the bias 0. Ref: torch/nn WeightNorm.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';
import '../lib/torch/index.js';

type Weighted = Module & { weight: Tensor; gradWeight: Tensor; bias?: Tensor | null; gradBias?: Tensor | null };

export class WeightNorm extends Decorator {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  readonly outputDim: number;
  readonly otherDims: number;
  readonly viewIn: [number, number];
  /** The weight's sizes with outputDim moved first; weightSize the weight's own. */
  readonly viewOut: number[];
  readonly weightSize: number[];
  v: Tensor;
  g: Tensor;
  gradV: Tensor;
  gradG: Tensor;
  _norm: Tensor;
  _scale: Tensor;
  private _before = Tensor.empty();
  private _buf = Tensor.empty();

  constructor(module: Module, outputDim = 0) {
    super(module);
    const m = module as unknown as Partial<Weighted>;
    if (!(m.weight instanceof Tensor && m.gradWeight instanceof Tensor)) throw new ArgumentError(`WeightNorm.constructor: expected a module with weight and gradWeight, got ${module.constructor.name}`);
    this.weight = m.weight;
    this.gradWeight = m.gradWeight;
    this.bias = m.bias instanceof Tensor ? m.bias : null;
    this.gradBias = m.gradBias instanceof Tensor ? m.gradBias : null;
    if (!(Number.isInteger(outputDim) && outputDim >= 0 && outputDim < this.weight.dim())) {
      throw new ArgumentError(`WeightNorm.constructor: outputDim ${outputDim} out of range for a weight of ${this.weight.dim()} dimensions`);
    }
    this.outputDim = outputDim;
    this.weightSize = this.weight.shape.slice();
    this.viewOut = [this.weightSize[outputDim]!, ...this.weightSize.filter((_, i) => i !== outputDim)];
    this.otherDims = this.weight.numel() / this.viewOut[0]!;
    this.viewIn = [this.viewOut[0]!, this.otherDims];
    const dtype = this.weight.dtype;
    this.v = Tensor.zeros(this.viewIn, dtype);
    this.g = Tensor.zeros([this.viewIn[0]], dtype);
    this.gradV = Tensor.zeros(this.viewIn, dtype);
    this.gradG = Tensor.zeros([this.viewIn[0]], dtype);
    this._norm = Tensor.zeros([this.viewIn[0]], dtype);
    this._scale = Tensor.zeros([this.viewIn[0]], dtype);
    this.resetInit();
  }

  /** `t` (sized as the weight) with outputDim moved first, as a rows × otherDims view or copy. */
  private permuteIn(t: Tensor): Tensor {
    let p = t;
    for (let i = this.outputDim - 1; i >= 0; i--) p = p.transpose(i, i + 1);
    return p.contiguous().view(this.viewIn);
  }

  /** `t` (rows × otherDims) with its rows moved back to outputDim, as a view sized as the weight. */
  private permuteOut(t: Tensor): Tensor {
    let p = t.view(this.viewOut);
    for (let i = 0; i < this.outputDim; i++) p = p.transpose(i, i + 1);
    return p;
  }

  resetInit(): this {
    backend().randomNormal(this.v, rng, 0, Math.sqrt(2 / this.viewIn[1]));
    this.g.norm(this.v, 2, 1).resize(this.viewIn[0]); // the norm keeps the reduced dimension: back to one value per row
    this.bias?.zero();
    return this;
  }

  updateWeight(): void {
    this._norm.norm(this.v, 2, 1).pow(2).add(1e-4).sqrt();
    this._scale.cdiv(this.g, this._norm.view(this.viewIn[0]));
    if (this._buf.dtype !== this.v.dtype) this._buf = Tensor.empty(this.v.dtype);
    this._buf.resize(this.viewIn).cmul(this.v, this._scale.view(this.viewIn[0], 1).expand(this.viewIn));
    this.weight.copy(this.permuteOut(this._buf));
  }

  override parameters(): [Tensor[], Tensor[]] {
    return this.bias && this.gradBias ? [[this.v, this.g, this.bias], [this.gradV, this.gradG, this.gradBias]] : [[this.v, this.g], [this.gradV, this.gradG]];
  }

  override zeroGradParameters(): void {
    this.module.zeroGradParameters();
    this.gradV.zero();
    this.gradG.zero();
  }

  override evaluate(): this {
    if (this.train) this.updateWeight();
    return super.evaluate();
  }

  override updateOutput(input: Activity): Activity {
    if (this.train) this.updateWeight();
    return super.updateOutput(input);
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this._before.resizeAs(this.gradWeight).copy(this.gradWeight);
    super.accGradParameters(input, gradOutput, scale);
    const dw = this.permuteIn(this._before.mul(-1).add(this.gradWeight)); // this call's ∂L/∂w, rows × otherDims
    const [rows, cols] = this.viewIn, norm = this._norm.view(rows, 1).expand(rows, cols);
    const dg = dw.clone().cmul(this.v).cdiv(norm).sum(1).view(rows); // ∂L/∂g_j = ∂L/∂w_j · v_j/‖v_j‖
    this.gradG.add(dg);
    // ∂L/∂v_j = (g_j/‖v_j‖) ∂L/∂w_j − (g_j ∂L/∂g_j/‖v_j‖²) v_j
    this.gradV.addcmul(dw, this._scale.view(rows, 1).expand(rows, cols));
    this.gradV.addcmul(-1, this.v, dg.cmul(this._scale).cdiv(this._norm.view(rows)).view(rows, 1).expand(rows, cols));
  }
}
