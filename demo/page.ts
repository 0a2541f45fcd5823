/**
 * The live RAM page (npm run demo): picks a backend (gpu in WebGL mode, else wasm, else js), loads
 * the shipped model and the test digits that demo/build.ts wrote beside it, classifies every digit,
 * then animates the 7 glimpses of one digit after another: the boxes on the digit, the patches beside
 * it and the class probabilities after each step. A pad classifies what you draw as you draw it.
 * Address options: ?backend=wasm|js (start lower in the list), ?still[=step] (no animation: the first
 * digit at that glimpse step, 1 to 7, default the last, and a sample drawing), ?limit=N (classify N digits), ?report (console lines
 * `DPNN-RESULT {json}` and `DPNN-DONE` for test/browser-demo.test.ts).
 */
import * as nn from '../index.js';
import { chooseBackend } from './backend.js';
import { digitBatch, ramFromBytes, tracer, type DigitTrace } from './ram.js';
import { createPad } from './pad.js';
import { drawGallery, drawGlimpses, drawPatches, drawProbs, galleryIndex } from './view.js';

interface Digits { side: number; count: number; labels: number[]; images: string }
interface Shown { image: Float32Array; trace: DigitTrace; caption: string; index: number }

const params = new URLSearchParams(location.search);
const still = params.has('still'), report = params.has('report');
const STEP_MS = 700, HOLD_MS = 1600, BATCH = 20, PER_ROW = 30;

function $<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
}

const status = (text: string): void => {
  $('status').textContent = text;
};

