/** Data-parallel training: the gradients summed over threads equal the one-thread batch gradient. */
import test from 'tape';
import * as nn from '../../index.js';
import { buildRam, defaultRamConfig } from '../../ram/model.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { forwardBackward } from '../../ram/step.js';
import { DataParallel } from '../../ram/parallel.js';
import { ramTensors } from '../../ram/checkpoint.js';

test('DataParallel(3 threads): summed gradients = one-thread gradient of the whole batch', (t) => {
  // σ → 0 makes the sampled locations the means, so every thread sees the same glimpses; with the
  // locator detached, only the locator's own (REINFORCE) gradient depends on the samples.
  const config = { ...defaultRamConfig, locatorStd: 1e-9, detachLocator: true, nGlimpses: 3 };
  const data = loadDataset('mnist', { trainLimit: 100 });
  nn.manualSeed(4);
  const ram = buildRam(config);
  const order = Uint32Array.from({ length: 20 }, (_, i) => i + 7);
  const x = nn.Tensor.zeros([20, 1, 28, 28]), y = nn.Tensor.zeros([20]);
  fillBatch(data.train, order, 0, 20, x, y);
  ram.agent.zeroGradParameters();
  const one = forwardBackward(ram, x, y);
  const names = [...ramTensors(ram).keys()];
  const grads = () => new Map(ram.agent.parameters()[1].map((g, i) => [i, Array.from(g.toArray())]));
  const g1 = grads();
  const dp = new DataParallel(ram, 3, data.train, { dataset: 'mnist', datasetOptions: { trainLimit: 100 }, backend: 'js', seed: 1, batchSize: 20 });
  try {
    ram.agent.zeroGradParameters();
    const many = dp.step(data.train, order, 0, 20, 20);
    const g2 = grads();
    t.equal(many.wrong, one.wrong, 'same number of errors');
    t.ok(Math.abs(many.loss - one.loss) < 1e-4, `same loss ${many.loss} vs ${one.loss}`);
    const params = ram.agent.parameters()[0];
    const byName = new Map([...ramTensors(ram)].map(([k, v]) => [v, k]));
    let checked = 0;
    for (const [i, a] of g1) {
      const name = byName.get(params[i]!) ?? String(i);
      if (name.startsWith('locator.')) continue;
      const b = g2.get(i)!;
      const scale = Math.max(1e-8, ...a.map(Math.abs));
      const err = Math.max(...a.map((v, j) => Math.abs(v - b[j]!))) / scale;
      t.ok(err < 1e-4, `${name}: relative error ${err.toExponential(2)}`);
      checked++;
    }
    t.equal(checked, names.length - 2, 'every parameter but the locator checked');
  } finally {
    dp.close();
  }
  t.end();
});
