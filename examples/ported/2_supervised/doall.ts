/**
 * Port of torch/tutorials 2_supervised/doall.lua (https://github.com/torch/tutorials, commit
 * 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3): the supervised pipeline — options, then the five
 * steps (1_data, 2_model, 3_loss, 4_train, 5_test), then train()/test() epochs — on MNIST instead
 * of SVHN. The Lua files share globals (opt, trainData, model, criterion, …); here they share one
 * `Tutorial` object that each step fills in, in the same order.
 *
 *   node --import tsx examples/ported/2_supervised/doall.ts -size small -model convnet -epochs 1
 *
 * Options: the Lua's, same names and defaults, except -size small|full (MNIST has no "extra" set).
 * Added: -epochs (the Lua's `while true`; 0, the default, loops forever) and -trsize/-tesize
 * (example counts overriding -size; 0 keeps it).
 */
import { torch, optim, setDefaultDtype, type Tensor, type Sequential, type Criterion } from '../../../index.js';
import { pathToFileURL } from 'node:url';
import { data, type DataSet } from './1_data.js';
import { defineModel } from './2_model.js';
import { defineLoss } from './3_loss.js';
import { defineTrain } from './4_train.js';
import { defineTest } from './5_test.js';

export type Print = (...values: unknown[]) => void;

export interface Options {
  seed: number; threads: number; size: string; model: string; loss: string; save: string; plot: boolean; optimization: string;
  learningRate: number; batchSize: number; weightDecay: number; momentum: number; t0: number; maxIter: number; type: string;
  epochs: number; trsize: number; tesize: number; visualize: boolean;
}

/** What the Lua steps leave in globals, filled in step by step. */
export interface Tutorial {
  opt: Options;
  print: Print;
  trsize: number;
  tesize: number;
  trainData: DataSet;
  testData: DataSet;
  model: Sequential;
  criterion: Criterion;
  confusion: optim.ConfusionMatrix;
  parameters: Tensor;
  gradParameters: Tensor;
  /** ASGD's averaged parameters, once train() has run with it. */
  average: Tensor | undefined;
  /** The mean loss of each mini-batch, in training order (the Lua keeps only the confusion). */
  batchLosses: number[];
  trainAccuracy: number[];
  testAccuracy: number[];
}

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log): Tutorial {
  print('==> processing options');
  const cmd = new torch.CmdLine({ print });
  cmd.text();
  cmd.text('MNIST Loss Function');
  cmd.text();
  cmd.text('Options:');
  // global:
  cmd.option('-seed', 1, 'fixed input seed for repeatable experiments');
  cmd.option('-threads', 2, 'number of threads');
  // data:
  cmd.option('-size', 'full', 'how many samples do we load: small | full');
  cmd.option('-trsize', 0, 'training examples (0: as -size says)');
  cmd.option('-tesize', 0, 'test examples (0: as -size says)');
  cmd.option('-visualize', false, 'visualize input data and weights during training');
  // model:
  cmd.option('-model', 'convnet', 'type of model to construct: linear | mlp | convnet');
  // loss:
  cmd.option('-loss', 'nll', 'type of loss function to minimize: nll | mse | margin');
  // training:
  cmd.option('-save', 'results', 'subdirectory to save/log experiments in');
  cmd.option('-plot', false, 'live plot (writes train.svg and test.svg into -save)');
  cmd.option('-optimization', 'SGD', 'optimization method: SGD | ASGD | CG | LBFGS');
  cmd.option('-learningRate', 1e-3, 'learning rate at t=0');
  cmd.option('-batchSize', 1, 'mini-batch size (1 = pure stochastic)');
  cmd.option('-weightDecay', 0, 'weight decay (SGD only)');
  cmd.option('-momentum', 0, 'momentum (SGD only)');
  cmd.option('-t0', 1, 'start averaging at t0 (ASGD only), in nb of epochs');
  cmd.option('-maxIter', 2, 'maximum nb of iterations for CG and LBFGS');
  cmd.option('-type', 'double', 'type: double | float | cuda');
  cmd.option('-epochs', 0, 'epochs to run (0: until stopped, as the Lua)');
  cmd.text();
  const opt = cmd.parse(argv) as unknown as Options;

  if (opt.type === 'float') {
    print('==> switching to floats');
    setDefaultDtype('float32');
  } else if (opt.type === 'cuda') {
    print('==> no CUDA here: running the cuda variant of the model in floats');
    setDefaultDtype('float32');
  } else {
    setDefaultDtype('float64');
  }
  torch.manualSeed(opt.seed);

  print('==> executing all');
  const tut = { opt, print, batchLosses: [], trainAccuracy: [], testAccuracy: [], average: undefined } as Partial<Tutorial> as Tutorial;
  data(tut);
  defineModel(tut);
  defineLoss(tut);
  const train = defineTrain(tut);
  const test = defineTest(tut);

  print('==> training!');
  try {
    for (let e = 1; opt.epochs === 0 || e <= opt.epochs; e++) {
      train();
      test();
    }
  } finally {
    setDefaultDtype('float32');
  }
  return tut;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
