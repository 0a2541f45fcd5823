/**
 * SpatialGlimpse kernels of the js backend. For each example b, patch d and channel c, the patch
 * is cut at the example's location (zeros outside the image), then downscaled to height × width:
 * block averaging when scale = 2, bilinear resampling (align-corners) otherwise, a plain copy when
 * the sizes already match. Output channel d·C + c. The backward is the exact transpose, and
 * gradient falling outside the image (on the zero padding) is discarded.
 */
import type { Tensor } from '../../Tensor.js';
import { type GlimpseShape, patchSize, patchStart } from '../../glimpseGeometry.js';
import type { TypedArray } from '../../Storage.js';

/** Calls visit(outIndex, imageIndex, weight) for every (output pixel, image pixel inside the image) pair. */
function forEachTap(B: number, C: number, H: number, W: number, g: GlimpseShape, location: Tensor,
  visit: (o: number, i: number, w: number) => void): void {
  const loc = location.data, lo = location.offset, oh = g.height, ow = g.width;
  for (let b = 0; b < B; b++) {
    const ly = loc[lo + 2 * b]!, lx = loc[lo + 2 * b + 1]!;
    for (let d = 0; d < g.depth; d++) {
      const [ph, pw] = patchSize(g, d);
      const y0 = patchStart(ly, ph, H), x0 = patchStart(lx, pw, W);
      const pool = ph !== oh || pw !== ow ? (g.scale === 2 ? 'avg' : 'bilinear') : 'copy';
      const kh = ph / oh, kw = pw / ow;
      for (let c = 0; c < C; c++) {
        const img = (b * C + c) * H * W;
        const outBase = ((b * g.depth + d) * C + c) * oh * ow;
        const tap = (o: number, cy: number, cx: number, w: number): void => {
          const iy = y0 + cy, ix = x0 + cx;
          if (iy >= 0 && iy < H && ix >= 0 && ix < W && w !== 0) visit(o, img + iy * W + ix, w);
        };
        for (let y = 0; y < oh; y++) {
          for (let x = 0; x < ow; x++) {
            const o = outBase + y * ow + x;
            if (pool === 'copy') {
              tap(o, y, x, 1);
            } else if (pool === 'avg') {
              const w = 1 / (kh * kw);
              for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) tap(o, y * kh + i, x * kw + j, w);
            } else {
              const fy = (y * (ph - 1)) / (oh - 1), fx = (x * (pw - 1)) / (ow - 1);
              const y1 = Math.floor(fy), x1 = Math.floor(fx);
              const y2 = Math.min(y1 + 1, ph - 1), x2 = Math.min(x1 + 1, pw - 1);
              const wy = fy - y1, wx = fx - x1;
              tap(o, y1, x1, (1 - wy) * (1 - wx));
              tap(o, y1, x2, (1 - wy) * wx);
              tap(o, y2, x1, wy * (1 - wx));
              tap(o, y2, x2, wy * wx);
            }
          }
        }
      }
    }
  }
}

export function glimpse(out: Tensor, image: Tensor, location: Tensor, B: number, C: number, H: number, W: number, g: GlimpseShape): void {
  const o: TypedArray = out.data, im = image.data, oo = out.offset, io = image.offset;
  o.fill(0, oo, oo + out.numel());
  forEachTap(B, C, H, W, g, location, (k, i, w) => (o[oo + k]! += w * im[io + i]!));
}

export function glimpseBackward(gradImage: Tensor, gradOut: Tensor, location: Tensor, B: number, C: number, H: number, W: number, g: GlimpseShape): void {
  const gi = gradImage.data, go = gradOut.data, gio = gradImage.offset, goo = gradOut.offset;
  gi.fill(0, gio, gio + gradImage.numel());
  forEachTap(B, C, H, W, g, location, (k, i, w) => (gi[gio + i]! += w * go[goo + k]!));
}
