/**
 * Loads gpu.js and a WebGPU implementation, lazily: the library itself never imports either, so
 * it loads where they are absent. In a browser `navigator.gpu` is used as it is; under Node the
 * npm package `webgpu` (Dawn) is wired in as `navigator.gpu`, which gpu.js looks for.
 *
 * Only the few WebGPU and gpu.js members the backend touches are typed here.
 */
import { StateError } from '../../errors.js';

export interface GPUBufferLike {
  readonly size: number;
  destroy(): void;
  mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
}

export interface GPUComputePassLike {
  setPipeline(pipeline: unknown): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GPUCommandEncoderLike {
  beginComputePass(): GPUComputePassLike;
  copyBufferToBuffer(src: GPUBufferLike, srcOffset: number, dst: GPUBufferLike, dstOffset: number, size: number): void;
  finish(): unknown;
}

/** A buffer binding: the whole buffer, or `size` bytes from `offset`. */
export interface GPUBindingLike { buffer: GPUBufferLike; offset?: number; size?: number }

export interface GPUDeviceLike {
  readonly queue: {
    writeBuffer(buffer: GPUBufferLike, offset: number, data: ArrayBufferView, dataOffset?: number, size?: number): void;
    submit(buffers: unknown[]): void;
    onSubmittedWorkDone(): Promise<void>;
  };
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly minUniformBufferOffsetAlignment: number;
    readonly minStorageBufferOffsetAlignment: number;
  };
  createBuffer(desc: { size: number; usage: number }): GPUBufferLike;
  createCommandEncoder(): GPUCommandEncoderLike;
  createBindGroup(desc: { layout: unknown; entries: { binding: number; resource: GPUBindingLike }[] }): unknown;
  popErrorScope(): Promise<{ message: string } | null>;
  pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
}

export interface GPUAdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
}

/** gpu.js's shared device: one per process, as its kernels expect. */
export interface WebGPUContextLike {
  readonly device: GPUDeviceLike;
  readonly adapter: { readonly info?: GPUAdapterInfoLike };
  readonly isLost: boolean;
}

/** gpu.js's handle to a GPU-resident array; any GPUBuffer can be wrapped in one and passed to a kernel. */
export interface BufferHandle {
  readonly buffer: GPUBufferLike;
  delete(): void;
}

/** A built kernel, as gpu.js's run shortcut exposes it. */
export interface GpuJsKernel {
  (...args: (BufferHandle | number)[]): Promise<unknown>;
  setOutput(output: number[]): GpuJsKernel;
  readonly kernel: { readonly built: boolean; outputBuffer: GPUBufferLike | null; bindGroupDirty: boolean; destroy(): void };
}

export interface GpuJsKernelSettings {
  output: number[];
  pipeline: boolean;
  dynamicOutput: boolean;
  dynamicArguments: boolean;
  loopMaxIterations: number;
  argumentTypes: Record<string, string>;
  tactic: 'speed' | 'balance' | 'precision';
}

export interface GpuJsInstance {
  createKernel(source: string, settings: GpuJsKernelSettings): GpuJsKernel;
  destroy(): Promise<void> | void;
}

interface GpuJsModule {
  GPU: new (settings: { mode: string }) => GpuJsInstance;
  WebGPUContext: { acquire(): Promise<WebGPUContextLike>; destroy(): Promise<void> };
  WebGPUBufferResult: new (settings: { buffer: GPUBufferLike; output: number[]; context: WebGPUContextLike; kernel: null }) => BufferHandle;
}

interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: object;
}

interface DawnGpu {
  requestAdapter(options?: object): Promise<object | null>;
  getPreferredCanvasFormat(): string;
  readonly wgslLanguageFeatures: unknown;
}

export const BufferUsage = { MAP_READ: 0x0001, COPY_SRC: 0x0004, COPY_DST: 0x0008, UNIFORM: 0x0040, STORAGE: 0x0080 } as const;
export const MapMode = { READ: 0x0001 } as const;

