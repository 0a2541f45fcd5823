/**
 * An n-dimensional array over a Storage: row-major and contiguous by default; `view`, `narrow`,
 * `select` and `transpose` share the storage without copying. Float32 by default, float64 on request.
 * Strided copies go through `ndarray`/`ndarray-ops`; contiguous ones are plain loops.
 */
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { ArgumentError, ShapeError, shapeStr } from './errors.js';
import { Storage, getDefaultDtype, type DType, type TypedArray } from './Storage.js';
import { checkShape, contiguousStrides, numelOf } from './shape.js';
import { copyRows } from './strided.js';

export { contiguousStrides, numelOf };

export class Tensor {
  shape: number[];
  strides: number[];

  constructor(public storage: Storage, public offset: number, shape: readonly number[], strides?: readonly number[]) {
    this.shape = shape.slice();
    this.strides = strides ? strides.slice() : contiguousStrides(shape);
  }

  static from(values: ArrayLike<number>, shape?: readonly number[], dtype: DType = getDefaultDtype()): Tensor {
    const sh = shape ?? [values.length];
    checkShape('Tensor.from', sh);
    if (numelOf(sh) !== values.length) {
      throw new ShapeError(`Tensor.from: shape ${shapeStr(sh)} holds ${numelOf(sh)} values, got ${values.length}`);
    }
    const st = Storage.allocate(dtype, values.length);
    for (let i = 0; i < values.length; i++) st.data[i] = values[i]!;
    return new Tensor(st, 0, sh);
  }

  static zeros(shape: readonly number[], dtype: DType = getDefaultDtype()): Tensor {
    checkShape('Tensor.zeros', shape);
    return new Tensor(Storage.allocate(dtype, numelOf(shape)), 0, shape);
  }

  /** A 0-element tensor: the state of a module's `output`/`gradInput` before the first call. */
  static empty(dtype: DType = getDefaultDtype()): Tensor {
    return new Tensor(Storage.allocate(dtype, 0), 0, [0]);
  }

  static isTensor(x: unknown): x is Tensor {
    return x instanceof Tensor;
  }

  get dtype(): DType {
    return this.storage.dtype;
  }

  /** The backing typed array (index it from `offset`). */
  get data(): TypedArray {
    return this.storage.data;
  }

  numel(): number {
    return numelOf(this.shape);
  }

  dim(): number {
    return this.shape.length;
  }

  size(d: number): number {
    const s = this.shape[d < 0 ? this.shape.length + d : d];
    if (s === undefined) throw new ArgumentError(`Tensor.size: dimension ${d} out of range for ${shapeStr(this.shape)}`);
    return s;
  }

