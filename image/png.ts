/**
 * PNG decoding (writing is lib/png.ts's encoder): 1/2/4/8/16-bit grey, grey + alpha, RGB, RGBA and
 * palette images (a tRNS chunk makes a palette image RGBA), not interlaced. The result is planar:
 * channel k of pixel (x, y), 0-based, is at (k·height + y)·width + x.
 */
import { ArgumentError } from '../lib/errors.js';
import { nodeBuiltin } from '../lib/platform.js';

export interface DecodedImage {
  width: number;
  height: number;
  channels: number;
  /** The largest sample value: 255 for 8-bit, 65535 for 16-bit. */
  maxValue: number;
  /** Planar samples, channel-major. */
  data: Uint16Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function isPNG(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

/** Paeth's predictor (PNG spec 9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePNG(bytes: Uint8Array): DecodedImage {
  if (!isPNG(bytes)) throw new ArgumentError('image.decompressPNG: not a PNG (bad signature)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 8, width = 0, height = 0, bits = 8, colorType = 0, palette: Uint8Array | undefined, trns: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (pos + 8 <= bytes.length) {
    const len = view.getUint32(pos), type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(pos + 8);
      height = view.getUint32(pos + 12);
      bits = body[8]!;
      colorType = body[9]!;
      if (body[12] !== 0) throw new ArgumentError('image.decompressPNG: interlaced (Adam7) PNGs are not supported');
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') trns = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  const spp = CHANNELS[colorType];
  if (spp === undefined || width === 0 || height === 0) throw new ArgumentError(`image.decompressPNG: bad header (colour type ${colorType}, ${width}×${height})`);
  const raw = nodeBuiltin('node:zlib', 'image.decodePNG').inflateSync(Buffer.concat(idat));
  const bpp = Math.max(1, (spp * bits) >> 3), stride = (width * spp * bits + 7) >> 3;
  if (raw.length < (stride + 1) * height) throw new ArgumentError('image.decompressPNG: truncated image data');
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!, line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const o = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? rows[o + i - bpp]! : 0, b = y > 0 ? rows[o - stride + i]! : 0, c = i >= bpp && y > 0 ? rows[o - stride + i - bpp]! : 0;
      const pred = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      rows[o + i] = (line[i]! + pred) & 0xff;
    }
  }
  const sample = (y: number, i: number): number => {
    if (bits === 16) return (rows[y * stride + 2 * i]! << 8) | rows[y * stride + 2 * i + 1]!;
    if (bits === 8) return rows[y * stride + i]!;
    const bit = i * bits, byte = rows[y * stride + (bit >> 3)]!;
    return (byte >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
  };
  const n = width * height;
  if (colorType === 3) {
    if (!palette) throw new ArgumentError('image.decompressPNG: palette image without PLTE');
    const channels = trns ? 4 : 3, data = new Uint16Array(channels * n);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
      const idx = sample(y, x), p = y * width + x;
      for (let k = 0; k < 3; k++) data[k * n + p] = palette[3 * idx + k] ?? 0;
      if (trns) data[3 * n + p] = trns[idx] ?? 255;
    }
    return { width, height, channels, maxValue: 255, data };
  }
  const data = new Uint16Array(spp * n);
  const scale = bits < 8 ? 255 / ((1 << bits) - 1) : 1; // sub-byte grey scales to 8-bit, as libpng's expand
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) for (let k = 0; k < spp; k++) data[k * n + y * width + x] = sample(y, x * spp + k) * scale;
  return { width, height, channels: spp, maxValue: bits === 16 ? 65535 : 255, data };
}
