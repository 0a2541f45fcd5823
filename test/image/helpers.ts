/**
 * Test helpers: a temporary folder, a test-only PNG writer (every colour type, bit depth and row
 * filter, and files fast-png's encoder would not write, such as a palette image without PLTE) so
 * that the decoder is checked on files made independently of it, and tensor comparisons.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Tensor } from '../../index.js';

export const tmp = (name: string): string => join(mkdtempSync(join(tmpdir(), 'dpnn-image-')), name);

/** One PNG chunk: length, type, data, CRC-32 of type and data (node:zlib's crc32). */
function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]), out = Buffer.alloc(8 + body.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 4 + body.length);
  return out;
}

/**
 * A PNG of interleaved samples (8 or 16 bits; palette indices for colour type 3), each row with
 * filter type `row % 5` so that the decoder's five filters are all exercised.
 */
export function writePNG(width: number, height: number, colorType: number, bits: 1 | 2 | 4 | 8 | 16, samples: ArrayLike<number>, palette?: Uint8Array, trns?: Uint8Array): Buffer {
  const spp = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType as 0 | 2 | 3 | 4 | 6];
  const bpp = Math.max(1, (spp * bits) / 8), stride = Math.ceil((width * spp * bits) / 8), raw = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) for (let i = 0; i < width * spp; i++) {
    const v = samples[y * width * spp + i]!, o = y * stride;
    if (bits === 16) {
      raw[o + 2 * i] = v >> 8;
      raw[o + 2 * i + 1] = v & 0xff;
    } else if (bits === 8) raw[o + i] = v;
    else raw[o + ((i * bits) >> 3)]! |= v << (8 - bits - ((i * bits) & 7)); // sub-byte samples pack from the high bit
  }
  const out = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const f = y % 5;
    out[y * (stride + 1)] = f;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * stride + i]!, a = i >= bpp ? raw[y * stride + i - bpp]! : 0, b = y > 0 ? raw[(y - 1) * stride + i]! : 0;
      const c = i >= bpp && y > 0 ? raw[(y - 1) * stride + i - bpp]! : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][f]!;
      out[y * (stride + 1) + 1 + i] = (x - pred) & 0xff;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bits;
  ihdr[9] = colorType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    ...(palette ? [chunk('PLTE', palette)] : []), ...(trns ? [chunk('tRNS', trns)] : []),
    chunk('IDAT', deflateSync(out)), chunk('IEND', new Uint8Array(0)),
  ]);
}

/** The largest |a − b| over two tensors of the same number of elements. */
export function maxDiff(a: Tensor, b: Tensor): number {
  const x = a.contiguous().toArray(), y = b.contiguous().toArray();
  let m = x.length === y.length ? 0 : Infinity;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

export const rows = (t: Tensor): unknown => t.totable();
