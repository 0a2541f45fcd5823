/**
 * The LeNet of torch/demos (train-on-mnist.lua) on the standard MNIST split: two 5×5 convolutions
 * (32 and 64 planes) each followed by Tanh and max pooling (3×3 stride 3, then 2×2 stride 2), then
 * Linear(256, 200), Tanh, Linear(200, 10), LogSoftMax; trained with optim.sgd on the flat
 * getParameters() vector, as the Lua demo trains it:
 *   node --import tsx examples/lenet-mnist.ts [--epochs 1] [--lr 0.05] [--lr-decay 0] [--batch 10] [--momentum 0] [--train-limit N] [--relu] [--dropout p] [--net lenet|bn]
 *     [--checkpoint models/lenet-mnist.t7] [--resume] [--eval]
 * With --checkpoint, every epoch ends by saving {epoch, model, optimState, rng} there with torch.save (atomically: a
 * crash leaves the previous epoch's file); --resume continues from it; --resume --eval only prints the
 * saved model's test error.
 * On 28×28 digits the sizes work out as on the demo's 32×32: 24 → 8 → 4 → 2 (64·2·2 = 256 features).
 */
import * as nn from '../index.js';
import { optim } from '../index.js';
import { fillBatch, loadMnist } from '../lib/data/mnist.js';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';

/** What each epoch's checkpoint holds. */
interface Checkpoint { epoch: number; model: nn.Sequential; optimState: optim.SgdState; rng: number[] }

/** The demo's model; `relu` swaps its Tanh for ReLU; `dropout` > 0 adds Dropout(p) before the last Linear (not in the demo). */
export function buildLeNet(relu = false, dropout = 0): nn.Sequential {
  const act = (): nn.Module => (relu ? new nn.ReLU() : new nn.Tanh());
  return new nn.Sequential()
    .add(new nn.SpatialConvolutionMM(1, 32, 5, 5))
    .add(act())
    .add(new nn.SpatialMaxPooling(3, 3, 3, 3))
    .add(new nn.SpatialConvolutionMM(32, 64, 5, 5))
    .add(act())
    .add(new nn.SpatialMaxPooling(2, 2, 2, 2))
    .add(new nn.Reshape(64 * 2 * 2))
    .add(new nn.Linear(64 * 2 * 2, 200))
    .add(act())
    .add(dropout > 0 ? new nn.Dropout(dropout) : new nn.Identity())
    .add(new nn.Linear(200, 10))
    .add(new nn.LogSoftMax());
}

/**
 * A small modern net, the second example (`--net bn`): two blocks of 3×3 convolution (padded),
 * SpatialBatchNormalization, ReLU and 2×2 max pooling (28 → 14 → 7), then Linear(32·7·7, 10), LogSoftMax.
 */
