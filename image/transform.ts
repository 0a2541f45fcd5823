/**
 * Geometry, as torch/image's: scale, crop, hflip, vflip, rotate, translate. Images are H×W or
 * C×H×W; results are new tensors of the source's type. Coordinates are 0-based pixels: x is the
 * column (0 at the left), y the row (0 at the top). Torch's crop takes 0-based coordinates too
 * (`image.crop(src, 0, 0, w, h)` is the top-left w×h), with x2, y2 exclusive, so the numbers carry
 * over from Lua unchanged.
 */
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';
import { dims, fromValues, values } from './tensors.js';

export type ScaleMode = 'bilinear' | 'simple' | 'bicubic';

/** Torch's cubic through p1 (x = 0) and p2 (x = 1) with neighbours p0, p3 (Catmull–Rom). */
const cubic = (p0: number, p1: number, p2: number, p3: number, x: number) =>
  p1 + 0.5 * x * (p2 - p0 + x * (2 * p0 - 5 * p1 + 4 * p2 - p3 + x * (3 * (p1 - p2) + p3 - p0)));

/** Resamples one row or column: src[s0 + i·ss], i < sn, into dst[d0 + j·ds], j < dn (Torch's scaleLinear_rowcol / scaleCubic_rowcol). */
function line(src: Float64Array, s0: number, ss: number, sn: number, dst: Float64Array, d0: number, ds: number, dn: number, cubicMode: boolean): void {
  const at = (i: number) => src[s0 + i * ss]!;
  if (dn === sn) {
    for (let j = 0; j < dn; j++) dst[d0 + j * ds] = at(j);
  } else if (sn === 1) {
    for (let j = 0; j < dn; j++) dst[d0 + j * ds] = at(0);
  } else if (dn > sn || cubicMode) {
    // corners aligned: destination j samples source j·(sn − 1)/(dn − 1)
    const scale = dn === 1 ? sn - 1 : (sn - 1) / (dn - 1);
    for (let j = 0; j < dn - 1; j++) {
      const pos = j * scale, i = Math.floor(pos), t = pos - i;
      const p1 = at(i), p2 = at(i + 1);
      dst[d0 + j * ds] = cubicMode
        ? cubic(i > 0 ? at(i - 1) : 2 * p1 - p2, p1, p2, i + 2 < sn ? at(i + 2) : 2 * p2 - p1, t)
        : (1 - t) * p1 + t * p2;
    }
    dst[d0 + (dn - 1) * ds] = at(sn - 1);
  } else {
    // shrinking: each destination pixel averages the source interval [j, j + 1)·sn/dn, ends weighted by overlap
    const scale = sn / dn;
    let i0 = 0, f0 = 0;
    for (let j = 0; j < dn; j++) {
      const e = (j + 1) * scale, i1 = Math.floor(e), f1 = e - i1;
      let acc = (1 - f0) * at(i0), n = 1 - f0;
      for (let i = i0 + 1; i < i1; i++) {
        acc += at(i);
        n += 1;
      }
      if (i1 < sn) {
        acc += f1 * at(i1);
        n += f1;
      }
      dst[d0 + j * ds] = acc / n;
      i0 = i1;
      f0 = f1;
    }
  }
}

/** The target size of `image.scale(src, size)`: a number or 'MAX' (the longer side), 'WxH', '^MIN' (the shorter side), '*SC' or '*N/D'. */
function parseSize(size: number | string, w: number, h: number): [number, number] {
  const s = String(size).trim();
  let m: RegExpMatchArray | null;
  if (/^\d+(\.\d+)?$/.test(s)) return [(w * Number(s)) / Math.max(w, h), (h * Number(s)) / Math.max(w, h)];
  if ((m = s.match(/^(\d+)x(\d+)$/))) return [Number(m[1]), Number(m[2])];
  if ((m = s.match(/^\^(\d+)$/))) return [(w * Number(m[1])) / Math.min(w, h), (h * Number(m[1])) / Math.min(w, h)];
  if ((m = s.match(/^\*(\d+(?:\.\d+)?)(?:\/(\d+(?:\.\d+)?))?$/))) {
    const k = Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
    return [w * k, h * k];
  }
  throw new ArgumentError(`image.scale: size must be a number, 'WxH', 'MAX', '^MIN', '*SC' or '*SCn/SCd', got '${s}'`);
}

