/**
 * The geometry of a convolution over volumes of C planes × T × H × W (images: T = 1), as the
 * im2col/col2im kernels see it: kernel k, stride d, zero padding pad and dilation dil along each
 * axis, and the output extent o = floor((in + 2·pad − dil·(k − 1) − 1)/d) + 1. The column matrix
 * has C·kT·kH·kW rows (plane, then kernel offsets) and oT·oH·oW columns, Torch's `finput` layout.
 */
import { ShapeError, shapeStr } from '../errors.js';
import type { Tensor } from '../Tensor.js';

export interface ConvShape {
  C: number; T: number; H: number; W: number;
  kT: number; kH: number; kW: number;
  dT: number; dH: number; dW: number;
  padT: number; padH: number; padW: number;
  dilT: number; dilH: number; dilW: number;
  oT: number; oH: number; oW: number;
}

/** [T, H, W]-ordered triples: the input extent, kernel, stride, padding and dilation. */
export type Triple = readonly [number, number, number];

/** The shape of a convolution of C planes of `size`; a ShapeError naming `where` when the output would be empty. */
export function convShape(where: string, C: number, size: Triple, k: Triple, d: Triple, pad: Triple, dil: Triple = [1, 1, 1]): ConvShape {
  const out = size.map((n, i) => Math.floor((n + 2 * pad[i]! - dil[i]! * (k[i]! - 1) - 1) / d[i]!) + 1);
  if (out.some((o) => o < 1)) {
    const sized = (t: Triple) => t.join('×');
    throw new ShapeError(`${where}: input of ${C}×${sized(size)} is too small for kernel ${sized(k)} (stride ${sized(d)}, padding ${sized(pad)}, dilation ${sized(dil)}): output would be ${out.join('×')}`);
  }
  const [oT, oH, oW] = out as [number, number, number];
  return {
    C, T: size[0], H: size[1], W: size[2], kT: k[0], kH: k[1], kW: k[2], dT: d[0], dH: d[1], dW: d[2],
    padT: pad[0], padH: pad[1], padW: pad[2], dilT: dil[0], dilH: dil[1], dilW: dil[2], oT, oH, oW,
  };
}

/** The extent of a transposed convolution's output along one axis: (in − 1)·d − 2·pad + dil·(k − 1) + 1 + adj. */
export function transposedExtent(n: number, k: number, d: number, pad: number, adj: number, dil = 1): number {
  return (n - 1) * d - 2 * pad + dil * (k - 1) + 1 + adj;
}

/** Rows (C·kT·kH·kW) and columns (oT·oH·oW) of the column matrix. */
export const colRows = (g: ConvShape): number => g.C * g.kT * g.kH * g.kW;
export const colCols = (g: ConvShape): number => g.oT * g.oH * g.oW;

/**
 * How far apart the rows of a column matrix lie: L (colCols) for a contiguous one; a 2-D col with
 * unit column stride may also be a column block of a wider matrix (a batch's K × n·L), its rows
 * stride(0) apart. Anything else is rejected.
 */
export function colStride(col: Tensor, g: ConvShape): number {
  const L = colCols(g);
  if (col.isContiguous()) return L;
  if (col.dim() === 2 && col.size(0) === colRows(g) && col.size(1) === L && col.stride(1) === 1 && col.stride(0) >= L) return col.stride(0);
  throw new ShapeError(`im2col/col2im: expected a contiguous column matrix or a column block of ${colRows(g)} × ${L} with unit column stride, got sizes ${shapeStr(col.shape)} and strides ${shapeStr(col.strides)}`);
}

/** The geometry as the flat list of numbers the wasm and gpu kernels take (this order). */
export function convArgs(g: ConvShape): number[] {
  return [g.C, g.T, g.H, g.W, g.kT, g.kH, g.kW, g.dT, g.dH, g.dW, g.padT, g.padH, g.padW, g.dilT, g.dilH, g.dilW, g.oT, g.oH, g.oW];
}
