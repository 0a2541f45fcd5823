/**
 * nn.LinearWeightNorm(inputSize, outputSize, bias = true, eps = 1e-16): a Linear layer whose weight rows
 * are reparametrised as w_j = g_j · v_j / ‖v_j‖ (Salimans & Kingma, 2016). The parameters are v
 * (outputSize × inputSize), g (outputSize × 1) and bias; weight is recomputed from them by every
 * training forward (and by evaluate()). Input (inputSize) or (B, inputSize). Ref: torch/nn LinearWeightNorm.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { Linear } from './Linear.js';
import '../lib/torch/index.js';

export class LinearWeightNorm extends Linear {
  v: Tensor;
  gradV: Tensor;
  g: Tensor;
  gradG: Tensor;
  /** ‖v_j‖ (clamped below at eps) and g_j/‖v_j‖ of the last weight update, outputSize × 1. */
  norm: Tensor;
  scale: Tensor;
  private _dw = Tensor.empty();
  private _buf = Tensor.empty();
  private _prod = Tensor.empty();

  constructor(inputSize: number, outputSize: number, bias = true, readonly eps = 1e-16) {
    super(inputSize, outputSize, bias);
    this.v = Tensor.zeros([outputSize, inputSize]);
    this.gradV = Tensor.zeros([outputSize, inputSize]);
    this.g = Tensor.zeros([outputSize, 1]);
    this.gradG = Tensor.zeros([outputSize, 1]);
    this.norm = Tensor.zeros([outputSize, 1]);
    this.scale = Tensor.zeros([outputSize, 1]);
    this.reset();
  }

  /** weight ~ U(−stdv·√3, stdv·√3) (default U(±1/√inputSize)), then v = weight and g = ‖weight rows‖. */
  override reset(stdv?: number): this {
    if (!this.v) return super.reset(stdv); // Linear's constructor, before v and g exist
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    this.initFromWeight();
    if (this.bias) backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  /** v = weight, g = ‖weight rows‖ (at least eps). */
  initFromWeight(weight: Tensor = this.weight): this {
    this.g.norm(weight, 2, 1).clamp(this.eps, Infinity);
    this.v.copy(weight);
    return this;
  }

  /** A LinearWeightNorm computing what `linear` computes. */
  static fromLinear(linear: Linear): LinearWeightNorm {
    const m = new LinearWeightNorm(linear.inputSize, linear.outputSize, linear.bias !== null).type(linear.weight.dtype);
    m.weight.copy(linear.weight);
    m.initFromWeight();
    if (linear.bias && m.bias) m.bias.copy(linear.bias);
    return m;
  }

  toLinear(): Linear {
    this.updateWeightMatrix();
    const l = new Linear(this.inputSize, this.outputSize, this.bias !== null).type(this.weight.dtype);
    l.weight.copy(this.weight);
    if (this.bias && l.bias) l.bias.copy(this.bias);
    return l;
  }

  override parameters(): [Tensor[], Tensor[]] {
    return this.bias && this.gradBias ? [[this.v, this.g, this.bias], [this.gradV, this.gradG, this.gradBias]] : [[this.v, this.g], [this.gradV, this.gradG]];
  }

  updateWeightMatrix(): void {
    this.norm.norm(this.v, 2, 1).clamp(this.eps, Infinity);
    this.scale.cdiv(this.g, this.norm);
    this.weight.cmul(this.v, this.scale.expandAs(this.v));
  }

  override evaluate(): this {
    if (this.train) this.updateWeightMatrix();
    return super.evaluate();
  }

  override updateOutput(input: Tensor): Tensor {
    if (this.train) this.updateWeightMatrix();
    return super.updateOutput(input);
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.checkTensor('accGradParameters', input, [1, 2]);
    this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const O = this.outputSize, I = this.inputSize, B = input.dim() === 2 ? input.size(0) : 1;
    const x = input.contiguous().view(B, I), gy = gradOutput.contiguous().view(B, O);
    this._dw.resize(O, I).mm(gy.t(), x).mul(scale); // scale · ∂L/∂w
    if (this.gradBias) this.gradBias.add(scale, gy.sum(0).view(O));
    const norm = this.norm.expandAs(this.v);
    const dg = this._buf.sum(this._prod.resize(O, I).cmul(this._dw, this.v).cdiv(norm), 1); // ∂L/∂g_j = ∂L/∂w_j · v_j/‖v_j‖
    this.gradG.add(dg);
    // ∂L/∂v_j = (g_j/‖v_j‖) ∂L/∂w_j − (g_j ∂L/∂g_j/‖v_j‖²) v_j
    this.gradV.addcmul(this._dw, this.scale.expandAs(this.v));
    this.gradV.addcmul(-1, this.v, dg.cmul(this.scale).cdiv(this.norm).expandAs(this.v));
  }

  override toString(): string {
    return `LinearWeightNorm(${this.inputSize} -> ${this.outputSize})${this.bias ? '' : ' without bias'}`;
  }
}
