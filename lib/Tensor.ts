/**
 * An n-dimensional array over a Storage, as Torch7's: row-major and contiguous by default; views
 * (`view`, `narrow`, `select`, `sub`, `transpose`, `permute`, `expand`, `unfold`, `slice`, …) share
 * the storage without copying. Types: float32 (default), float64, long, int32, uint8 (see Storage).
 * Dimensions and indices are 0-based; a negative one counts from the end.
 *
 * This file holds what a tensor is (storage, sizes, strides) and its views; the math (Torch's
 * pointwise, reduction, linear-algebra, indexing and random methods and their `torch.*` forms) is
 * declared once in the op table of lib/torch/ and installed on this class by the package entry.
 * Strided copies go through `ndarray`/`ndarray-ops`; contiguous ones are plain loops.
 */
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import { ArgumentError, ShapeError, shapeStr } from './errors.js';
import { Storage, getDefaultDtype, type DType, type TypedArray } from './Storage.js';
import { checkShape, contiguousStrides, nestedRows, numelOf, type NestedNumbers } from './shape.js';
import { copyRows } from './strided.js';
import type { TensorOps } from './torch/opTypes.js';
import { formatTensor } from './torch/print.js';

export { contiguousStrides, numelOf };

/** Sizes given Torch's two ways: `resize(3, 4)` or `resize([3, 4])`. */
export type SizeArgs = number[] | [readonly number[]];

export function sizesOf(args: readonly (number | readonly number[])[]): number[] {
  const first = args[0];
  if (args.length === 1 && Array.isArray(first)) return first.slice();
  return args.map((a) => {
    if (typeof a !== 'number') throw new ArgumentError(`expected sizes as numbers or one array, got ${JSON.stringify(args)}`);
    return a;
  });
}

/** Torch's type names by dtype. */
export const TYPE_NAMES: Readonly<Record<DType, string>> = {
  float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', long: 'torch.LongTensor', int32: 'torch.IntTensor', uint8: 'torch.ByteTensor',
};

export interface Tensor extends TensorOps {}

export class Tensor {
  shape: number[];
  strides: number[];

  constructor(public storage: Storage, public offset: number, shape: readonly number[], strides?: readonly number[]) {
    this.shape = shape.slice();
    this.strides = strides ? strides.slice() : contiguousStrides(shape);
  }

  static from(values: ArrayLike<number> | readonly NestedNumbers[], shape?: readonly number[], dtype: DType = getDefaultDtype()): Tensor {
    if (Array.isArray(values) && values.some((v) => Array.isArray(v))) { // nested rows: [[1, 2], [3, 4]] is 2×2
      const rows = nestedRows('Tensor.from', values as readonly NestedNumbers[]);
      return Tensor.from(rows.values, shape ?? rows.shape, dtype);
    }
    const sh = shape ?? [values.length];
    checkShape('Tensor.from', sh);
    if (numelOf(sh) !== values.length) {
      throw new ShapeError(`Tensor.from: shape ${shapeStr(sh)} holds ${numelOf(sh)} values, got ${values.length}`);
    }
    const st = Storage.allocate(dtype, values.length);
    const d = st.data;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (typeof v !== 'number') throw new ArgumentError(`Tensor.from: expected a flat array of numbers (use torch.Tensor(nested) for nested arrays), got an element of type ${typeof v} at ${i}`);
      d[i] = v;
    }
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

