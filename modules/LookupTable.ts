/**
 * nn.LookupTable(nIndex, nOutput, paddingValue = -1, maxNorm?, normType = 2): an embedding. Input
 * (n) or (B, n) of 0-based indices (a LongTensor or a float tensor of integral values, rounded to
 * the nearest integer); output (n, nOutput) or (B, n, nOutput), rows of `weight` (nIndex × nOutput,
 * N(0, 1) initially). Backward: gradWeight rows accumulate gradOutput (repeated indices add up);
 * the row `paddingValue` (default −1: none; Lua's 0) receives no gradient. The gradInput is zeros
 * (indices are not differentiable). `maxNorm`: rows read by a forward are first renormalised to a
 * normType-norm ≤ maxNorm (in place, as Torch). `accUpdateOnly()` drops gradWeight: only
 * accUpdateGradParameters updates it then. `scaleGradByFreq()`: each row's gradient is divided by
 * the count of its index in the batch. Ref: torch/nn LookupTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';

export class LookupTable extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _gradRows = Tensor.empty();
  shouldScaleGradByFreq = false;
  /** The flattened 0-based indices of the last forward. */
  protected indices = Tensor.empty('long');
  /** Added to every index before the row lookup (LookupTableMaskZero: 1, row 0 being the padding row). */
  protected indexShift = 0;

  constructor(readonly nIndex: number, readonly nOutput: number, public paddingValue = -1, public maxNorm?: number, public normType = 2) {
    super();
    if (!(Number.isInteger(nIndex) && nIndex > 0 && Number.isInteger(nOutput) && nOutput > 0)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected positive integer sizes nIndex, nOutput, got ${nIndex}, ${nOutput}`);
    }
    this.weight = Tensor.zeros([nIndex, nOutput]);
    this.gradWeight = Tensor.zeros([nIndex, nOutput]);
    this.reset();
  }

  /** N(0, stdv²) (default stdv = 1). */
  override reset(stdv = 1): this {
    backend().randomNormal(this.weight, rng, 0, stdv);
    return this;
  }

  accUpdateOnly(): this {
    this.gradWeight = Tensor.empty(this.weight.dtype);
    return this;
  }

  scaleGradByFreq(): this {
    this.shouldScaleGradByFreq = true;
    return this;
  }

  /** Reads and checks the indices of `input` into this.indices. */
  protected readIndices(method: string, input: Tensor): void {
    const x = this.checkTensor(method, input, [1, 2]);
    const n = x.numel(), values = x.contiguous().toArray();
    const idx = this.indices.resize([n]), d = idx.data;
    for (let i = 0; i < n; i++) {
      const v = Math.round(Number(values[i])) + this.indexShift;
      if (!(v >= 0 && v < this.nIndex)) {
        throw new ArgumentError(`${this.where(method)}: expected indices in ${-this.indexShift}..${this.nIndex - 1 - this.indexShift}, got ${Number(values[i])} at position ${i} of ${shapeStr(x.shape)}`);
      }
      d[idx.offset + i] = v;
    }
  }

  /** maxNorm: renormalises the rows about to be read. */
  protected renorm(): void {
    if (this.maxNorm === undefined) return;
    const seen = new Set<number>(), d = this.indices.data, o = this.indices.offset;
    for (let i = 0; i < this.indices.numel(); i++) {
      const r = d[o + i]!;
      if (seen.has(r)) continue;
      seen.add(r);
      const row = this.weight.select(0, r), norm = row.norm(this.normType);
      if (norm > this.maxNorm) row.mul(this.maxNorm / (norm + 1e-7));
    }
  }

  override updateOutput(input: Tensor): Tensor {
    this.readIndices('updateOutput', input);
    this.renorm();
    this.output.index(this.weight, 0, this.indices);
    this.output.resize([...input.shape, this.nOutput]);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (this.gradInput.dtype !== input.dtype) this.gradInput = Tensor.empty(input.dtype);
    this.gradInput.resizeAs(input).zero();
    return this.gradInput;
  }

  /** The rows to add: scale·gradOutput, padding rows zeroed, divided by index counts when asked. */
  private gradRows(gradOutput: Tensor, scale: number): Tensor {
    const n = this.indices.numel();
    if (gradOutput.numel() !== n * this.nOutput) throw new ShapeError(`${this.where('accGradParameters')}: expected gradOutput of size ${shapeStr(this.output.shape)}, got ${shapeStr(gradOutput.shape)}`);
    const g = this._gradRows.resize([n, this.nOutput]).copy(gradOutput.contiguous().view([n, this.nOutput])).mul(scale);
    const d = this.indices.data, o = this.indices.offset, counts = new Map<number, number>();
    for (let i = 0; i < n; i++) counts.set(d[o + i]!, (counts.get(d[o + i]!) ?? 0) + 1);
    for (let i = 0; i < n; i++) {
      const r = d[o + i]!;
      if (r < this.indexShift || r - this.indexShift === this.paddingValue) g.select(0, i).zero();
      else if (this.shouldScaleGradByFreq) g.select(0, i).div(counts.get(r)!);
    }
    return g;
  }

  override accGradParameters(_input: Tensor, gradOutput: Tensor, scale = 1): void {
    if (this.gradWeight.numel() === 0) throw new ArgumentError(`${this.where('accGradParameters')}: gradWeight was dropped by accUpdateOnly(); use accUpdateGradParameters`);
    this.gradWeight.indexAdd(0, this.indices, this.gradRows(gradOutput, scale));
  }

  override accUpdateGradParameters(_input: Tensor, gradOutput: Tensor, lr: number): void {
    this.weight.indexAdd(0, this.indices, this.gradRows(gradOutput, -lr));
  }

  override parameters(): [Tensor[], Tensor[]] {
    return this.gradWeight.numel() === 0 ? [[this.weight], []] : [[this.weight], [this.gradWeight]];
  }

  override toString(): string {
    return `${this.constructor.name}(${this.nIndex}, ${this.nOutput})`;
  }
}
