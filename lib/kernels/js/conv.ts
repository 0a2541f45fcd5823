/**
 * im2col and col2im (vol2col and col2vol when T > 1): the unfolding that turns a convolution into
 * one matrix product (see ../convShape.ts for the layout; colStride for a column block). The js reference.
 */
import type { Tensor } from '../../Tensor.js';
import { colStride, type ConvShape } from '../convShape.js';

/**
 * The walk both share, entry by entry of col (c, kt, kh, kw), (ot, oh, ow) and the place of x it
 * stands for, x[c, ot·dT − padT + kt·dilT, oh·dH − padH + kh·dilH, ow·dW − padW + kw·dilW]:
 * unfolding copies that value into col (0 outside x), folding (fold) adds the entry into it.
 */
function walk(col: Tensor, x: Tensor, g: ConvShape, fold: boolean): void {
  const cd = col.data, xd = x.data, xo = x.offset, ld = colStride(col, g);
  let r = 0;
  for (let c = 0; c < g.C; c++) for (let kt = 0; kt < g.kT; kt++) for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) {
    let q = col.offset + r++ * ld; // row r of col
    for (let ot = 0; ot < g.oT; ot++) {
      const it = ot * g.dT - g.padT + kt * g.dilT;
      for (let oh = 0; oh < g.oH; oh++) {
        const ih = oh * g.dH - g.padH + kh * g.dilH;
        const inside = it >= 0 && it < g.T && ih >= 0 && ih < g.H;
        const row = xo + ((c * g.T + it) * g.H + ih) * g.W;
        for (let ow = 0; ow < g.oW; ow++, q++) {
          const iw = ow * g.dW - g.padW + kw * g.dilW;
          const at = inside && iw >= 0 && iw < g.W ? row + iw : -1;
          if (!fold) cd[q] = at < 0 ? 0 : xd[at]!;
          else if (at >= 0) xd[at]! += cd[q]!;
        }
      }
    }
  }
}

/** col[(c, kt, kh, kw), (ot, oh, ow)] = x[c, ot·dT − padT + kt·dilT, …] (0 outside x). */
export function im2col(col: Tensor, x: Tensor, g: ConvShape): void {
  walk(col, x, g, false);
}

/** x = the sum of col's entries into the places im2col read them from (overwrites x). */
export function col2im(x: Tensor, col: Tensor, g: ConvShape): void {
  x.data.fill(0, x.offset, x.offset + g.C * g.T * g.H * g.W);
  walk(col, x, g, true);
}
