/**
 * Records the gpu backend's dispatches into one command encoder and submits them together, so a
 * kernel launch costs a bind group and a dispatch instead of a queue submission. gpu.js builds
 * each kernel (WGSL, pipeline, bind group layout, parameter layout); the recorder binds tensors'
 * buffers itself, the output at the tensor's offset where WebGPU's alignment allows.
 *
 * Ordering: commands run in recording order; a host write (queue.writeBuffer) would overtake
 * commands not yet submitted, so `write` submits them first. Buffers released while commands
 * are pending are destroyed only after the next submission.
 *
 * The members of gpu.js's WebGPUKernel used here (computePipeline, bindGroupLayout,
 * paramsLayout, _computeDispatch) are internal to gpu.js 2.24.1, which package.json pins.
 */
import { StateError } from '../../errors.js';
import { BufferUsage, type GPUBindingLike, type GPUBufferLike, type GPUCommandEncoderLike, type GPUComputePassLike, type GPUDeviceLike } from './runtime.js';

/** What the recorder needs of a built gpu.js webgpu kernel. */
export interface BuiltKernel {
  /** Outputs per thread (a kernel returning [a, b, c, d] writes four). */
  componentCount: number;
  computePipeline: unknown;
  bindGroupLayout: unknown;
  paramsLayout: {
    arrayArgs: { dimsOffset: number }[];
    scalarArgs: { offset: number; type: string }[];
    bufferConstants: unknown[];
    randomSeedOffset: number | null;
    byteLength: number;
  };
  _computeDispatch(threadDim: number[]): { groups: number[]; dispatchWidth: number };
}

export type Binding = GPUBindingLike;

const CHUNK = 1 << 16;
/** Cached bind groups kept at most (a training step uses a few hundred). */
const MAX_GROUPS = 1 << 13;

export class Recorder {
  private readonly device: GPUDeviceLike;
  private encoder: GPUCommandEncoderLike | null = null;
  private pass: GPUComputePassLike | null = null;
  private readonly chunks: { buffer: GPUBufferLike; mirror: Uint8Array }[] = [];
  private chunk = 0;
  private used = 0;
  private graveyard: GPUBufferLike[] = [];
  private params = new ArrayBuffer(256);
  private paramsU32 = new Uint32Array(this.params);
  private paramsF32 = new Float32Array(this.params);
  private readonly groups = new Map<string, unknown>();
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Commands recorded since the last submission. */
  pending = 0;
  submissions = 0;
  /** The first GPU validation error seen (reported at the next sync or finish). */
  error: Error | null = null;
  readonly storageAlignment: number;

  constructor(device: GPUDeviceLike) {
    this.device = device;
    this.storageAlignment = device.limits.minStorageBufferOffsetAlignment;
  }

  private get uniformAlignment(): number {
    return this.device.limits.minUniformBufferOffsetAlignment;
  }

  private enc(): GPUCommandEncoderLike {
    return (this.encoder ??= this.device.createCommandEncoder());
  }

  private idOf(o: object): number {
    let id = this.ids.get(o);
    if (id === undefined) this.ids.set(o, (id = this.nextId++));
    return id;
  }

  /** A parameter slot of `bytes` in the current uniform chunk, written from `data`. */
  private uniform(data: Uint8Array): Binding {
    const align = this.uniformAlignment;
    if (this.used + data.byteLength > CHUNK) {
      this.chunk++;
      this.used = 0;
    }
    let c = this.chunks[this.chunk];
    if (!c) {
      c = { buffer: this.device.createBuffer({ size: CHUNK, usage: BufferUsage.UNIFORM | BufferUsage.COPY_DST }), mirror: new Uint8Array(CHUNK) };
      this.chunks.push(c);
    }
    const offset = this.used;
    c.mirror.set(data, offset);
    this.used = Math.ceil((offset + data.byteLength) / align) * align;
    return { buffer: c.buffer, offset, size: data.byteLength };
  }

