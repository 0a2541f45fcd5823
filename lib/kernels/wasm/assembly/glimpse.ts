// SpatialGlimpse kernels of the wasm backend for scale 2 (block averaging) and depth-0 copies:
// each crop pixel inside the image adds w·pixel to its output block (forward) or w·gradOut to the
// pixel (backward), w = 1/(block area). Geometry as lib/glimpseGeometry.ts.

@inline function patchStart(loc: f64, size: i32, extent: i32): i32 {
  const pad = (size - 1) >> 1;
  const range = extent + 2 * pad - size;
  let n = ((loc + 1) / 2) * <f64>range;
  if (n < 0) n = 0;
  if (n > <f64>range) n = <f64>range;
  return <i32>Math.floor(n) - pad;
}

function walk(backward: bool, out: usize, image: usize, location: usize, B: i32, C: i32, H: i32, W: i32, oh: i32, ow: i32, depth: i32): void {
  for (let b = 0; b < B; b++) {
    const ly = <f64>load<f32>(location + ((<usize>(2 * b)) << 2));
    const lx = <f64>load<f32>(location + ((<usize>(2 * b + 1)) << 2));
    for (let d = 0; d < depth; d++) {
      const ph = oh << d, pw = ow << d; // blocks of 2^d × 2^d pixels: a crop pixel (cy, cx) belongs to block (cy >> d, cx >> d)
      const w: f32 = <f32>1 / <f32>(1 << (2 * d));
      const y0 = patchStart(ly, ph, H), x0 = patchStart(lx, pw, W);
      const cy0 = max(0, -y0), cy1 = min(ph, H - y0), cx0 = max(0, -x0), cx1 = min(pw, W - x0);
      for (let c = 0; c < C; c++) {
        const img = image + ((<usize>((b * C + c) * H * W)) << 2);
        const o = out + ((<usize>(((b * depth + d) * C + c) * oh * ow)) << 2);
        for (let cy = cy0; cy < cy1; cy++) {
          const irow = img + ((<usize>((y0 + cy) * W + x0)) << 2);
          const orow = o + ((<usize>((cy >> d) * ow)) << 2);
          for (let cx = cx0; cx < cx1; cx++) {
            const pi = irow + ((<usize>cx) << 2), po = orow + ((<usize>(cx >> d)) << 2);
            if (backward) store<f32>(pi, load<f32>(pi) + w * load<f32>(po));
            else store<f32>(po, load<f32>(po) + w * load<f32>(pi));
          }
        }
      }
    }
  }
}

/** out (B, depth·C, oh, ow) from image (B, C, H, W) at location (B, 2); out is overwritten. */
export function glimpseAvg(out: usize, image: usize, location: usize, B: i32, C: i32, H: i32, W: i32, oh: i32, ow: i32, depth: i32): void {
  memory.fill(out, 0, (<usize>(B * depth * C * oh * ow)) << 2);
  walk(false, out, image, location, B, C, H, W, oh, ow, depth);
}

/** gradImage (B, C, H, W) from gradOut; gradImage is overwritten. */
export function glimpseAvgBackward(gradImage: usize, gradOut: usize, location: usize, B: i32, C: i32, H: i32, W: i32, oh: i32, ow: i32, depth: i32): void {
  memory.fill(gradImage, 0, (<usize>(B * C * H * W)) << 2);
  walk(true, gradOut, gradImage, location, B, C, H, W, oh, ow, depth);
}
