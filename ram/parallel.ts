/**
 * Data-parallel training on several cores (worker_threads): each worker holds a replica of the
 * model; per mini-batch the main thread takes the first share of the examples and each worker the
 * next one, every share's gradients are scaled by its share of the batch and summed into the main
 * model's gradients, and the main thread applies the update and publishes the new parameters.
 * Shared memory and Atomics keep the training loop synchronous. Each worker samples from its own
 * generator (seeded from the run's seed and its index), so a run is deterministic for a given seed
 * and number of threads, and equal in distribution to a one-thread run.
 */
import { Worker } from 'node:worker_threads';
import * as nn from '../index.js';
import type { Ram, RamConfig } from './model.js';
import { fillBatch, type DatasetOptions, type ImageSource } from './data.js';
import { forwardBackward, type StepResult } from './step.js';
import { setLocatorStd } from './recipe.js';

/**
 * Tensors mirrored into one flat shared array with bulk copies. Views are made once and re-made
 * only when a tensor's storage moves (the wasm memory grew), so a step allocates nothing.
 */
class Mirror {
  private readonly slices: Float32Array[] = [];
  private readonly cache: Array<{ base: nn.TypedArray | null; view: nn.TypedArray | null }>;

  constructor(private readonly tensors: readonly nn.Tensor[], flat: Float32Array) {
    let o = 0;
    for (const t of tensors) {
      this.slices.push(flat.subarray(o, o + t.numel()));
      o += t.numel();
    }
    this.cache = tensors.map(() => ({ base: null, view: null }));
  }

  private view(i: number): nn.TypedArray {
    const t = this.tensors[i]!, c = this.cache[i]!, d = t.storage.data;
    if (c.base !== d || !c.view) {
      c.base = d;
      c.view = d.subarray(t.offset, t.offset + t.numel());
    }
    return c.view;
  }

  toFlat(): void {
    this.slices.forEach((s, i) => s.set(this.view(i)));
  }

  fromFlat(): void {
    this.slices.forEach((s, i) => this.view(i).set(s));
  }
}

/** Control words per worker: go counter, done counter, example count, command (0 step, 1 save RNG, 2 load RNG, 3 exit). */
const CTRL = 4;

export interface WorkerInit {
  index: number;
  config: RamConfig;
  dataset: string;
  datasetOptions: DatasetOptions;
  backend: string;
  seed: number;
  batchSize: number;
  nParams: number;
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  ctrl: SharedArrayBuffer;
  indices: SharedArrayBuffer;
  stats: SharedArrayBuffer;
  rng: SharedArrayBuffer;
  /** One float64: the location policy's --locator-std, applied by the workers before each step. */
  locatorStd: SharedArrayBuffer;
}

export class DataParallel {
  private readonly workers: Worker[] = [];
  private readonly params: Float32Array;
  private readonly grads: Float32Array[] = [];
  private readonly ctrl: Int32Array;
  private readonly indices: Int32Array[] = [];
  private readonly stats: Float64Array[] = [];
  private readonly rngs: Uint32Array[] = [];
  private readonly locatorStdBuf = new SharedArrayBuffer(8);
  private readonly locatorStd = new Float64Array(this.locatorStdBuf);
  private readonly x: nn.Tensor;
  private readonly y: nn.Tensor;
  private readonly paramMirror: Mirror;
  /** Per worker: scratch tensors shaped like the gradients, mirroring that worker's shared gradients. */
  private readonly gradScratch: nn.Tensor[][] = [];
  private readonly gradMirrors: Mirror[] = [];

  constructor(readonly ram: Ram, readonly threads: number, src: ImageSource, init: Omit<WorkerInit, 'index' | 'nParams' | 'params' | 'grads' | 'ctrl' | 'indices' | 'stats' | 'rng' | 'config' | 'locatorStd'>) {
    const [params] = ram.agent.parameters();
    const nParams = params.reduce((s, p) => s + p.numel(), 0);
    const paramsBuf = new SharedArrayBuffer(nParams * 4);
    this.params = new Float32Array(paramsBuf);
    const ctrlBuf = new SharedArrayBuffer((threads - 1) * CTRL * 4);
    this.ctrl = new Int32Array(ctrlBuf);
    this.x = nn.Tensor.zeros([init.batchSize, src.channels, src.height, src.width]);
    this.y = nn.Tensor.zeros([init.batchSize]);
    this.paramMirror = new Mirror(params, this.params);
    this.publish();
    this.locatorStd[0] = ram.config.locatorStd;
    // from source, a small JavaScript bootstrap registers tsx in the worker; built, the worker is plain JavaScript
    const entry = new URL(import.meta.url.endsWith('.ts') ? './worker-boot.mjs' : './worker.js', import.meta.url);
    for (let w = 1; w < threads; w++) {
      const grads = new SharedArrayBuffer(nParams * 4), indices = new SharedArrayBuffer(init.batchSize * 4);
      const stats = new SharedArrayBuffer(16), rng = new SharedArrayBuffer(16);
      this.grads.push(new Float32Array(grads));
      const scratch = ram.agent.parameters()[1].map((g) => nn.Tensor.zeros(g.shape, g.dtype));
      this.gradScratch.push(scratch);
      this.gradMirrors.push(new Mirror(scratch, this.grads[this.grads.length - 1]!));
      this.indices.push(new Int32Array(indices));
      this.stats.push(new Float64Array(stats));
      this.rngs.push(new Uint32Array(rng));
      const data: WorkerInit = { ...init, index: w, config: ram.config, nParams, params: paramsBuf, grads, ctrl: ctrlBuf, indices, stats, rng, locatorStd: this.locatorStdBuf };
      this.workers.push(new Worker(entry, { workerData: data }));
    }
    for (const w of this.workers) w.unref();
  }

