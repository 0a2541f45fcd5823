/**
 * Loading and saving, as torch/image's: `image.load(path, depth?, type?)` reads PNG, baseline JPEG
 * and binary PGM/PPM (P5/P6, 8-bit), chosen by the file's magic bytes and then its extension, into
 * a C×H×W tensor: 'float' (default) or 'double' in [0, 1], 'byte' in 0..255 as Torch's. depth 1
 * gives grey (an H×W luma image from colour, as Torch's todepth), depth 3 RGB. `image.save` writes
 * PNG (lib/png.ts's RGB writer: grey is written as three equal channels and alpha is dropped) or
 * JPEG (quality 75, 4:4:4). Channel 0 is R (Torch's 1); pixel (x, y) counts from 0 at the top left.
 * The coding itself is done by npm libraries, fast-png for PNG (image/png.ts, lib/png.ts) and jpeg-js
 * for JPEG (image/jpeg.ts); this file converts between their samples and tensors.
 * compressPNG/JPG and decompressPNG/JPG work on ByteTensors of file bytes, as Torch's.
 */
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';
import { pngBytes as encodeRGBPNG } from '../lib/png.js';
import { nodeBuiltin } from '../lib/platform.js';
import { decodePNG, isPNG, type DecodedImage } from './png.js';
import { decodeJPG, encodeJPG, isJPG } from './jpeg.js';
import { rgb2y } from './color.js';
import { dims, values } from './tensors.js';

export type ImageType = 'float' | 'double' | 'byte';
const DTYPES = { float: 'float32', double: 'float64', byte: 'uint8' } as const;

/** Binary PGM (P5) or PPM (P6) with maxval < 256. */
function decodePNM(bytes: Uint8Array): DecodedImage {
  const tokens: string[] = [];
  let p = 0;
  while (tokens.length < 4 && p < bytes.length) {
    const ch = String.fromCharCode(bytes[p]!);
    if (ch === '#') while (p < bytes.length && bytes[p] !== 10) p++;
    else if (/\s/.test(ch)) p++;
    else {
      let t = '';
      while (p < bytes.length && !/\s/.test(String.fromCharCode(bytes[p]!))) t += String.fromCharCode(bytes[p++]!);
      tokens.push(t);
    }
  }
  p++; // the one whitespace byte after maxval
  const [magic, ws, hs, ms] = tokens;
  const width = Number(ws), height = Number(hs), maxValue = Number(ms), channels = magic === 'P6' ? 3 : 1;
  if ((magic !== 'P5' && magic !== 'P6') || !(maxValue > 0 && maxValue < 256)) throw new ArgumentError(`image.load: only 8-bit binary P5/P6 PGM/PPM files are supported, got ${magic} maxval ${ms}`);
  const n = width * height, data = new Uint16Array(channels * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < channels; k++) data[k * n + i] = bytes[p + i * channels + k] ?? 0;
  return { width, height, channels, maxValue, data };
}

function decodeAny(bytes: Uint8Array, ext: string): DecodedImage {
  if (isJPG(bytes)) return decodeJPG(bytes);
  if (isPNG(bytes)) return decodePNG(bytes);
  if (bytes[0] === 0x50 && (bytes[1] === 0x35 || bytes[1] === 0x36)) return decodePNM(bytes);
  if (ext === 'png') return decodePNG(bytes);
  if (ext === 'jpg' || ext === 'jpeg') return decodeJPG(bytes);
  throw new ArgumentError(`image.load: unknown image type '${ext}'`);
}

/** The decoded image as a tensor of the asked type, then brought to depth 1 or 3 as Torch's todepth. */
function toTensor(img: DecodedImage, depth: number | undefined, type: ImageType): Tensor {
  const dtype = DTYPES[type];
  if (!dtype) throw new ArgumentError(`image.load: type must be 'float', 'double' or 'byte', got '${String(type)}'`);
  const out = Tensor.zeros([img.channels, img.height, img.width], dtype), d = out.data;
  const k = type === 'byte' ? 255 / img.maxValue : 1 / img.maxValue;
  for (let i = 0; i < d.length; i++) d[i] = type === 'byte' ? Math.round(img.data[i]! * k) : img.data[i]! * k;
  return todepth(out, depth);
}

