/** The SpatialGlimpse kernels of the gpu backend (conventions: kernelSource.ts). */
import { I, k, type KernelSource } from './kernelSource.js';

/**
 * The glimpse kernels' patch corner (y0, x0) in image coordinates for example b's location and a
 * patch of ph × pw: glimpseGeometry.patchStart (zero padding floor((size − 1)/2), corner clamped).
 */
function patchCorner(): string {
  const axis = (v: string, size: string, extent: string, loc: string): string => `
    const pad${v} = Math.floor((${size} - 1.0) / 2.0);
    const range${v} = ${extent} + 2.0 * pad${v} - ${size};
    const ${v.toLowerCase()}0 = Math.floor(Math.min(Math.max((${loc} + 1.0) / 2.0 * range${v}, 0.0), range${v})) - pad${v};`;
  return axis('Y', 'ph', 'H', 'loc[ol + 2.0 * b]') + axis('X', 'pw', 'W', 'loc[ol + 2.0 * b + 1.0]');
}

export const glimpseSources = {
  /**
   * SpatialGlimpse forward (see ../js/glimpse.ts): output (B, depth·C, oh, ow); patch d is cut at
   * the example's location and block-averaged (scale 2), resampled bilinearly (other scales) or
   * copied (same size); zero outside the image.
   */
  glimpse: k('img:A, loc:A, C, H, W, oh, ow, depth, scale, oi, ol', `${I}
    const x = i - Math.floor(i / ow) * ow;
    const t1 = Math.floor(i / ow);
    const y = t1 - Math.floor(t1 / oh) * oh;
    const t2 = Math.floor(t1 / oh);
    const ch = t2 - Math.floor(t2 / (depth * C)) * (depth * C);
    const b = Math.floor(t2 / (depth * C));
    const d = Math.floor(ch / C);
    const c = ch - d * C;
    let ph = oh;
    let pw = ow;
    for (let e1 = 0; e1 < 64; e1++) {
      if (e1 >= d) { break; }
      ph = Math.floor(ph * scale);
      pw = Math.floor(pw * scale);
    }
${patchCorner()}
    const base = oi + (b * C + c) * H * W;
    let v = 0.0;
    if (ph == oh && pw == ow) {
      const iy = y0 + y;
      const ix = x0 + x;
      if (iy >= 0.0 && iy < H && ix >= 0.0 && ix < W) { v = img[base + iy * W + ix]; }
    } else if (scale == 2.0) {
      const kh = ph / oh;
      const kw = pw / ow;
      for (let a = 0; a < 4096; a++) {
        if (a >= kh) { break; }
        const iy = y0 + y * kh + a;
        for (let e = 0; e < 4096; e++) {
          if (e >= kw) { break; }
          const ix = x0 + x * kw + e;
          if (iy >= 0.0 && iy < H && ix >= 0.0 && ix < W) { v += img[base + iy * W + ix]; }
        }
      }
      v = v / (kh * kw);
    } else {
      const fy = y * (ph - 1.0) / (oh - 1.0);
      const fx = x * (pw - 1.0) / (ow - 1.0);
      const ya = Math.floor(fy);
      const xa = Math.floor(fx);
      const yb = Math.min(ya + 1.0, ph - 1.0);
      const xb = Math.min(xa + 1.0, pw - 1.0);
      const wy = fy - ya;
      const wx = fx - xa;
      const ty = y0 + ya;
      const tx = x0 + xa;
      const uy = y0 + yb;
      const ux = x0 + xb;
      if (ty >= 0.0 && ty < H && tx >= 0.0 && tx < W) { v += (1.0 - wy) * (1.0 - wx) * img[base + ty * W + tx]; }
      if (ty >= 0.0 && ty < H && ux >= 0.0 && ux < W) { v += (1.0 - wy) * wx * img[base + ty * W + ux]; }
      if (uy >= 0.0 && uy < H && tx >= 0.0 && tx < W) { v += wy * (1.0 - wx) * img[base + uy * W + tx]; }
      if (uy >= 0.0 && uy < H && ux >= 0.0 && ux < W) { v += wy * wx * img[base + uy * W + ux]; }
    }
    return v;`),
  /**
   * Its transpose, one image pixel (b, c, iy, ix) per thread: the sum over patches and output
   * pixels of weight·gradOut. The resampling weights are separable, wy(y, py)·wx(x, px).
   */
  glimpseBackward: k('go:A, loc:A, C, H, W, oh, ow, depth, scale, og, ol', `${I}
    const ix = i - Math.floor(i / W) * W;
    const t1 = Math.floor(i / W);
    const iy = t1 - Math.floor(t1 / H) * H;
    const t2 = Math.floor(t1 / H);
    const c = t2 - Math.floor(t2 / C) * C;
    const b = Math.floor(t2 / C);
    let ph = oh;
    let pw = ow;
    let v = 0.0;
    for (let d = 0; d < depth; d++) {
${patchCorner()}
      const py = iy - y0;
      const px = ix - x0;
      if (py >= 0.0 && py < ph && px >= 0.0 && px < pw) {
        const gbase = og + ((b * depth + d) * C + c) * oh * ow;
        if (ph == oh && pw == ow) {
          v += go[gbase + py * ow + px];
        } else if (scale == 2.0) {
          const kh = ph / oh;
          const kw = pw / ow;
          v += go[gbase + Math.floor(py / kh) * ow + Math.floor(px / kw)] / (kh * kw);
        } else {
          for (let y = 0; y < oh; y++) {
            const fy = y * (ph - 1.0) / (oh - 1.0);
            const ya = Math.floor(fy);
            const yb = Math.min(ya + 1.0, ph - 1.0);
            let wy = 0.0;
            if (py == ya) { wy += 1.0 - (fy - ya); }
            if (py == yb) { wy += fy - ya; }
            if (wy != 0.0) {
              for (let x = 0; x < ow; x++) {
                const fx = x * (pw - 1.0) / (ow - 1.0);
                const xa = Math.floor(fx);
                const xb = Math.min(xa + 1.0, pw - 1.0);
                let wx = 0.0;
                if (px == xa) { wx += 1.0 - (fx - xa); }
                if (px == xb) { wx += fx - xa; }
                v += wy * wx * go[gbase + y * ow + x];
              }
            }
          }
        }
      }
      ph = Math.floor(ph * scale);
      pw = Math.floor(pw * scale);
    }
    return v;`),
} satisfies Record<string, KernelSource>;
