/**
 * nn.Linear(inputSize, outputSize, bias = true): y = W x + b.
 * Input (inputSize) or (B, inputSize); output (outputSize) or (B, outputSize). W is outputSize × inputSize.
 * Ref: torch/nn Linear.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Linear extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly inputSize: number, readonly outputSize: number, bias = true) {
    super();
    if (!(inputSize > 0 && outputSize > 0 && Number.isInteger(inputSize) && Number.isInteger(outputSize))) {
      throw new ArgumentError(`Linear.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    this.weight = Tensor.zeros([outputSize, inputSize]);
    this.gradWeight = Tensor.zeros([outputSize, inputSize]);
    this.bias = bias ? Tensor.zeros([outputSize]) : null;
    this.gradBias = bias ? Tensor.zeros([outputSize]) : null;
    this.reset();
  }

  /** U(−stdv·√3, stdv·√3) when stdv is given, else U(−1/√inputSize, 1/√inputSize). */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    if (this.bias) backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  private rows(method: string, input: Tensor): number {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.size(-1) !== this.inputSize) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${x.dim() === 2 ? '[*, ' : '['}${this.inputSize}], got ${shapeStr(x.shape)}`);
    }
    return x.dim() === 2 ? x.size(0) : 1;
  }

  override updateOutput(input: Tensor): Tensor {
    const B = this.rows('updateOutput', input);
    input = input.contiguous();
    const k = backend();
    this.output.resize(input.dim() === 2 ? [B, this.outputSize] : [this.outputSize]);
    k.gemm(this.output, input, this.weight, B, this.outputSize, this.inputSize, false, true, 1, 0); // Y = X Wᵀ
    if (this.bias) k.addRowVector(this.output, this.bias, B, this.outputSize, 1);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const B = this.rows('updateGradInput', input);
    gradOutput = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resizeAs(input);
    backend().gemm(this.gradInput, gradOutput, this.weight, B, this.inputSize, this.outputSize, false, false, 1, 0); // dX = dY W
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const B = this.rows('accGradParameters', input);
    input = input.contiguous();
    gradOutput = this.checkGradOutput('accGradParameters', gradOutput, this.output).contiguous();
    const k = backend();
    k.gemm(this.gradWeight, gradOutput, input, this.outputSize, this.inputSize, B, true, false, scale, 1); // dW += dYᵀ X
    if (this.gradBias) k.sumRows(this.gradBias, gradOutput, B, this.outputSize, scale, 1); // db += Σ_rows dY
  }

  override toString(): string {
    return `Linear(${this.inputSize} -> ${this.outputSize}${this.bias ? '' : ', without bias'})`;
  }
}
