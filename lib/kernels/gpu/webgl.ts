/**
 * The gpu backend's WebGL engine: gpu.js's 'webgl' mode (browsers) or 'headlessgl' (Node, the npm
 * package `gl`, which needs an X server: run under xvfb-run on machines without a display).
 * Storage lives in float textures (gpu.js pipeline results). A kernel writing a whole storage
 * replaces its texture; one writing part of it is followed by a merge pass over the storage.
 * Readback is synchronous (readPixels), so the host can read any tensor at any time.
 */
import { StateError } from '../../errors.js';
import type { GpuStorage } from './GpuStorage.js';
import { MAX_ELEMENTS, type Engine, type EngineCounters } from './Engine.js';
import { sources, type KernelName, type KernelSource } from './sources.js';

export interface GLOptions {
  /** WebGL mode only: the canvas gpu.js draws with (a new one otherwise). */
  canvas?: object;
}

/** A gpu.js texture (pipeline result). */
interface Texture {
  toArray(): Float32Array | number[];
  delete(): void;
}

interface GLKernel {
  (...args: (Texture | Float32Array | number)[]): Texture;
  setOutput(output: number[]): GLKernel;
  readonly kernel: { readonly constructor: { readonly name: string }; readonly context?: GLContext; destroy(): void };
}

interface GLContext {
  getParameter(p: number): unknown;
  getExtension(name: string): unknown;
}

/** The GL renderer's name, unmasked where the browser allows (WEBGL_debug_renderer_info). */
function rendererOf(gl: GLContext | undefined): string {
  if (!gl) return 'unknown renderer';
  const unmasked = gl.getExtension('WEBGL_debug_renderer_info') ? gl.getParameter(0x9246) : null;
  return String(unmasked ?? gl.getParameter(0x1f01));
}

interface GLGpu {
  createKernel(source: string, settings: object): GLKernel;
  destroy(): void;
}

interface GpuJsGL {
  GPU: (new (settings: { mode: string; canvas?: object }) => GLGpu) & { isHeadlessGLSupported?: boolean };
}

export async function createGLEngine(mode: 'webgl' | 'headlessgl', options: GLOptions): Promise<Engine> {
  let gpujs: GpuJsGL;
  try {
    gpujs = (await import('gpu.js')) as unknown as GpuJsGL;
  } catch (e) {
    throw new StateError(`gpu backend: cannot load 'gpu.js' (GPU kernels): ${(e as Error).message.split('\n')[0]}; npm install gpu.js`);
  }
  if (mode === 'headlessgl') {
    if (typeof process === 'undefined' || !process.versions?.node) throw new StateError("gpu backend: mode 'headlessgl' is for Node; use 'webgl' in browsers");
    if (!process.env.DISPLAY) throw new StateError("gpu backend: mode 'headlessgl' needs an X server (headless-gl opens one through GLX); DISPLAY is not set (run under xvfb-run -a)");
    if (!gpujs.GPU.isHeadlessGLSupported) throw new StateError("gpu backend: mode 'headlessgl' needs the npm package 'gl' (headless-gl, built with node-gyp: apt-get install pkg-config libxi-dev libgl-dev; npm install gl), and it did not load");
  }
  const gpu = new gpujs.GPU({ mode, ...(options.canvas ? { canvas: options.canvas } : {}) });
  const expected = mode === 'webgl' ? /^WebGL2?Kernel$/ : /^HeadlessGLKernel$/;
  const settings = (args: KernelSource['args']): object => ({
    output: [1], pipeline: true, immutable: true, dynamicOutput: true, dynamicArguments: true,
    loopMaxIterations: MAX_ELEMENTS, argumentTypes: args, tactic: 'precision', precision: 'single',
  });
  const make = (name: string, src: KernelSource): GLKernel => {
    const names = Object.keys(src.args);
    return gpu.createKernel(`function (${names.join(', ')}) {\n${src.body}\n}`, settings(src.args));
  };
  const uploader = make('upload', { args: { x: 'Array' }, body: 'return x[this.thread.x];' });
  const merger = make('merge', {
    args: { old: 'Array', r: 'Array', off: 'Float', n: 'Float' },
    body: 'const i = this.thread.x;\nlet v = old[i];\nif (i >= off && i < off + n) { v = r[i - off]; }\nreturn v;',
  });
  const dummy = uploader(new Float32Array(4));
  const kernels = new Map<KernelName, GLKernel>();
  for (const [name, src] of Object.entries(sources) as [KernelName, KernelSource][]) {
    if (name === 'gemm4') continue; // four values per thread: WebGPU only
    const kern = make(name, src);
    try {
      kern(...Object.keys(src.args).map((n) => (src.args[n] === 'Array' ? dummy : 1))).delete();
    } catch (e) {
      throw new StateError(`gpu backend: kernel '${name}' failed to build: ${(e as Error).message.split('\n')[0]}`);
    }
    const cls = kern.kernel.constructor.name;
    if (!expected.test(cls)) throw new StateError(`gpu backend: gpu.js ran mode '${mode}' as ${cls} (no ${mode} context here)`);
    kernels.set(name, kern);
  }
  const counters: EngineCounters = { uploads: 0, uploadBytes: 0, readbacks: 0, readbackBytes: 0 };
  let calls = 0;
  const tex = (s: GpuStorage): Texture => s.handle as Texture;
  const replace = (s: GpuStorage, t: Texture): void => {
    (s.handle as Texture | null)?.delete();
    s.handle = t;
  };

  const read = (s: GpuStorage): void => {
    if (s.handle && s.length > 0) {
      s.mirror.set(tex(s).toArray());
      counters.readbackBytes += 4 * s.length;
    }
    s.state = 'both';
  };

  const engine: Engine = {
    mode,
    adapter: `${rendererOf(kernels.get('copy')!.kernel.context)} (gpu.js ${mode})`,
    vec4: false,
    counters,
    error: null,
    get submissions() { return calls; },
    init(s) {
      s.state = 'host'; // the texture is made on first use
    },
    release(handle) {
      (handle as Texture | null)?.delete();
    },
    upload(s) {
      // an empty storage still needs a texture to bind (one zero)
      replace(s, uploader.setOutput([Math.max(1, s.length)])(s.length > 0 ? s.mirror : new Float32Array(1)));
      calls++;
      counters.uploads++;
      counters.uploadBytes += s.mirror.byteLength;
    },
    readHost(s) {
      counters.readbacks++;
      read(s);
    },
    async readback(ss) {
      counters.readbacks++; // one round trip, as on WebGPU
      for (const s of ss) read(s);
    },
    run(name, out, offset, n, inputs, inputOffsets, scalars) {
      const kern = kernels.get(name);
      if (!kern) throw new StateError(`gpu backend: kernel '${name}' has no ${mode} version`);
      const r = kern.setOutput([n])(...inputs.map(tex), ...scalars, ...inputOffsets);
      calls++;
      if (offset === 0 && n === out.length) {
        replace(out, r);
      } else {
        replace(out, merger.setOutput([out.length])(tex(out), r, offset, n));
        r.delete();
        calls++;
      }
    },
    copy(dst, dOff, src, sOff, n) {
      engine.run('copy', dst, dOff, n, [src], [sOff], []);
    },
    write() {
      return false; // textures take whole uploads: the caller writes the mirror
    },
    async finish() {},
    async destroy() {
      for (const k of kernels.values()) k.kernel.destroy();
      gpu.destroy();
    },
  };
  return engine;
}
