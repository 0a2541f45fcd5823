/**
 * nn.PartialLinear(inputsize, outputsize, bias = true): a Linear layer restricted to a set of output
 * columns. `setPartition(indices)` (a tensor of 0-based output indices) makes it compute only those
 * outputs, in that order: y = X W[p]ᵀ + b[p]; `resetPartition()` restores every column. Every parameter
 * is kept, and only the partition's rows of gradWeight / gradBias receive gradients. Input B × inputsize
 * (batch only, as Torch's MM); output B × |partition|. weight is outputsize × inputsize (Torch keeps it
 * in a LookupTable inside `network`), bias 1 × outputsize; .t7 files carry that `network` (read, and
 * written back for Lua Torch). Ref: torch/nn PartialLinear.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { torch } from '../lib/torch/index.js';

export class PartialLinear extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  /** 0..outputsize−1 (Torch: 1..outputsize). */
  allcolumns: Tensor;
  /** The output columns computed, 0-based. */
  partition: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _weight = Tensor.empty();
  private _buffer = Tensor.empty();

  constructor(readonly inputsize: number, readonly outputsize: number, bias = true) {
    super();
    if (!(Number.isInteger(inputsize) && Number.isInteger(outputsize) && inputsize > 0 && outputsize > 0)) {
      throw new ArgumentError(`PartialLinear.constructor: expected positive integer sizes, got ${inputsize} -> ${outputsize}`);
    }
    this.weight = Tensor.zeros([outputsize, inputsize]);
    this.gradWeight = Tensor.zeros([outputsize, inputsize]);
    this.bias = bias ? Tensor.zeros([1, outputsize]) : null;
    this.gradBias = bias ? Tensor.zeros([1, outputsize]) : null;
    this.allcolumns = torch.range(0, outputsize - 1).long();
    this.partition = this.allcolumns;
    this.reset();
  }

  /** weight ~ N(0, 1) as Torch's LookupTable (or U(±stdv·√3) given stdv); the bias stays as it is. */
  override reset(stdv?: number): this {
    if (stdv !== undefined) backend().randomUniform(this.weight, rng, -stdv * Math.sqrt(3), stdv * Math.sqrt(3));
    else backend().randomNormal(this.weight, rng, 0, 1);
    return this;
  }

  setPartition(indices: Tensor): this {
    const p = indices.long();
    const bad = Array.from(p.contiguous().toArray()).find((i) => !(i >= 0 && i < this.outputsize));
    if (p.dim() !== 1 || bad !== undefined) {
      throw new ArgumentError(`${this.where('setPartition')}: expected a 1-D tensor of output indices in 0..${this.outputsize - 1}, got ${bad ?? shapeStr(p.shape)}`);
    }
    this.partition = p;
    return this;
  }

  resetPartition(): this {
    this.partition = this.allcolumns;
    return this;
  }

  private check(method: string, input: Tensor): Tensor {
    const x = this.checkTensor(method, input, [2]);
    if (x.size(1) !== this.inputsize) throw new ShapeError(`${this.where(method)}: expected input of size [*, ${this.inputsize}], got ${shapeStr(x.shape)}`);
    return x;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.check('updateOutput', input), B = x.size(0), P = this.partition.numel();
    this._weight.index(this.weight, 0, this.partition);
    this.output.resize(B, P).mm(x, this._weight.t());
    if (this.bias) this.output.add(this._buffer.index(this.bias, 1, this.partition).expand(B, P));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.check('updateGradInput', input);
    this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this._weight.index(this.weight, 0, this.partition);
    this.gradInput.resizeAs(x).mm(gradOutput.view(x.size(0), -1), this._weight); // dX = dY W[p]
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    const x = this.check('accGradParameters', input);
    this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const g = gradOutput.contiguous().view(x.size(0), -1);
    this.gradWeight.indexAdd(0, this.partition, this._buffer.resize(g.size(1), this.inputsize).mm(g.t(), x).mul(scale)); // dW[p] += dYᵀ X
    if (this.gradBias) this.gradBias.indexAdd(1, this.partition, g.sum(0).mul(scale));
  }

  override toString(): string {
    return `PartialLinear(${this.inputsize} -> ${this.outputsize})${this.bias ? '' : ' without bias'}`;
  }
}
