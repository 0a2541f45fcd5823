/**
 * Port of torch/tutorials 2_supervised/2_model.lua (commit 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3):
 * a linear model, a 2-layer MLP with tanh units, or a convnet — tanh, L2 pooling
 * (SpatialLPPooling) and SpatialSubtractiveNormalization, or with -type cuda the ReLU / max-pooling /
 * dropout variant — for 10 classes. MNIST gives nfeats = 1 (SVHN had 3); 32×32 as in the tutorial.
 */
import * as nn from '../../../index.js';
import { image } from '../../../index.js';
import type { Tutorial } from './doall.js';

export function defineModel(tut: Tutorial): void {
  const { opt, print } = tut;
  print('==> define parameters');
  // 10-class problem
  const noutputs = 10;
  // input dimensions
  const nfeats = 1;
  const width = 32;
  const height = 32;
  const ninputs = nfeats * width * height;
  // number of hidden units (for MLP only)
  const nhiddens = ninputs / 2;
  // hidden units, filter sizes (for ConvNet only)
  const nstates = [64, 64, 128] as const;
  const filtsize = 5;
  const poolsize = 2;
  const normkernel = image.gaussian1D(7);

  print('==> construct model');
  // Lua's Reshape(n) reads a 1×32×32 example (size(1) = 1) as a batch of one, so with MNIST's single
  // channel the linear and MLP models flatten with View(n), which reads it as one example (as
  // Reshape did for SVHN's 3×32×32).
  let model: nn.Sequential;
  if (opt.model === 'linear') {
    model = new nn.Sequential();
    model.add(new nn.View(ninputs));
    model.add(new nn.Linear(ninputs, noutputs));
  } else if (opt.model === 'mlp') {
    model = new nn.Sequential();
    model.add(new nn.View(ninputs));
    model.add(new nn.Linear(ninputs, nhiddens));
    model.add(new nn.Tanh());
    model.add(new nn.Linear(nhiddens, noutputs));
  } else if (opt.model === 'convnet') {
    if (opt.type === 'cuda') {
      // a typical modern convolution network (conv+relu+pool)
      model = new nn.Sequential();
      // stage 1: filter bank -> squashing -> max pooling
      model.add(new nn.SpatialConvolutionMM(nfeats, nstates[0], filtsize, filtsize));
      model.add(new nn.ReLU());
      model.add(new nn.SpatialMaxPooling(poolsize, poolsize, poolsize, poolsize));
      // stage 2: filter bank -> squashing -> max pooling
      model.add(new nn.SpatialConvolutionMM(nstates[0], nstates[1], filtsize, filtsize));
      model.add(new nn.ReLU());
      model.add(new nn.SpatialMaxPooling(poolsize, poolsize, poolsize, poolsize));
      // stage 3: standard 2-layer neural network
      model.add(new nn.View(nstates[1] * filtsize * filtsize));
      model.add(new nn.Dropout(0.5));
      model.add(new nn.Linear(nstates[1] * filtsize * filtsize, nstates[2]));
      model.add(new nn.ReLU());
      model.add(new nn.Linear(nstates[2], noutputs));
    } else {
      // a convnet with locally-normalized hidden units and L2-pooling
      model = new nn.Sequential();
      // stage 1: filter bank -> squashing -> L2 pooling -> normalization
      model.add(new nn.SpatialConvolutionMM(nfeats, nstates[0], filtsize, filtsize));
      model.add(new nn.Tanh());
      model.add(new nn.SpatialLPPooling(nstates[0], 2, poolsize, poolsize, poolsize, poolsize));
      model.add(new nn.SpatialSubtractiveNormalization(nstates[0], normkernel));
      // stage 2: filter bank -> squashing -> L2 pooling -> normalization
      model.add(new nn.SpatialConvolutionMM(nstates[0], nstates[1], filtsize, filtsize));
      model.add(new nn.Tanh());
      model.add(new nn.SpatialLPPooling(nstates[1], 2, poolsize, poolsize, poolsize, poolsize));
      model.add(new nn.SpatialSubtractiveNormalization(nstates[1], normkernel));
      // stage 3: standard 2-layer neural network
      model.add(new nn.Reshape(nstates[1] * filtsize * filtsize));
      model.add(new nn.Linear(nstates[1] * filtsize * filtsize, nstates[2]));
      model.add(new nn.Tanh());
      model.add(new nn.Linear(nstates[2], noutputs));
    }
  } else {
    throw new nn.ArgumentError(`2_model: unknown -model ${opt.model}`);
  }

  print('==> here is the model:');
  print(model.toString());
  if (opt.visualize && opt.model === 'convnet') print('==> To visualize filters, start the script in itorch notebook');
  tut.model = model;
}