  /** Records kernel k over n threads written to `out`, reading `inputs` (whole buffers), with float scalars. */
  dispatch(k: BuiltKernel, n: number, inputs: { buffer: GPUBufferLike; length: number }[], scalars: number[], out: Binding): void {
    const layout = k.paramsLayout;
    if (layout.bufferConstants.length > 0 || layout.randomSeedOffset !== null) throw new StateError('gpu backend: kernels with constants or randomness are not recordable');
    const { groups, dispatchWidth } = k._computeDispatch([n, 1, 1]);
    if (this.params.byteLength < layout.byteLength) {
      this.params = new ArrayBuffer(layout.byteLength);
      this.paramsU32 = new Uint32Array(this.params);
      this.paramsF32 = new Float32Array(this.params);
    }
    const u32 = this.paramsU32, f32 = this.paramsF32;
    u32[0] = n; u32[1] = 1; u32[2] = 1; u32[3] = dispatchWidth;
    inputs.forEach((a, i) => {
      const base = layout.arrayArgs[i]!.dimsOffset / 4;
      u32[base] = a.length; u32[base + 1] = 1; u32[base + 2] = 1; u32[base + 3] = a.length;
    });
    scalars.forEach((v, i) => { f32[layout.scalarArgs[i]!.offset / 4] = v; });
    const uniform = this.uniform(new Uint8Array(this.params, 0, layout.byteLength));
    // A training step repeats the same launches in the same order, so the same parameter slots and
    // buffers come back: their bind group is made once (buffers are told apart by id, never reused).
    let key = `${this.idOf(k)}|${this.chunk}|${uniform.offset}|${this.idOf(out.buffer)}:${out.offset ?? 0}:${out.size ?? 0}`;
    for (const a of inputs) key += `|${this.idOf(a.buffer)}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      const entries: { binding: number; resource: Binding }[] = [{ binding: 0, resource: uniform }];
      inputs.forEach((a, i) => entries.push({ binding: 1 + i, resource: { buffer: a.buffer } }));
      entries.push({ binding: 1 + inputs.length, resource: out });
      group = this.device.createBindGroup({ layout: k.bindGroupLayout, entries });
      if (this.groups.size >= MAX_GROUPS) this.groups.clear();
      this.groups.set(key, group);
    }
    this.pass ??= this.enc().beginComputePass();
    this.pass.setPipeline(k.computePipeline);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(groups[0]!, groups[1]!, groups[2]!);
    this.pending++;
  }

  copy(src: GPUBufferLike, srcOffset: number, dst: GPUBufferLike, dstOffset: number, bytes: number): void {
    this.pass?.end();
    this.pass = null;
    this.enc().copyBufferToBuffer(src, srcOffset, dst, dstOffset, bytes);
    this.pending++;
  }

  /** Submits everything recorded (the parameters first). */
  flush(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.pass = null;
    for (let i = 0; i <= this.chunk; i++) {
      const c = this.chunks[i]!;
      const bytes = i === this.chunk ? this.used : CHUNK;
      if (bytes > 0) this.device.queue.writeBuffer(c.buffer, 0, c.mirror, 0, bytes);
    }
    this.device.pushErrorScope('validation');
    this.device.queue.submit([this.encoder.finish()]);
    this.device.popErrorScope().then((e) => { if (e) this.error ??= new StateError(`gpu backend: ${e.message}`); }, () => {});
    this.encoder = null;
    this.chunk = 0;
    this.used = 0;
    this.pending = 0;
    this.submissions++;
    for (const b of this.graveyard) b.destroy();
    this.graveyard = [];
  }

  /** queue.writeBuffer after the commands recorded so far. */
  write(buffer: GPUBufferLike, offset: number, data: ArrayBufferView): void {
    this.flush();
    this.device.queue.writeBuffer(buffer, offset, data);
  }

  /** Destroys a buffer once no recorded command needs it. */
  release(buffer: GPUBufferLike): void {
    if (this.encoder) this.graveyard.push(buffer);
    else buffer.destroy();
  }
}
