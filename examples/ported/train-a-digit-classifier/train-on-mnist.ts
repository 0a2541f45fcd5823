/**
 * Port of torch/demos train-a-digit-classifier/train-on-mnist.lua
 * (https://github.com/torch/demos, commit ef43a1c8d04dc3d11794d9c2c9f3a050d5e1e4bd): a convnet, an
 * MLP or a linear model on MNIST (32×32), trained with optim.sgd or optim.lbfgs on mini-batches
 * through a feval closure, with a confusion matrix and train/test logs.
 *
 *   node --import tsx examples/ported/train-a-digit-classifier/train-on-mnist.ts --model convnet --epochs 1
 *
 * Options: lapp's long names (`--save`, `--network`, `--model`, `--full`, `--plot`, `--optimization`,
 * `--learningRate`, `--batchSize`, `--momentum`, `--maxIter`, `--coefL1`, `--coefL2`, `--threads`);
 * lapp's one-letter aliases are left out (the Lua gives `-m` to two options). Added: `--epochs`
 * (the Lua's `while true`; 0, the default, loops forever as it does) and `--trainSize`/`--testSize`
 * (override the 2000/1000 examples of the non-full run). Labels are 0-based (digit d is class d).
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor } from '../../../index.js';
import { paths } from '../../../lib/paths.js';
import { xlua } from '../../../lib/xlua.js';
import { mnist, type MnistDataset } from './dataset-mnist.js';
import { mkdirSync, renameSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

type Print = (...values: unknown[]) => void;
export interface Result { batchLosses: number[]; trainAccuracy: number[]; testAccuracy: number[] }

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log): Result {
  // parse command-line options
  const cmd = new torch.CmdLine();
  cmd.option('--save', 'logs', 'subdirectory to save logs');
  cmd.option('--network', '', 'reload pretrained network');
  cmd.option('--model', 'convnet', 'type of model to train: convnet | mlp | linear');
  cmd.option('--full', false, 'use the full dataset');
  cmd.option('--plot', false, 'plot while training (writes train.svg and test.svg next to the logs)');
  cmd.option('--optimization', 'SGD', 'optimization: SGD | LBFGS');
  cmd.option('--learningRate', 0.05, 'learning rate, for SGD only');
  cmd.option('--batchSize', 10, 'batch size');
  cmd.option('--momentum', 0, 'momentum, for SGD only');
  cmd.option('--maxIter', 3, 'maximum nb of iterations per batch, for LBFGS');
  cmd.option('--coefL1', 0, 'L1 penalty on the weights');
  cmd.option('--coefL2', 0, 'L2 penalty on the weights');
  cmd.option('--threads', 4, 'number of threads (kept for the command line; one thread here)');
  cmd.option('--epochs', 0, 'epochs to run (0: until stopped, as the Lua)');
  cmd.option('--trainSize', 2000, 'training examples without --full');
  cmd.option('--testSize', 1000, 'test examples without --full');
  const opt = cmd.parse(argv) as { save: string; network: string; model: string; full: boolean; plot: boolean; optimization: string; learningRate: number;
    batchSize: number; momentum: number; maxIter: number; coefL1: number; coefL2: number; threads: number; epochs: number; trainSize: number; testSize: number };

  // fix seed
  torch.manualSeed(1);
  print(`<torch> set nb of threads to ${opt.threads}`);
  // use floats, for SGD (float32 is dpnn-ts's default either way)
  if (opt.optimization === 'SGD') nn.setDefaultDtype('float32');
  if (opt.optimization === 'LBFGS' && opt.batchSize < 100) throw new nn.ArgumentError('LBFGS should not be used with small mini-batches; 1000 is recommended');

  // define model to train on the 10-class classification problem
  const classes = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
  const geometry = [32, 32] as const;
  let model: nn.Sequential;
  if (opt.network === '') {
    model = new nn.Sequential();
    if (opt.model === 'convnet') {
      // stage 1: filter bank -> squashing -> max pooling
      model.add(new nn.SpatialConvolutionMM(1, 32, 5, 5));
      model.add(new nn.Tanh());
      model.add(new nn.SpatialMaxPooling(3, 3, 3, 3, 1, 1));
      // stage 2: filter bank -> squashing -> max pooling
      model.add(new nn.SpatialConvolutionMM(32, 64, 5, 5));
      model.add(new nn.Tanh());
      model.add(new nn.SpatialMaxPooling(2, 2, 2, 2));
      // stage 3: standard 2-layer MLP
      model.add(new nn.Reshape(64 * 3 * 3));
      model.add(new nn.Linear(64 * 3 * 3, 200));
      model.add(new nn.Tanh());
      model.add(new nn.Linear(200, classes.length));
    } else if (opt.model === 'mlp') {
      model.add(new nn.Reshape(1024));
      model.add(new nn.Linear(1024, 2048));
      model.add(new nn.Tanh());
      model.add(new nn.Linear(2048, classes.length));
    } else if (opt.model === 'linear') {
      model.add(new nn.Reshape(1024));
      model.add(new nn.Linear(1024, classes.length));
    } else {
      throw new nn.ArgumentError(`Unknown model type ${opt.model}`);
    }
  } else {
    print('<trainer> reloading previously trained network');
    model = torch.load(opt.network) as nn.Sequential;
  }

  // retrieve parameters and gradients
  const [parameters, gradParameters] = model.getParameters();
  print('<mnist> using model:');
  print(model.toString());

  // loss function: negative log-likelihood
  model.add(new nn.LogSoftMax());
  const criterion = new nn.ClassNLLCriterion();

  // get/create dataset
  let nbTrainingPatches: number, nbTestingPatches: number;
  if (opt.full) {
    nbTrainingPatches = 60000;
    nbTestingPatches = 10000;
  } else {
    nbTrainingPatches = opt.trainSize;
    nbTestingPatches = opt.testSize;
    print(`<warning> only using ${nbTrainingPatches} samples to train quickly (use flag -full to use 60000 samples)`);
  }
  // create training set and normalize (mean and std are nil in the Lua: each set uses its own)
  const trainData = mnist.loadTrainSet(nbTrainingPatches, geometry, print);
  trainData.normalizeGlobal();
  const testData = mnist.loadTestSet(nbTestingPatches, geometry, print);
  testData.normalizeGlobal();

  // this matrix records the current confusion across classes
  const confusion = new optim.ConfusionMatrix(classes);
  // log results to files
  const trainLogger = new optim.Logger(paths.concat(opt.save, 'train.log'));
  const testLogger = new optim.Logger(paths.concat(opt.save, 'test.log'));
  const result: Result = { batchLosses: [], trainAccuracy: [], testAccuracy: [] };

  const miniBatch = (dataset: MnistDataset, t: number): [Tensor, Tensor] => {
    const inputs = torch.Tensor(opt.batchSize, 1, geometry[0], geometry[1]);
    const targets = torch.Tensor(opt.batchSize);
    let k = 0;
    for (let i = t; i <= Math.min(t + opt.batchSize - 1, dataset.size()); i++) {
      const [input, label] = dataset.get(i - 1);
      const [, target] = label.clone().max(0);
      inputs.select(0, k).copy(input);
      targets.set([k], target.get(0));
      k = k + 1;
    }
    return [inputs, targets];
  };

  let epoch = 1;
  let lbfgsState: optim.LbfgsConfig & optim.LbfgsState | undefined;
  let sgdState: optim.SgdConfig & optim.SgdState | undefined;

  // training function
  const train = (dataset: MnistDataset): void => {
    let time = performance.now() / 1000;
    print('<trainer> on training set:');
    print(`<trainer> online epoch # ${epoch} [batchSize = ${opt.batchSize}]`);
    for (let t = 1; t <= dataset.size(); t += opt.batchSize) {
      const [inputs, targets] = miniBatch(dataset, t);

      // closure to evaluate f(X) and df/dX
      const feval = (x: Tensor): [number, Tensor] => {
        if (x !== parameters) parameters.copy(x);
        gradParameters.zero();
        const outputs = nn.asTensor(model.forward(inputs));
        let f = criterion.forward(outputs, targets);
        const df_do = criterion.backward(outputs, targets);
        model.backward(inputs, df_do);
        // penalties (L1 and L2)
        if (opt.coefL1 !== 0 || opt.coefL2 !== 0) {
          f = f + opt.coefL1 * torch.norm(parameters, 1);
          f = f + (opt.coefL2 * torch.norm(parameters, 2) ** 2) / 2;
          gradParameters.add(torch.sign(parameters).mul(opt.coefL1).add(parameters.clone().mul(opt.coefL2)));
        }
        for (let i = 0; i < opt.batchSize; i++) confusion.add(outputs.select(0, i), targets.get(i));
        result.batchLosses.push(f);
        return [f, gradParameters];
      };

      // optimize on current mini-batch
      if (opt.optimization === 'LBFGS') {
        lbfgsState ??= { maxIter: opt.maxIter, lineSearch: optim.lswolfe };
        optim.lbfgs(feval, parameters, lbfgsState);
        print('LBFGS step');
        print(` - progress in batch: ${t}/${dataset.size()}`);
        print(` - nb of iterations: ${lbfgsState.nIter}`);
        print(` - nb of function evalutions: ${lbfgsState.funcEval}`);
      } else if (opt.optimization === 'SGD') {
        sgdState ??= { learningRate: opt.learningRate, momentum: opt.momentum, learningRateDecay: 5e-7 };
        optim.sgd(feval, parameters, sgdState);
        xlua.progress(t, dataset.size());
      } else {
        throw new nn.ArgumentError('unknown optimization method');
      }
    }
    // time taken
    time = (performance.now() / 1000 - time) / dataset.size();
    print(`<trainer> time to learn 1 sample = ${time * 1000}ms`);
    // print confusion matrix
    print(confusion.toString());
    trainLogger.add({ '% mean class accuracy (train set)': confusion.totalValid * 100 });
    result.trainAccuracy.push(confusion.totalValid * 100);
    confusion.zero();

    // save/log current net (the Lua leaves its torch.save commented out, and so does this port)
    const filename = paths.concat(opt.save, 'mnist.net');
    mkdirSync(paths.dirname(filename), { recursive: true });
    if (paths.filep(filename)) renameSync(filename, `${filename}.old`);
    print(`<trainer> saving network to ${filename}`);
    epoch = epoch + 1;
  };

  // test function
  const test = (dataset: MnistDataset): void => {
    let time = performance.now() / 1000;
    print('<trainer> on testing Set:');
    for (let t = 1; t <= dataset.size(); t += opt.batchSize) {
      xlua.progress(t, dataset.size());
      const [inputs, targets] = miniBatch(dataset, t);
      const preds = nn.asTensor(model.forward(inputs));
      for (let i = 0; i < opt.batchSize; i++) confusion.add(preds.select(0, i), targets.get(i));
    }
    time = (performance.now() / 1000 - time) / dataset.size();
    print(`<trainer> time to test 1 sample = ${time * 1000}ms`);
    print(confusion.toString());
    testLogger.add({ '% mean class accuracy (test set)': confusion.totalValid * 100 });
    result.testAccuracy.push(confusion.totalValid * 100);
    confusion.zero();
  };

  // and train!
  for (let e = 1; opt.epochs === 0 || e <= opt.epochs; e++) {
    train(trainData);
    test(testData);
    // plot errors
    if (opt.plot) {
      trainLogger.style({ '% mean class accuracy (train set)': '-' });
      testLogger.style({ '% mean class accuracy (test set)': '-' });
      trainLogger.plotSVG(paths.concat(opt.save, 'train.svg'));
      testLogger.plotSVG(paths.concat(opt.save, 'test.svg'));
    }
  }
  trainLogger.close();
  testLogger.close();
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
