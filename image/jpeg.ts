/**
 * JPEG coding through the npm library jpeg-js (pure JS). Decoding: baseline, extended and
 * progressive Huffman-coded files, all sampling factors, restart intervals; chroma is upsampled by
 * replication (libjpeg's default "fancy" upsampling differs by a few levels at chroma edges). A file
 * with one component loads as one channel (grey), as Torch's; others as RGB. Encoding: baseline
 * YCbCr 4:4:4 with quality 1..100 (IJG's scaling of Annex K's tables, Torch's default 75); a grey
 * image is written as three equal channels. This file converts between jpeg-js's interleaved RGBA
 * and the planar layout of image/io.ts: channel k of pixel (x, y), 0-based, at (k·height + y)·width + x.
 */
import { decode, encode } from 'jpeg-js';
import { ArgumentError } from '../lib/errors.js';
import { PlatformError } from '../lib/platform.js';
import type { DecodedImage } from './png.js';

export interface JPGOptions {
  /** 1..100, default 75 (Torch's). */
  quality?: number;
}

const fail = (msg: string) => new ArgumentError(`image.decompressJPG: ${msg}`);

export function isJPG(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** The component count in the file's frame header (SOFn), read by walking the marker segments; 0 when there is none. */
function frameComponents(bytes: Uint8Array): number {
  let p = 2;
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1]!, len = (bytes[p + 2]! << 8) | bytes[p + 3]!;
    if (marker === 0xff) {
      p++; // fill byte
      continue;
    }
    const isSOF = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSOF) return bytes[p + 9] ?? 0;
    if (marker === 0xda) return 0; // scan data before a frame header
    p += 2 + len;
  }
  return 0;
}

export function decodeJPG(bytes: Uint8Array): DecodedImage {
  if (!isJPG(bytes)) throw fail('not a JPEG (no SOI marker)');
  const components = frameComponents(bytes);
  if (components === 0) throw fail('no frame header (SOF marker) before the scan data');
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false });
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
  const { width, height } = img, n = width * height, channels = components === 1 ? 1 : 3;
  const data = new Uint16Array(channels * n);
  for (let p = 0; p < n; p++) for (let k = 0; k < channels; k++) data[k * n + p] = img.data[3 * p + k]!;
  return { width, height, channels, maxValue: 255, data };
}

/** JPEG bytes of a width × height image with 1 (grey) or 3 (RGB) planar 8-bit channels. */
export function encodeJPG(width: number, height: number, channels: number, planes: Uint8Array, options: JPGOptions = {}): Uint8Array {
  const quality = options.quality ?? 75;
  if (channels !== 1 && channels !== 3) throw new ArgumentError(`image.compressJPG: expected 1 or 3 channels, got ${channels}`);
  if (!(quality >= 1 && quality <= 100)) throw new ArgumentError(`image.compressJPG: quality must be in 1..100, got ${quality}`);
  // jpeg-js's encoder returns a Node Buffer (Buffer.from) whenever it runs as a CommonJS module, bundled ones included
  if ((globalThis as { Buffer?: unknown }).Buffer === undefined) {
    throw new PlatformError('image.compressJPG: the JPEG encoder (jpeg-js) needs a global Buffer, which this runtime does not have');
  }
  const n = width * height, rgba = new Uint8Array(4 * n);
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < 3; k++) rgba[4 * p + k] = planes[(channels === 3 ? k : 0) * n + p]!;
    rgba[4 * p + 3] = 255;
  }
  const out = encode({ width, height, data: rgba }, quality).data;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
