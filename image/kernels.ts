/**
 * Kernels, as torch/image's `image.gaussian`, `image.gaussian1D` and `image.laplacian`: arguments
 * positionally or as one options table, Torch's defaults. Torch's centre is mean·size + 0.5 in its
 * 1-based coordinates; here element i (0-based) sits at Torch's i + 1, so the values are the same.
 */
import type { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/torch/index.js';

export interface KernelOptions {
  size?: number;
  sigma?: number;
  amplitude?: number;
  normalize?: boolean;
  width?: number;
  height?: number;
  sigma_horz?: number;
  sigma_vert?: number;
  mean_horz?: number;
  mean_vert?: number;
}

type Positional = [size?: number, sigma?: number, amplitude?: number, normalize?: boolean, width?: number, height?: number, sigma_horz?: number, sigma_vert?: number, mean_horz?: number, mean_vert?: number];
type Args = [options: KernelOptions] | Positional;

const isOptions = (args: Args): args is [KernelOptions] => typeof args[0] === 'object';

function options(args: Args, sigma0: number) {
  let o: KernelOptions;
  if (isOptions(args)) o = args[0];
  else {
    const [size, sigma, amplitude, normalize, width, height, sigma_horz, sigma_vert, mean_horz, mean_vert] = args;
    o = { size, sigma, amplitude, normalize, width, height, sigma_horz, sigma_vert, mean_horz, mean_vert };
  }
  const size = o.size ?? 3, sigma = o.sigma ?? sigma0;
  return {
    amplitude: o.amplitude ?? 1, normalize: o.normalize ?? false, width: o.width ?? size, height: o.height ?? size,
    sh: o.sigma_horz ?? sigma, sv: o.sigma_vert ?? sigma, mh: o.mean_horz ?? 0.5, mv: o.mean_vert ?? 0.5,
  };
}

function fill(height: number, width: number, f: (r: number, c: number) => number, normalize: boolean): Tensor {
  const t = torch.Tensor(height, width);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) t.set([r, c], f(r + 1, c + 1));
  return normalize ? t.div(t.sum()) : t;
}

/** A height × width Gaussian: amplitude·exp(−(du² + dv²)/2), du = (u − mean_horz·width − 0.5)/(sigma_horz·width). */
export function gaussian(...args: Args): Tensor {
  const o = options(args, 0.25);
  const cu = o.mh * o.width + 0.5, cv = o.mv * o.height + 0.5;
  return fill(o.height, o.width, (v, u) => {
    const du = (u - cu) / (o.sh * o.width), dv = (v - cv) / (o.sv * o.height);
    return o.amplitude * Math.exp(-0.5 * (du * du + dv * dv));
  }, o.normalize);
}

/** A 1-D Gaussian of `size` values: `image.gaussian1D(size = 3, sigma = 0.25, amplitude = 1, normalize = false, mean = 0.5)`. */
export function gaussian1D(size = 3, sigma = 0.25, amplitude = 1, normalize = false, mean = 0.5): Tensor {
  const t = torch.Tensor(size), centre = mean * size + 0.5;
  for (let i = 0; i < size; i++) t.set([i], amplitude * Math.exp(-(((i + 1 - centre) / (sigma * size)) ** 2) / 2));
  return normalize ? t.div(t.sum()) : t;
}

/** A Laplacian of Gaussian (sigma 0.1 by default), with Torch's pairing of the row index and the horizontal parameters kept. */
export function laplacian(...args: Args): Tensor {
  const o = options(args, 0.1);
  const cx = o.mh * o.width + 0.5, cy = o.mv * o.height + 0.5;
  return fill(o.height, o.width, (i, j) => {
    const xsq = ((i - cx) / (o.sh * o.width)) ** 2 / 2, ysq = ((j - cy) / (o.sv * o.height)) ** 2 / 2;
    return (1 - (xsq + ysq)) * o.amplitude * Math.exp(-(xsq + ysq));
  }, o.normalize);
}
