/**
 * Loading the wasm backend's compiled kernels (kernels.wasm, exported as `dpnn-ts/kernels.wasm`):
 * read from disk under Node; in a browser fetched from beside the bundle, the backend running the
 * js kernels until they arrive (wasmReady() resolves then); or handed over with setWasmBytes(bytes).
 */
import { StateError } from '../../errors.js';

/**
 * Where a browser fetches the kernels: beside this module, that is beside the bundle (docs/backends.md,
 * "In a browser"); Vite rewrites this pattern to the asset it emits. A classic script (an iife bundle,
 * where import.meta is empty) resolves it against its own address.
 */
export const wasmUrl: URL = typeof import.meta.url === 'string' ? new URL('./kernels.wasm', import.meta.url) : besideScript('kernels.wasm');

function besideScript(file: string): URL {
  const doc = (globalThis as { document?: { currentScript?: { src?: string } | null; baseURI?: string } }).document;
  return new URL(file, doc?.currentScript?.src || doc?.baseURI || 'file:///');
}

export type Imports = { env: { memory: WebAssembly.Memory; abort: () => never } };

/** Bytes given to setWasmBytes; the installer of a backend still waiting for its fetch; that fetch (its failure, or null). */
let wasmBytes: Uint8Array | null = null;
let waiting: ((bytes: Uint8Array) => void) | null = null;
let loading: Promise<Error | null> = Promise.resolve(null);

/**
 * Hands the wasm backend its compiled kernels (the bytes of `dpnn-ts/kernels.wasm`), for a runtime
 * that can neither read nor fetch them, or a page that serves them elsewhere. A wasm backend still
 * waiting for its fetch takes them at once; called by the module that imports dpnn-ts before its
 * first await, it comes before the fetch, which is then never made.
 */
export function setWasmBytes(bytes: Uint8Array): void {
  wasmBytes = bytes;
  if (!waiting) return;
  waiting(bytes);
  loading = Promise.resolve(null);
}

/**
 * Resolves once the wasm kernels run: at once under Node or after setWasmBytes; in a browser when
 * the fetch that the first setBackend('wasm') started has ended (until then the backend runs the
 * js kernels on its heap). Rejects with the reason when that fetch failed.
 */
export async function wasmReady(): Promise<void> {
  const failure = await loading;
  if (failure) throw failure;
}

/** kernels.wasm from disk under Node; null where there is no file system (a browser). */
function diskBytes(): Uint8Array | null {
  type Fs = { readFileSync(p: URL): Uint8Array };
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) return null;
  try {
    return fs.readFileSync(wasmUrl);
  } catch {
    throw new StateError(`setBackend('wasm'): ${wasmUrl.pathname} is missing; run npm run build:wasm (npm install does it)`);
  }
}

async function fetchBytes(): Promise<Uint8Array> {
  const res = await fetch(wasmUrl);
  if (!res.ok) throw new StateError(`wasm backend: fetching ${wasmUrl.href} gave HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Compiles the kernels into `imports` now when their bytes are at hand (given, or on disk), else
 * fetches them from wasmUrl and calls `start` when they arrive (or setWasmBytes brings them); a failed fetch is warned about once.
 */
export function loadKernels(imports: Imports, start: (instance: WebAssembly.Instance) => void): void {
  const now = (bytes: Uint8Array): void => start(new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)), imports));
  const bytes = wasmBytes ?? diskBytes();
  if (bytes) return now(bytes);
  if (typeof fetch !== 'function') throw new StateError("setBackend('wasm'): no file system and no fetch here; pass the bytes of kernels.wasm to setWasmBytes(bytes) first");
  let done = false;
  const once = (instance: WebAssembly.Instance): void => {
    if (done) return;
    done = true;
    waiting = null;
    start(instance);
  };
  waiting = (b) => once(new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(b)), imports));
  loading = (async () => {
    await null; // after the importing modules have run: one of them may call setWasmBytes
    if (done) return null;
    try {
      const module = await WebAssembly.compile(new Uint8Array(await fetchBytes()));
      once(await WebAssembly.instantiate(module, imports));
      return null;
    } catch (e) {
      if (done) return null;
      const err = e instanceof Error ? e : new StateError(String(e));
      console.warn(`dpnn-ts: the wasm backend could not load its kernels (${err.message}); it runs the js kernels. Serve dpnn-ts/kernels.wasm at ${wasmUrl.href} or pass its bytes to setWasmBytes (docs/backends.md, "In a browser")`);
      return err;
    }
  })();
}