  /** Copies the main model's parameters into shared memory (after every update). */
  publish(): void {
    this.paramMirror.toFlat();
  }

  /** The workers' σ from their next step on (σ annealing). */
  setLocatorStd(locatorStd: number): void {
    this.locatorStd[0] = locatorStd;
  }

  private signal(w: number, cmd: number, n = 0): void {
    const base = w * CTRL;
    Atomics.store(this.ctrl, base + 2, n);
    Atomics.store(this.ctrl, base + 3, cmd);
    Atomics.add(this.ctrl, base, 1);
    Atomics.notify(this.ctrl, base);
  }

  private wait(w: number): void {
    const base = w * CTRL;
    const target = Atomics.load(this.ctrl, base);
    while (Atomics.load(this.ctrl, base + 1) !== target) Atomics.wait(this.ctrl, base + 1, Atomics.load(this.ctrl, base + 1), 60000);
  }

  /** Forward/backward of examples order[from … from+n) across the threads; the gradients end up summed in the main model. */
  step(src: ImageSource, order: ArrayLike<number>, from: number, n: number, batchSize: number): StepResult {
    const share = Math.ceil(n / this.threads);
    let start = share;
    const counts: number[] = [];
    for (let w = 0; w < this.workers.length; w++) {
      const m = Math.max(0, Math.min(share, n - start));
      for (let i = 0; i < m; i++) this.indices[w]![i] = order[from + start + i]!;
      counts.push(m);
      if (m > 0) this.signal(w, 0, m);
      start += m;
    }
    const mine = Math.min(share, n);
    fillBatch(src, order, from, mine, this.x, this.y);
    const r = forwardBackward(this.ram, this.x, this.y, mine / batchSize);
    let loss = (r.loss * mine) / n, wrong = r.wrong;
    const grads = this.ram.agent.parameters()[1];
    for (let w = 0; w < this.workers.length; w++) {
      if (counts[w] === 0) continue;
      this.wait(w);
      this.gradMirrors[w]!.fromFlat();
      const k = nn.backend();
      grads.forEach((g, i) => k.axpby(g, 1, g, 1, this.gradScratch[w]![i]!));
      loss += (this.stats[w]![0]! * counts[w]!) / n;
      wrong += this.stats[w]![1]!;
    }
    return { loss, wrong };
  }

  /** The workers' generator states (for a checkpoint). */
  rngStates(): number[][] {
    return this.workers.map((_, w) => {
      this.signal(w, 1);
      this.wait(w);
      return Array.from(this.rngs[w]!);
    });
  }

  setRngStates(states: readonly (readonly number[])[]): void {
    this.workers.forEach((_, w) => {
      const s = states[w];
      if (!s) return;
      this.rngs[w]!.set(s);
      this.signal(w, 2);
      this.wait(w);
    });
  }

  close(): void {
    this.workers.forEach((_, w) => this.signal(w, 3));
    for (const w of this.workers) void w.terminate();
  }
}

/** The worker side: waits for work, computes its share's gradients into shared memory. */
export function runWorker(d: WorkerInit, load: (name: string, opts: DatasetOptions) => ImageSource, build: (c: RamConfig) => Ram): void {
  nn.setBackend(d.backend);
  const src = load(d.dataset, d.datasetOptions);
  nn.manualSeed(0);
  const ram = build(d.config);
  nn.manualSeed((d.seed * 7919 + d.index * 104729) >>> 0);
  const params = new Float32Array(d.params), grads = new Float32Array(d.grads), ctrl = new Int32Array(d.ctrl);
  const indices = new Int32Array(d.indices), stats = new Float64Array(d.stats), rng = new Uint32Array(d.rng);
  const locatorStd = new Float64Array(d.locatorStd);
  const base = (d.index - 1) * CTRL;
  const x = nn.Tensor.zeros([d.batchSize, src.channels, src.height, src.width]), y = nn.Tensor.zeros([d.batchSize]);
  const [ps, gs] = ram.agent.parameters();
  const paramMirror = new Mirror(ps, params), gradMirror = new Mirror(gs, grads);
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, base, seen);
    seen = Atomics.load(ctrl, base);
    const cmd = Atomics.load(ctrl, base + 3);
    if (cmd === 3) return;
    if (cmd === 1) rng.set(nn.getRNGState());
    else if (cmd === 2) nn.setRNGState(Array.from(rng));
    else {
      const n = Atomics.load(ctrl, base + 2);
      paramMirror.fromFlat();
      if (locatorStd[0] !== ram.config.locatorStd) setLocatorStd(ram, locatorStd[0]!);
      ram.agent.zeroGradParameters();
      fillBatch(src, indices, 0, n, x, y);
      const r = forwardBackward(ram, x, y, n / d.batchSize);
      gradMirror.toFlat();
      stats[0] = r.loss;
      stats[1] = r.wrong;
    }
    Atomics.store(ctrl, base + 1, seen);
    Atomics.notify(ctrl, base + 1);
  }
}
