/**
 * Node's built-in modules, reached at call time (`process.getBuiltinModule`) rather than imported,
 * so that the library bundles for a browser: only the calls that need a file system or zlib
 * (torch.save to a path, image.load, Logger, CmdLine's log file, PNG coding) need Node, and in a
 * runtime without it they raise a PlatformError naming the caller.
 */
import { DpnnError } from './errors.js';

/** A call needed a Node built-in module (file system, zlib) that this runtime lacks. */
export class PlatformError extends DpnnError {}

interface Builtins {
  'node:fs': typeof import('node:fs');
  'node:path': typeof import('node:path');
  'node:util': typeof import('node:util');
  'node:zlib': typeof import('node:zlib');
}

type GetBuiltin = (id: string) => object | undefined;

/** `nodeBuiltin('node:fs', 'torch.save')`: the module, or a PlatformError naming `who`. */
export function nodeBuiltin<K extends keyof Builtins>(id: K, who: string): Builtins[K] {
  const proc = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process;
  const mod = proc?.getBuiltinModule?.(id);
  if (mod === undefined) {
    throw new PlatformError(`${who}: needs Node's ${id} (Node ≥ 20.16), which this runtime does not have; in a browser, work on bytes (torch.serialize/deserialize) instead of paths`);
  }
  return mod as Builtins[K];
}