export function buildBnNet(): nn.Sequential {
  const block = (nIn: number, nOut: number): nn.Module[] => [
    new nn.SpatialConvolution(nIn, nOut, 3, 3, 1, 1, 1, 1), new nn.SpatialBatchNormalization(nOut), new nn.ReLU(), new nn.SpatialMaxPooling(2, 2, 2, 2),
  ];
  const net = new nn.Sequential();
  for (const m of [...block(1, 16), ...block(16, 32), new nn.View(32 * 7 * 7), new nn.Linear(32 * 7 * 7, 10), new nn.LogSoftMax()]) net.add(m);
  return net;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      epochs: { type: 'string', default: '1' }, lr: { type: 'string', default: '0.05' }, batch: { type: 'string', default: '10' },
      momentum: { type: 'string', default: '0' }, 'train-limit': { type: 'string' }, relu: { type: 'boolean', default: false }, seed: { type: 'string', default: '1' },
      'lr-decay': { type: 'string', default: '0' }, dropout: { type: 'string', default: '0' }, net: { type: 'string', default: 'lenet' }, eval: { type: 'boolean', default: false }, checkpoint: { type: 'string' }, resume: { type: 'boolean', default: false },
    },
  });
  const epochs = Number(values.epochs), B = Number(values.batch);
  nn.manualSeed(Number(values.seed));
  const { train, test } = loadMnist();
  const nTrain = Math.min(train.count, Number(values['train-limit'] ?? train.count));
  const criterion = new nn.ClassNLLCriterion();
  if (values.net !== 'lenet' && values.net !== 'bn') throw new nn.ArgumentError(`lenet-mnist: --net is 'lenet' or 'bn', got '${values.net}'`);
  let model: nn.Sequential = values.net === 'bn' ? buildBnNet() : buildLeNet(values.relu, Number(values.dropout)), first = 1;
  let state: optim.SgdState = {};
  if (values.resume) {
    if (!values.checkpoint || !existsSync(values.checkpoint)) throw new nn.ArgumentError(`lenet-mnist: --resume needs an existing --checkpoint file, got ${values.checkpoint ?? 'none'}`);
    const saved = nn.torch.load(values.checkpoint) as Checkpoint;
    model = saved.model;
    state = saved.optimState;
    nn.setRNGState(saved.rng);
    first = saved.epoch + 1;
    console.log(`resumed from ${values.checkpoint} after epoch ${saved.epoch}`);
  }
  const [params, gradParams] = model.getParameters();
  const config = { learningRate: Number(values.lr), momentum: Number(values.momentum), learningRateDecay: Number(values['lr-decay']) };
  console.log(model.toString());
  console.log(`${params.numel()} parameters, ${nTrain} training digits, batches of ${B}`);

  const x = nn.Tensor.zeros([B, 1, 28, 28]), y = nn.Tensor.zeros([B]), pred = new nn.ArgMax(0, 1);
  const errorRate = (set: typeof test): number => {
    model.evaluate();
    const order = Uint32Array.from({ length: set.count }, (_, i) => i);
    let wrong = 0;
    for (let i = 0; i + B <= set.count; i += B) {
      fillBatch(set, order, i, B, x, y);
      const p = pred.forward(nn.asTensor(model.forward(x)));
      for (let j = 0; j < B; j++) if (p.get(j) !== y.get(j)) wrong++;
    }
    model.training();
    return (100 * wrong) / (Math.floor(set.count / B) * B);
  };

  if (values.eval) {
    console.log(`test error ${errorRate(test).toFixed(2)}% (${Math.floor(test.count / B) * B} test digits${values.resume ? `, the model of ${values.checkpoint}` : ', an untrained model'})`);
    return;
  }
  for (let epoch = first; epoch <= epochs; epoch++) {
    const t0 = Date.now();
    const order = nn.rng.shuffle(Uint32Array.from({ length: train.count }, (_, i) => i));
    let lossSum = 0, batches = 0;
    for (let i = 0; i + B <= nTrain; i += B) {
      fillBatch(train, order, i, B, x, y);
      // the demo's feval: loss and gradient at the current parameters
      const feval = (): [number, nn.Tensor] => {
        gradParams.fill(0);
        const out = model.forward(x);
        const loss = criterion.forward(out, y);
        model.backward(x, criterion.backward(out, y));
        return [loss, gradParams];
      };
      const [, losses] = optim.sgd(feval, params, config, state);
      lossSum += losses[0]!;
      batches++;
    }
    const seconds = (Date.now() - t0) / 1000;
    console.log(`epoch ${epoch}: train NLL ${(lossSum / batches).toFixed(4)}, test error ${errorRate(test).toFixed(2)}%, ${seconds.toFixed(1)} s (${Math.round((batches * B) / seconds)} examples/s)`);
    if (values.checkpoint) {
      const ckpt: Checkpoint = { epoch, model: model.clearState() as nn.Sequential, optimState: state, rng: nn.getRNGState() };
      nn.torch.save(values.checkpoint, ckpt);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
