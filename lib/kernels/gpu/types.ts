/** The gpu backend's public types: its options, counters and the backend itself. */
import type { KernelTable } from '../KernelTable.js';
import type { Activity } from '../../Activity.js';
import type { GpuMode } from './Engine.js';
import type { WebGPUOptions } from './runtime.js';
import type { GLOptions } from './webgl.js';

export interface GpuBackendOptions extends WebGPUOptions, GLOptions {
  /** gpu.js mode, chosen explicitly (never gpu.js's auto-pick). Default 'webgpu'. */
  mode?: GpuMode;
}

export interface GpuStats {
  /** Kernel launches and device-side copies. */
  kernels: number;
  /** Storages created on the device. */
  allocations: number;
  readonly uploads: number;
  readonly uploadBytes: number;
  readonly readbacks: number;
  readonly readbackBytes: number;
  /** Kernels that ran on the host mirrors, by name. */
  hostKernels: Record<string, number>;
  /** Queue submissions (WebGPU: recorded commands go in batches). */
  readonly submissions: number;
}

export interface GpuBackend extends KernelTable {
  readonly mode: GpuMode;
  /** The adapter that answered, in words. */
  readonly adapter: string;
  /** Reads the given tensors (tables are walked) back into their host mirrors: one GPU round trip. */
  sync(...values: (Activity | null | undefined)[]): Promise<void>;
  /** Runs fn with every kernel on the host mirrors (values newer on the GPU must be synced first on WebGPU). */
  host<T>(fn: () => T): T;
  /** Waits for the GPU to finish all submitted work; throws the first GPU error seen. */
  finish(): Promise<void>;
  readonly stats: GpuStats;
  resetStats(): void;
  /** Releases every kernel and the device. */
  destroy(): Promise<void>;
}