/**
 * `image.scale(src, width, height, mode = 'bilinear')` or `image.scale(src, size, mode)`, size as
 * in parseSize. Modes as Torch's: 'simple' (nearest: source ⌊x·sw/dw⌋), 'bilinear' (corner-aligned
 * linear when enlarging, area average when shrinking), 'bicubic' (corner-aligned Catmull–Rom, not clamped for floats).
 */
export function scale(src: Tensor, width: number | string, height?: number | ScaleMode, mode: ScaleMode = 'bilinear'): Tensor {
  const [c, h, w] = dims('image.scale', src);
  let dw: number, dh: number;
  if (typeof width === 'number' && typeof height === 'number') [dw, dh] = [width, height];
  else {
    [dw, dh] = parseSize(width, w, h);
    if (typeof height === 'string') mode = height;
  }
  dw = Math.max(1, Math.floor(dw));
  dh = Math.max(1, Math.floor(dh));
  const v = values(src), out = new Float64Array(c * dh * dw);
  if (mode === 'simple') {
    const sx = w / dw, sy = h / dh;
    for (let k = 0; k < c; k++) for (let y = 0; y < dh; y++) for (let x = 0; x < dw; x++) {
      const ii = Math.min(w - 1, Math.floor(x * sx)), jj = Math.min(h - 1, Math.floor(y * sy));
      out[(k * dh + y) * dw + x] = v[(k * h + jj) * w + ii]!;
    }
  } else if (mode === 'bilinear' || mode === 'bicubic') {
    const tmp = new Float64Array(c * h * dw), cub = mode === 'bicubic';
    for (let k = 0; k < c; k++) {
      for (let y = 0; y < h; y++) line(v, (k * h + y) * w, 1, w, tmp, (k * h + y) * dw, 1, dw, cub);
      for (let x = 0; x < dw; x++) line(tmp, k * h * dw + x, dw, h, out, k * dh * dw + x, dw, dh, cub);
    }
  } else throw new ArgumentError(`image.scale: mode must be 'bilinear', 'simple' or 'bicubic', got '${String(mode)}'`);
  return fromValues(src, c, dh, dw, out);
}

export type CropFormat = 'c' | 'tl' | 'tr' | 'bl' | 'br';

/**
 * `image.crop(src, x1, y1, x2, y2)`: columns x1..x2−1 and rows y1..y2−1 (0-based, x2 and y2
 * exclusive, as Torch's); `image.crop(src, format, width, height)`: a width × height window at
 * the centre ('c', left and top rounded down) or a corner ('tl', 'tr', 'bl', 'br'). A new tensor.
 */
export function crop(src: Tensor, x1: number, y1: number, x2: number, y2: number): Tensor;
export function crop(src: Tensor, format: CropFormat, width: number, height: number): Tensor;
export function crop(src: Tensor, a: number | CropFormat, b: number, c: number, d?: number): Tensor {
  const [, h, w] = dims('image.crop', src);
  let x1: number, y1: number, x2: number, y2: number;
  if (typeof a === 'string') {
    const offsets: Record<CropFormat, [number, number]> = { c: [Math.floor((w - b) / 2), Math.floor((h - c) / 2)], tl: [0, 0], tr: [w - b, 0], bl: [0, h - c], br: [w - b, h - c] };
    const o = offsets[a];
    if (!o) throw new ArgumentError(`image.crop: format must be 'c', 'tl', 'tr', 'bl' or 'br', got '${String(a)}'`);
    [x1, y1, x2, y2] = [o[0], o[1], o[0] + b, o[1] + c];
  } else {
    if (d === undefined) throw new ArgumentError('image.crop: expected (src, x1, y1, x2, y2) or (src, format, width, height)');
    [x1, y1, x2, y2] = [a, b, c, d];
  }
  if (!(x1 >= 0 && y1 >= 0 && x2 > x1 && y2 > y1 && x2 <= w && y2 <= h))
    throw new ArgumentError(`image.crop: window x ${x1}..${x2}, y ${y1}..${y2} (end exclusive) is not inside the ${w}×${h} image`);
  const hd = src.dim() - 2;
  return src.narrow(hd, y1, y2 - y1).narrow(hd + 1, x1, x2 - x1).clone();
}

