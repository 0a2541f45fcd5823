/**
 * Where a tensor's numbers live. Storage knows no backend: each backend installs its own
 * allocator (`setAllocator`) so that js keeps plain typed arrays and wasm hands out views
 * into its linear memory.
 */
export type DType = 'float32' | 'float64';
export type TypedArray = Float32Array | Float64Array;

export type Allocator = (dtype: DType, length: number) => TypedArray;

const hostAllocator: Allocator = (dtype, length) =>
  dtype === 'float64' ? new Float64Array(length) : new Float32Array(length);

let allocator: Allocator = hostAllocator;

/** Installs the allocator new storage is taken from; returns the previous one. */
export function setAllocator(a: Allocator | null): Allocator {
  const prev = allocator;
  allocator = a ?? hostAllocator;
  return prev;
}

export class Storage {
  constructor(public data: TypedArray) {}

  static allocate(dtype: DType, length: number): Storage {
    return new Storage(allocator(dtype, length));
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
