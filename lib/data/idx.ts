/**
 * IDX files (LeCun's MNIST format), raw or gzip: magic 0x0000, a type byte (0x08 = unsigned byte),
 * the number of dimensions, big-endian uint32 sizes, then the data. Checked: magic, type, sizes
 * against the file length.
 */
import { readBytes } from '../files.js';
import { gunzipSync } from 'node:zlib';
import { ArgumentError } from '../errors.js';

export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, name = 'IDX data'): IdxArray {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new ArgumentError(`readIdx: ${name} is a corrupted gzip file (${(e as Error).message})`);
    }
  }
  if (buf.length < 4 || buf[0] !== 0 || buf[1] !== 0) {
    throw new ArgumentError(`readIdx: ${name} is not an IDX file (expected magic 0x0000, got ${buf.length < 2 ? 'a file of ' + buf.length + ' bytes' : '0x' + ((buf[0]! << 8) | buf[1]!).toString(16).padStart(4, '0')})`);
  }
  if (buf[2] !== 0x08) throw new ArgumentError(`readIdx: ${name}: expected unsigned-byte data (type 0x08), got type 0x${buf[2]!.toString(16)}`);
  const ndim = buf[3]!;
  const header = 4 + 4 * ndim;
  if (buf.length < header) throw new ArgumentError(`readIdx: ${name} is truncated: expected a ${header}-byte header, got ${buf.length} bytes`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < ndim; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const n = shape.reduce((a, b) => a * b, 1);
  if (buf.length !== header + n) {
    throw new ArgumentError(`readIdx: ${name} ${buf.length < header + n ? 'is truncated' : 'has trailing bytes'}: expected ${header + n} bytes for shape [${shape.join(', ')}], got ${buf.length}`);
  }
  return { shape, data: buf.subarray(header) };
}

export function readIdx(path: string): IdxArray {
  return parseIdx(readBytes('readIdx', path), path);
}