export interface WebGPUOptions {
  /**
   * Dawn flags for Node (e.g. ['backend=vulkan'] or ['backend=opengl']). Default: Dawn's own
   * choice, then, when that finds no adapter, its OpenGL ES backend over EGL without a display
   * (Mesa's software rasteriser on machines without a GPU).
   */
  dawnFlags?: string[];
}

export interface WebGPURuntime {
  gpujs: GpuJsModule;
  gpu: GpuJsInstance;
  context: WebGPUContextLike;
  /** What answered: the Dawn flags used (Node) and the adapter's own description. */
  adapter: string;
}

/** Awaits an optional package's import, turning its absence into a StateError that says what to install. */
async function importOptional<T>(name: string, why: string, load: () => Promise<unknown>): Promise<T> {
  try {
    return (await load()) as T;
  } catch (e) {
    throw new StateError(`gpu backend: cannot load '${name}' (${why}): ${(e as Error).message.split('\n')[0]}; npm install ${name}`);
  }
}

type NavigatorHolder = { navigator?: { gpu?: unknown } };

/** Installs Dawn as navigator.gpu under Node; returns the flags that found an adapter. */
async function wireDawn(options: WebGPUOptions): Promise<string> {
  // a computed name: bundlers for browsers leave Dawn (a Node addon) alone
  const dawnPackage = 'webgpu';
  const dawn = await importOptional<DawnModule>(dawnPackage, 'WebGPU for Node (Dawn)', () => import(dawnPackage));
  Object.assign(globalThis, dawn.globals);
  const attempts: { flags: string[]; adapter: object }[] = options.dawnFlags
    ? [{ flags: options.dawnFlags, adapter: options.dawnFlags.includes('backend=opengl') ? { featureLevel: 'compatibility' } : {} }]
    : [{ flags: [], adapter: {} }, { flags: ['backend=opengl'], adapter: { featureLevel: 'compatibility' } }];
  const tried: string[] = [];
  for (const a of attempts) {
    if (a.flags.includes('backend=opengl')) process.env.EGL_PLATFORM ??= 'surfaceless';
    const g = dawn.create(a.flags);
    const adapter = await g.requestAdapter(a.adapter).catch(() => null);
    tried.push(a.flags.join(' ') || 'default');
    if (!adapter) continue;
    const shim = {
      gpu: {
        requestAdapter: (o: object = {}) => g.requestAdapter({ ...a.adapter, ...o }),
        getPreferredCanvasFormat: () => g.getPreferredCanvasFormat(),
        wgslLanguageFeatures: g.wgslLanguageFeatures,
      },
    };
    Object.defineProperty(globalThis, 'navigator', { value: shim, configurable: true, writable: true });
    return a.flags.join(' ') || 'dawn default';
  }
  throw new StateError(`gpu backend: Dawn found no WebGPU adapter (tried flags: ${tried.join('; ')})`);
}

let loading: Promise<WebGPURuntime> | null = null;

/** gpu.js in 'webgpu' mode on the process's one device (loaded once). */
export function loadWebGPU(options: WebGPUOptions = {}): Promise<WebGPURuntime> {
  if (loading) return loading;
  loading = (async () => {
    const nav = (globalThis as NavigatorHolder).navigator;
    const isNode = typeof process !== 'undefined' && !!process.versions?.node;
    let via = 'navigator.gpu';
    if (!nav?.gpu) {
      if (!isNode) throw new StateError("gpu backend: mode 'webgpu' needs navigator.gpu, which this browser does not offer");
      via = await wireDawn(options);
    }
    const gpujs = await importOptional<GpuJsModule>('gpu.js', 'GPU kernels', () => import('gpu.js'));
    const context = await gpujs.WebGPUContext.acquire();
    const info = context.adapter.info;
    const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ');
    return { gpujs, gpu: new gpujs.GPU({ mode: 'webgpu' }), context, adapter: `${name || 'unknown adapter'} (${via})` };
  })();
  loading.catch(() => { loading = null; });
  return loading;
}
