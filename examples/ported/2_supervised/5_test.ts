/**
 * Port of torch/tutorials 2_supervised/5_test.lua (commit 8029c2fa8e843c15f1eddb48aed0fc56a42dfba3):
 * accuracy on the test data, one example at a time in evaluate mode, with ASGD's averaged
 * parameters swapped in while testing; the confusion matrix and the test log.
 */
import * as nn from '../../../index.js';
import { optim, type Tensor } from '../../../index.js';
import { paths } from '../../../lib/paths.js';
import { xlua } from '../../../lib/xlua.js';
import type { Tutorial } from './doall.js';

export function defineTest(tut: Tutorial): () => void {
  const { opt, print, model, testData, confusion, parameters } = tut;
  const testLogger = new optim.Logger(paths.concat(opt.save, 'test.log'));
  print('==> defining test procedure');
  return function test(): void {
    let time = performance.now() / 1000;
    // averaged param use?
    let cachedparams: Tensor | undefined;
    if (tut.average !== undefined) {
      cachedparams = parameters.clone();
      parameters.copy(tut.average);
    }
    // evaluate mode (for modules that differ in training and testing, like Dropout)
    model.evaluate();
    print('==> testing on test set:');
    for (let t = 1; t <= testData.size(); t++) {
      xlua.progress(t, testData.size());
      let input = testData.data.select(0, t - 1);
      if (opt.type === 'double') input = input.double();
      const target = testData.labels.dim() === 1 ? testData.labels.get(t - 1) : testData.labels.select(0, t - 1);
      const pred = nn.asTensor(model.forward(input));
      confusion.add(pred, target);
    }
    time = (performance.now() / 1000 - time) / testData.size();
    print(`\n==> time to test 1 sample = ${time * 1000}ms`);
    print(confusion.toString());
    // update log/plot
    testLogger.add({ '% mean class accuracy (test set)': confusion.totalValid * 100 });
    tut.testAccuracy.push(confusion.totalValid * 100);
    if (opt.plot) {
      testLogger.style({ '% mean class accuracy (test set)': '-' });
      testLogger.plotSVG(paths.concat(opt.save, 'test.svg'));
    }
    // averaged param use? restore parameters
    if (cachedparams !== undefined) parameters.copy(cachedparams);
    confusion.zero();
  };
}
