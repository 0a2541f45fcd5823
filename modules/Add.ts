/**
 * nn.Add(inputSize, scalar = false): y = x + b with a learned bias b of inputSize elements (or one
 * element when scalar), broadcast over the batch: input (inputSize) or (B, inputSize) (any shape
 * when scalar). Ref: torch/nn Add.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Add extends Module<Tensor, Tensor> {
  bias: Tensor;
  gradBias: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly inputSize: number, readonly scalar = false) {
    super();
    if (!(Number.isInteger(inputSize) && inputSize > 0)) throw new ArgumentError(`Add.constructor: expected a positive integer size, got ${inputSize}`);
    const n = scalar ? 1 : inputSize;
    this.bias = Tensor.zeros([n]);
    this.gradBias = Tensor.zeros([n]);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.bias.numel());
    backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  /** [rows, cols] of the broadcast: bias[c] is added to x[r, c]. */
  private layout(method: string, x: Tensor): [number, number] {
    if (this.scalar) return [x.numel(), 1];
    const n = this.inputSize;
    if (x.numel() === n) return [1, n];
    if (x.dim() >= 2 && x.numel() === x.size(0) * n) return [x.size(0), n];
    throw new ShapeError(`${this.where(method)}: expected input of size [${n}] or [B, ${n}], got ${shapeStr(x.shape)}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4]);
    const [rows, cols] = this.layout('updateOutput', x);
    const k = backend();
    this.output.resizeAs(x);
    k.copy(this.output, x.contiguous());
    k.addRowVector(this.output, this.bias, rows, cols, 1);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput.resizeAs(input);
    backend().copy(this.gradInput, g.contiguous());
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const g = this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const [rows, cols] = this.layout('accGradParameters', input);
    backend().sumRows(this.gradBias, g.contiguous(), rows, cols, scale, 1); // db += Σ over the broadcast
  }

  override toString(): string {
    return `Add(${this.scalar ? 'scalar' : this.inputSize})`;
  }
}
