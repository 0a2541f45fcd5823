/**
 * Lua's `image` package (torch/image) for dpnn-ts: `import { image } from 'dpnn-ts/image'`.
 * Images are C×H×W tensors (H×W for grey where Torch's are), floats in [0, 1]. Everything is
 * 0-based: channel 0 is Torch's channel 1; pixel coordinates x (column) and y (row) start at 0, as
 * Torch's crop and translate coordinates already do.
 */
import { load, save, compressPNG, compressJPG, decompressPNG, decompressJPG } from './io.js';
import { scale, crop, hflip, vflip, rotate, translate } from './transform.js';
import { rgb2yuv, yuv2rgb, rgb2y, rgb2hsl, hsl2rgb, rgb2hsv, hsv2rgb, rgb2lab, lab2rgb } from './color.js';
import { minmax, toDisplayTensor } from './display.js';
import { gaussian, gaussian1D, laplacian } from './kernels.js';

export { load, save, compressPNG, compressJPG, decompressPNG, decompressJPG, type ImageType } from './io.js';
export { scale, crop, hflip, vflip, rotate, translate, type ScaleMode, type CropFormat } from './transform.js';
export { rgb2yuv, yuv2rgb, rgb2y, rgb2hsl, hsl2rgb, rgb2hsv, hsv2rgb, rgb2lab, lab2rgb } from './color.js';
export { minmax, toDisplayTensor, type MinmaxOptions, type DisplayOptions } from './display.js';
export { gaussian, gaussian1D, laplacian, type KernelOptions } from './kernels.js';
export { decodePNG, type DecodedImage } from './png.js';
export { decodeJPG, encodeJPG, type JPGOptions } from './jpeg.js';

/** The namespace, so that ported lines read as Lua's: `image.scale(img, 64, 64)`. */
export const image = {
  load, save, compressPNG, compressJPG, decompressPNG, decompressJPG,
  scale, crop, hflip, vflip, rotate, translate,
  rgb2yuv, yuv2rgb, rgb2y, rgb2hsl, hsl2rgb, rgb2hsv, hsv2rgb, rgb2lab, lab2rgb,
  minmax, toDisplayTensor, gaussian, gaussian1D, laplacian,
} as const;
