/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then raw little-endian data. Written atomically (a temporary
 * file renamed over the target), read with every offset and size checked.
 */
import { readBytes, writeFileAtomic } from './files.js';
import { Tensor } from './Tensor.js';
import { ArgumentError } from './errors.js';
import type { DType } from './Storage.js';

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

/** How tensors are stored: 'float32' (every tensor as F32, the default) or 'keep' (each in its own dtype: F32, F64, I64, I32, U8). */
export interface SafetensorsOptions { dtypes?: 'float32' | 'keep' }

const CODES: Readonly<Record<DType, string>> = { float32: 'F32', float64: 'F64', long: 'I64', int32: 'I32', uint8: 'U8' };
const DTYPES: Readonly<Record<string, [dtype: DType, bytes: number]>> = { F32: ['float32', 4], F64: ['float64', 8], I64: ['long', 8], I32: ['int32', 4], U8: ['uint8', 1] };

function writeValues(view: DataView, p: number, code: string, v: ArrayLike<number>): void {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (code === 'F32') view.setFloat32(p + 4 * i, x, true);
    else if (code === 'F64') view.setFloat64(p + 8 * i, x, true);
    else if (code === 'I64') view.setBigInt64(p + 8 * i, BigInt(x), true);
    else if (code === 'I32') view.setInt32(p + 4 * i, x, true);
    else view.setUint8(p + i, x);
  }
}

export function encodeSafetensors(tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata: Record<string, string> = {}, options: SafetensorsOptions = {}): Buffer {
  const entries: Array<[string, Tensor]> = tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors);
  const header: Record<string, unknown> = { __metadata__: metadata };
  const codes = entries.map(([, t]) => (options.dtypes === 'keep' ? CODES[t.dtype] : 'F32'));
  let offset = 0;
  entries.forEach(([name, t], i) => {
    const bytes = t.numel() * DTYPES[codes[i]!]![1];
    header[name] = { dtype: codes[i], shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  });
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const hlen = Buffer.byteLength(json);
  const buf = Buffer.alloc(8 + hlen + offset);
  buf.writeBigUInt64LE(BigInt(hlen), 0);
  buf.write(json, 8, 'utf8');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 8 + hlen;
  entries.forEach(([, t], i) => {
    writeValues(view, p, codes[i]!, t.toArray());
    p += t.numel() * DTYPES[codes[i]!]![1];
  });
  return buf;
}

/** Writes to `path` atomically: a crash leaves either the old file or the new one, never half of one. */
export function writeSafetensors(path: string, tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata: Record<string, string> = {}, options: SafetensorsOptions = {}): void {
  const buf = encodeSafetensors(tensors, metadata, options);
  writeFileAtomic(path, buf);
}

/** The tensors and metadata of safetensors bytes; tensors come back as float32 unless `dtypes: 'keep'`. */
export function decodeSafetensors(buf: Uint8Array, name = 'checkpoint', options: SafetensorsOptions = {}): SafetensorsFile {
  const fail = (what: string): never => {
    throw new ArgumentError(`readSafetensors: ${name} is not a valid safetensors file: ${what}`);
  };
  if (buf.length < 8) fail(`${buf.length} bytes, expected at least 8`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const hlen = Number(view.getBigUint64(0, true));
  if (hlen > buf.length - 8) fail(`header of ${hlen} bytes in a file of ${buf.length}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(buf.subarray(8, 8 + hlen))) as Record<string, unknown>;
  } catch {
    return fail('the header is not JSON');
  }
  const dataStart = 8 + hlen, dataLength = buf.length - dataStart;
  const tensors = new Map<string, Tensor>();
  let metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(header)) {
    if (key === '__metadata__') {
      metadata = (value ?? {}) as Record<string, string>;
      continue;
    }
    const info = value as { dtype?: string; shape?: number[]; data_offsets?: [number, number] };
    const shape = info.shape, off = info.data_offsets;
    if (!Array.isArray(shape) || !Array.isArray(off) || off.length !== 2) fail(`tensor '${key}' has no shape or data_offsets`);
    const [dtype, bytesPer] = DTYPES[info.dtype ?? ''] ?? fail(`tensor '${key}' has dtype ${info.dtype}, expected ${Object.keys(DTYPES).join(', ')}`);
    const n = shape!.reduce((a, b) => a * b, 1);
    const [b0, b1] = off!;
    if (!(b0 >= 0 && b1 <= dataLength && b1 - b0 === n * bytesPer)) fail(`tensor '${key}' [${shape!.join(', ')}] has data_offsets [${b0}, ${b1}] (data is ${dataLength} bytes)`);
    const values = new Float64Array(n), code = info.dtype!;
    for (let i = 0; i < n; i++) {
      const p = dataStart + b0 + i * bytesPer;
      values[i] = code === 'F32' ? view.getFloat32(p, true) : code === 'F64' ? view.getFloat64(p, true) : code === 'I64' ? Number(view.getBigInt64(p, true))
        : code === 'I32' ? view.getInt32(p, true) : view.getUint8(p);
    }
    tensors.set(key, Tensor.from(values, shape!, options.dtypes === 'keep' ? dtype : 'float32'));
  }
  return { tensors, metadata };
}

export function readSafetensors(path: string, options: SafetensorsOptions = {}): SafetensorsFile {
  return decodeSafetensors(readBytes('readSafetensors', path), path, options);
}
