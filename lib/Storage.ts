/**
 * Where a tensor's numbers live. Storage knows no backend: each backend installs its own
 * allocator (`setAllocator`) so that js keeps plain typed arrays and wasm hands out views
 * into its linear memory.
 */
import type { Tensor } from './Tensor.js';

export type DType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array;

/** Makes the storage for `length` numbers of `dtype` (zero-filled). */
export type Allocator = (dtype: DType, length: number) => Storage;

/** Plain typed arrays on the JavaScript heap. */
export const hostAllocator: Allocator = (dtype, length) =>
  new Storage(dtype === 'float64' ? new Float64Array(length) : new Float32Array(length));

let allocator: Allocator = hostAllocator;

/** Installs the allocator new storage is taken from; returns the previous one. */
export function setAllocator(a: Allocator | null): Allocator {
  const prev = allocator;
  allocator = a ?? hostAllocator;
  return prev;
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

  constructor(data: TypedArray) {
    this._data = data;
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

  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }

  get length(): number {
    return this.data.length;
  }
}

let defaultDtype: DType = 'float32';

/** The dtype of tensors and parameters created without an explicit one (float32 unless set). */
export function getDefaultDtype(): DType {
  return defaultDtype;
}

export function setDefaultDtype(dtype: DType): void {
  defaultDtype = dtype;
}
