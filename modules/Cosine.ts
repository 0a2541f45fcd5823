/**
 * nn.Cosine(inputSize, outputSize): y_j = w_j·x / (‖w_j‖ ‖x‖), the cosine similarity of the input with
 * each row of weight (outputSize × inputSize; 1e-12 is added to both norms). Input (inputSize) or
 * (B, inputSize); output (outputSize) or (B, outputSize). reset: U(−1/√outputSize, 1/√outputSize) as Torch.
 * Ref: torch/nn Cosine.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import '../lib/torch/index.js';

export class Cosine extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _weightNorm = Tensor.empty();
  private _inputNorm = Tensor.empty();
  private _gradOutput = Tensor.empty();
  private _sum = Tensor.empty();
  private _weight = Tensor.empty();
  private _input = Tensor.empty();

  constructor(readonly inputSize: number, readonly outputSize: number) {
    super();
    if (!(Number.isInteger(inputSize) && Number.isInteger(outputSize) && inputSize > 0 && outputSize > 0)) {
      throw new ArgumentError(`Cosine.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    this.weight = Tensor.zeros([outputSize, inputSize]);
    this.gradWeight = Tensor.zeros([outputSize, inputSize]);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.outputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    return this;
  }

  /** The input as a B × inputSize matrix (a view). */
  private rows(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [1, 2]);
    if (x.size(-1) !== this.inputSize) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${x.dim() === 2 ? '[*, ' : '['}${this.inputSize}], got ${shapeStr(x.shape)}`);
    }
    return x.dim() === 2 ? x : x.unsqueeze(0);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.rows('updateOutput', input), B = x.size(0), O = this.outputSize;
    this._weightNorm.norm(this.weight, 2, 1).add(1e-12);
    this._inputNorm.norm(x, 2, 1).add(1e-12);
    this.output.resize(B, O).mm(x, this.weight.t());
    this.output.cdiv(this._weightNorm.view(1, O).expand(B, O)).cdiv(this._inputNorm.expand(B, O));
    if (input.dim() === 1) this.output.resize(O);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.rows('updateGradInput', input), B = x.size(0), O = this.outputSize;
    this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const g = gradOutput.contiguous().view(B, O), y = this.output.view(B, O);
    // ∂y_j/∂x = w_j/(‖w_j‖‖x‖) − y_j x/‖x‖²
    this._sum.sum(this._gradOutput.cmul(g, y), 1);
    this._input.resizeAs(x).copy(x).cdiv(this._inputNorm.expandAs(x)).cmul(this._sum.expandAs(x));
    this._gradOutput.cdiv(g, this._weightNorm.view(1, O).expand(B, O));
    this.gradInput.resize(B, this.inputSize).mm(this._gradOutput, this.weight).add(-1, this._input);
    this.gradInput.cdiv(this._inputNorm.expandAs(x));
    if (input.dim() === 1) this.gradInput.resize(this.inputSize);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const x = this.rows('accGradParameters', input), B = x.size(0), O = this.outputSize;
    this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const g = gradOutput.contiguous().view(B, O), y = this.output.view(B, O), wn = this._weightNorm;
    // ∂y_j/∂w_j = x/(‖w_j‖‖x‖) − y_j w_j/‖w_j‖²
    this._sum.sum(this._gradOutput.cmul(g, y), 0);
    this._weight.resizeAs(this.weight).copy(this.weight).cmul(this._sum.view(O, 1).cdiv(wn).expandAs(this.weight));
    this._input.resizeAs(x).copy(x).cdiv(this._inputNorm.expandAs(x));
    this._weight.addmm(-1, 1, g.t(), this._input).cdiv(wn.expandAs(this.weight));
    this.gradWeight.add(scale, this._weight);
  }

  override toString(): string {
    return `Cosine(${this.inputSize} -> ${this.outputSize})`;
  }
}
