/**
 * float32 storage of the gpu backend: a GPU buffer and a host mirror, and which of the two holds
 * the latest values. Kernels read and write the buffer; the host mirror is brought up to date only
 * by `sync` (an asynchronous readback: WebGPU has no other kind). Reading `data` while the newest
 * values are on the GPU is a StateError naming the fix, never a silent stale read.
 */
import { Storage, type DeviceOps, type TypedArray } from '../../Storage.js';
import { StateError } from '../../errors.js';
import { BufferUsage, type BufferHandle, type GPUBufferLike } from './runtime.js';

/** 'host': the mirror is newer; 'device': the buffer is newer; 'both': they agree. */
export type Residency = 'host' | 'device' | 'both';

export interface GpuMemory extends DeviceOps {
  createBuffer(bytes: number): { buffer: GPUBufferLike; handle: BufferHandle };
  upload(s: GpuStorage): void;
  readonly hostAccessHint: string;
}

export class GpuStorage extends Storage {
  state: Residency = 'both';
  readonly buffer: GPUBufferLike;
  /** The buffer as a gpu.js kernel argument. */
  readonly handle: BufferHandle;

  constructor(readonly memory: GpuMemory, private readonly n: number) {
    super(new Float32Array(n));
    ({ buffer: this.buffer, handle: this.handle } = memory.createBuffer(Math.max(1, n) * 4));
  }

  /** The host mirror, current: any access may write it, so the GPU copy is stale afterwards. */
  override get data(): TypedArray {
    if (this.state === 'device') {
      throw new StateError(`gpu backend: these ${this.n} numbers are newer on the GPU than on the host; ${this.memory.hostAccessHint}`);
    }
    this.state = 'host';
    return this._data;
  }

  override get device(): DeviceOps {
    return this.memory;
  }

  /** The mirror without changing residency (for uploads and readbacks). */
  get mirror(): Float32Array {
    return this._data as Float32Array;
  }

  override get dtype(): 'float32' {
    return 'float32';
  }

  override get length(): number {
    return this.n;
  }

  /** Makes the GPU buffer current (uploads the mirror when it is newer). */
  toDevice(): this {
    if (this.state === 'host') {
      this.memory.upload(this);
      this.state = 'both';
    }
    return this;
  }

  /** Marks the GPU buffer as written by a kernel. */
  written(): void {
    this.state = 'device';
  }
}

export const storageUsage = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;
