/**
 * Port of nicholas-leonard/dpnn tutorials/ladder_network/ladder_help_funcs.lua
 * (https://github.com/nicholas-leonard/dpnn, commit a501c2f308b0ad3d59d2f589472a0233d50d9792):
 * one training epoch and one evaluation of a model with several outputs under a ParallelCriterion
 * whose targets are `{labels, inputs}` (the ladder's classifier and its reconstruction).
 * The GPU branch of the test function (batches of 64 through CudaTensors) is left out: dpnn-ts
 * evaluates the whole set at once, as the Lua's CPU branch.
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor, type Activity } from '../../../index.js';
import { xlua } from '../../../lib/xlua.js';

type Print = (...values: unknown[]) => void;
export interface LadderData { data: Tensor; labels: Tensor; size: () => number }
export type OptimState = Record<string, number> & { coefL1: number; coefL2: number };
export type OptimMethod = (feval: (x: Tensor) => [number, Tensor], x: Tensor, state: OptimState) => unknown;

/** One epoch over trainData in mini-batches; returns the summed criterion per example. */
export function model_train_multi_criterion(model: nn.Module, criterions: nn.ParallelCriterion, parameters: Tensor, gradParameters: Tensor, trainData: LadderData,
  optimMethod: OptimMethod, optimState: OptimState, batchSize: number, epoch = 1, confusion: optim.ConfusionMatrix, trainLogger: optim.Logger | undefined,
  displayProgress = false, classifierIndx = 0, print: Print = console.log): number {
  model.training();
  confusion.zero();
  let totalLoss = 0;
  // shuffle at each epoch
  const shuffle = torch.randperm(trainData.size());
  const sampleSize = trainData.data.select(0, 0).size();
  const isScalar = trainData.labels.dim() === 1;
  print('Doing epoch on training data:');
  print(`Online epoch # ${epoch} [batchSize = ${batchSize}]`);

  let time = performance.now() / 1000;
  const targets = isScalar ? torch.Tensor(batchSize) : torch.Tensor(batchSize, trainData.labels.size(1));
  const inputs = torch.Tensor(batchSize, ...sampleSize);
  const trainInputs = torch.FloatTensor();
  const trainTargets = torch.FloatTensor();

  let t = 1;
  while (t <= trainData.size()) {
    if (displayProgress) xlua.progress(t, trainData.size());
    // create mini batch
    let indx = 0;
    for (let i = t; i <= Math.min(t + batchSize - 1, trainData.size()); i++) {
      inputs.select(0, indx).copy(trainData.data.select(0, shuffle.get(i - 1)));
      if (isScalar) targets.set([indx], trainData.labels.get(shuffle.get(i - 1)));
      else targets.select(0, indx).copy(trainData.labels.select(0, shuffle.get(i - 1)));
      indx = indx + 1;
    }
    const inputs_ = inputs.narrow(0, 0, indx);
    trainInputs.resize(inputs_.size()).copy(inputs_);
    const targets_ = targets.narrow(0, 0, indx);
    trainTargets.resize(targets_.size()).copy(targets_);
    const criterionTargets = [trainTargets, trainInputs];
    t = t + batchSize;

    // closure to evaluate F(X) and df/dX
    const feval = (x: Tensor): [number, Tensor] => {
      if (x !== parameters) parameters.copy(x);
      gradParameters.zero();
      const outputs = model.forward(trainInputs) as Activity[];
      let f = criterions.forward(outputs, criterionTargets);
      totalLoss = totalLoss + f;
      const df_do = criterions.backward(outputs, criterionTargets);
      model.backward(trainInputs, df_do);
      confusion.batchAdd(nn.asTensor(outputs[classifierIndx]!), trainTargets);
      // normalize gradients
      gradParameters.div(trainInputs.size(0));
      f = f / trainInputs.size(0);
      // L1/L2 regularization
      if (optimState.coefL1 !== 0 || optimState.coefL2 !== 0) {
        f = f + optimState.coefL1 * torch.norm(parameters, 1);
        f = f + (optimState.coefL2 * torch.norm(parameters, 2) ** 2) / 2;
        gradParameters.add(torch.sign(parameters).mul(optimState.coefL1).add(parameters.clone().mul(optimState.coefL2)));
      }
      return [f, gradParameters];
    };
    // optimize on current mini batch (SGD or adam)
    optimMethod(feval, parameters, optimState);
  }

  time = (performance.now() / 1000 - time) / trainData.size();
  print(`\n==> time to learn 1 sample = ${time * 1000}ms`);
  totalLoss = totalLoss / trainData.size();
  trainLogger?.add({ '% mean class accuracy (train set)': confusion.totalValid * 100 });
  return totalLoss;
}

/** The criterion per example over testData, in one batch, and its confusion. */
export function model_test_multi_criterion(model: nn.Module, criterions: nn.ParallelCriterion, testData: LadderData, confusion: optim.ConfusionMatrix,
  classifierIndx = 0, print: Print = console.log): number {
  let time = performance.now() / 1000;
  model.evaluate();
  confusion.zero();
  const trainInputs = testData.data;
  const trainTargets = testData.labels;
  const criterionTargets = [trainTargets, trainInputs];
  const outputs = model.forward(trainInputs) as Activity[];
  let totalLoss = criterions.forward(outputs, criterionTargets);
  confusion.batchAdd(nn.asTensor(outputs[classifierIndx]!), trainTargets);
  time = (performance.now() / 1000 - time) / testData.size();
  print(`\n==> time to test 1 sample = ${time * 1000}ms`);
  totalLoss = totalLoss / testData.size();
  return totalLoss;
}
