/**
 * Colour spaces, with torch/image's formulas (generic/image.c, init.lua): rgb2yuv, yuv2rgb, rgb2y,
 * rgb2hsl, hsl2rgb, rgb2hsv, hsv2rgb, rgb2lab, lab2rgb. Input and output are 3×H×W float tensors
 * (rgb2y: 1×H×W); RGB, HSL and HSV channels lie in [0, 1] (hue as a fraction of a turn), Lab does
 * not. Channel 0 is R (or Y, H, L), as Torch's channel 1 is.
 */
import type { Tensor } from '../lib/Tensor.js';
import { ShapeError } from '../lib/errors.js';
import { dims, fromValues, values } from './tensors.js';

type Pixel = (a: number, b: number, c: number) => readonly [number, number, number];

/** Applies a per-pixel map to a 3×H×W image. */
function perPixel(where: string, src: Tensor, f: Pixel): Tensor {
  const [c, h, w] = dims(where, src);
  if (c !== 3 || src.dim() !== 3) throw new ShapeError(`${where}: expected a 3×H×W image, got [${src.size().join(', ')}]`);
  const v = values(src), n = h * w, out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const [p, q, r] = f(v[i]!, v[n + i]!, v[2 * n + i]!);
    out[i] = p;
    out[n + i] = q;
    out[2 * n + i] = r;
  }
  return fromValues(src, 3, h, w, out);
}

const luma = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

export function rgb2yuv(src: Tensor): Tensor {
  return perPixel('image.rgb2yuv', src, (r, g, b) => [luma(r, g, b), -0.14713 * r - 0.28886 * g + 0.436 * b, 0.615 * r - 0.51499 * g - 0.10001 * b]);
}

export function yuv2rgb(src: Tensor): Tensor {
  return perPixel('image.yuv2rgb', src, (y, u, v) => [y + 1.13983 * v, y - 0.39465 * u - 0.5806 * v, y + 2.03211 * u]);
}

/** The luma channel as a 1×H×W image. */
export function rgb2y(src: Tensor): Tensor {
  return perPixel('image.rgb2y', src, (r, g, b) => [luma(r, g, b), 0, 0]).narrow(0, 0, 1).clone();
}

/** Hue in [0, 1) from the largest channel, as Torch's rgb2hsl/rgb2hsv. */
function hue(r: number, g: number, b: number, mx: number, d: number): number {
  if (d === 0) return 0;
  const h = mx === r ? (g - b) / d + (g < b ? 6 : 0) : mx === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return h / 6;
}

export function rgb2hsl(src: Tensor): Tensor {
  return perPixel('image.rgb2hsl', src, (r, g, b) => {
    const mx = Math.max(r, g, b), mn = Math.min(r, g, b), d = mx - mn, l = (mx + mn) / 2;
    const s = d === 0 ? 0 : l > 0.5 ? d / (2 - mx - mn) : d / (mx + mn);
    return [hue(r, g, b, mx, d), s, l];
  });
}

function hue2rgb(p: number, q: number, t: number): number {
  if (t < 0) t += 1;
  if (t > 1) t -= 1;
  if (t < 1 / 6) return p + (q - p) * 6 * t;
  if (t < 1 / 2) return q;
  if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
  return p;
}

export function hsl2rgb(src: Tensor): Tensor {
  return perPixel('image.hsl2rgb', src, (h, s, l) => {
    if (s === 0) return [l, l, l];
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s, p = 2 * l - q;
    return [hue2rgb(p, q, h + 1 / 3), hue2rgb(p, q, h), hue2rgb(p, q, h - 1 / 3)];
  });
}

export function rgb2hsv(src: Tensor): Tensor {
  return perPixel('image.rgb2hsv', src, (r, g, b) => {
    const mx = Math.max(r, g, b), d = mx - Math.min(r, g, b);
    return [hue(r, g, b, mx, d), mx === 0 ? 0 : d / mx, mx];
  });
}

export function hsv2rgb(src: Tensor): Tensor {
  return perPixel('image.hsv2rgb', src, (h, s, v) => {
    const i = Math.floor(h * 6), f = h * 6 - i, p = v * (1 - s), q = v * (1 - f * s), t = v * (1 - (1 - f) * s);
    const k = ((i % 6) + 6) % 6;
    return k === 0 ? [v, t, p] : k === 1 ? [q, v, p] : k === 2 ? [p, v, t] : k === 3 ? [p, q, v] : k === 4 ? [t, p, v] : [v, p, q];
  });
}

// CIE constants and the D65 white point, as Torch's (Bruce Lindbloom's equations)
const EPS = 216 / 24389, KAPPA = 24389 / 27, XN = 0.950456, ZN = 1.088754;
const expand = (c: number) => (c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
const compress = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055);
const f = (t: number) => (t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116);

export function rgb2lab(src: Tensor): Tensor {
  return perPixel('image.rgb2lab', src, (r0, g0, b0) => {
    const r = expand(r0), g = expand(g0), b = expand(b0);
    const fx = f((0.412453 * r + 0.35758 * g + 0.180423 * b) / XN);
    const fy = f(0.212671 * r + 0.71516 * g + 0.072169 * b);
    const fz = f((0.019334 * r + 0.119193 * g + 0.950227 * b) / ZN);
    return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
  });
}

export function lab2rgb(src: Tensor): Tensor {
  return perPixel('image.lab2rgb', src, (l, a, bb) => {
    const fy = (l + 16) / 116, fz = fy - bb / 200, fx = a / 500 + fy;
    let X = fx ** 3, Z = fz ** 3;
    if (X <= EPS) X = (116 * fx - 16) / KAPPA;
    if (Z <= EPS) Z = (116 * fz - 16) / KAPPA;
    const Y = l > KAPPA * EPS ? fy ** 3 : l / KAPPA;
    X *= XN;
    Z *= ZN;
    return [
      compress(3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z),
      compress(-0.969266 * X + 1.8760108 * Y + 0.041556 * Z),
      compress(0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z),
    ];
  });
}
