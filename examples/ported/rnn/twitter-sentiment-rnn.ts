/**
 * Port of torch/rnn examples/twitter-sentiment-rnn.lua (github.com/torch/rnn, commit
 * 4e8050d7d8209a3f0a73a4b8a02c32d193249834), line by line, on a small synthetic set in place of
 * Sentiment140: Transpose → LookupTableMaskZero → [Dropout] → SeqLSTM(…):maskZero() layers →
 * Select(last step) → Linear → LogSoftMax, ClassNLLCriterion, optim.sgd or optim.adam over
 * getParameters, optim.ConfusionMatrix, early stopping on validation accuracy.
 *
 *   node --import tsx examples/ported/rnn/twitter-sentiment-rnn.ts [--epochs 5] [--adam]
 *
 * Synthetic "tweets" (--dataSize of them, seeded): 2 to seqLen words over a 60-word vocabulary, left-
 * padded with the padding index −1 (Lua's 0); a positive tweet draws about a third of its words from
 * words 1..10, a negative one from 11..20, the rest from 21..59 (neutral). 70 / 15 / 15 % train /
 * valid / test. Options: the Lua's (--datapath, --minFreq, --validRatio, --useCuda, --deviceId,
 * --loadModel, --modelpath, --useOldOpt are declared and ignored), plus --dataSize and --seed.
 * The best model is kept as a clone in memory (torch.save of it is left out).
 */
import * as nn from '../../../index.js';
import * as optim from '../../../optim/index.js';
import { luaList, progress } from './lua.js';

interface Split { inputs: nn.Tensor; targets: nn.Tensor }
export interface SentimentResult { trainLoss: number[]; validAccuracy: number[]; testAccuracy: number }

/** dataload's sampleiter(batchSize, epochSize): random batches (batchSize × seqLen inputs). */
function* sampleiter(set: Split, batchSize: number): Generator<[number, nn.Tensor, nn.Tensor]> {
  const n = set.targets.size(0);
  for (let i = 0; i < n; i += batchSize) {
    const idx = nn.torch.LongTensor(Math.min(batchSize, n - i)).random(0, n - 1);
    yield [i + idx.size(0), set.inputs.index(0, idx), set.targets.index(0, idx)];
  }
}

function synthetic(n: number, seqLen: number): Split {
  const inputs = nn.torch.LongTensor(n, seqLen).fill(-1), targets = nn.torch.LongTensor(n);
  for (let i = 0; i < n; i++) {
    const cls = nn.rng.uniform() < 0.5 ? 0 : 1, len = 2 + Math.floor(nn.rng.uniform() * (seqLen - 1));
    targets.set([i], cls);
    for (let j = seqLen - len; j < seqLen; j++) {
      const w = nn.rng.uniform() < 0.35 ? 1 + cls * 10 + Math.floor(nn.rng.uniform() * 10) : 21 + Math.floor(nn.rng.uniform() * 39);
      inputs.set([i, j], w);
    }
  }
  return { inputs, targets };
}

