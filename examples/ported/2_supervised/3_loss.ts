/**
 * Port of torch/tutorials 2_supervised/3_loss.lua (commit 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3):
 * the loss — MultiMarginCriterion (margin), LogSoftMax + ClassNLLCriterion (nll), or Tanh +
 * MSECriterion without size averaging (mse), for which the labels become ±1 vectors.
 */
import * as nn from '../../../index.js';
import { torch } from '../../../index.js';
import type { DataSet } from './1_data.js';
import type { Tutorial } from './doall.js';

// label k → a vector of −1 with +1 at k
function toVectors(set: DataSet, noutputs: number): void {
  const n = set.labels.size(0);
  const labels = torch.Tensor(n, noutputs);
  labels.fill(-1);
  for (let i = 0; i < n; i++) labels.set([i, set.labels.get(i)], 1);
  set.labels = labels;
}

export function defineLoss(tut: Tutorial): void {
  const { opt, print, model } = tut;
  // 10-class problem
  const noutputs = 10;

  print('==> define loss');
  let criterion: nn.Criterion;
  if (opt.loss === 'margin') {
    // an SVM-like loss with a default margin of 1
    criterion = new nn.MultiMarginCriterion();
  } else if (opt.loss === 'nll') {
    // normalized log-probabilities for the negative log-likelihood
    model.add(new nn.LogSoftMax());
    criterion = new nn.ClassNLLCriterion();
  } else if (opt.loss === 'mse') {
    // a tanh to bound the outputs; a regression loss on 1-of-N (±1) targets
    model.add(new nn.Tanh());
    criterion = new nn.MSECriterion(false); // Lua: criterion.sizeAverage = false (a constructor argument here)
    toVectors(tut.trainData, noutputs);
    toVectors(tut.testData, noutputs);
  } else {
    throw new nn.ArgumentError(`3_loss: unknown -loss ${opt.loss}`);
  }
  print('==> here is the loss function:');
  print(criterion.toString());
  tut.criterion = criterion;
}
