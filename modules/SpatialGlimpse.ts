/**
 * dpnn nn.SpatialGlimpse(size, depth = 3, scale = 2): a retina-like glimpse. Input
 * `[image (B, C, H, W) or (C, H, W), location (B, 2) or (2)]`, location = (row, col) in [−1, 1]
 * ((−1, −1) top-left, (0, 0) centre; beyond ±1 clamped). Output (B, depth·C, h, w): patch d is
 * size·scale^d pixels around the location (zero padding outside the image), downscaled to h × w
 * (average pooling when scale = 2, bilinear otherwise); channel d·C + c. Backward: the image
 * gradient through the downscaling; the location gradient is zero (not differentiable here).
 * Ref: dpnn SpatialGlimpse.lua; Mnih et al. 2014.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { type GlimpseShape, patchSize } from '../lib/glimpseGeometry.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

type Dims = [batch: boolean, B: number, C: number, H: number, W: number, image: Tensor, location: Tensor];

export class SpatialGlimpse extends Module<Activity, Tensor> {
  readonly geometry: GlimpseShape;
  override output = Tensor.empty();
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];

  constructor(size: number | readonly [height: number, width: number], readonly depth = 3, readonly scale = 2) {
    super();
    const [h, w] = typeof size === 'number' ? [size, size] : size;
    if (!(Number.isInteger(h) && Number.isInteger(w) && h > 0 && w > 0)) {
      throw new ArgumentError(`SpatialGlimpse.constructor: expected a positive integer size, got ${String(size)}`);
    }
    if (!(Number.isInteger(depth) && depth >= 1)) throw new ArgumentError(`SpatialGlimpse.constructor: expected depth ≥ 1, got ${depth}`);
    if (!(scale >= 1)) throw new ArgumentError(`SpatialGlimpse.constructor: expected scale ≥ 1, got ${scale}`);
    this.geometry = { height: h, width: w, depth, scale };
    if (scale !== 2 && depth > 1 && (h === 1 || w === 1)) {
      throw new ArgumentError(`SpatialGlimpse.constructor: bilinear downscaling (scale ≠ 2) needs a size of at least 2, got ${h}x${w}`);
    }
    for (let d = 1; d < depth && scale === 2; d++) {
      const [ph, pw] = patchSize(this.geometry, d);
      if (ph % h !== 0 || pw % w !== 0) throw new ArgumentError(`SpatialGlimpse.constructor: patch ${d} of ${ph}x${pw} is not a multiple of ${h}x${w}`);
    }
  }

  private dims(method: string, input: Activity): Dims {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [image, location], got ${describe(input)}`);
    }
    const [image, location] = input as [Tensor, Tensor];
    const batch = image.dim() === 4;
    if (!batch && image.dim() !== 3) throw new ShapeError(`${this.where(method)}: expected image of size [B, C, H, W] or [C, H, W], got ${shapeStr(image.shape)}`);
    const B = batch ? image.size(0) : 1;
    const [C, H, W] = image.shape.slice(batch ? 1 : 0) as [number, number, number];
    const locOk = batch ? location.dim() === 2 && location.size(0) === B && location.size(1) === 2 : location.numel() === 2 && location.dim() === 1;
    if (!locOk) throw new ShapeError(`${this.where(method)}: expected location of size ${batch ? `[${B}, 2]` : '[2]'}, got ${shapeStr(location.shape)}`);
    return [batch, B, C, H, W, image.contiguous(), location.contiguous()];
  }

  override updateOutput(input: Activity): Tensor {
    const [batch, B, C, H, W, image, location] = this.dims('updateOutput', input);
    const { height, width, depth } = this.geometry;
    this.output.resizeAs(image).resize(batch ? [B, depth * C, height, width] : [depth * C, height, width]);
    backend().glimpse(this.output, image, location, B, C, H, W, this.geometry);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Table {
    const [, B, C, H, W, image, location] = this.dims('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const gImage = (this.gradInput[0] as Tensor).resizeAs(image);
    const gLoc = (this.gradInput[1] as Tensor).resizeAs(location);
    backend().glimpseBackward(gImage, g, location, B, C, H, W, this.geometry);
    backend().fill(gLoc, 0); // the glimpse is not differentiable w.r.t. the location
    return this.gradInput;
  }

  override toString(): string {
    const { height, width, depth, scale } = this.geometry;
    return `SpatialGlimpse(${height === width ? height : `${height}x${width}`}, depth ${depth}, scale ${scale})`;
  }
}