export function main(argv: readonly string[] = process.argv.slice(2)): SentimentResult {
  // Command line arguments
  const cmd = new nn.torch.CmdLine();
  cmd.text();
  cmd.text('Train a LSTM based sentiments classifier on a synthetic Twitter-like dataset.');
  cmd.text('Options:');
  // Data
  cmd.option('--datapath', '/data/Twitter/', 'Path to Twitter data (unused: synthetic data).');
  cmd.option('--seqLen', 25, 'Sequence Length. BPTT for this many time steps.');
  cmd.option('--minFreq', 10, 'Min freq for a word to be considered in vocab (unused).');
  cmd.option('--validRatio', 0.2, 'Part of trainSet to be used as validSet (unused).');
  cmd.option('--lookupDim', 128, 'Lookup feature dimensionality.');
  cmd.option('--lookupDropout', 0, 'Lookup feature dimensionality.');
  cmd.option('--hiddenSizes', '{256, 256}', 'Hidden size for LSTM.');
  cmd.option('--dropouts', '{0, 0}', 'Dropout on hidden representations.');
  cmd.option('--useCuda', false, 'Use GPU for training (unused).');
  cmd.option('--deviceId', 1, 'Device Id.');
  cmd.option('--batchSize', 128, 'number of examples per batch');
  cmd.option('--epochs', 1000, 'maximum number of epochs to run');
  cmd.option('--earlyStopThresh', 50, 'Early stopping threshold.');
  cmd.option('--adam', false, 'Use Adaptive moment estimation optimizer.');
  cmd.option('--learningRate', 0.001, 'Learning rate.');
  cmd.option('--learningRateDecay', 1e-7, 'Learning rate decay.');
  cmd.option('--momentum', 0, 'Momentum');
  cmd.option('--loadModel', false, 'Load pretrained model and train further (unused).');
  cmd.option('--modelpath', '', 'Pre trained model path (unused).');
  cmd.option('--useOldOpt', false, 'Use old command line options (unused).');
  cmd.option('--dataSize', 2000, 'number of synthetic tweets');
  cmd.option('--seed', 1, 'random seed');
  cmd.text();
  const opt = cmd.parse(argv);
  const num = (k: string): number => opt[k] as number;
  nn.manualSeed(num('seed'));

  // Data
  const seqLen = num('seqLen'), classes = ['Negative', 'Positive'], nVocab = 60;
  const all = synthetic(num('dataSize'), seqLen), n = num('dataSize');
  const cut = (a: number, b: number): Split => ({ inputs: all.inputs.narrow(0, a, b - a), targets: all.targets.narrow(0, a, b - a) });
  const trainSet = cut(0, Math.floor(0.7 * n)), validSet = cut(Math.floor(0.7 * n), Math.floor(0.85 * n)), testSet = cut(Math.floor(0.85 * n), n);

  // Model
  console.log('Building model');
  const lookupDim = num('lookupDim'), lookupDropout = num('lookupDropout');
  const hiddenSizes = luaList(opt.hiddenSizes as string, '--hiddenSizes'), dropouts = luaList(opt.dropouts as string, '--dropouts');
  let model = new nn.Sequential();
  // Transpose, such that input is seqLen x batchSize
  model.add(new nn.Transpose([0, 1]));
  // LookupTable
  const lookup = new nn.LookupTableMaskZero(nVocab, lookupDim);
  model.add(lookup);
  if (lookupDropout !== 0) model.add(new nn.Dropout(lookupDropout));
  // Recurrent layers
  let inputSize = lookupDim;
  hiddenSizes.forEach((hiddenSize, i) => {
    model.add(new nn.SeqLSTM(inputSize, hiddenSize).maskZero());
    if (dropouts[i] !== 0 && dropouts[i] !== undefined) model.add(new nn.Dropout(dropouts[i]));
    inputSize = hiddenSize;
  });
  model.add(new nn.Select(0, -1));
  // Output Layer
  model.add(new nn.Linear(hiddenSizes[hiddenSizes.length - 1]!, classes.length));
  model.add(new nn.LogSoftMax());

  // Criterion
  const criterion = new nn.ClassNLLCriterion();
  const batchSize = num('batchSize'), epochs = num('epochs'), earlyStopThresh = num('earlyStopThresh');
  console.log('Not using GPU');
  console.log(model.toString());

  // Confusion Matrix
  const confusion = new optim.ConfusionMatrix(classes);
  // Retrieve parameters and gradients
  const [parameters, gradParameters] = model.getParameters();
  // Optimizers: Using SGD/ADAM [Stochastic Gradient Descent]
  const optimState = { learningRate: num('learningRate'), momentum: num('momentum'), learningRateDecay: num('learningRateDecay') };
  const optimMethod = opt.adam ? optim.adam : optim.sgd;
  console.log(opt.adam ? 'Using Adaptive moment estimation.' : 'Using Stocastic gradient descent');
  console.log(optimState);

  let bestValidAccu = 0, bestValidModel = model, bestTrainAccu = 0, earlyStopCount = 0;
  const result: SentimentResult = { trainLoss: [], validAccuracy: [], testAccuracy: 0 };
  const accuracy = (set: Split, m: nn.Module): number => {
    m.evaluate();
    confusion.zero();
    for (const [, inputs, targets] of sampleiter(set, batchSize)) confusion.batchAdd(nn.asTensor(m.forward(inputs)), targets);
    confusion.updateValids();
    return confusion.totalValid;
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    // Single training epoch
    confusion.zero();
    model.training();
    const epochSize = trainSet.targets.size(0);
    for (const [i, inputs, targets] of sampleiter(trainSet, batchSize)) {
      progress(i, epochSize);
      const feval = (): [number, nn.Tensor] => {
        gradParameters.zero();
        // Forward
        const outputs = nn.asTensor(model.forward(inputs));
        const f = criterion.forward(outputs, targets);
        result.trainLoss.push(f);
        // Backward
        const dfdo = criterion.backward(outputs, targets);
        model.backward(inputs, dfdo);
        confusion.batchAdd(outputs, targets);
        return [f, gradParameters];
      };
      optimMethod(feval, parameters, optimState);
    }
    confusion.updateValids();
    if (bestTrainAccu < confusion.totalValid) {
      console.log(`Best train accuracy: ${bestTrainAccu} current accu: ${confusion.totalValid}`);
      bestTrainAccu = confusion.totalValid;
    }

    // Validation accuracy
    const validAccu = accuracy(validSet, model);
    result.validAccuracy.push(validAccu);
    if (bestValidAccu < validAccu) {
      console.log(`Best valid accuracy: ${bestValidAccu} current accu: ${validAccu}`);
      bestValidAccu = validAccu;
      earlyStopCount = 0;
      bestValidModel = model.clone();
      bestValidModel.clearState();
      // Compute corresponding testing accuracy
      accuracy(testSet, model);
      console.log('TestSet confusion');
      console.log(confusion.toString());
    } else {
      earlyStopCount++;
    }
    if (earlyStopCount >= earlyStopThresh) {
      console.log(`Early stopping at epoch: ${epoch}`);
      break;
    }
  }

  // Testing Accuracy
  model = bestValidModel;
  result.testAccuracy = accuracy(testSet, model);
  console.log('Best validation model TestSet confusion:');
  console.log(confusion.toString());
  return result;
}

if (process.argv[1]?.endsWith('twitter-sentiment-rnn.ts')) main();
