/**
 * `image.minmax` and `image.toDisplayTensor`, as torch/image's: rescaling to [0, 1] and laying a
 * pack of images out on a grid. Grid cells are 0-based: image k sits in row ⌊k / nrow⌋, column
 * k mod nrow, its top-left pixel at (column·(W + padding) + ⌊padding/2⌋, row·(H + padding) + ⌊padding/2⌋).
 */
import type { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/torch/index.js';
import { ArgumentError } from '../lib/errors.js';

export interface MinmaxOptions {
  tensor: Tensor;
  min?: number;
  max?: number;
  /** A range symmetric about 0: [−m, m] with m the largest |value|. */
  symm?: boolean;
  inplace?: boolean;
  /** Clamp to [0, 1] afterwards (only when min or max is given, as Torch's). */
  saturate?: boolean;
  tensorOut?: Tensor;
}

/** (x − min)/(max − min), min and max the tensor's own unless given (Torch's arithmetic, quirks included). */
export function minmax(args: MinmaxOptions): Tensor {
  const { tensor } = args;
  const out = args.tensorOut ? args.tensorOut.resizeAs(tensor).copy(tensor) : args.inplace ? tensor : tensor.clone();
  let { min, max } = args;
  const saturate = min === undefined && max === undefined ? false : (args.saturate ?? false);
  let fmin = 0;
  if (min === undefined) {
    if (args.symm) {
      fmin = Math.max(Math.abs(out.min()), Math.abs(out.max()));
      min = -fmin;
    } else min = out.min();
  }
  if (min !== 0) out.add(-min);
  if (max === undefined) max = args.symm ? fmin * 2 : out.max();
  else max = max - min;
  if (max !== 0) out.div(max);
  if (saturate) out.clamp(0, 1);
  return out;
}

export interface DisplayOptions {
  /** H×W, K×H×W (K maps), K×C×H×W (C 1 or 3), or an array of C×H×W / H×W images. */
  input: Tensor | readonly Tensor[];
  padding?: number;
  nrow?: number;
  scaleeach?: boolean;
  min?: number;
  max?: number;
  symmetric?: boolean;
  saturate?: boolean;
}

export function toDisplayTensor(opts: DisplayOptions): Tensor {
  const { input, padding = 0, nrow = 6, scaleeach = false, min, max, symmetric = false, saturate = true } = opts;
  let packed: Tensor;
  if (Array.isArray(input)) {
    const list = input as readonly Tensor[];
    const first = list[0];
    if (!first) throw new ArgumentError('image.toDisplayTensor: empty list of images');
    const nd = first.dim(), c = nd === 2 ? 1 : first.size(0);
    packed = torch.FloatTensor(list.length, c, first.size(nd - 2), first.size(nd - 1));
    list.forEach((img, i) => packed.select(0, i).copy(img));
  } else packed = (input as Tensor).clone();
  const mm = (t: Tensor) => minmax({ tensor: t, inplace: true, min, max, symm: symmetric, saturate });
  const colourPack = packed.dim() === 4 && (packed.size(1) === 3 || packed.size(1) === 1);
  const mapPack = packed.dim() === 3 && packed.size(0) !== 1 && packed.size(0) !== 3;
  if (scaleeach && (colourPack || mapPack)) for (let i = 0; i < packed.size(0); i++) mm(packed.select(0, i));
  if (packed.dim() === 2 || (packed.dim() === 3 && !mapPack)) return mm(packed);
  if (!colourPack && !mapPack) throw new ArgumentError(`image.toDisplayTensor: expected H×W, K×H×W, K×C×H×W (C 1 or 3) or a list, got [${packed.size().join(', ')}]`);
  const nmaps = packed.size(0), xmaps = Math.min(nrow, nmaps), ymaps = Math.ceil(nmaps / xmaps);
  const hd = packed.dim() - 2, h = packed.size(hd) + padding, w = packed.size(hd + 1) + padding;
  const grid = (colourPack ? torch.FloatTensor(packed.size(1), h * ymaps, w * xmaps) : torch.FloatTensor(h * ymaps, w * xmaps)).fill(packed.max());
  const gd = grid.dim() - 2;
  for (let k = 0; k < nmaps; k++) {
    const y = Math.floor(k / xmaps), x = k % xmaps;
    grid.narrow(gd, Math.floor(y * h + padding / 2), h - padding).narrow(gd + 1, Math.floor(x * w + padding / 2), w - padding).copy(packed.select(0, k));
  }
  return scaleeach ? grid : mm(grid);
}
