/** Reading files with a one-line error naming the reader, the path and the system's reason; atomic writes. */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { ArgumentError } from './errors.js';

export function readBytes(where: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ArgumentError(`${where}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Writes `bytes` to `path` atomically: a temporary file in the same directory, synced, renamed over the target. A crash leaves the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, bytes: Uint8Array): void {
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
