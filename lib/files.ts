/** Reading files with a one-line error naming the reader, the path and the system's reason. */
import { readFileSync } from 'node:fs';
import { ArgumentError } from './errors.js';

export function readBytes(where: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ArgumentError(`${where}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
