/**
 * PNG writing (8-bit RGB) through the npm library fast-png (pure JS on fflate), and an RGB canvas to
 * draw on: the RAM application's glimpse pictures, optim's ConfusionMatrix pictures and Logger charts.
 */
import { encode } from 'fast-png';
import { PlatformError } from './platform.js';

/** PNG bytes of a width × height RGB image (rgb: 3 bytes per pixel, row-major); needs no Node built-in. */
export function pngBytes(width: number, height: number, rgb: Uint8Array): Uint8Array {
  return encode({ width, height, data: rgb.subarray(0, 3 * width * height), depth: 8, channels: 3 });
}

/** As pngBytes, as a Node Buffer (what the file-writing callers take). */
export function encodePNG(width: number, height: number, rgb: Uint8Array): Buffer {
  if ((globalThis as { Buffer?: unknown }).Buffer === undefined) throw new PlatformError('encodePNG: needs a global Buffer (Node); in a browser, use pngBytes');
  const bytes = pngBytes(width, height, rgb);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** An RGB canvas with pixel, rectangle and grey-image drawing. */
export class Canvas {
  readonly rgb: Uint8Array;

  constructor(readonly width: number, readonly height: number, background = 255) {
    this.rgb = new Uint8Array(width * height * 3).fill(background);
  }

  set(x: number, y: number, [r, g, b]: readonly [number, number, number]): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const k = (y * this.width + x) * 3;
    this.rgb[k] = r;
    this.rgb[k + 1] = g;
    this.rgb[k + 2] = b;
  }

  /** Draws an h × w grey image (values in [0, 1]) at (x0, y0), each pixel `zoom` × `zoom`. */
  image(x0: number, y0: number, values: ArrayLike<number>, h: number, w: number, zoom: number): void {
    for (let y = 0; y < h * zoom; y++) for (let x = 0; x < w * zoom; x++) {
      const v = Math.round(255 * Math.min(1, Math.max(0, values[Math.floor(y / zoom) * w + Math.floor(x / zoom)]!)));
      this.set(x0 + x, y0 + y, [v, v, v]);
    }
  }

  /** The outline of a rectangle, drawn only inside `clip` ([left, top, right, bottom], inclusive) when given. */
  rect(x0: number, y0: number, x1: number, y1: number, color: readonly [number, number, number], clip?: readonly [number, number, number, number]): void {
    const put = (x: number, y: number) => {
      if (!clip || (x >= clip[0] && y >= clip[1] && x <= clip[2] && y <= clip[3])) this.set(x, y, color);
    };
    for (let x = x0; x <= x1; x++) {
      put(x, y0);
      put(x, y1);
    }
    for (let y = y0; y <= y1; y++) {
      put(x0, y);
      put(x1, y);
    }
  }

  /** A filled rectangle from (x0, y0) to (x1, y1) inclusive, clipped to the canvas. */
  fillRect(x0: number, y0: number, x1: number, y1: number, color: readonly [number, number, number]): void {
    for (let y = Math.max(0, y0); y <= Math.min(this.height - 1, y1); y++) for (let x = Math.max(0, x0); x <= Math.min(this.width - 1, x1); x++) this.set(x, y, color);
  }

  /** A one-pixel line from (x0, y0) to (x1, y1) (Bresenham, ends rounded to pixels and included). */
  line(x0: number, y0: number, x1: number, y1: number, color: readonly [number, number, number]): void {
    let x = Math.round(x0), y = Math.round(y0);
    const xe = Math.round(x1), ye = Math.round(y1);
    const dx = Math.abs(xe - x), dy = -Math.abs(ye - y), sx = x < xe ? 1 : -1, sy = y < ye ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x, y, color);
      if (x === xe && y === ye) return;
      const e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y += sy;
      }
    }
  }

  png(): Buffer {
    return encodePNG(this.width, this.height, this.rgb);
  }
}
