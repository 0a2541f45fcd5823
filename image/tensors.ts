/**
 * Helpers shared by the image functions: an image is a C×H×W (or H×W) tensor; these read one as
 * planes of numbers and build results of the same type. Pixel coordinates are 0-based: x counts
 * columns from 0 at the left, y rows from 0 at the top.
 */
import '../lib/torch/index.js'; // installs the op table's Tensor methods (round, …) the image functions use
import { Tensor } from '../lib/Tensor.js';
import { ShapeError } from '../lib/errors.js';

/** [channels, height, width] of an H×W or C×H×W image (H×W counts as one channel). */
export function dims(where: string, img: Tensor): [c: number, h: number, w: number] {
  const s = img.size();
  if (s.length === 2) return [1, s[0]!, s[1]!];
  if (s.length === 3) return [s[0]!, s[1]!, s[2]!];
  throw new ShapeError(`${where}: expected an H×W or C×H×W image, got [${s.join(', ')}]`);
}

/** A row-major copy of the image's values as float64. */
export function values(img: Tensor): Float64Array {
  return Float64Array.from(img.contiguous().toArray());
}

/** A tensor of src's type with the given values (row-major), H×W when src is H×W and c is 1. */
export function fromValues(src: Tensor, c: number, h: number, w: number, data: ArrayLike<number>): Tensor {
  const out = Tensor.zeros(src.dim() === 2 && c === 1 ? [h, w] : [c, h, w], src.dtype);
  const d = out.data;
  const integer = src.dtype !== 'float32' && src.dtype !== 'float64';
  for (let i = 0; i < d.length; i++) d[i] = integer ? Math.min(255, Math.max(0, Math.round(data[i]!))) : data[i]!;
  return out;
}