function todepth(img: Tensor, depth: number | undefined): Tensor {
  const c = img.size(0);
  if (depth === 1) {
    if (c === 3 || c === 4) {
      const y = rgb2y(img.dtype === 'uint8' ? img.narrow(0, 0, 3).double() : img.narrow(0, 0, 3)).select(0, 0);
      return img.dtype === 'uint8' ? Tensor.zeros(y.size(), 'uint8').copy(y.clone().round()) : y;
    }
    return c === 2 ? img.narrow(0, 0, 1).clone() : img;
  }
  if (depth === 3) {
    // grey + alpha goes to RGB too (Torch's todepth refuses 2 channels)
    if (c === 1 || c === 2) return img.narrow(0, 0, 1).expand(3, img.size(1), img.size(2)).clone();
    if (c === 4) return img.narrow(0, 0, 3).clone();
    if (c !== 3) throw new ArgumentError(`image.load: cannot make ${c} channels into depth 3`);
  }
  return img;
}

const extOf = (path: string) => /\.([^./\\]*)$/.exec(path)?.[1]?.toLowerCase() ?? '';

export function load(path: string, depth?: number, type: ImageType = 'float'): Tensor {
  return toTensor(decodeAny(nodeBuiltin('node:fs', 'image.load').readFileSync(path), extOf(path)), depth, type);
}

const bytesOf = (t: Tensor) => Uint8Array.from(t.contiguous().toArray());

export function decompressPNG(bytes: Tensor, depth?: number, type: ImageType = 'float'): Tensor {
  return toTensor(decodePNG(bytesOf(bytes)), depth, type);
}

export function decompressJPG(bytes: Tensor, depth?: number, type: ImageType = 'float'): Tensor {
  return toTensor(decodeJPG(bytesOf(bytes)), depth, type);
}

/** Planar 8-bit samples: byte tensors as they are, float ones clamped to [0, 1] and ×255, rounded. */
function samples(where: string, img: Tensor): { c: number; h: number; w: number; planes: Uint8Array } {
  const [c, h, w] = dims(where, img);
  const v = values(img), planes = new Uint8Array(v.length), isByte = img.dtype === 'uint8';
  for (let i = 0; i < v.length; i++) planes[i] = isByte ? v[i]! : Math.round(255 * Math.min(1, Math.max(0, v[i]!)));
  return { c, h, w, planes };
}

function pngBytes(img: Tensor): Uint8Array {
  const { c, h, w, planes } = samples('image.compressPNG', img), n = w * h, rgb = new Uint8Array(3 * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) rgb[3 * i + k] = planes[(c >= 3 ? k : 0) * n + i]!;
  return encodeRGBPNG(w, h, rgb);
}

function jpgBytes(img: Tensor, quality: number): Uint8Array {
  const { c, h, w, planes } = samples('image.compressJPG', img);
  const channels = c >= 3 ? 3 : 1;
  return encodeJPG(w, h, channels, planes.subarray(0, channels * w * h), { quality });
}

const byteTensor = (buf: Uint8Array) => {
  const t = Tensor.zeros([buf.length], 'uint8');
  t.data.set(buf);
  return t;
};

/** The PNG file bytes of an image as a 1-D ByteTensor. */
export function compressPNG(img: Tensor): Tensor {
  return byteTensor(pngBytes(img));
}

/** The JPEG file bytes (quality 1..100, default 75 as Torch's; baseline, chroma 4:4:4) as a 1-D ByteTensor. */
export function compressJPG(img: Tensor, quality = 75): Tensor {
  return byteTensor(jpgBytes(img, quality));
}

/** Writes a PNG or JPEG by the path's extension (JPEG quality: the third argument, default 75). */
export function save(path: string, img: Tensor, quality = 75): void {
  const ext = extOf(path);
  const { writeFileSync } = nodeBuiltin('node:fs', 'image.save');
  if (ext === 'png') writeFileSync(path, pngBytes(img));
  else if (ext === 'jpg' || ext === 'jpeg') writeFileSync(path, jpgBytes(img, quality));
  else throw new ArgumentError(`image.save: unknown image type '${ext}' (png, jpg, jpeg)`);
}
