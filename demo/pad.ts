/**
 * The drawing pad: white strokes on a black canvas, turned into a digit the way MNIST's were made
 * (the ink's bounding box scaled to fit 20×20 pixels, then moved so its centre of mass sits at the
 * centre of a 28×28 image). `onChange` fires while drawing, at most once per animation frame.
 */
import { context2d } from './view.js';

const SIDE = 28, BOX = 20;

export interface Pad {
  /** The drawing as 28×28 values in [0, 1], or null while the pad is empty. */
  digit(): Float32Array | null;
  clear(): void;
  /** Draws a stroke through points given in [0, 1] pad coordinates (the page's sample digit). */
  stroke(points: ReadonlyArray<readonly [number, number]>): void;
}

export function createPad(canvas: HTMLCanvasElement, onChange: () => void): Pad {
  const ctx = context2d(canvas);
  const w = canvas.width, h = canvas.height;
  let last: [number, number] | null = null, queued = false;
  const changed = (): void => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      onChange();
    });
  };
  const clear = (): void => {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w, h);
  };
  const line = (a: [number, number], b: [number, number]): void => {
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = w / 12;
    ctx.lineCap = ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(b[0], b[1]);
    ctx.stroke();
  };
  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * w) / r.width, ((e.clientY - r.top) * h) / r.height];
  };
  canvas.addEventListener('pointerdown', (e) => {
    canvas.setPointerCapture(e.pointerId);
    last = at(e);
    line(last, last);
    changed();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!last) return;
    const p = at(e);
    line(last, p);
    last = p;
    changed();
  });
  const up = (): void => {
    last = null;
  };
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  clear();

  return {
    digit: () => toDigit(ctx, w, h),
    clear() {
      clear();
      onChange();
    },
    stroke(points) {
      const px = points.map(([x, y]) => [x * w, y * h] as [number, number]);
      for (let i = 1; i < px.length; i++) line(px[i - 1]!, px[i]!);
      onChange();
    },
  };
}

/** The pad's ink as an MNIST-style 28×28 digit, or null when there is none. */
function toDigit(ctx: CanvasRenderingContext2D, w: number, h: number): Float32Array | null {
  const src = ctx.getImageData(0, 0, w, h).data;
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    if (src[4 * (y * w + x)]! > 25) {
      x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return null;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1, scale = BOX / Math.max(bw, bh);
  const small = document.createElement('canvas');
  small.width = small.height = SIDE;
  const sc = context2d(small);
  const draw = (dx: number, dy: number): Float32Array => {
    sc.fillStyle = '#000';
    sc.fillRect(0, 0, SIDE, SIDE);
    sc.imageSmoothingEnabled = true;
    sc.imageSmoothingQuality = 'high';
    sc.drawImage(ctx.canvas, x0, y0, bw, bh, dx, dy, bw * scale, bh * scale);
    const d = sc.getImageData(0, 0, SIDE, SIDE).data;
    return Float32Array.from({ length: SIDE * SIDE }, (_, i) => d[4 * i]! / 255);
  };
  const first = draw((SIDE - bw * scale) / 2, (SIDE - bh * scale) / 2);
  let m = 0, my = 0, mx = 0;
  for (let i = 0; i < first.length; i++) {
    m += first[i]!;
    my += first[i]! * Math.floor(i / SIDE);
    mx += first[i]! * (i % SIDE);
  }
  const c = (SIDE - 1) / 2;
  return draw((SIDE - bw * scale) / 2 + Math.round(c - mx / m), (SIDE - bh * scale) / 2 + Math.round(c - my / m));
}
