/**
 * nn.SparseLinear(inputSize, outputSize, doGradInput = false): a Linear layer on sparse input. One sample
 * is an n × 2 tensor of (index, value) pairs, the indices 0-based (Torch's are 1-based): y = b + Σ v·W[:, index];
 * a batch is a table of such tensors (output B × outputSize). weight is outputSize × inputSize; bias starts
 * near zero (U(±stdv)·1e-6, as Torch). Parameter gradients touch only the indexed columns (plus
 * weightDecay·weight when weightDecay ≠ 0). gradInput is Torch's: empty unless doGradInput, then dense,
 * per sample an inputSize × 2 tensor of (index, ∂L/∂x_index) for every index. Ref: torch/nn SparseLinear.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { describe, type Activity } from '../lib/Activity.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { torch } from '../lib/torch/index.js';

export type SparseInput = Tensor | readonly Tensor[];

export class SparseLinear extends Module<SparseInput, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  weightDecay = 0;
  override output = Tensor.empty();
  override gradInput: SparseInput = [];

  constructor(readonly inputSize: number, readonly outputSize: number, readonly doGradInput = false) {
    super();
    if (!(Number.isInteger(inputSize) && Number.isInteger(outputSize) && inputSize > 0 && outputSize > 0)) {
      throw new ArgumentError(`SparseLinear.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    this.weight = Tensor.zeros([outputSize, inputSize]);
    this.gradWeight = Tensor.zeros([outputSize, inputSize]);
    this.bias = Tensor.zeros([outputSize]);
    this.gradBias = Tensor.zeros([outputSize]);
    this.reset();
  }

  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    backend().randomUniform(this.bias, rng, -s, s);
    this.bias.mul(1e-6);
    return this;
  }

  /** The samples, each as [0-based column indices (long), values]. */
  private samples(method: string, input: Activity): Array<[Tensor, Tensor]> {
    const list = input instanceof Tensor ? [input] : input;
    return list.map((s, b) => {
      if (!(s instanceof Tensor) || s.dim() !== 2 || s.size(1) !== 2) {
        throw new ShapeError(`${this.where(method)}: expected ${input instanceof Tensor ? 'an' : `sample ${b} to be an`} n × 2 tensor of (index, value) pairs, got ${s instanceof Tensor ? shapeStr(s.shape) : describe(s)}`);
      }
      const idx = Array.from(s.select(1, 0).contiguous().toArray(), Math.round);
      const bad = idx.find((i) => !(i >= 0 && i < this.inputSize));
      if (bad !== undefined) throw new ArgumentError(`${this.where(method)}: index ${bad} out of range 0..${this.inputSize - 1}`);
      return [Tensor.from(idx, [idx.length], 'long'), s.select(1, 1)];
    });
  }

  private batchGrad(input: SparseInput, gradOutput: Tensor): Tensor {
    return input instanceof Tensor ? gradOutput.view(1, this.outputSize) : gradOutput;
  }

  override updateOutput(input: SparseInput): Tensor {
    const samples = this.samples('updateOutput', input);
    this.output.resize(samples.length, this.outputSize);
    samples.forEach(([idx, val], b) => {
      this.output.select(0, b).copy(this.bias).addmv(this.weight.index(1, idx), val); // b + W[:, idx] v
    });
    if (input instanceof Tensor) this.output.resize(this.outputSize);
    return this.output;
  }

  override updateGradInput(input: SparseInput, gradOutput: Tensor): SparseInput {
    this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!this.doGradInput) {
      this.gradInput = input instanceof Tensor ? Tensor.empty(gradOutput.dtype) : [];
      return this.gradInput;
    }
    const g = this.batchGrad(input, gradOutput), ini = this.inputSize;
    const rows = Array.from({ length: g.size(0) }, (_, b) => {
      const gi = Tensor.zeros([ini, 2], gradOutput.dtype);
      gi.select(1, 0).copy(torch.range(0, ini - 1));
      gi.select(1, 1).mv(this.weight.t(), g.select(0, b)); // ∂L/∂x = Wᵀ g
      return gi;
    });
    this.gradInput = input instanceof Tensor ? rows[0]! : rows;
    return this.gradInput;
  }

  override accGradParameters(input: SparseInput, gradOutput: Tensor, scale = 1): void {
    this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const g = this.batchGrad(input, gradOutput);
    this.samples('accGradParameters', input).forEach(([idx, val], b) => {
      const gb = g.select(0, b);
      this.gradWeight.indexAdd(1, idx, torch.ger(gb, val).mul(scale)); // ∂y/∂W[:, i] = v_i g
      this.gradBias.add(scale, gb);
    });
    if (this.weightDecay !== 0) this.gradWeight.add(this.weightDecay, this.weight);
  }

  override toString(): string {
    return `SparseLinear(${this.inputSize} -> ${this.outputSize})`;
  }
}
