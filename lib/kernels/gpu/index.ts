/**
 * The gpu backend: gpu.js kernels in its 'webgpu' mode (WGSL compute shaders; Dawn under Node,
 * navigator.gpu in browsers). float32 tensors live in GPU buffers (GpuStorage) and stay there:
 * a kernel reads its operands' buffers and its result is copied into the output tensor's buffer
 * on the GPU, so a training step chains kernels without readback. Kernels without a GPU version
 * (reductions that return a number, random draws, renorm, the LSTM cell) run on the host mirror.
 *
 * WebGPU has no synchronous readback. Modules stay synchronous: the host reads a tensor only
 * after `await gpu.sync(tensors)`, and `gpu.host(fn)` runs fn's kernels on the host mirrors (the
 * criterion's handful of numbers, for instance). A host read of numbers that are newer on the
 * GPU is a StateError that says so. See docs/backends.md for the training-step pattern.
 */
import type { KernelTable } from '../KernelTable.js';
import { Tensor } from '../../Tensor.js';
import type { DeviceOps } from '../../Storage.js';
import type { Activity } from '../../Activity.js';
import { hostAllocator, type Allocator } from '../../Storage.js';
import { jsBackend } from '../js/index.js';
import { registerBackend, setBackend } from '../backend.js';
import { ArgumentError, StateError } from '../../errors.js';
import { GpuStorage, storageUsage, type GpuMemory } from './GpuStorage.js';
import { sources, type KernelName } from './sources.js';
import { Recorder, type BuiltKernel } from './Recorder.js';
import { BufferUsage, MapMode, loadWebGPU, type GPUBufferLike, type GpuJsKernel, type WebGPUOptions } from './runtime.js';

export type GpuMode = 'webgpu' | 'webgl' | 'headlessgl';

export interface GpuBackendOptions extends WebGPUOptions {
  /** gpu.js mode, chosen explicitly (never gpu.js's auto-pick). Only 'webgpu' is implemented. */
  mode?: GpuMode;
}

export interface GpuStats {
  kernels: number;
  uploads: number;
  uploadBytes: number;
  readbacks: number;
  readbackBytes: number;
  /** Kernels that ran on the host mirrors, by name. */
  hostKernels: Record<string, number>;
  /** Queue submissions (recorded commands go in batches). */
  readonly submissions: number;
}

export interface GpuBackend extends KernelTable {
  readonly mode: GpuMode;
  /** The adapter that answered, in words. */
  readonly adapter: string;
  /** Reads the given tensors (tables are walked) back into their host mirrors: one GPU round trip. */
  sync(...values: (Activity | null | undefined)[]): Promise<void>;
  /** Runs fn with every kernel on the host mirrors (values newer on the GPU must be synced first). */
  host<T>(fn: () => T): T;
  /** Waits for the GPU to finish all submitted work; throws the first GPU error seen. */
  finish(): Promise<void>;
  readonly stats: GpuStats;
  resetStats(): void;
  /** Releases every kernel and the device. */
  destroy(): Promise<void>;
}

/** Floats index exactly up to 2^24; larger storages would address wrongly, so they are refused. */
const MAX_ELEMENTS = 1 << 24;

function tensorsOf(v: Activity | null | undefined, out: Tensor[]): void {
  if (v == null) return;
  if (Array.isArray(v)) for (const x of v) tensorsOf(x, out);
  else out.push(v as Tensor);
}

