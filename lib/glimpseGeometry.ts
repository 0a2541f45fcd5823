/**
 * Geometry of dpnn's SpatialGlimpse (dpnn SpatialGlimpse.lua): patch d is floor(size·scale^d)
 * (floored at every step), cut from the image zero-padded by floor((g − 1)/2), at the corner
 * floor(clamp(n·r, 0, r)) with n = (loc + 1)/2 and r the free range.
 */
export interface GlimpseShape {
  /** Output patch height and width. */
  height: number;
  width: number;
  depth: number;
  scale: number;
}

/** [height, width] of patch d before downscaling. */
export function patchSize(g: GlimpseShape, d: number): [number, number] {
  let h = Math.floor(g.height), w = Math.floor(g.width);
  for (let i = 0; i < d; i++) {
    h = Math.floor(h * g.scale);
    w = Math.floor(w * g.scale);
  }
  return [h, w];
}

/**
 * Image coordinate of the first row (or column) of a patch of `size` along an image side of
 * `extent`, for location coordinate `loc` ∈ [−1, 1] (clamped beyond).
 */
export function patchStart(loc: number, size: number, extent: number): number {
  const pad = Math.floor((size - 1) / 2);
  const range = extent + 2 * pad - size;
  const n = ((loc + 1) / 2) * range;
  const corner = Math.floor(n < 0 ? 0 : n > range ? range : n);
  return corner - pad;
}
