/**
 * float32 storage of the gpu backend: a device copy (a WebGPU buffer or a WebGL texture, owned by
 * the backend's engine) and a host mirror, and which of the two holds the latest values. Kernels
 * read and write the device copy; the mirror is brought up to date by a readback: synchronous on
 * WebGL, only through `await gpu.sync(...)` on WebGPU (which has no synchronous readback), where
 * reading `data` while the newest values are on the GPU is a StateError naming the fix.
 */
import { Storage, type DeviceOps, type TypedArray } from '../../Storage.js';

/** 'host': the mirror is newer; 'device': the device copy is newer; 'both': they agree. */
export type Residency = 'host' | 'device' | 'both';

export interface GpuMemory extends DeviceOps {
  /** Makes the device copy current from the mirror. */
  upload(s: GpuStorage): void;
  /** Makes the mirror current from the device copy, or throws when that cannot be done synchronously. */
  readHost(s: GpuStorage): void;
}

export class GpuStorage extends Storage {
  state: Residency;
  /**
   * Holds the engine's device object (GPUBuffer, gpu.js texture; null until it has one). Apart
   * from the storage so that it can be released when the storage is garbage-collected.
   */
  readonly slot: { handle: unknown } = { handle: null };

  constructor(readonly memory: GpuMemory, private readonly n: number, state: Residency) {
    super(new Float32Array(n));
    this.state = state;
  }

  /** The host mirror, current: whoever reads it may also write it, so the device copy counts as stale afterwards. */
  override get data(): TypedArray {
    if (this.state === 'device') this.memory.readHost(this);
    this.state = 'host';
    return this._data;
  }

  get handle(): unknown {
    return this.slot.handle;
  }

  set handle(h: unknown) {
    this.slot.handle = h;
  }

  /** The mirror without changing residency (for uploads and readbacks). */
  get mirror(): Float32Array {
    return this._data as Float32Array;
  }

  override get device(): DeviceOps {
    return this.memory;
  }

  override get length(): number {
    return this.n;
  }

  /** Makes the device copy current (uploads the mirror when it is newer). */
  toDevice(): this {
    if (this.state === 'host') {
      this.memory.upload(this);
      this.state = 'both';
    }
    return this;
  }

  /** Marks the device copy as written by a kernel. */
  written(): void {
    this.state = 'device';
  }
}
