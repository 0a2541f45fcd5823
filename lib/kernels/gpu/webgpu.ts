/**
 * The gpu backend's WebGPU engine: storage in GPU buffers; every kernel built once by gpu.js
 * ('webgpu' mode, WGSL), then launched through the Recorder (one command encoder, submitted when
 * the host must see or write something). Readback is asynchronous only.
 */
import { StateError } from '../../errors.js';
import type { GpuStorage } from './GpuStorage.js';
import { MAX_ELEMENTS, type Engine, type EngineCounters } from './Engine.js';
import { Recorder, type BuiltKernel } from './Recorder.js';
import { sources, type KernelName } from './sources.js';
import { BufferUsage, MapMode, loadWebGPU, type GPUBufferLike, type GpuJsKernel, type WebGPUOptions } from './runtime.js';

const storageUsage = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;

export async function createWebGPUEngine(options: WebGPUOptions): Promise<Engine> {
  const rt = await loadWebGPU(options);
  const { context, gpujs } = rt;
  const device = context.device;
  const recorder = new Recorder(device);
  const counters: EngineCounters = { uploads: 0, uploadBytes: 0, readbacks: 0, readbackBytes: 0 };
  let destroyed = false;
  const buf = (s: GpuStorage): GPUBufferLike => s.handle as GPUBufferLike;
  const newBuffer = (bytes: number): GPUBufferLike => device.createBuffer({ size: Math.max(4, Math.ceil(bytes / 4) * 4), usage: storageUsage });

  // Every kernel is built once, up front (gpu.js's build is asynchronous on WebGPU).
  const kernels = new Map<KernelName, BuiltKernel>();
  const shortcuts: GpuJsKernel[] = [];
  const dummy = new gpujs.WebGPUBufferResult({ buffer: newBuffer(16), output: [4], context, kernel: null });
  for (const [name, src] of Object.entries(sources) as [KernelName, (typeof sources)[KernelName]][]) {
    const names = Object.keys(src.args);
    const kern = rt.gpu.createKernel(`function (${names.join(', ')}) {\n${src.body}\n}`, {
      output: [1], pipeline: true, dynamicOutput: true, dynamicArguments: true,
      loopMaxIterations: MAX_ELEMENTS, argumentTypes: src.args, tactic: 'precision',
    });
    try {
      await kern(...names.map((n) => (src.args[n] === 'Array' ? dummy : 1)));
    } catch (e) {
      throw new StateError(`gpu backend: kernel '${name}' failed to build: ${(e as Error).message.split('\n')[0]}`);
    }
    kernels.set(name, kern.kernel as unknown as BuiltKernel);
    shortcuts.push(kern);
  }

  let scratch: GPUBufferLike | null = null;
  const scratchOut = (bytes: number): GPUBufferLike => {
    if (!scratch || scratch.size < bytes) {
      if (scratch) recorder.release(scratch);
      scratch = newBuffer(Math.max(bytes, 1 << 12));
    }
    return scratch;
  };
  let staging: GPUBufferLike | null = null;
  const hint = 'await gpu.sync(tensor) first (WebGPU has no synchronous readback), or run the host code before the GPU kernels';

  return {
    mode: 'webgpu',
    adapter: rt.adapter,
    vec4: true,
    counters,
    get submissions() { return recorder.submissions; },
    get error() { return recorder.error; },
    init(s) {
      s.handle = newBuffer(s.length * 4); // zero-filled, like the mirror
    },
    release(handle) {
      if (!destroyed) recorder.release(handle as GPUBufferLike);
    },
    upload(s) {
      recorder.write(buf(s), 0, s.mirror);
      counters.uploads++;
      counters.uploadBytes += s.mirror.byteLength;
    },
    readHost(s) {
      throw new StateError(`gpu backend: these ${s.length} numbers are newer on the GPU than on the host; ${hint}`);
    },
    async readback(ss) {
      const bytes = ss.reduce((b, s) => b + s.length * 4, 0);
      if (!staging || staging.size < bytes) {
        if (staging) recorder.release(staging);
        staging = device.createBuffer({ size: Math.max(bytes, 1 << 16), usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
      }
      const st = staging;
      let at = 0;
      for (const s of ss) {
        recorder.copy(buf(s), 0, st, at, s.length * 4);
        at += s.length * 4;
      }
      recorder.flush();
      await st.mapAsync(MapMode.READ, 0, bytes);
      const all = new Float32Array(st.getMappedRange(0, bytes));
      at = 0;
      for (const s of ss) {
        s.mirror.set(all.subarray(at, at + s.length));
        at += s.length;
        s.state = 'both';
      }
      st.unmap();
      counters.readbacks++;
      counters.readbackBytes += bytes;
    },
    run(name, out, offset, n, inputs, inputOffsets, scalars) {
      // the output is bound at the tensor's place when WebGPU's offset alignment allows and no input
      // shares its buffer (a buffer cannot be read-only and writable in one dispatch); else it is
      // written to a scratch buffer and copied there
      const direct = (4 * offset) % recorder.storageAlignment === 0 && !inputs.includes(out);
      const target = direct ? { buffer: buf(out), offset: 4 * offset, size: 4 * n } : { buffer: scratchOut(4 * n), offset: 0, size: 4 * n };
      const kern = kernels.get(name)!;
      recorder.dispatch(kern, n / kern.componentCount, inputs.map((s) => ({ buffer: buf(s), length: s.length })), [...scalars, ...inputOffsets], target);
      if (!direct) recorder.copy(target.buffer, 0, buf(out), 4 * offset, 4 * n);
    },
    copy(dst, dOff, src, sOff, n) {
      recorder.copy(buf(src), 4 * sOff, buf(dst), 4 * dOff, 4 * n);
    },
    write(dst, offset, values) {
      recorder.write(buf(dst), 4 * offset, values);
      counters.uploads++;
      counters.uploadBytes += values.byteLength;
      return true;
    },
    async finish() {
      recorder.flush();
      await device.queue.onSubmittedWorkDone();
    },
    async destroy() {
      recorder.flush();
      destroyed = true;
      for (const k of shortcuts) k.kernel.destroy();
      staging?.destroy();
      scratch?.destroy();
      await gpujs.WebGPUContext.destroy();
    },
  };
}
