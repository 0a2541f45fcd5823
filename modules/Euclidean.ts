/**
 * nn.Euclidean(inputSize, outputSize): y_j = ‖x − w_j‖, the distance of the input to each column w_j of
 * weight (inputSize × outputSize, as Torch). Input (inputSize) or (B, inputSize); output (outputSize)
 * or (B, outputSize). reset: U(−1/√inputSize, 1/√inputSize). The backward divides by y + 1e-7 (Torch's guard).
 * Ref: torch/nn Euclidean.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import '../lib/torch/index.js';

export class Euclidean extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** Torch's flag: the backward reuses the forward's differences. */
  fastBackward = true;
  /** x − w for every sample and column: B × inputSize × outputSize. */
  protected _repeat = Tensor.empty();
  protected _repeat2 = Tensor.empty();
  protected _div = Tensor.empty();
  protected _sum = Tensor.empty();

  constructor(readonly inputSize: number, readonly outputSize: number) {
    super();
    if (!(Number.isInteger(inputSize) && Number.isInteger(outputSize) && inputSize > 0 && outputSize > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    this.weight = Tensor.zeros([inputSize, outputSize]);
    this.gradWeight = Tensor.zeros([inputSize, outputSize]);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    return this;
  }

  protected rows(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.size(-1) !== this.inputSize) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${x.dim() === 2 ? '[*, ' : '['}${this.inputSize}], got ${shapeStr(x.shape)}`);
    }
    return x.dim() === 2 ? x : x.unsqueeze(0);
  }

  /** Fills _repeat with x − w (B × I × O); WeightedEuclidean scales it by its diagonal. */
  protected differences(x: Tensor): void {
    const B = x.size(0), I = this.inputSize, O = this.outputSize;
    this._repeat.resize(B, I, O).copy(x.contiguous().view(B, I, 1).expand(B, I, O));
    this._repeat.add(-1, this.weight.view(1, I, O).expand(B, I, O));
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.rows('updateOutput', input), B = x.size(0);
    this.differences(x);
    this.output.norm(this._repeat, 2, 1);
    this.output.resize(input.dim() === 2 ? [B, this.outputSize] : [this.outputSize]);
    return this.output;
  }

  /** _repeat2 = (g / (y + 1e-7)) ⊙ _repeat: the gradient of every distance with respect to x, weighted by gradOutput. */
  protected scaledDifferences(method: string, x: Tensor, gradOutput: Tensor): void {
    this.checkGradOutput(method, gradOutput, this.output);
    const B = x.size(0), I = this.inputSize, O = this.outputSize;
    if (!this.fastBackward) this.updateOutput(x);
    this._div.resize(B, O).copy(this.output.view(B, O)).add(1e-7).cinv().cmul(gradOutput.contiguous().view(B, O));
    this._repeat2.resize(B, I, O).cmul(this._repeat, this._div.view(B, 1, O).expand(B, I, O)); // ∂y_j/∂x = (x − w_j)/y_j
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.rows('updateGradInput', input), B = x.size(0);
    this.scaledDifferences('updateGradInput', x, gradOutput);
    this.gradInput.sum(this._repeat2, 2).resize(input.dim() === 2 ? [B, this.inputSize] : [this.inputSize]);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const x = this.rows('accGradParameters', input);
    this.scaledDifferences('accGradParameters', x, gradOutput);
    this._sum.sum(this._repeat2, 0);
    this.gradWeight.add(-scale, this._sum.view(this.inputSize, this.outputSize)); // ∂y_j/∂w_j = −(x − w_j)/y_j
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} -> ${this.outputSize})`;
  }
}
