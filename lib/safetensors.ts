/**
 * The safetensors file format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range, then raw little-endian data. Written atomically (a temporary
 * file renamed over the target), read with every offset and size checked.
 */
import { readBytes, writeFileAtomic } from './files.js';
import { Tensor } from './Tensor.js';
import { ArgumentError } from './errors.js';

export interface SafetensorsFile {
  tensors: Map<string, Tensor>;
  metadata: Record<string, string>;
}

export function encodeSafetensors(tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata: Record<string, string> = {}): Buffer {
  const entries = tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors);
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of entries) {
    const bytes = t.numel() * 4;
    header[name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((8 + Buffer.byteLength(json)) % 8)) % 8);
  const hlen = Buffer.byteLength(json);
  const buf = Buffer.alloc(8 + hlen + offset);
  buf.writeBigUInt64LE(BigInt(hlen), 0);
  buf.write(json, 8, 'utf8');
  let p = 8 + hlen;
  for (const [, t] of entries) {
    const v = t.toArray();
    for (let i = 0; i < v.length; i++, p += 4) buf.writeFloatLE(v[i]!, p);
  }
  return buf;
}

/** Writes to `path` atomically: a crash leaves either the old file or the new one, never half of one. */
export function writeSafetensors(path: string, tensors: ReadonlyMap<string, Tensor> | Record<string, Tensor>, metadata: Record<string, string> = {}): void {
  const buf = encodeSafetensors(tensors, metadata);
  writeFileAtomic(path, buf);
}

export function decodeSafetensors(buf: Uint8Array, name = 'checkpoint'): SafetensorsFile {
  const fail = (what: string): never => {
    throw new ArgumentError(`readSafetensors: ${name} is not a valid safetensors file: ${what}`);
  };
  if (buf.length < 8) fail(`${buf.length} bytes, expected at least 8`);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const hlen = Number(view.getBigUint64(0, true));
  if (hlen > buf.length - 8) fail(`header of ${hlen} bytes in a file of ${buf.length}`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(buf.subarray(8, 8 + hlen)).toString('utf8')) as Record<string, unknown>;
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
    const bytesPer = info.dtype === 'F32' ? 4 : info.dtype === 'F64' ? 8 : fail(`tensor '${key}' has dtype ${info.dtype}, expected F32 or F64`);
    const n = shape!.reduce((a, b) => a * b, 1);
    const [b0, b1] = off!;
    if (!(b0 >= 0 && b1 <= dataLength && b1 - b0 === n * bytesPer)) fail(`tensor '${key}' [${shape!.join(', ')}] has data_offsets [${b0}, ${b1}] (data is ${dataLength} bytes)`);
    const values = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const p = dataStart + b0 + i * bytesPer;
      values[i] = bytesPer === 4 ? view.getFloat32(p, true) : view.getFloat64(p, true);
    }
    tensors.set(key, Tensor.from(values, shape!, 'float32'));
  }
  return { tensors, metadata };
}

export function readSafetensors(path: string): SafetensorsFile {
  return decodeSafetensors(readBytes('readSafetensors', path), path);
}
