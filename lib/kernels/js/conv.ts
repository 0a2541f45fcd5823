/**
 * im2col and col2im (vol2col and col2vol when T > 1): the unfolding that turns a convolution into
 * one matrix product (see ../convShape.ts for the layout). The js reference.
 */
import type { Tensor } from '../../Tensor.js';
import type { ConvShape } from '../convShape.js';

/** col[(c, kt, kh, kw), (ot, oh, ow)] = x[c, ot·dT − padT + kt·dilT, …] (0 outside x). */
export function im2col(col: Tensor, x: Tensor, g: ConvShape): void {
  const cd = col.data, xd = x.data, xo = x.offset;
  let q = col.offset;
  for (let c = 0; c < g.C; c++) for (let kt = 0; kt < g.kT; kt++) for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) {
    for (let ot = 0; ot < g.oT; ot++) {
      const it = ot * g.dT - g.padT + kt * g.dilT;
      for (let oh = 0; oh < g.oH; oh++) {
        const ih = oh * g.dH - g.padH + kh * g.dilH;
        const inside = it >= 0 && it < g.T && ih >= 0 && ih < g.H;
        const row = xo + ((c * g.T + it) * g.H + ih) * g.W;
        for (let ow = 0; ow < g.oW; ow++) {
          const iw = ow * g.dW - g.padW + kw * g.dilW;
          cd[q++] = inside && iw >= 0 && iw < g.W ? xd[row + iw]! : 0;
        }
      }
    }
  }
}

/** x = the sum of col's entries into the places im2col read them from (overwrites x). */
export function col2im(x: Tensor, col: Tensor, g: ConvShape): void {
  const cd = col.data, xd = x.data, xo = x.offset;
  xd.fill(0, xo, xo + g.C * g.T * g.H * g.W);
  let q = col.offset;
  for (let c = 0; c < g.C; c++) for (let kt = 0; kt < g.kT; kt++) for (let kh = 0; kh < g.kH; kh++) for (let kw = 0; kw < g.kW; kw++) {
    for (let ot = 0; ot < g.oT; ot++) {
      const it = ot * g.dT - g.padT + kt * g.dilT;
      for (let oh = 0; oh < g.oH; oh++) {
        const ih = oh * g.dH - g.padH + kh * g.dilH;
        const inside = it >= 0 && it < g.T && ih >= 0 && ih < g.H;
        const row = xo + ((c * g.T + it) * g.H + ih) * g.W;
        for (let ow = 0; ow < g.oW; ow++, q++) {
          const iw = ow * g.dW - g.padW + kw * g.dilW;
          if (inside && iw >= 0 && iw < g.W) xd[row + iw]! += cd[q]!;
        }
      }
    }
  }
}
