/**
 * A two-layer MLP on the standard MNIST split, trained with plain SGD for one epoch:
 *   node --import tsx examples/mlp-mnist.ts [--epochs 1] [--hidden 128] [--lr 0.3] [--batch 32]
 */
import * as nn from '../index.js';
import { fillBatch, loadMnist } from '../lib/data/mnist.js';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { epochs: { type: 'string', default: '1' }, hidden: { type: 'string', default: '128' }, lr: { type: 'string', default: '0.3' }, batch: { type: 'string', default: '32' }, seed: { type: 'string', default: '1' } },
});
const epochs = Number(values.epochs), hidden = Number(values.hidden), lr = Number(values.lr), B = Number(values.batch);
nn.manualSeed(Number(values.seed));

const { train, test } = loadMnist();
const model = new nn.Sequential()
  .add(new nn.View(-1).setNumInputDims(3))
  .add(new nn.Linear(784, hidden))
  .add(new nn.ReLU())
  .add(new nn.Linear(hidden, 10))
  .add(new nn.LogSoftMax());
const criterion = new nn.ClassNLLCriterion();
console.log(model.toString());

const x = nn.Tensor.zeros([B, 1, 28, 28]), y = nn.Tensor.zeros([B]), pred = new nn.ArgMax(0, 1);

function errorRate(set: typeof test): number {
  model.evaluate();
  const order = Uint32Array.from({ length: set.count }, (_, i) => i);
  let wrong = 0;
  for (let i = 0; i < set.count; i += B) {
    const n = Math.min(B, set.count - i);
    fillBatch(set, order, i, n, x, y);
    const p = pred.forward(nn.asTensor(model.forward(x)));
    for (let j = 0; j < n; j++) if (p.get(j) !== y.get(j)) wrong++;
  }
  model.training();
  return (100 * wrong) / set.count;
}

for (let epoch = 1; epoch <= epochs; epoch++) {
  const t0 = Date.now();
  const order = nn.rng.shuffle(Uint32Array.from({ length: train.count }, (_, i) => i));
  let lossSum = 0, batches = 0;
  for (let i = 0; i < train.count; i += B) {
    const n = Math.min(B, train.count - i);
    fillBatch(train, order, i, n, x, y);
    const out = model.forward(x);
    lossSum += criterion.forward(out, y);
    batches++;
    model.zeroGradParameters();
    model.backward(x, criterion.backward(out, y));
    model.updateParameters(lr);
  }
  const seconds = (Date.now() - t0) / 1000;
  console.log(`epoch ${epoch}: train NLL ${(lossSum / batches).toFixed(4)}, test error ${errorRate(test).toFixed(2)}%, ${seconds.toFixed(1)} s (${Math.round(train.count / seconds)} examples/s)`);
}