  isContiguous(): boolean {
    let s = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      if (this.shape[i] !== 1 && this.strides[i] !== s) return false;
      s *= this.shape[i]!;
    }
    return true;
  }

  sameShape(other: Tensor | readonly number[]): boolean {
    const sh = other instanceof Tensor ? other.shape : other;
    if (sh.length !== this.shape.length) return false;
    for (let i = 0; i < sh.length; i++) if (sh[i] !== this.shape[i]) return false;
    return true;
  }

  /**
   * Resizes in place to a contiguous tensor of `shape`. The storage is kept when it is large enough
   * (so a smaller last batch costs no allocation); contents are then unspecified.
   */
  resize(shape: readonly number[]): this {
    if (this.sameShape(shape) && this.isContiguous()) return this;
    checkShape('Tensor.resize', shape);
    const n = numelOf(shape);
    if (this.offset + n > this.storage.length) {
      this.storage = Storage.allocate(this.dtype, n);
      this.offset = 0;
    }
    this.shape = shape.slice();
    this.strides = contiguousStrides(shape);
    return this;
  }

  /** Resizes like `other`, and takes its dtype when it differs. */
  resizeAs(other: Tensor): this {
    if (other.dtype !== this.dtype) {
      this.storage = Storage.allocate(other.dtype, other.numel());
      this.offset = 0;
    }
    return this.resize(other.shape);
  }

  /** A tensor sharing this storage with another shape (one size may be -1). Needs contiguity. */
  view(shape: readonly number[]): Tensor {
    return new Tensor(this.storage, this.offset, this.inferShape('Tensor.view', shape));
  }

  /** Rebinds this tensor in place to `src`'s storage with `shape` (default: src's shape): a view without a new object. */
  setView(src: Tensor, shape?: readonly number[]): this {
    this.storage = src.storage;
    this.offset = src.offset;
    if (shape) {
      this.shape = src.inferShape('Tensor.setView', shape);
      this.strides = contiguousStrides(this.shape);
    } else {
      this.shape = src.shape.slice();
      this.strides = src.strides.slice();
    }
    return this;
  }

  private inferShape(where: string, shape: readonly number[]): number[] {
    if (!this.isContiguous()) throw new ShapeError(`${where}: needs a contiguous tensor, got strides ${shapeStr(this.strides)}`);
    const n = this.numel();
    const out = shape.slice();
    const free = out.indexOf(-1);
    if (free >= 0) {
      const rest = numelOf(out.filter((_, i) => i !== free));
      out[free] = rest === 0 ? 0 : n / rest;
    }
    if (!out.every((s) => Number.isInteger(s) && s >= 0) || numelOf(out) !== n) {
      throw new ShapeError(`${where}: cannot view ${shapeStr(this.shape)} (${n} elements) as ${shapeStr(shape)}`);
    }
    return out;
  }

  /** The slice `start … start+length−1` along `dim`, sharing storage. */
  narrow(dim: number, start: number, length: number): Tensor {
    const d = this.checkDim('Tensor.narrow', dim);
    if (start < 0 || length < 0 || start + length > this.shape[d]!) {
      throw new ShapeError(`Tensor.narrow: range [${start}, ${start + length}) out of bounds for size ${this.shape[d]} of dimension ${d}`);
    }
    const shape = this.shape.slice();
    shape[d] = length;
    return new Tensor(this.storage, this.offset + start * this.strides[d]!, shape, this.strides);
  }

  /** The slice at `index` along `dim`, with that dimension removed, sharing storage. */
  select(dim: number, index: number): Tensor {
    const d = this.checkDim('Tensor.select', dim);
    const i = index < 0 ? this.shape[d]! + index : index;
    if (i < 0 || i >= this.shape[d]!) {
      throw new ShapeError(`Tensor.select: index ${index} out of range for size ${this.shape[d]} of dimension ${d}`);
    }
    const shape = this.shape.filter((_, k) => k !== d);
    const strides = this.strides.filter((_, k) => k !== d);
    return new Tensor(this.storage, this.offset + i * this.strides[d]!, shape, strides);
  }

  transpose(d0: number, d1: number): Tensor {
    const a = this.checkDim('Tensor.transpose', d0);
    const b = this.checkDim('Tensor.transpose', d1);
    const shape = this.shape.slice();
    const strides = this.strides.slice();
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
    return new Tensor(this.storage, this.offset, shape, strides);
  }

  /** A view with the dimensions reordered: result dimension i is this tensor's dimension dims[i]. */
  permute(dims: readonly number[]): Tensor {
    if (dims.length !== this.dim() || [...dims].sort((a, b) => a - b).some((d, i) => d !== i)) {
      throw new ShapeError(`Tensor.permute: expected a permutation of 0..${this.dim() - 1}, got ${shapeStr(dims)}`);
    }
    return new Tensor(this.storage, this.offset, dims.map((d) => this.shape[d]!), dims.map((d) => this.strides[d]!));
  }

  private checkDim(where: string, dim: number): number {
    const d = dim < 0 ? this.shape.length + dim : dim;
    if (d < 0 || d >= this.shape.length) throw new ShapeError(`${where}: dimension ${dim} out of range for ${shapeStr(this.shape)}`);
    return d;
  }

  /** Copies `src` element by element (same number of elements; shapes must match unless both are contiguous). */
  copy(src: Tensor): this {
    const n = this.numel();
    if (src.numel() !== n) throw new ShapeError(`Tensor.copy: expected ${n} elements ${shapeStr(this.shape)}, got ${src.numel()} ${shapeStr(src.shape)}`);
    if ((this.storage.device ?? src.storage.device)?.copy(this, src)) return this;
    if (this.isContiguous() && src.isContiguous()) {
      const d = this.storage.data, s = src.storage.data, o = this.offset, so = src.offset;
      if (d === s && o === so) return this;
      if (d === s) d.copyWithin(o, so, so + n);
      else for (let i = 0; i < n; i++) d[o + i] = s[so + i]!;
      return this;
    }
    const from = src.sameShape(this) ? src : src.contiguous().view(this.shape);
    if (this.strides[this.dim() - 1] === 1 && from.strides[from.dim() - 1] === 1) copyRows(this, from);
    else ops.assign(this.nd(), from.nd());
    return this;
  }

  fill(value: number): this {
    if (this.storage.device?.fill(this, value)) return this;
    if (this.isContiguous()) {
      this.storage.data.fill(value, this.offset, this.offset + this.numel());
    } else {
      ops.assigns(this.nd(), value);
    }
    return this;
  }

  zero(): this {
    return this.fill(0);
  }

  /** This tensor if contiguous, else a contiguous copy. */
  contiguous(): Tensor {
    return this.isContiguous() ? this : this.clone();
  }

  /** A contiguous copy with its own storage. */
  clone(): Tensor {
    return Tensor.zeros(this.shape, this.dtype).copy(this);
  }

  /** A row-major copy of the values. */
  toArray(): TypedArray {
    const out = this.dtype === 'float64' ? new Float64Array(this.numel()) : new Float32Array(this.numel());
    new Tensor(new Storage(out), 0, this.shape).copy(this);
    return out;
  }

  /** A copy converted to `dtype` (this tensor when it already has it). */
  to(dtype: DType): Tensor {
    if (dtype === this.dtype) return this;
    return Tensor.from(this.toArray(), this.shape, dtype);
  }

  /** Converts in place to `dtype` (new storage; views of the old storage keep the old values). */
  retype(dtype: DType): this {
    if (dtype === this.dtype) return this;
    const values = this.toArray();
    this.storage = Storage.allocate(dtype, values.length);
    this.storage.data.set(values);
    this.offset = 0;
    this.strides = contiguousStrides(this.shape);
    return this;
  }

  private index(where: string, idx: readonly number[]): number {
    if (idx.length !== this.shape.length) throw new ShapeError(`${where}: expected ${this.shape.length} indices for ${shapeStr(this.shape)}, got ${idx.length}`);
    let p = this.offset;
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i]!;
      if (k < 0 || k >= this.shape[i]! || !Number.isInteger(k)) throw new ShapeError(`${where}: index ${shapeStr(idx)} out of range for ${shapeStr(this.shape)}`);
      p += k * this.strides[i]!;
    }
    return p;
  }

  get(...idx: number[]): number {
    return this.storage.data[this.index('Tensor.get', idx)]!;
  }

  set(idx: readonly number[], value: number): this {
    this.storage.data[this.index('Tensor.set', idx)] = value;
    return this;
  }

  /** The ndarray view of this tensor (internal: ndarray types stay out of the public API). */
  private nd(): ndarray.NdArray<TypedArray> {
    return ndarray(this.storage.data, this.shape, this.strides, this.offset);
  }

  toString(): string {
    const v = Array.from(this.toArray().slice(0, 8), (x) => +x.toPrecision(4));
    return `Tensor${shapeStr(this.shape)} ${this.dtype} [${v.join(', ')}${this.numel() > 8 ? ', …' : ''}]`;
  }
}