  /** Torch's name of a tensor type: 'torch.FloatTensor' for float32. */
  static typeName(dtype: DType): string {
    return TYPE_NAMES[dtype];
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

  // ---- sizes -------------------------------------------------------------------------------

  numel(): number {
    return numelOf(this.shape);
  }

  nElement(): number {
    return numelOf(this.shape);
  }

  dim(): number {
    return this.shape.length;
  }

  nDimension(): number {
    return this.shape.length;
  }

  /** `size()` is the sizes (a copy); `size(d)` the size of dimension d. */
  size(): number[];
  size(d: number): number;
  size(d?: number): number | number[] {
    if (d === undefined) return this.shape.slice();
    return this.shape[this.checkDim('Tensor.size', d)]!;
  }

  /** `stride()` is the strides (a copy); `stride(d)` the stride of dimension d. */
  stride(): number[];
  stride(d: number): number;
  stride(d?: number): number | number[] {
    if (d === undefined) return this.strides.slice();
    return this.strides[this.checkDim('Tensor.stride', d)]!;
  }

  /** The 0-based position of the first element in the storage (Torch's is 1-based). */
  storageOffset(): number {
    return this.offset;
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

  isSameSizeAs(other: Tensor): boolean {
    return this.sameShape(other);
  }

  /** Whether the sizes are `sizes` (Torch's isSize). */
  isSize(...sizes: SizeArgs): boolean {
    return this.sameShape(sizesOf(sizes));
  }

  // ---- resizing ----------------------------------------------------------------------------

  /**
   * Resizes in place to a contiguous tensor (`resize(3, 4)` or `resize([3, 4])`). The storage is
   * kept when it is large enough (so a smaller last batch costs no allocation); contents are then
   * unspecified.
   */
  resize(...sizes: SizeArgs): this {
    const shape = sizesOf(sizes);
    if (this.sameShape(shape) && this.isContiguous()) return this;
    checkShape('Tensor.resize', shape);
    const n = numelOf(shape);
    if (this.offset + n > this.storage.length) {
      this.storage = Storage.allocate(this.dtype, n);
      this.offset = 0;
    }
    this.shape = shape;
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

  /**
   * Torch's `set`: `set(t)` makes this tensor a view of t; `set(storage, offset?, sizes?, strides?)`
   * a view of the storage (offset 0-based). dpnn-ts's `set([i, j], value)` writes one element.
   */
  set(source: Tensor): this;
  set(storage: Storage, offset?: number, sizes?: readonly number[], strides?: readonly number[]): this;
  set(idx: readonly number[], value: number): this;
  set(a: Tensor | Storage | readonly number[], b?: number, sizes?: readonly number[], strides?: readonly number[]): this {
    if (a instanceof Tensor) return this.setView(a);
    if (a instanceof Storage) {
      this.storage = a;
      this.offset = b ?? 0;
      this.shape = sizes ? sizes.slice() : [a.length - this.offset];
      this.strides = strides ? strides.slice() : contiguousStrides(this.shape);
      return this;
    }
    if (b === undefined) throw new ArgumentError('Tensor.set: expected set(tensor), set(storage, offset, sizes, strides) or set([indices], value), got no value');
    this.storage.data[this.offsetOf('Tensor.set', a)] = b;
    return this;
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

  // ---- views -------------------------------------------------------------------------------

  /** A tensor sharing this storage with other sizes (`view(2, -1)` or `view([2, -1])`; one may be -1). Needs contiguity. */
  view(...sizes: SizeArgs): Tensor {
    return new Tensor(this.storage, this.offset, this.inferShape('Tensor.view', sizesOf(sizes)));
  }

  viewAs(other: Tensor): Tensor {
    return this.view(other.shape);
  }

  /** A contiguous copy with other sizes (Torch's reshape copies). */
  reshape(...sizes: SizeArgs): Tensor {
    return this.clone().view(...sizes);
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

  /** The slice `start … start+length−1` along `dim`, sharing storage (a negative start counts from the end). */
  narrow(dim: number, start: number, length: number): Tensor {
    const d = this.checkDim('Tensor.narrow', dim);
    const size = this.shape[d]!;
    const s = start < 0 ? size + start : start;
    if (s < 0 || length < 0 || s + length > size) {
      throw new ShapeError(`Tensor.narrow: range [${start}, ${start + length}) out of bounds for size ${size} of dimension ${d}`);
    }
    const shape = this.shape.slice();
    shape[d] = length;
    return new Tensor(this.storage, this.offset + s * this.strides[d]!, shape, this.strides);
  }

  /** The slice at `index` along `dim`, with that dimension removed, sharing storage. */
  select(dim: number, index: number): Tensor {
    const d = this.checkDim('Tensor.select', dim);
    const i = this.checkIndex('Tensor.select', d, index);
    const shape = this.shape.filter((_, k) => k !== d);
    const strides = this.strides.filter((_, k) => k !== d);
    return new Tensor(this.storage, this.offset + i * this.strides[d]!, shape, strides);
  }

  /**
   * Torch's `sub(s0, e0, s1, e1, …)`: inclusive 0-based ranges per leading dimension (negative
   * bounds count from the end: -1 is the last), sharing storage.
   */
  sub(...bounds: number[]): Tensor {
    if (bounds.length % 2 !== 0 || bounds.length / 2 > this.dim()) {
      throw new ArgumentError(`Tensor.sub: expected pairs of (start, end) for at most ${this.dim()} dimensions, got ${bounds.length} numbers`);
    }
    let t: Tensor = this;
    for (let d = 0; d < bounds.length / 2; d++) {
      const size = this.shape[d]!;
      const s = bounds[2 * d]! < 0 ? size + bounds[2 * d]! : bounds[2 * d]!;
      const e = bounds[2 * d + 1]! < 0 ? size + bounds[2 * d + 1]! : bounds[2 * d + 1]!;
      if (s < 0 || e >= size || e < s - 1) throw new ShapeError(`Tensor.sub: range [${bounds[2 * d]}, ${bounds[2 * d + 1]}] out of bounds for size ${size} of dimension ${d}`);
      t = t.narrow(d, s, e - s + 1);
    }
    return t;
  }

  /**
   * Lua's `x[{ … }]`, one argument per dimension: a number selects that index (the dimension goes),
   * `[]` keeps the whole dimension, `[a, b]` the inclusive range a..b (dimension kept), `[a]` index a
   * with the dimension kept. `x[{ {}, 1 }]` is `x.slice([], 0)`; `x[{ {2, 4}, {} }] = y` is
   * `x.slice([1, 3], []).copy(y)`. Missing trailing dimensions are kept whole.
   */
  slice(...spec: (number | readonly number[])[]): Tensor {
    if (spec.length > this.dim()) throw new ArgumentError(`Tensor.slice: ${spec.length} index entries for a ${this.dim()}-dimensional tensor ${shapeStr(this.shape)}`);
    let t: Tensor = this;
    let d = 0;
    for (const s of spec) {
      if (typeof s === 'number') {
        t = t.select(d, this.checkIndex('Tensor.slice', d + (this.dim() - t.dim()), s));
        continue;
      }
      const size = t.shape[d]!;
      if (s.length === 0) { d++; continue; }
      const a = s[0]! < 0 ? size + s[0]! : s[0]!;
      const b = s.length > 1 ? (s[1]! < 0 ? size + s[1]! : s[1]!) : a;
      if (s.length > 2 || a < 0 || b >= size || b < a - 1) throw new ShapeError(`Tensor.slice: range ${JSON.stringify(s)} out of bounds for size ${size} of dimension ${d + (this.dim() - t.dim())}`);
      t = t.narrow(d, a, b - a + 1);
      d++;
    }
    return t;
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

  /** The transpose of a matrix (a view); a vector stays as it is. */
  t(): Tensor {
    if (this.dim() === 1) return new Tensor(this.storage, this.offset, this.shape, this.strides);
    if (this.dim() !== 2) throw new ShapeError(`Tensor.t: expected a 1- or 2-dimensional tensor, got ${shapeStr(this.shape)}`);
    return this.transpose(0, 1);
  }

  /** A view with the dimensions reordered: result dimension i is this tensor's dimension dims[i] (`permute(1, 0)` or `permute([1, 0])`). */
  permute(...order: SizeArgs): Tensor {
    const dims = sizesOf(order).map((d) => (d < 0 ? this.dim() + d : d));
    if (dims.length !== this.dim() || [...dims].sort((a, b) => a - b).some((d, i) => d !== i)) {
      throw new ShapeError(`Tensor.permute: expected a permutation of 0..${this.dim() - 1}, got ${shapeStr(dims)}`);
    }
    return new Tensor(this.storage, this.offset, dims.map((d) => this.shape[d]!), dims.map((d) => this.strides[d]!));
  }

  /** A view with size-1 dimensions removed (all, or only `dim`). */
  squeeze(dim?: number): Tensor {
    const d = dim === undefined ? -1 : this.checkDim('Tensor.squeeze', dim);
    const keep = this.shape.map((s, k) => (d < 0 ? s !== 1 : k !== d || s !== 1));
    return new Tensor(this.storage, this.offset, this.shape.filter((_, k) => keep[k]), this.strides.filter((_, k) => keep[k]));
  }

  /** A view with a size-1 dimension inserted at `dim` (0..dim()). */
  unsqueeze(dim: number): Tensor {
    const d = dim < 0 ? this.dim() + 1 + dim : dim;
    if (d < 0 || d > this.dim()) throw new ShapeError(`Tensor.unsqueeze: dimension ${dim} out of range for ${shapeStr(this.shape)}`);
    const shape = this.shape.slice(), strides = this.strides.slice();
    shape.splice(d, 0, 1);
    strides.splice(d, 0, d < this.dim() ? this.shape[d]! * this.strides[d]! : 1);
    return new Tensor(this.storage, this.offset, shape, strides);
  }

  /** A view repeating size-1 dimensions (stride 0) to `sizes`; leading new dimensions are allowed, as Torch's expand. */
  expand(...sizes: SizeArgs): Tensor {
    const target = sizesOf(sizes);
    const lead = target.length - this.dim();
    if (lead < 0) throw new ShapeError(`Tensor.expand: cannot expand ${shapeStr(this.shape)} to fewer dimensions ${shapeStr(target)}`);
    const strides = target.map((s, i) => {
      if (i < lead) return 0;
      const own = this.shape[i - lead]!;
      if (own === s) return this.strides[i - lead]!;
      if (own === 1) return 0;
      throw new ShapeError(`Tensor.expand: cannot expand ${shapeStr(this.shape)} to ${shapeStr(target)} (dimension ${i - lead} has size ${own}, neither 1 nor ${s})`);
    });
    return new Tensor(this.storage, this.offset, target, strides);
  }

  expandAs(other: Tensor): Tensor {
    return this.expand(other.shape);
  }

  /** All slices of `size` elements along `dim`, `step` apart, as a new last dimension (a view). */
  unfold(dim: number, size: number, step: number): Tensor {
    const d = this.checkDim('Tensor.unfold', dim);
    const n = this.shape[d]!;
    if (size > n || step <= 0 || size < 0) throw new ShapeError(`Tensor.unfold: size ${size} and step ${step} do not fit dimension ${d} of size ${n}`);
    const shape = this.shape.slice(), strides = this.strides.slice();
    shape[d] = Math.floor((n - size) / step) + 1;
    strides[d] = this.strides[d]! * step;
    shape.push(size);
    strides.push(this.strides[d]!);
    return new Tensor(this.storage, this.offset, shape, strides);
  }

  /** Views of `size` elements along `dim` (the last may be smaller). */
  split(size: number, dim = 0): Tensor[] {
    const d = this.checkDim('Tensor.split', dim);
    if (!(size > 0)) throw new ArgumentError(`Tensor.split: expected a positive size, got ${size}`);
    const out: Tensor[] = [];
    for (let s = 0; s < this.shape[d]!; s += size) out.push(this.narrow(d, s, Math.min(size, this.shape[d]! - s)));
    return out;
  }

  /** `n` views along `dim` of ⌈size/n⌉ elements (the last may be smaller). */
  chunk(n: number, dim = 0): Tensor[] {
    const d = this.checkDim('Tensor.chunk', dim);
    return this.split(Math.max(1, Math.ceil(this.shape[d]! / n)), d);
  }

  /** A dimension index made non-negative and checked. */
  checkDim(where: string, dim: number): number {
    const d = dim < 0 ? this.shape.length + dim : dim;
    if (!Number.isInteger(d) || d < 0 || d >= this.shape.length) throw new ShapeError(`${where}: dimension ${dim} out of range for ${shapeStr(this.shape)}`);
    return d;
  }

  /** An index along dimension d made non-negative and checked: the error names the dimension, the index and the size. */
  checkIndex(where: string, d: number, index: number): number {
    const size = this.shape[d]!;
    const i = index < 0 ? size + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= size) throw new ShapeError(`${where}: index ${index} out of range for dimension ${d} of size ${size}`);
    return i;
  }

  // ---- copying -----------------------------------------------------------------------------

  /** Copies `src` element by element, converting the type (same number of elements; shapes must match unless both are contiguous). */
  copy(src: Tensor): this {
    const n = this.numel();
    if (src.numel() !== n) throw new ShapeError(`Tensor.copy: expected ${n} elements ${shapeStr(this.shape)}, got ${src.numel()} ${shapeStr(src.shape)}`);
    if ((this.storage.device ?? src.storage.device)?.copy(this, src)) return this;
    if (this.isContiguous() && src.isContiguous()) {
      const d = this.storage.data, s = src.storage.data, o = this.offset, so = src.offset;
      if (d === s && o === so) return this;
      if (d === s) d.copyWithin(o, so, so + n);
      else if (d.constructor === s.constructor) d.set(s.subarray(so, so + n), o);
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

  /** A row-major copy of the values, in an array of this tensor's element type. */
  toArray(): TypedArray {
    const out = new Tensor(new Storage(new (this.storage.data.constructor as new (n: number) => TypedArray)(this.numel()), this.dtype), 0, this.shape);
    return out.copy(this).storage.data;
  }

  /** A copy converted to `dtype` (this tensor when it already has it). */
  to(dtype: DType): Tensor {
    if (dtype === this.dtype) return this;
    return Tensor.zeros(this.shape, dtype).copy(this);
  }

  /** Converts in place to `dtype` (new storage; views of the old storage keep the old values). */
  retype(dtype: DType): this {
    if (dtype === this.dtype) return this;
    const values = this.toArray();
    this.storage = Storage.allocate(dtype, values.length);
    this.storage.data.set(values); // converts between element types as an element write would
    this.offset = 0;
    this.strides = contiguousStrides(this.shape);
    return this;
  }

  private offsetOf(where: string, idx: readonly number[]): number {
    if (idx.length !== this.shape.length) throw new ShapeError(`${where}: expected ${this.shape.length} indices for ${shapeStr(this.shape)}, got ${idx.length}`);
    let p = this.offset;
    for (let i = 0; i < idx.length; i++) p += this.checkIndex(where, i, idx[i]!) * this.strides[i]!;
    return p;
  }

  /** The element at 0-based indices (Lua's `x[i][j]`; negative ones count from the end). */
  get(...idx: number[]): number {
    return this.storage.data[this.offsetOf('Tensor.get', idx)]!;
  }

  /** Torch's layout: the values, then `[torch.FloatTensor of size 3x4]`. */
  toString(): string {
    return formatTensor(this).replace(/\n$/, '');
  }

  /** The ndarray view of this tensor (internal: ndarray types stay out of the public API). */
  private nd(): ndarray.NdArray<TypedArray> {
    return ndarray(this.storage.data, this.shape, this.strides, this.offset);
  }
}
