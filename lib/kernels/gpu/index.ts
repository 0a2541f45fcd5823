/**
 * The gpu backend: gpu.js kernels on WebGPU (WGSL compute shaders; Dawn under Node,
 * navigator.gpu in browsers) or WebGL (gpu.js's fragment-shader kernels; browsers, and headless-gl
 * under Node). float32 tensors live on the device (GpuStorage) and stay there: kernels read their
 * operands' device copies and write the output tensor's place, so a training step chains kernels
 * without readback. Kernels without a GPU version (reductions that return a number, random draws,
 * renorm) run on the host mirror.
 *
 * WebGPU has no synchronous readback. Modules stay synchronous: the host reads a tensor after
 * `await gpu.sync(tensors)`, and `gpu.host(fn)` runs fn's kernels on the host mirrors (the
 * criterion's handful of numbers, for instance). A host read of numbers that are newer on the GPU
 * is a StateError that says so (on WebGL it reads them back, as TensorFlow.js's dataSync does).
 * See docs/backends.md for the training-step pattern.
 */
import type { KernelTable } from '../KernelTable.js';
import { Tensor } from '../../Tensor.js';
import type { Activity } from '../../Activity.js';
import { hostAllocator, type Allocator } from '../../Storage.js';
import { jsBackend } from '../js/index.js';
import { registerBackend, setBackend } from '../backend.js';
import { ArgumentError } from '../../errors.js';
import { GpuStorage, type GpuMemory } from './GpuStorage.js';
import { MAX_ELEMENTS, type Engine, type GpuMode } from './Engine.js';
import type { KernelName } from './sources.js';
import { gpuKernels } from './kernels.js';
import { stridedPlan } from './stridedPlan.js';
import { createWebGPUEngine } from './webgpu.js';
import { createGLEngine } from './webgl.js';

export type { GpuMode } from './Engine.js';
export type { GpuBackend, GpuBackendOptions, GpuStats } from './types.js';
import type { GpuBackend, GpuBackendOptions, GpuStats } from './types.js';

function tensorsOf(v: Activity | null | undefined, out: Tensor[]): void {
  if (v == null) return;
  if (Array.isArray(v)) for (const x of v) tensorsOf(x, out);
  else out.push(v as Tensor);
}

async function createEngine(mode: GpuMode, options: GpuBackendOptions): Promise<Engine> {
  switch (mode) {
    case 'webgpu': return createWebGPUEngine(options);
    case 'webgl':
    case 'headlessgl': return createGLEngine(mode, options);
    default: throw new ArgumentError(`createGpuBackend: expected mode 'webgpu', 'webgl' or 'headlessgl', got '${String(mode)}'`);
  }
}

