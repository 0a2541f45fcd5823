/**
 * rnn nn.MaskZeroCriterion(criterion, v1 = false): decorates a batch criterion so that masked rows
 * contribute nothing: their loss is left out and their gradInput is 0. The rows kept are
 * index-selected (in the input, leaf by leaf, and in a tensor target) and passed to `criterion`, so
 * its sizeAverage averages over the kept rows only; when every row is masked the loss is 0.
 * The mask (B values, 1 = masked) comes from setZeroMask(mask) (torch/rnn's v2; SequencerCriterion
 * hands one row of a seqlen × B mask to each step); setZeroMask(false) switches masking off.
 * Without a mask set — or always with v1 = true, Element-Research/rnn's behaviour — the rows whose
 * first input tensor is all zeros are masked. Ref: torch/rnn MaskZeroCriterion.lua (v2 followed;
 * Element-Research/rnn MaskZeroCriterion.lua for v1).
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe, leaves, zeroLike } from '../lib/Activity.js';
import type { DType } from '../lib/Storage.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

export class MaskZeroCriterion extends Criterion<Activity, Target> {
  override gradInput: Activity = Tensor.empty();
  /** B values, 1 where a row is masked; false: no masking; undefined: masked where the input row is zero. */
  zeroMask: Tensor | false | undefined = undefined;
  readonly v2: boolean;
  isEmptyBatch = false;
  private _indices = Tensor.empty('long');
  private _norm = Tensor.empty();
  private input: Activity = Tensor.empty();
  private target: Target = Tensor.empty();

  constructor(readonly criterion: Criterion, v1 = false) {
    super();
    this.v2 = !v1;
  }

  setZeroMask(zeroMask: Tensor | false): this {
    this.zeroMask = zeroMask;
    return this;
  }

  /** The mask values (1 = masked), B of them. */
  private mask(method: string, input: Activity): ArrayLike<number> {
    const first = leaves(input)[0];
    if (!first || first.dim() < 2) throw new ShapeError(`${this.where(method)}: expected a batch input (B × …), got ${describe(input)}`);
    const B = first.size(0);
    let m: Tensor;
    if (this.v2 && this.zeroMask instanceof Tensor) {
      m = this.zeroMask.contiguous();
    } else {
      if (this._norm.dtype !== first.dtype) this._norm.retype(first.dtype);
      this._norm.norm(first.contiguous().view(B, -1), 2, 1); // 0 exactly for all-zero rows
      m = this._norm.eq(0);
      if (!this.v2) this.zeroMask = m;
    }
    if (m.numel() !== B) throw new ShapeError(`${this.where(method)}: expected a zeroMask of ${B} values for input ${describe(input)}, got ${shapeStr(m.shape)}`);
    return m.data.subarray(m.offset, m.offset + B);
  }

  private select(a: Activity, dst: Activity | undefined): Activity {
    if (a instanceof Tensor) return (dst instanceof Tensor && dst.dtype === a.dtype ? dst : Tensor.empty(a.dtype)).index(a, 0, this._indices);
    const table: Activity[] = Array.isArray(dst) ? (dst as Activity[]) : [];
    table.length = a.length;
    a.forEach((x, i) => (table[i] = this.select(x, table[i])));
    return table;
  }

  override updateOutput(input: Activity, target: Target): number {
    if (this.v2 && this.zeroMask === false) {
      this.output = this.criterion.updateOutput(input, target);
      return this.output;
    }
    const m = this.mask('updateOutput', input), keep: number[] = [];
    for (let i = 0; i < m.length; i++) if (!m[i]) keep.push(i);
    this.isEmptyBatch = keep.length === 0;
    if (this.isEmptyBatch) {
      this.output = 0;
      return 0;
    }
    this._indices.resize(keep.length);
    keep.forEach((r, i) => (this._indices.data[this._indices.offset + i] = r));
    this.input = this.select(input, this.input);
    this.target = typeof target === 'number' ? target : this.select(target as Activity, this.target instanceof Tensor || Array.isArray(this.target) ? (this.target as Activity) : undefined);
    this.output = this.criterion.updateOutput(this.input, this.target);
    return this.output;
  }

  override updateGradInput(input: Activity, target: Target): Activity {
    if (this.v2 && this.zeroMask === false) {
      this.gradInput = this.criterion.updateGradInput(input, target);
      return this.gradInput;
    }
    if (this.gradInput === this.criterion.gradInput) this.gradInput = Tensor.empty();
    this.gradInput = zeroLike(this.gradInput, input);
    if (!this.isEmptyBatch) {
      const g = this.criterion.updateGradInput(this.input, this.target);
      const put = (dst: Activity, src: Activity): void => {
        if (dst instanceof Tensor && src instanceof Tensor) dst.indexCopy(0, this._indices, src);
        else if (!(dst instanceof Tensor) && !(src instanceof Tensor)) dst.forEach((d, i) => put(d, src[i]!));
      };
      put(this.gradInput, g); // rows of the kept examples; masked rows stay 0
    }
    return this.gradInput;
  }

  override type(dtype: DType): this {
    this.criterion.type(dtype);
    return this;
  }

  override toString(): string {
    return `MaskZeroCriterion(${this.criterion})`;
  }
}
