/**
 * Port of torch/tutorials 2_supervised/4_train.lua (commit 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3):
 * the training procedure whatever the model and loss — shuffle, build mini-batches as lists of
 * examples, a feval closure averaging loss and gradient over them, one step of CG, LBFGS, SGD or
 * ASGD per mini-batch; then the confusion matrix, the train log and a torch.save of the model.
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor } from '../../../index.js';
import { paths } from '../../../lib/paths.js';
import { xlua } from '../../../lib/xlua.js';
import { mkdirSync } from 'node:fs';
import type { Tutorial } from './doall.js';

/** An optim method as the tutorial calls it; ASGD's third result (the averaged parameters) is kept. */
type Step = (feval: (x: Tensor) => [number, Tensor], x: Tensor, state: object) => Tensor | undefined;

export function defineTrain(tut: Tutorial): () => void {
  const { opt, print, model, criterion, trainData, trsize } = tut;
  print('==> defining some tools');
  // classes: MNIST's labels are the digits 0..9
  const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  // this matrix records the current confusion across classes
  tut.confusion = new optim.ConfusionMatrix(classes);
  const confusion = tut.confusion;
  // log results to files
  const trainLogger = new optim.Logger(paths.concat(opt.save, 'train.log'));
  // flatten all the trainable parameters of the model into a 1-dim vector
  [tut.parameters, tut.gradParameters] = model.getParameters();
  const { parameters, gradParameters } = tut;

  print('==> configuring optimizer');
  let optimState: object;
  let optimMethod: Step;
  if (opt.optimization === 'CG') {
    optimState = { maxIter: opt.maxIter };
    optimMethod = (f, x, s) => void optim.cg(f, x, s);
  } else if (opt.optimization === 'LBFGS') {
    optimState = { learningRate: opt.learningRate, maxIter: opt.maxIter, nCorrection: 10 };
    optimMethod = (f, x, s) => void optim.lbfgs(f, x, s);
  } else if (opt.optimization === 'SGD') {
    optimState = { learningRate: opt.learningRate, weightDecay: opt.weightDecay, momentum: opt.momentum, learningRateDecay: 1e-7 };
    optimMethod = (f, x, s) => void optim.sgd(f, x, s);
  } else if (opt.optimization === 'ASGD') {
    optimState = { eta0: opt.learningRate, t0: trsize * opt.t0 };
    optimMethod = (f, x, s) => optim.asgd(f, x, s)[2];
  } else {
    throw new nn.ArgumentError('unknown optimization method');
  }

  print('==> defining training procedure');
  let epoch = 1;
  return function train(): void {
    let time = performance.now() / 1000;
    // training mode (for modules that differ in training and testing, like Dropout)
    model.training();
    // shuffle at each epoch
    const shuffle = torch.randperm(trsize);
    print('==> doing epoch on training data:');
    print(`==> online epoch # ${epoch} [batchSize = ${opt.batchSize}]`);
    for (let t = 1; t <= trainData.size(); t += opt.batchSize) {
      xlua.progress(t, trainData.size());
      // create mini batch
      const inputs: Tensor[] = [];
      const targets: (number | Tensor)[] = [];
      for (let i = t; i <= Math.min(t + opt.batchSize - 1, trainData.size()); i++) {
        const k = shuffle.get(i - 1);
        let input = trainData.data.select(0, k);
        if (opt.type === 'double') input = input.double();
        inputs.push(input);
        targets.push(trainData.labels.dim() === 1 ? trainData.labels.get(k) : trainData.labels.select(0, k));
      }

      // closure to evaluate f(X) and df/dX
      const feval = (x: Tensor): [number, Tensor] => {
        if (x !== parameters) parameters.copy(x);
        gradParameters.zero();
        // f is the average of all criterions
        let f = 0;
        for (let i = 0; i < inputs.length; i++) {
          const output = nn.asTensor(model.forward(inputs[i]!));
          const err = criterion.forward(output, targets[i]!);
          f = f + err;
          const df_do = criterion.backward(output, targets[i]!);
          model.backward(inputs[i]!, df_do);
          confusion.add(output, targets[i]!);
        }
        // normalize gradients and f(X)
        gradParameters.div(inputs.length);
        f = f / inputs.length;
        tut.batchLosses.push(f);
        return [f, gradParameters];
      };

      // optimize on current mini-batch
      if (opt.optimization === 'ASGD') {
        tut.average = optimMethod(feval, parameters, optimState);
      } else {
        optimMethod(feval, parameters, optimState);
      }
    }

    time = (performance.now() / 1000 - time) / trainData.size();
    print(`\n==> time to learn 1 sample = ${time * 1000}ms`);
    print(confusion.toString());
    // update logger/plot
    trainLogger.add({ '% mean class accuracy (train set)': confusion.totalValid * 100 });
    tut.trainAccuracy.push(confusion.totalValid * 100);
    if (opt.plot) {
      trainLogger.style({ '% mean class accuracy (train set)': '-' });
      trainLogger.plotSVG(paths.concat(opt.save, 'train.svg'));
    }
    // save/log current net
    const filename = paths.concat(opt.save, 'model.net');
    mkdirSync(paths.dirname(filename), { recursive: true });
    print(`==> saving model to ${filename}`);
    torch.save(filename, model);
    // next epoch
    confusion.zero();
    epoch = epoch + 1;
  };
}