export async function createGpuBackend(options: GpuBackendOptions = {}): Promise<GpuBackend> {
  const mode = options.mode ?? 'webgpu';
  if (mode !== 'webgpu') {
    throw new ArgumentError(`createGpuBackend: mode '${mode}' is not implemented (its gpu.js kernels return textures that cannot be written at a tensor's offset); use mode 'webgpu'`);
  }
  const rt = await loadWebGPU(options);
  const { context, gpujs } = rt;
  const device = context.device;
  let submissionsBase = 0;
  const stats: GpuStats = {
    kernels: 0, uploads: 0, uploadBytes: 0, readbacks: 0, readbackBytes: 0, hostKernels: {},
    get submissions() { return recorder.submissions - submissionsBase; },
  };
  let hostDepth = 0;
  let failure: Error | null = null;
  let destroyed = false;
  const recorder = new Recorder(device);
  const registry = new FinalizationRegistry<{ buffer: GPUBufferLike }>(({ buffer }) => { if (!destroyed) recorder.release(buffer); });

  const memory: GpuMemory & DeviceOps = {
    hostAccessHint: 'await gpu.sync(tensor) first (WebGPU has no synchronous readback), or run the host code before the GPU kernels',
    createBuffer(bytes) {
      const buffer = device.createBuffer({ size: Math.ceil(bytes / 4) * 4, usage: storageUsage });
      const handle = new gpujs.WebGPUBufferResult({ buffer, output: [bytes / 4], context, kernel: null });
      return { buffer, handle };
    },
    upload(s) {
      recorder.write(s.buffer, 0, s.mirror);
      stats.uploads++;
      stats.uploadBytes += s.mirror.byteLength;
    },
    copy(dst, src) {
      return hostDepth === 0 && deviceCopy(dst, src);
    },
    fill(dst, value) {
      if (hostDepth > 0 || !isGpu(dst) || !dst.isContiguous()) return false;
      table.fill(dst, value);
      return true;
    },
  };

  const allocator: Allocator = (dtype, length) => {
    if (dtype === 'float64') return hostAllocator(dtype, length);
    if (length > MAX_ELEMENTS) throw new ArgumentError(`gpu backend: a storage of ${length} float32 numbers exceeds the 2^24 this backend addresses`);
    const s = new GpuStorage(memory, length);
    registry.register(s, { buffer: s.buffer });
    return s;
  };

  const isGpu = (t: Tensor | null): boolean => t === null || (t.storage instanceof GpuStorage && t.storage.memory === memory);
  /** A kernel runs on the GPU when its output is there and its inputs are there or in host memory. */
  const onGpu = (out: Tensor, ...inputs: (Tensor | null)[]): boolean =>
    hostDepth === 0 && isGpu(out) && inputs.every((t) => t === null || isGpu(t) || t.storage.device === null);
  const gpuStorage = (t: Tensor): GpuStorage => (t.storage as GpuStorage).toDevice();

  // Every kernel is built once, up front: a built gpu.js webgpu kernel submits synchronously,
  // which is what lets a synchronous module chain them.
  const kernels = new Map<KernelName, BuiltKernel>();
  const shortcuts: GpuJsKernel[] = [];
  const dummy = memory.createBuffer(16);
  for (const [name, src] of Object.entries(sources) as [KernelName, (typeof sources)[KernelName]][]) {
    const names = Object.keys(src.args);
    const kern = rt.gpu.createKernel(`function (${names.join(', ')}) {\n${src.body}\n}`, {
      output: [1], pipeline: true, dynamicOutput: true, dynamicArguments: true,
      loopMaxIterations: MAX_ELEMENTS, argumentTypes: src.args, tactic: 'precision',
    });
    const args = names.map((n) => (src.args[n] === 'Array' ? dummy.handle : 1));
    try {
      await kern(...args);
    } catch (e) {
      throw new StateError(`gpu backend: kernel '${name}' failed to build: ${(e as Error).message.split('\n')[0]}`);
    }
    kernels.set(name, kern.kernel as unknown as BuiltKernel);
    shortcuts.push(kern);
  }

  /**
   * Runs kernel `name` over n outputs into out (its storage at its offset). Tensor arguments are
   * bound as their storage buffers, their offsets appended in order (the sources' convention);
   * an input in host memory (float64, or made under another backend) is uploaded for the call.
   */
  function launch(name: KernelName, out: Tensor, n: number, ...args: (Tensor | number)[]): void {
    if (n === 0) return;
    if (failure) throw failure;
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
    // the output is bound at the tensor's place when WebGPU's offset alignment allows and no input
    // shares its buffer (a buffer cannot be read-only and writable in one dispatch); else it is
    // written to a scratch buffer and copied there
    const direct = (4 * out.offset) % recorder.storageAlignment === 0 && !inputs.includes(dst);
    const target = direct ? { buffer: dst.buffer, offset: 4 * out.offset, size: 4 * n } : { buffer: scratchOut(4 * n), offset: 0, size: 4 * n };
    const kern = kernels.get(name)!;
    recorder.dispatch(kern, n / kern.componentCount, inputs.map((s) => ({ buffer: s.buffer, length: s.length })), [...scalars, ...offsets], target);
    if (!direct) recorder.copy(target.buffer, 0, dst.buffer, 4 * out.offset, 4 * n);
    dst.written();
    stats.kernels++;
  }

  let scratchBuffer: GPUBufferLike | null = null;
  function scratchOut(bytes: number): GPUBufferLike {
    if (!scratchBuffer || scratchBuffer.size < bytes) {
      if (scratchBuffer) recorder.release(scratchBuffer);
      scratchBuffer = device.createBuffer({ size: Math.max(bytes, 1 << 12), usage: storageUsage });
    }
    return scratchBuffer;
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
    // host → GPU: written straight into the buffer unless the host mirror holds newer numbers
    if (isGpu(dst) && dst.isContiguous() && src.isContiguous() && src.dtype === 'float32' && (dst.storage as GpuStorage).state !== 'host') {
      const s = dst.storage as GpuStorage, values = src.data.subarray(src.offset, src.offset + n);
      recorder.write(s.buffer, 4 * dst.offset, values);
      if (s.state === 'both') s.mirror.set(values, dst.offset);
      stats.uploads++;
      stats.uploadBytes += 4 * n;
      return true;
    }
    return false;
  }

  /** dst ← src for a strided dst of up to 4 dimensions whose elements do not overlap. */
  function stridedCopy(dst: Tensor, src: Tensor): boolean {
    const dims = dst.shape.map((_, d) => d).filter((d) => dst.shape[d]! > 1).sort((a, b) => dst.strides[b]! - dst.strides[a]!);
    if (dims.length > 4) return false;
    for (let j = 0; j + 1 < dims.length; j++) {
      const a = dims[j]!, b = dims[j + 1]!;
      if (dst.strides[a]! < dst.strides[b]! * dst.shape[b]!) return false; // overlapping or interleaved
    }
    const span = dims.reduce((s, d) => s + (dst.shape[d]! - 1) * dst.strides[d]!, 0) + 1;
    const n = [1, 1, 1, 1], ds = [span + 1, span + 1, span + 1, span + 1], ss = [0, 0, 0, 0];
    dims.forEach((d, j) => { n[j] = dst.shape[d]!; ds[j] = dst.strides[d]!; ss[j] = src.strides[d]!; });
    // positions of the span outside the view keep their values: the kernel reads dst whole
    const from = dst.storage === src.storage ? src.clone() : src;
    launch('copyStrided', dst, span, dst, from, ...n, ...ds, ...ss);
    return true;
  }

  const host = <K extends keyof KernelTable>(name: K): KernelTable[K] => {
    stats.hostKernels[name] = (stats.hostKernels[name] ?? 0) + 1;
    return jsBackend[name];
  };
  const js = jsBackend;

  let staging: GPUBufferLike | null = null;
  /** Scratch tensors by size: kernels run in queue order, so one call's scratch is free for the next. */
  const scratches = new Map<number, Tensor>();
  const scratch = (n: number): Tensor => {
    let t = scratches.get(n);
    if (!t) scratches.set(n, (t = new Tensor(allocator('float32', n), 0, [n])));
    return t;
  };

  const table: GpuBackend = {
    ...js,
    name: 'gpu',
    mode,
    adapter: rt.adapter,
    allocator,
    stats,

    gemm(C, A, B, m, n, k, transA, transB, alpha, beta) {
      if (!onGpu(C, A, B)) return host('gemm')(C, A, B, m, n, k, transA, transB, alpha, beta);
      if (n % 4 === 0) launch('gemm4', C, m * n, A, B, C, m, n, k, transA ? 1 : 0, transB ? 1 : 0, alpha, beta);
      else launch('gemm', C, m * n, A, B, C, m, n, k, transA ? 1 : 0, transB ? 1 : 0, alpha, beta);
    },
    addRowVector(out, v, rows, cols, alpha) {
      if (!onGpu(out, v)) return host('addRowVector')(out, v, rows, cols, alpha);
      launch('addRowVector', out, rows * cols, out, v, cols, alpha);
    },
    sumRows(out, x, rows, cols, alpha, beta) {
      if (!onGpu(out, x)) return host('sumRows')(out, x, rows, cols, alpha, beta);
      launch('sumRows', out, cols, x, out, rows, cols, alpha, beta);
    },
    axpby(out, a, x, b, y) {
      if (!onGpu(out, x, y)) return host('axpby')(out, a, x, b, y);
      launch('axpby', out, out.numel(), x, y, a, b);
    },
    cmul(out, x, y) {
      if (!onGpu(out, x, y)) return host('cmul')(out, x, y);
      launch('cmul', out, out.numel(), x, y);
    },
    cdiv(out, x, y) {
      if (!onGpu(out, x, y)) return host('cdiv')(out, x, y);
      launch('cdiv', out, out.numel(), x, y);
    },
    scaleRows(out, x, s, rows, cols) {
      if (!onGpu(out, x, s)) return host('scaleRows')(out, x, s, rows, cols);
      launch('scaleRows', out, rows * cols, x, s, cols);
    },
    adds(out, x, s) {
      if (!onGpu(out, x)) return host('adds')(out, x, s);
      launch('adds', out, out.numel(), x, s);
    },
    fill(out, value) {
      if (!onGpu(out)) return host('fill')(out, value);
      launch('fill', out, out.numel(), value);
    },
    copy(out, x) {
      if (!onGpu(out, x)) return host('copy')(out, x);
      const n = out.numel();
      if (n === 0) return;
      const d = gpuStorage(out), s = gpuStorage(x);
      if (d === s) return launch('copy', out, n, x.clone()); // WebGPU copies never overlap a buffer
      recorder.copy(s.buffer, 4 * x.offset, d.buffer, 4 * out.offset, 4 * n);
      stats.kernels++;
      // a copy of numbers the host also has keeps the host mirror current too (clones of fresh modules stay host-readable)
      if (s.state === 'both' && d.state === 'both') d.mirror.set(s.mirror.subarray(x.offset, x.offset + n), out.offset);
      else d.written();
    },
    relu(out, x) {
      if (!onGpu(out, x)) return host('relu')(out, x);
      launch('relu', out, out.numel(), x);
    },
    reluBackward(gradIn, x, gradOut) {
      if (!onGpu(gradIn, x, gradOut)) return host('reluBackward')(gradIn, x, gradOut);
      launch('reluBackward', gradIn, gradIn.numel(), x, gradOut);
    },
    tanh(out, x) {
      if (!onGpu(out, x)) return host('tanh')(out, x);
      launch('tanh', out, out.numel(), x);
    },
    tanhBackward(gradIn, y, gradOut) {
      if (!onGpu(gradIn, y, gradOut)) return host('tanhBackward')(gradIn, y, gradOut);
      launch('tanhBackward', gradIn, gradIn.numel(), y, gradOut);
    },
    sigmoid(out, x) {
      if (!onGpu(out, x)) return host('sigmoid')(out, x);
      launch('sigmoid', out, out.numel(), x);
    },
    sigmoidBackward(gradIn, y, gradOut) {
      if (!onGpu(gradIn, y, gradOut)) return host('sigmoidBackward')(gradIn, y, gradOut);
      launch('sigmoidBackward', gradIn, gradIn.numel(), y, gradOut);
    },
    hardtanh(out, x, min, max) {
      if (!onGpu(out, x)) return host('hardtanh')(out, x, min, max);
      launch('hardtanh', out, out.numel(), x, min, max);
    },
    hardtanhBackward(gradIn, x, gradOut, min, max) {
      if (!onGpu(gradIn, x, gradOut)) return host('hardtanhBackward')(gradIn, x, gradOut, min, max);
      launch('hardtanhBackward', gradIn, gradIn.numel(), x, gradOut, min, max);
    },
    logSoftmax(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('logSoftmax')(out, x, rows, cols);
      launch('logSoftmax', out, rows * cols, x, cols);
    },
    logSoftmaxBackward(gradIn, y, gradOut, rows, cols) {
      if (!onGpu(gradIn, y, gradOut)) return host('logSoftmaxBackward')(gradIn, y, gradOut, rows, cols);
      launch('logSoftmaxBackward', gradIn, rows * cols, y, gradOut, cols);
    },
    softmax(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('softmax')(out, x, rows, cols);
      launch('softmax', out, rows * cols, x, cols);
    },
    softmaxBackward(gradIn, y, gradOut, rows, cols) {
      if (!onGpu(gradIn, y, gradOut)) return host('softmaxBackward')(gradIn, y, gradOut, rows, cols);
      launch('softmaxBackward', gradIn, rows * cols, y, gradOut, cols);
    },
    argmaxRows(out, x, rows, cols) {
      if (!onGpu(out, x)) return host('argmaxRows')(out, x, rows, cols);
      launch('argmaxRows', out, rows, x, cols);
    },
    classReward(out, pred, target, n, scale) {
      if (!onGpu(out, pred, target)) return host('classReward')(out, pred, target, n, scale);
      launch('classReward', out, n, pred, target, scale);
    },
    classNLLBackward(gradIn, target, weights, rows, cols, ignoreIndex, norm) {
      if (!onGpu(gradIn, target, weights)) return host('classNLLBackward')(gradIn, target, weights, rows, cols, ignoreIndex, norm);
      const w = weights ?? target;
      launch('classNLLBackward', gradIn, rows * cols, target, w, cols, ignoreIndex, norm, weights ? 1 : 0);
    },
    adam(param, grad, m, v, lr, beta1, beta2, eps, t) {
      if (!onGpu(param, grad, m, v)) return host('adam')(param, grad, m, v, lr, beta1, beta2, eps, t);
      const n = param.numel();
      launch('adamMoment', m, n, m, grad, beta1, 0);
      launch('adamMoment', v, n, v, grad, beta2, 1);
      launch('adamStep', param, n, param, m, v, lr, 1 - beta1 ** t, 1 - beta2 ** t, eps);
    },
    glimpse(out, image, location, B, C, H, W, g) {
      if (!onGpu(out, image, location)) return host('glimpse')(out, image, location, B, C, H, W, g);
      launch('glimpse', out, B * g.depth * C * g.height * g.width, image, location, C, H, W, g.height, g.width, g.depth, g.scale);
    },
    glimpseBackward(gradImage, gradOut, location, B, C, H, W, g) {
      if (!onGpu(gradImage, gradOut, location)) return host('glimpseBackward')(gradImage, gradOut, location, B, C, H, W, g);
      launch('glimpseBackward', gradImage, B * C * H * W, gradOut, location, C, H, W, g.height, g.width, g.depth, g.scale);
    },

    lstmCell(gates, c, h, tanhC, cPrev, B, H) {
      if (!onGpu(gates, cPrev) || !onGpu(c) || !onGpu(h) || !onGpu(tanhC)) return host('lstmCell')(gates, c, h, tanhC, cPrev, B, H);
      launch('lstmGates', gates, B * 4 * H, gates, H);
      launch('lstmC', c, B * H, gates, cPrev, H);
      launch('tanh', tanhC, B * H, c);
      launch('lstmH', h, B * H, gates, tanhC, H);
    },
    lstmCellBackward(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H) {
      if (!onGpu(gradGates, gates, tanhC, cPrev, gradH, gradC) || !onGpu(gradCPrev)) {
        return host('lstmCellBackward')(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H);
      }
      const dc = scratch(B * H);
      launch('lstmDc', dc, B * H, gates, tanhC, gradH, gradC, H);
      launch('lstmGradGates', gradGates, B * 4 * H, dc, gates, cPrev, tanhC, gradH, H);
      launch('lstmDcPrev', gradCPrev, B * H, dc, gates, H);
    },

    // host kernels: reductions that return a number, random draws, renorm
    sum: (x) => host('sum')(x),
    dot: (x, y) => host('dot')(x, y),
    sqdist: (x, y) => host('sqdist')(x, y),
    classNLL: (result, x, target, weights, rows, cols, ignoreIndex) => host('classNLL')(result, x, target, weights, rows, cols, ignoreIndex),
    renorm: (x, rows, cols, byRow, maxNorm) => host('renorm')(x, rows, cols, byRow, maxNorm),
    randomUniform: (out, rng, a, b) => host('randomUniform')(out, rng, a, b),
    randomNormal: (out, rng, mean, std) => host('randomNormal')(out, rng, mean, std),
    randomBernoulli: (out, rng, p) => host('randomBernoulli')(out, rng, p),
    bernoulliFrom: (out, p, rng) => host('bernoulliFrom')(out, p, rng),
    categoricalRows: (out, p, rows, cols, rng) => host('categoricalRows')(out, p, rows, cols, rng),

    async sync(...values) {
      failure ??= recorder.error;
      if (failure) throw failure;
      const ts: Tensor[] = [];
      for (const v of values) tensorsOf(v, ts);
      const pending = [...new Set(ts.map((t) => t.storage))]
        .filter((s): s is GpuStorage => s instanceof GpuStorage && s.memory === memory && s.state === 'device');
      if (pending.length === 0) return;
      const bytes = pending.reduce((b, s) => b + s.length * 4, 0);
      if (!staging || staging.size < bytes) {
        if (staging) recorder.release(staging);
        staging = device.createBuffer({ size: Math.max(bytes, 1 << 16), usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
      }
      const buf = staging;
      let at = 0;
      for (const s of pending) {
        recorder.copy(s.buffer, 0, buf, at, s.length * 4);
        at += s.length * 4;
      }
      recorder.flush();
      await buf.mapAsync(MapMode.READ, 0, bytes);
      const all = new Float32Array(buf.getMappedRange(0, bytes));
      at = 0;
      for (const s of pending) {
        s.mirror.set(all.subarray(at, at + s.length));
        at += s.length;
        s.state = 'both';
      }
      buf.unmap();
      stats.readbacks++;
      stats.readbackBytes += bytes;
      if (failure) throw failure;
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
      recorder.flush();
      await device.queue.onSubmittedWorkDone();
      failure ??= recorder.error;
      if (failure) throw failure;
    },
    resetStats() {
      Object.assign(stats, { kernels: 0, uploads: 0, uploadBytes: 0, readbacks: 0, readbackBytes: 0, hostKernels: {} });
      submissionsBase = recorder.submissions;
    },
    async destroy() {
      recorder.flush();
      destroyed = true;
      for (const k of shortcuts) k.kernel.destroy();
      kernels.clear();
      staging?.destroy();
      await gpujs.WebGPUContext.destroy();
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
