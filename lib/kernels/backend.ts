/** The current backend, chosen with `setBackend(name)`; modules call `backend().<kernel>(…)`. */
import type { KernelTable } from './KernelTable.js';
import { jsBackend } from './js/index.js';
import { setAllocator } from '../Storage.js';
import { ArgumentError } from '../errors.js';

const registry = new Map<string, KernelTable>([['js', jsBackend]]);
let current: KernelTable = jsBackend;

export function backend(): KernelTable {
  return current;
}

/** Makes a backend selectable by name (the wasm and gpu backends register themselves here). */
export function registerBackend(table: KernelTable): void {
  registry.set(table.name, table);
}

export function setBackend(name: string): KernelTable {
  const table = registry.get(name);
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
