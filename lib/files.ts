/** Reading files with a one-line error naming the reader, the path and the system's reason; atomic writes. */
import { ArgumentError } from './errors.js';
import { nodeBuiltin } from './platform.js';

export function readBytes(where: string, path: string): Buffer {
  const { readFileSync } = nodeBuiltin('node:fs', where);
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ArgumentError(`${where}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, renamed over the target. A crash leaves the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
  const { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } = nodeBuiltin('node:fs', 'writeFileAtomic');
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
