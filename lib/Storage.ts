/**
 * Where a tensor's numbers live. Storage knows no backend: each backend installs its own
 * allocator (`setAllocator`) so that js keeps plain typed arrays and wasm hands out views
 * into its linear memory.
 *
 * Element types (Torch's tensor types): float32 (FloatTensor), float64 (DoubleTensor),
 * long (LongTensor: integers held in an Int32Array here, so values must fit in ±2³¹, where Torch's
 * are int64), int32 (IntTensor) and uint8 (ByteTensor, for masks). Writes into an integer storage
 * truncate toward zero and wrap as the typed array does (uint8 modulo 256, as Torch's byte does).
 */
import type { Tensor } from './Tensor.js';

export type DType = 'float32' | 'float64' | 'long' | 'int32' | 'uint8';
export type FloatDType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;
/** The arrays floating-point tensors hold. */
export type FloatArray = Float32Array | Float64Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'long', 'int32', 'uint8'];

export function isFloatDtype(dtype: DType): dtype is FloatDType {
  return dtype === 'float32' || dtype === 'float64';
}

/** A zero-filled typed array of `length` elements of `dtype`. */
export function typedArrayOf(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(length);
    case 'float64': return new Float64Array(length);
    case 'long':
    case 'int32': return new Int32Array(length);
    case 'uint8': return new Uint8Array(length);
  }
}

function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint8Array) return 'uint8';
  return 'float32';
}

/** Makes the storage for `length` numbers of `dtype` (zero-filled). */
export type Allocator = (dtype: DType, length: number) => Storage;

/** Plain typed arrays on the JavaScript heap. */
export const hostAllocator: Allocator = (dtype, length) => new Storage(typedArrayOf(dtype, length), dtype);

let allocator: Allocator = hostAllocator;

/** Installs the allocator new storage is taken from; returns the previous one. */
export function setAllocator(a: Allocator | null): Allocator {
  const prev = allocator;
  allocator = a ?? hostAllocator;
  return prev;
}

/** The allocator new storage is taken from now (the active backend's). */
export function currentAllocator(): Allocator {
  return allocator;
}

/**
 * What a storage on a device (the GPU) does for Tensor.copy and Tensor.fill, whose host loops
 * cannot reach it. Each returns false when the host path must do the work instead.
 */
export interface DeviceOps {
  copy(dst: Tensor, src: Tensor): boolean;
  fill(dst: Tensor, value: number): boolean;
}

export class Storage {
  protected _data: TypedArray;
  readonly dtype: DType;

  /** `dtype` defaults to the array's own type (an Int32Array is an IntStorage unless 'long' is given). */
  constructor(data: TypedArray, dtype?: DType) {
    this._data = data;
    this.dtype = dtype ?? dtypeOfArray(data);
  }

  /** The numbers (a view into the backend's memory for wasm storage). */
  get data(): TypedArray {
    return this._data;
  }

  /** Null for host memory; the device's copy/fill for device storage. */
  get device(): DeviceOps | null {
    return null;
  }

  static allocate(dtype: DType, length: number): Storage {
    return allocator(dtype, length);
  }

  get length(): number {
    return this.data.length;
  }
}

let defaultDtype: FloatDType = 'float32';

/** The dtype of tensors and parameters created without an explicit one (float32 unless set). */
export function getDefaultDtype(): FloatDType {
  return defaultDtype;
}

export function setDefaultDtype(dtype: FloatDType): void {
  defaultDtype = dtype;
}
