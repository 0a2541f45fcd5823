/**
 * PNG decoding through the npm library fast-png (pure JS on fflate, so it runs in a browser too):
 * 1/2/4/8/16-bit grey, grey + alpha, RGB, RGBA and palette images (a tRNS chunk makes a palette
 * image RGBA), plain or Adam7-interlaced. This file only turns fast-png's interleaved samples into
 * the planar layout image/io.ts works on: channel k of pixel (x, y), 0-based, is at
 * (k·height + y)·width + x. Writing is lib/png.ts's encodePNG, on the same library.
 */
import { decode, hasPngSignature, type DecodedPng } from 'fast-png';
import { ArgumentError } from '../lib/errors.js';

export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  /** The largest sample value: 255 for 8-bit, 65535 for 16-bit. */
  maxValue: number;
  /** Planar samples, channel-major. */
  data: Uint16Array;
}

const fail = (msg: string) => new ArgumentError(`image.decompressPNG: ${msg}`);

export function isPNG(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && hasPngSignature(bytes);
}

/** Sample i of row y (fast-png keeps rows of sub-byte samples packed, each row byte-aligned, high bits first). */
function sampleReader(png: DecodedPng): (y: number, i: number) => number {
  const { data, depth, width, channels } = png;
  if (depth >= 8) return (y, i) => data[y * width * channels + i]!;
  const stride = Math.ceil((width * channels * depth) / 8), mask = (1 << depth) - 1;
  return (y, i) => {
    const bit = i * depth;
    return (data[y * stride + (bit >> 3)]! >> (8 - depth - (bit & 7))) & mask;
  };
}

export function decodePNG(bytes: Uint8Array): DecodedImage {
  if (!isPNG(bytes)) throw fail('not a PNG (bad signature)');
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch (e) {
    throw fail(e instanceof Error ? e.message : String(e));
  }
  const { width, height, channels: spp, depth } = png, n = width * height, sample = sampleReader(png);
  if (png.palette !== undefined || (spp === 1 && isIndexed(bytes))) {
    const palette = png.palette;
    if (palette === undefined || palette.length === 0) throw fail('palette image without PLTE');
    const channels = palette[0]!.length, data = new Uint16Array(channels * n);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const entry = palette[sample(y, x)], p = y * width + x;
      for (let k = 0; k < channels; k++) data[k * n + p] = entry?.[k] ?? (k === 3 ? 255 : 0);
    }
    return { width, height, channels, maxValue: 255, data };
  }
  const data = new Uint16Array(spp * n);
  const scale = depth < 8 ? 255 / ((1 << depth) - 1) : 1; // sub-byte grey scales to 8-bit, as libpng's expand
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let k = 0; k < spp; k++) data[k * n + y * width + x] = sample(y, x * spp + k) * scale;
  return { width, height, channels: spp, maxValue: depth === 16 ? 65535 : 255, data };
}

/** Whether IHDR says colour type 3 (palette); fast-png leaves `palette` unset when PLTE is missing. */
function isIndexed(bytes: Uint8Array): boolean {
  return bytes.length > 25 && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR' && bytes[25] === 3;
}