async function bytesOf(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Model passes one at a time (each awaits its readback, and they share the model's buffers). */
let queue: Promise<unknown> = Promise.resolve();
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

async function main(): Promise<void> {
  status('choosing a backend…');
  const chosen = await chooseBackend(params.get('backend'));
  const badge = $('backend');
  badge.textContent = chosen.label;
  badge.title = chosen.notes.length ? `passed over: ${chosen.notes.join('; ')}` : 'the first choice';
  if (chosen.notes.length) $('notes').textContent = `(${chosen.notes.join('; ')})`;

  status('loading the model and the digits…');
  const [model, digits] = await Promise.all([bytesOf('ram-mnist.safetensors'), fetch('digits.json').then((r) => r.json() as Promise<Digits>)]);
  const ram = ramFromBytes(model, 'ram-mnist.safetensors');
  const c = ram.config, side = digits.side, T = c.nGlimpses;
  const shape = { height: c.glimpseSize, width: c.glimpseSize, depth: c.glimpseDepth, scale: c.glimpseScale };
  const tr = tracer(ram, chosen.gpu);
  const bytes = Uint8Array.from(atob(digits.images), (ch) => ch.charCodeAt(0));
  const n = Math.min(digits.count, Number(params.get('limit') ?? digits.count));
  const traces: DigitTrace[] = [];

  // the viewer: one digit, step by step
  const view = $<HTMLCanvasElement>('digit'), rows = $('probs'), steps = $('steps');
  const patchCanvases = Array.from({ length: T }, (_, t) => {
    const box = document.createElement('figure');
    const cv = document.createElement('canvas');
    cv.height = 48;
    cv.width = 48 * c.glimpseDepth;
    box.append(cv, Object.assign(document.createElement('figcaption'), { textContent: `step ${t + 1}` }));
    steps.append(box);
    return cv;
  });
  let shown: Shown | null = null, step = 0, timer = 0, playing = !still;
  const gallery = $<HTMLCanvasElement>('gallery');
  gallery.height = Math.ceil(n / PER_ROW) * (gallery.width / PER_ROW);
  const redrawGallery = (): void => drawGallery(gallery, bytes.subarray(0, n * side * side), digits.labels.slice(0, n), traces.map((t) => t.predicted), shown?.index ?? -1, PER_ROW, side);

  const render = (): void => {
    if (!shown) return;
    drawGlimpses(view, shown.image, side, shown.trace, step, shape);
    drawPatches(patchCanvases, shown.trace, step, c.glimpseSize);
    drawProbs(rows, shown.trace.probs[step]!);
    $('caption').textContent = `${shown.caption} · after glimpse ${step + 1} of ${T}: ${argmax(shown.trace.probs[step]!)} · model's answer: ${shown.trace.predicted}`;
  };
  const show = (s: Shown, at = 0): void => {
    shown = s;
    step = at;
    render();
    redrawGallery();
    schedule();
  };
  const digitAt = (i: number): Shown => ({
    image: Float32Array.from(bytes.subarray(i * side * side, (i + 1) * side * side), (v) => v / 255), trace: traces[i]!, index: i,
    caption: `test digit #${i} (label ${digits.labels[i]})`,
  });
  function schedule(): void {
    clearTimeout(timer);
    if (!playing || !shown) return;
    timer = window.setTimeout(() => {
      if (!shown) return;
      if (step < T - 1) {
        step++;
        render();
        schedule();
      } else if (shown.index >= 0) show(digitAt((shown.index + 1) % traces.length));
      else {
        step = 0;
        render();
        schedule();
      }
    }, step < T - 1 ? STEP_MS : HOLD_MS);
  }
  $('prev').onclick = () => shown && show(digitAt((Math.max(0, shown.index) + traces.length - 1) % traces.length));
  $('next').onclick = () => shown && show(digitAt((shown.index + 1) % traces.length));
  const play = $('play');
  play.textContent = playing ? 'pause' : 'play';
  play.onclick = () => {
    playing = !playing;
    play.textContent = playing ? 'pause' : 'play';
    schedule();
  };
  gallery.onclick = (e) => {
    const i = galleryIndex(gallery, e, PER_ROW, traces.length);
    if (i >= 0) show(digitAt(i));
  };

  // the pad: classified live
  let drawn: Shown | null = null;
  const padView = $<HTMLCanvasElement>('pad-view'), padProbs = $('pad-probs');
  const pad = createPad($<HTMLCanvasElement>('pad'), () => {
    const image = pad.digit();
    if (!image) {
      drawn = null;
      $('pad-answer').textContent = '–';
      return;
    }
    void exclusive(() => tr.run(nn.Tensor.from(image, [1, 1, side, side], 'float32'))).then(([trace]) => {
      if (!trace) return;
      drawn = { image, trace, caption: 'your digit', index: -1 };
      $('pad-answer').textContent = String(trace.predicted);
      drawGlimpses(padView, image, side, trace, T - 1, shape);
      drawProbs(padProbs, trace.probs[T - 1]!);
    });
  });
  $('pad-clear').onclick = () => pad.clear();
  $('pad-watch').onclick = () => drawn && show(drawn);

  for (let i = 0; i < n; i += BATCH) {
    const b = Math.min(BATCH, n - i);
    traces.push(...(await exclusive(() => tr.run(digitBatch(bytes, i, b, side)))));
    status(`classified ${traces.length} of ${n} test digits…`);
    if (i === 0) show(digitAt(0), still ? Math.min(T, Math.max(1, Number(params.get('still')) || T)) - 1 : 0);
  }
  const right = traces.filter((t, i) => t.predicted === digits.labels[i]).length;
  status(`${right} of ${n} test digits right (${((100 * right) / n).toFixed(1)}%)`);
  redrawGallery();
  if (still) pad.stroke(SAMPLE);
  await queue;
  if (report) console.log(`DPNN-RESULT ${JSON.stringify({ backend: chosen.label, notes: chosen.notes, predicted: traces.map((t) => t.predicted) })}`);
}

/** A hand-drawn-looking 2, for ?still. */
const SAMPLE: ReadonlyArray<readonly [number, number]> = [[0.3, 0.32], [0.38, 0.22], [0.5, 0.18], [0.62, 0.22], [0.68, 0.33], [0.64, 0.46],
  [0.52, 0.58], [0.4, 0.68], [0.3, 0.78], [0.45, 0.78], [0.6, 0.78], [0.72, 0.79]];

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

main().then(() => console.log('DPNN-DONE'), (e: Error) => {
  status(`failed: ${e.message}`);
  console.log(`DPNN-ERROR ${e.stack ?? e.message}`);
});
