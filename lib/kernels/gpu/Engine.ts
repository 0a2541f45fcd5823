/**
 * What the gpu backend needs of a gpu.js mode: storage on the device, kernel launches writing at
 * an offset of a storage, device-side copies and host transfers. `webgpu.ts` implements it over
 * WebGPU buffers, `webgl.ts` over gpu.js's WebGL textures (browsers, and headless-gl under Node).
 */
import type { GpuStorage } from './GpuStorage.js';
import type { KernelName } from './sources.js';

export type GpuMode = 'webgpu' | 'webgl' | 'headlessgl';

/** Floats index exactly up to 2^24 in the kernels; larger storages are refused. */
export const MAX_ELEMENTS = 1 << 24;

export interface EngineCounters {
  uploads: number;
  uploadBytes: number;
  readbacks: number;
  readbackBytes: number;
}

export interface Engine {
  readonly mode: GpuMode;
  /** The adapter or GL renderer that answered, in words. */
  readonly adapter: string;
  /** Whether kernels returning four values (gemm4) can be used. */
  readonly vec4: boolean;
  readonly counters: EngineCounters;
  /** Queue submissions so far (WebGPU; kernel calls on WebGL). */
  readonly submissions: number;
  /** Initialises a new storage's device side (the memory is the backend's). */
  init(s: GpuStorage): void;
  /** Frees a storage's device side (after its tensor is garbage-collected). */
  release(handle: unknown): void;
  upload(s: GpuStorage): void;
  /** Synchronous readback (WebGL's readPixels); on WebGPU a StateError saying to sync first. */
  readHost(s: GpuStorage): void;
  readback(ss: GpuStorage[]): Promise<void>;
  /**
   * out[offset … offset+n) ← kernel `name` over `inputs` (device copies current), with `scalars`
   * then the inputs' element offsets as its number arguments.
   */
  run(name: KernelName, out: GpuStorage, offset: number, n: number, inputs: GpuStorage[], inputOffsets: number[], scalars: number[]): void;
  /** dst[dOff … dOff+n) ← src[sOff … sOff+n) on the device (distinct storages). */
  copy(dst: GpuStorage, dOff: number, src: GpuStorage, sOff: number, n: number): void;
  /** Host values into the device copy at an offset; false when the engine cannot (the caller writes the mirror). */
  write(dst: GpuStorage, offset: number, values: Float32Array): boolean;
  /** The first asynchronous device error seen, if any. */
  readonly error: Error | null;
  finish(): Promise<void>;
  destroy(): Promise<void>;
}
