/**
 * The demo's drawing: a digit with the boxes of the glimpses so far (the current one red, earlier
 * ones blue, joined by the path the model's attention took), the patches of every step beside it,
 * the class probabilities after a step as bars, and the gallery of test digits.
 */
import { patchSize, patchStart, type GlimpseShape } from '../lib/glimpseGeometry.js';
import type { DigitTrace } from './ram.js';

export function context2d(c: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('the browser gave no 2d canvas context');
  return ctx;
}

/** Paints side×side values in [0, 1] (white on black) at (x, y), `zoom` pixels each, dimmed by `alpha`. */
export function paintImage(ctx: CanvasRenderingContext2D, values: ArrayLike<number>, side: number, x: number, y: number, zoom: number, alpha = 1): void {
  const img = ctx.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, values[i]!)));
    img.data.set([v, v, v, 255], 4 * i);
  }
  const tmp = document.createElement('canvas');
  tmp.width = tmp.height = side;
  context2d(tmp).putImageData(img, 0, 0);
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.globalAlpha = alpha;
  ctx.drawImage(tmp, x, y, side * zoom, side * zoom);
  ctx.restore();
}

const RED = '#e02020', BLUE = '#4a6ee0';

/** The digit with the boxes of steps 0…step and the path between their centres. */
export function drawGlimpses(canvas: HTMLCanvasElement, image: ArrayLike<number>, side: number, trace: DigitTrace, step: number, g: GlimpseShape): void {
  const ctx = context2d(canvas), zoom = canvas.width / side;
  paintImage(ctx, image, side, 0, 0, zoom);
  const centre = ([ly, lx]: [number, number]): [number, number] => [((lx + 1) / 2) * canvas.width, ((ly + 1) / 2) * canvas.height];
  ctx.lineWidth = 2;
  ctx.strokeStyle = 'rgba(255, 210, 60, 0.9)';
  ctx.beginPath();
  for (let s = 0; s <= step; s++) {
    const [cx, cy] = centre(trace.locations[s]!);
    if (s === 0) ctx.moveTo(cx, cy);
    else ctx.lineTo(cx, cy);
  }
  ctx.stroke();
  for (let s = 0; s <= step; s++) {
    const [ly, lx] = trace.locations[s]!;
    for (let d = 0; d < g.depth; d++) {
      const [ph, pw] = patchSize(g, d);
      const top = patchStart(ly, ph, side), left = patchStart(lx, pw, side);
      ctx.strokeStyle = s === step ? RED : BLUE;
      ctx.lineWidth = s === step ? 3 : 1.5;
      ctx.strokeRect(left * zoom + 0.5, top * zoom + 0.5, pw * zoom - 1, ph * zoom - 1);
    }
  }
}

/** One canvas per step: that step's patches side by side, later steps dimmed, the current one framed. */
export function drawPatches(canvases: HTMLCanvasElement[], trace: DigitTrace, step: number, size: number): void {
  canvases.forEach((c, t) => {
    const ctx = context2d(c), patches = trace.patches[t]!, zoom = c.height / size;
    ctx.fillStyle = '#111';
    ctx.fillRect(0, 0, c.width, c.height);
    patches.forEach((p, d) => paintImage(ctx, p, size, d * size * zoom, 0, zoom, t <= step ? 1 : 0.25));
    c.classList.toggle('current', t === step);
  });
}

/** Bars of the class probabilities in `rows` (made on first use), the largest highlighted. */
export function drawProbs(rows: HTMLElement, probs: ArrayLike<number>): void {
  if (rows.children.length !== probs.length) {
    rows.replaceChildren(...Array.from({ length: probs.length }, (_, k) => {
      const row = document.createElement('div');
      row.className = 'prob';
      row.innerHTML = `<span class="k">${k}</span><span class="bar"><span class="fill"></span></span><span class="v"></span>`;
      return row;
    }));
  }
  let best = 0;
  for (let k = 1; k < probs.length; k++) if (probs[k]! > probs[best]!) best = k;
  Array.from(rows.children).forEach((row, k) => {
    const p = probs[k]!;
    (row.querySelector('.fill') as HTMLElement).style.width = `${(100 * p).toFixed(1)}%`;
    (row.querySelector('.v') as HTMLElement).textContent = `${(100 * p).toFixed(1)}%`;
    row.classList.toggle('best', k === best);
  });
}

/** The test digits in a grid, `perRow` across; wrong predictions framed red, the shown one yellow. */
export function drawGallery(canvas: HTMLCanvasElement, bytes: Uint8Array, labels: ArrayLike<number>, predicted: ArrayLike<number>, current: number, perRow: number, side: number): void {
  const ctx = context2d(canvas), n = labels.length, cell = canvas.width / perRow, zoom = cell / side;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const values = new Float32Array(side * side);
  for (let i = 0; i < n; i++) {
    const x = (i % perRow) * cell, y = Math.floor(i / perRow) * cell;
    for (let j = 0; j < side * side; j++) values[j] = bytes[i * side * side + j]! / 255;
    paintImage(ctx, values, side, x, y, zoom);
    const wrong = predicted[i] !== undefined && predicted[i] !== labels[i];
    if (wrong || i === current) {
      ctx.strokeStyle = i === current ? '#ffd23c' : RED;
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y + 1, cell - 2, cell - 2);
    }
  }
}

/** The gallery cell under a click, or -1. */
export function galleryIndex(canvas: HTMLCanvasElement, e: MouseEvent, perRow: number, count: number): number {
  const r = canvas.getBoundingClientRect(), cell = r.width / perRow;
  const i = Math.floor((e.clientY - r.top) / cell) * perRow + Math.floor((e.clientX - r.left) / cell);
  return i >= 0 && i < count ? i : -1;
}