/** Maps each destination pixel (x, y) to a source pixel, or to none (0). */
function remap(where: string, src: Tensor, from: (x: number, y: number, w: number, h: number) => readonly [number, number]): Tensor {
  const [c, h, w] = dims(where, src);
  const v = values(src), out = new Float64Array(c * h * w);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const [sx, sy] = from(x, y, w, h);
    if (sx < 0 || sy < 0 || sx >= w || sy >= h) continue;
    for (let k = 0; k < c; k++) out[(k * h + y) * w + x] = v[(k * h + sy) * w + sx]!;
  }
  return fromValues(src, c, h, w, out);
}

/** Mirrors left–right: column x ← column w − 1 − x. */
export function hflip(src: Tensor): Tensor {
  return remap('image.hflip', src, (x, y, w) => [w - 1 - x, y]);
}

/** Mirrors top–bottom: row y ← row h − 1 − y. */
export function vflip(src: Tensor): Tensor {
  return remap('image.vflip', src, (x, y, _w, h) => [x, h - 1 - y]);
}

/** C's round: halves away from zero. */
const cround = (v: number) => Math.sign(v) * Math.round(Math.abs(v));

/**
 * `image.rotate(src, theta, mode = 'simple')`: rotates by theta radians about the centre
 * ((w−1)/2, (h−1)/2); what comes from outside is 0. As Torch's, destination (x, y) reads source
 * (cos θ·(x−xc) − sin θ·(y−yc) + xc, cos θ·(y−yc) + sin θ·(x−xc) + yc), so θ = π/2 moves the
 * right-hand column to the top row. 'simple' takes the nearest pixel (C's round); 'bilinear'
 * interpolates, and at the border takes the nearer of pixel and outside, as Torch's rotateBilinear.
 */
export function rotate(src: Tensor, theta: number, mode: 'simple' | 'bilinear' = 'simple'): Tensor {
  const cs = Math.cos(theta), sn = Math.sin(theta);
  if (mode === 'simple') {
    return remap('image.rotate', src, (x, y, w, h) => {
      const xc = (w - 1) / 2, yc = (h - 1) / 2;
      return [cround(cs * (x - xc) - sn * (y - yc) + xc), cround(cs * (y - yc) + sn * (x - xc) + yc)];
    });
  }
  if (mode !== 'bilinear') throw new ArgumentError(`image.rotate: mode must be 'simple' or 'bilinear', got '${String(mode)}'`);
  const [c, h, w] = dims('image.rotate', src);
  const v = values(src), out = new Float64Array(c * h * w), xc = (w - 1) / 2, yc = (h - 1) / 2;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const rx = cs * (x - xc) - sn * (y - yc) + xc, ry = cs * (y - yc) + sn * (x - xc) + yc;
    let i0 = Math.floor(rx), j0 = Math.floor(ry), i1 = i0 + 1, j1 = j0 + 1;
    const wi = rx - i0, wj = ry - j0;
    let outside = false;
    if (i1 === w && wi < 0.5) i1 = i0;
    else if (i1 >= w) outside = true;
    if (j1 === h && wj < 0.5) j1 = j0;
    else if (j1 >= h) outside = true;
    if (i0 === -1 && wi > 0.5) i0 = i1;
    else if (i0 < 0) outside = true;
    if (j0 === -1 && wj > 0.5) j0 = j1;
    else if (j0 < 0) outside = true;
    if (outside) continue;
    for (let k = 0; k < c; k++) {
      const at = (i: number, j: number) => v[(k * h + j) * w + i]!;
      out[(k * h + y) * w + x] = (1 - wi) * (1 - wj) * at(i0, j0) + wi * (1 - wj) * at(i1, j0) + (1 - wi) * wj * at(i0, j1) + wi * wj * at(i1, j1);
    }
  }
  return fromValues(src, c, h, w, out);
}

/** `image.translate(src, x, y)`: source pixel (i, j) moves to (i + x, j + y); what comes in is 0. */
export function translate(src: Tensor, x: number, y: number): Tensor {
  const dx = Math.trunc(x), dy = Math.trunc(y);
  return remap('image.translate', src, (i, j) => [i - dx, j - dy]);
}