export async function createGpuBackend(options: GpuBackendOptions = {}): Promise<GpuBackend> {
  const mode = options.mode ?? 'webgpu';
  const engine = await createEngine(mode, options);
  const c = engine.counters;
  const base = { uploads: 0, uploadBytes: 0, readbacks: 0, readbackBytes: 0, submissions: 0 };
  const stats: GpuStats = {
    kernels: 0, allocations: 0, hostKernels: {},
    get uploads() { return c.uploads - base.uploads; },
    get uploadBytes() { return c.uploadBytes - base.uploadBytes; },
    get readbacks() { return c.readbacks - base.readbacks; },
    get readbackBytes() { return c.readbackBytes - base.readbackBytes; },
    get submissions() { return engine.submissions - base.submissions; },
  };
  let hostDepth = 0;
  let destroyed = false;
  const registry = new FinalizationRegistry<{ handle: unknown }>((h) => { if (!destroyed) engine.release(h.handle); });
  const failed = (): void => {
    if (engine.error) throw engine.error;
  };

  const memory: GpuMemory = {
    upload: (s) => engine.upload(s),
    readHost: (s) => engine.readHost(s),
    copy: (dst, src) => hostDepth === 0 && deviceCopy(dst, src),
    fill(dst, value) {
      if (hostDepth > 0 || !isGpu(dst) || !dst.isContiguous()) return false;
      table.fill(dst, value);
      return true;
    },
  };

  const allocator: Allocator = (dtype, length) => {
    if (dtype !== 'float32') return hostAllocator(dtype, length);
    if (length > MAX_ELEMENTS) throw new ArgumentError(`gpu backend: a storage of ${length} float32 numbers exceeds the 2^24 this backend addresses`);
    const s = new GpuStorage(memory, length, 'both');
    engine.init(s);
    stats.allocations++;
    registry.register(s, s.slot); // the slot follows engines that replace the device object (WebGL textures)
    return s;
  };

  const isGpu = (t: Tensor | null): boolean => t === null || (t.storage instanceof GpuStorage && t.storage.memory === memory);
  /** A kernel runs on the GPU when its output is there and its inputs are there or in host memory. */
  const onGpu = (out: Tensor, ...inputs: (Tensor | null)[]): boolean =>
    hostDepth === 0 && isGpu(out) && inputs.every((t) => t === null || isGpu(t) || t.storage.device === null);
  const gpuStorage = (t: Tensor): GpuStorage => (t.storage as GpuStorage).toDevice();

  /**
   * Runs kernel `name` over n outputs into out (its storage at its offset). Tensor arguments are
   * passed as their storages' device copies, their offsets appended in order (the sources'
   * convention); an input in host memory (float64, or made under another backend) is uploaded.
   */
  function launch(name: KernelName, out: Tensor, n: number, ...args: (Tensor | number)[]): void {
    if (n === 0) return;
    failed();
    const inputs: GpuStorage[] = [], scalars: number[] = [], offsets: number[] = [];
    for (const a of args) {
      if (typeof a === 'number') {
        scalars.push(a);
      } else {
        const t = isGpu(a) ? a : uploadTemp(a);
        offsets.push(t.offset);
        inputs.push(gpuStorage(t));
      }
    }
    const dst = gpuStorage(out);
    engine.run(name, dst, out.offset, n, inputs, offsets, scalars);
    dst.written();
    stats.kernels++;
  }

  /** A float32 GPU copy of a host tensor's elements (row-major). */
  function uploadTemp(t: Tensor): Tensor {
    const s = allocator('float32', t.numel()) as GpuStorage;
    s.mirror.set(t.toArray());
    s.state = 'host';
    return new Tensor(s, 0, t.shape);
  }

  function deviceCopy(dst: Tensor, src: Tensor): boolean {
    const n = dst.numel();
    if (n === 0) return true;
    if (isGpu(dst) && isGpu(src)) {
      if (dst.isContiguous() && src.isContiguous()) {
        table.copy(dst, src);
        return true;
      }
      return stridedCopy(dst, src.sameShape(dst) ? src : src.contiguous().view(dst.shape));
    }
    // host → GPU: written straight into the device copy unless the host mirror holds newer numbers
    const s = dst.storage;
    if (s instanceof GpuStorage && isGpu(dst) && dst.isContiguous() && src.isContiguous() && src.dtype === 'float32' && s.state !== 'host') {
      const values = src.data.subarray(src.offset, src.offset + n) as Float32Array;
      if (!engine.write(s, dst.offset, values)) return false;
      if (s.state === 'both') s.mirror.set(values, dst.offset);
      return true;
    }
    return false;
  }

  /** dst ← src for a strided dst of up to 4 dimensions whose elements do not overlap. */
  function stridedCopy(dst: Tensor, src: Tensor): boolean {
    const plan = stridedPlan(dst, src);
    if (!plan) return false;
    // positions of the span outside the view keep their values: the kernel reads dst whole
    const from = dst.storage === src.storage ? src.clone() : src;
    launch('copyStrided', dst, plan.span, dst, from, ...plan.args);
    return true;
  }

  const host = <K extends keyof KernelTable>(name: K): KernelTable[K] => {
    stats.hostKernels[name] = (stats.hostKernels[name] ?? 0) + 1;
    return jsBackend[name];
  };

  /** out ← x between device storages (a copy within one storage goes through a kernel: device copies never overlap). */
  function copyOnDevice(out: Tensor, x: Tensor): void {
    const n = out.numel();
    if (n === 0) return;
    const d = gpuStorage(out), s = gpuStorage(x);
    if (d === s) return launch('copy', out, n, x.clone());
    failed();
    engine.copy(d, out.offset, s, x.offset, n);
    stats.kernels++;
    // a copy of numbers the host also has keeps the host mirror current too (clones of fresh modules stay host-readable)
    if (s.state === 'both' && d.state === 'both') d.mirror.set(s.mirror.subarray(x.offset, x.offset + n), out.offset);
    else d.written();
  }

  /** Scratch tensors by size: kernels run in order, so one call's scratch is free for the next. */
  const scratches = new Map<number, Tensor>();
  const scratch = (n: number): Tensor => {
    let t = scratches.get(n);
    if (!t) scratches.set(n, (t = new Tensor(allocator('float32', n), 0, [n])));
    return t;
  };

  const table: GpuBackend = {
    ...gpuKernels({ launch, onGpu, host, copyOnDevice, scratch, vec4: engine.vec4 }),
    name: 'gpu',
    mode,
    adapter: engine.adapter,
    allocator,
    stats,

    async sync(...values) {
      failed();
      const ts: Tensor[] = [];
      for (const v of values) tensorsOf(v, ts);
      const pending = [...new Set(ts.map((t) => t.storage))]
        .filter((st): st is GpuStorage => st instanceof GpuStorage && st.memory === memory && st.state === 'device');
      if (pending.length > 0) await engine.readback(pending);
      failed();
    },
    host(fn) {
      hostDepth++;
      try {
        return fn();
      } finally {
        hostDepth--;
      }
    },
    async finish() {
      await engine.finish();
      failed();
    },
    resetStats() {
      Object.assign(base, { uploads: c.uploads, uploadBytes: c.uploadBytes, readbacks: c.readbacks, readbackBytes: c.readbackBytes, submissions: engine.submissions });
      stats.kernels = 0;
      stats.allocations = 0;
      stats.hostKernels = {};
    },
    async destroy() {
      destroyed = true;
      await engine.destroy();
    },
  };
  return table;
}

/** Creates the gpu backend, registers it as 'gpu' and makes it current (tensors made afterwards live on the GPU). */
export async function useGpu(options: GpuBackendOptions = {}): Promise<GpuBackend> {
  const b = await createGpuBackend(options);
  registerBackend(b);
  setBackend(b.name);
  return b;
}
