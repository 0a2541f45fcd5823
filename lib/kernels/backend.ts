/** The current backend, chosen with `setBackend(name)` (default wasm); modules call `backend().<kernel>(…)`. */
import type { KernelTable } from './KernelTable.js';
import { jsBackend } from './js/index.js';
import { createWasmBackend } from './wasm/index.js';
import { setAllocator } from '../Storage.js';
import { ArgumentError } from '../errors.js';

/** Backends by name; a function is called (once) when the backend is first chosen. */
const registry = new Map<string, KernelTable | (() => KernelTable)>([['js', jsBackend], ['wasm', createWasmBackend]]);
let current: KernelTable = jsBackend;

export function backend(): KernelTable {
  return current;
}

/** Makes a backend selectable by name (the wasm and gpu backends register themselves here). */
export function registerBackend(table: KernelTable): void {
  registry.set(table.name, table);
}

export function setBackend(name: string): KernelTable {
  let table = registry.get(name);
  if (typeof table === 'function') {
    table = table();
    registry.set(name, table);
  }
  if (!table) {
    throw new ArgumentError(`setBackend: expected one of ${[...registry.keys()].map((k) => `'${k}'`).join(', ')}, got '${name}'`);
  }
  current = table;
  setAllocator(table.allocator);
  return table;
}

export function availableBackends(): string[] {
  return [...registry.keys()];
}

/**
 * The default: wasm, the fast CPU backend, when its kernels load; otherwise js, with a warning
 * saying why (set DPNN_BACKEND=js to start on the reference backend).
 */
function chooseDefault(): void {
  const env = typeof process === 'undefined' ? undefined : process.env.DPNN_BACKEND;
  const wanted = env ?? 'wasm';
  try {
    setBackend(wanted);
  } catch (e) {
    console.warn(`dpnn-ts: backend '${wanted}' unavailable (${(e as Error).message}); using 'js'`);
    setBackend('js');
  }
}

chooseDefault();
