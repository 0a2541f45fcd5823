/**
 * nn.Bilinear(inputSize1, inputSize2, outputSize, bias = true): y_k = x1ᵀ W_k x2 + b_k.
 * Input a table {x1 (B × inputSize1), x2 (B × inputSize2)} (batch only, as Torch); output B × outputSize.
 * weight is outputSize × inputSize1 × inputSize2; reset: U(−1/√inputSize1, 1/√inputSize1).
 * Ref: torch/nn Bilinear.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { describe, type Activity } from '../lib/Activity.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import '../lib/torch/index.js';

type Pair = readonly [x1: Tensor, x2: Tensor];

export class Bilinear extends Module<Pair, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  override output = Tensor.empty();
  override gradInput: Pair = [Tensor.empty(), Tensor.empty()];
  private buff1 = Tensor.empty();
  private buff2 = Tensor.empty();

  constructor(readonly inputSize1: number, readonly inputSize2: number, readonly outputSize: number, bias = true) {
    super();
    if (![inputSize1, inputSize2, outputSize].every((s) => Number.isInteger(s) && s > 0)) {
      throw new ArgumentError(`Bilinear.constructor: expected positive integer sizes, got ${inputSize1}, ${inputSize2} -> ${outputSize}`);
    }
    this.weight = Tensor.zeros([outputSize, inputSize1, inputSize2]);
    this.gradWeight = Tensor.zeros([outputSize, inputSize1, inputSize2]);
    this.bias = bias ? Tensor.zeros([outputSize]) : null;
    this.gradBias = bias ? Tensor.zeros([outputSize]) : null;
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize1);
    backend().randomUniform(this.weight, rng, -s, s);
    if (this.bias) backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  private check(method: string, input: Activity): Pair {
    const [x1, x2] = Array.isArray(input) ? input : [];
    if (input instanceof Tensor || input.length !== 2 || !(x1 instanceof Tensor) || !(x2 instanceof Tensor)) {
      throw new ShapeError(`${this.where(method)}: expected a table {x1, x2} of two tensors, got ${describe(input)}`);
    }
    if (x1.dim() !== 2 || x2.dim() !== 2 || x1.size(0) !== x2.size(0) || x1.size(1) !== this.inputSize1 || x2.size(1) !== this.inputSize2) {
      throw new ShapeError(`${this.where(method)}: expected {[B, ${this.inputSize1}], [B, ${this.inputSize2}]}, got {${shapeStr(x1.shape)}, ${shapeStr(x2.shape)}}`);
    }
    return [x1, x2];
  }

  private checkGrad(method: string, x1: Tensor, gradOutput: Tensor): void {
    this.checkGradOutput(method, gradOutput, this.output);
    if (gradOutput.dim() !== 2 || gradOutput.size(0) !== x1.size(0) || gradOutput.size(1) !== this.outputSize) {
      throw new ShapeError(`${this.where(method)}: expected gradOutput of size [${x1.size(0)}, ${this.outputSize}], got ${shapeStr(gradOutput.shape)}`);
    }
  }

  override updateOutput(input: Pair): Tensor {
    const [x1, x2] = this.check('updateOutput', input);
    const B = x1.size(0);
    this.buff2.resizeAs(x2);
    this.output.resize(B, this.outputSize);
    for (let k = 0; k < this.outputSize; k++) {
      this.buff2.mm(x1, this.weight.select(0, k)).cmul(x2); // (x1 W_k) ⊙ x2, summed over columns
      this.output.narrow(1, k, 1).sum(this.buff2, 1);
    }
    if (this.bias) this.output.add(this.bias.view(1, this.outputSize).expand(B, this.outputSize));
    return this.output;
  }

  override updateGradInput(input: Pair, gradOutput: Tensor): Pair {
    const [x1, x2] = this.check('updateGradInput', input);
    this.checkGrad('updateGradInput', x1, gradOutput);
    const [g1, g2] = this.gradInput;
    g1.resizeAs(x1).zero();
    g2.resizeAs(x2).zero();
    this.buff1.resizeAs(x1);
    this.buff2.resizeAs(x2);
    for (let k = 0; k < this.outputSize; k++) {
      const w = this.weight.select(0, k), gk = gradOutput.narrow(1, k, 1);
      g1.add(this.buff1.mm(x2, w.t()).cmul(gk.expandAs(x1))); // ∂y_k/∂x1 = W_k x2
      g2.add(this.buff2.mm(x1, w).cmul(gk.expandAs(x2))); // ∂y_k/∂x2 = W_kᵀ x1
    }
    return this.gradInput;
  }

  override accGradParameters(input: Pair, gradOutput: Tensor, scale = 1): void {
    const [x1, x2] = this.check('accGradParameters', input);
    this.checkGrad('accGradParameters', x1, gradOutput);
    this.buff1.resizeAs(x1);
    for (let k = 0; k < this.outputSize; k++) {
      this.buff1.cmul(x1, gradOutput.narrow(1, k, 1).expandAs(x1));
      this.gradWeight.select(0, k).addmm(1, scale, this.buff1.t(), x2); // ∂y_k/∂W_k = x1 x2ᵀ
    }
    if (this.gradBias) this.gradBias.add(scale, gradOutput.sum(0).view(this.outputSize));
  }

  override toString(): string {
    return `Bilinear(${this.inputSize1}x${this.inputSize2} -> ${this.outputSize})${this.bias ? '' : ' without bias'}`;
  }
}
