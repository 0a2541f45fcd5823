/**
 * The ported Lua scripts of examples/ported/ (docs/gallery.md), each run for a few iterations on tiny
 * data: it must finish and its loss must go down.
 */
import test from 'tape';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xlua } from '../../lib/xlua.js';
import { main as logistic } from '../../examples/ported/logistic-regression/example-logistic-regression.js';
import { main as digits } from '../../examples/ported/train-a-digit-classifier/train-on-mnist.js';
import { main as supervised } from '../../examples/ported/2_supervised/doall.js';
import { main as charRnn } from '../../examples/ported/char-rnn/train.js';
import { main as ladder } from '../../examples/ported/ladder_network/ladder.js';
import { main as dcgan } from '../../examples/ported/dcgan/main.js';

const quiet = (): void => {};
const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
xlua.setProgressStream(null);
const dir = mkdtempSync(join(tmpdir(), 'dpnn-gallery-'));
test.onFinish(() => rmSync(dir, { recursive: true, force: true }));

test('logistic-regression: SGD epochs and L-BFGS evaluations lower the NLL', (t) => {
  const r = logistic(['-epochs', '4'], quiet);
  t.ok(r.sgdLosses[3]! < r.sgdLosses[0]!, `SGD loss ${r.sgdLosses[0]} → ${r.sgdLosses[3]}`);
  t.ok(r.lbfgsLosses[r.lbfgsLosses.length - 1]! < r.lbfgsLosses[0]!, `L-BFGS loss ${r.lbfgsLosses[0]} → ${r.lbfgsLosses.at(-1)}`);
  t.ok(r.agreement >= 0 && r.agreement <= 1, 'the comparison table was computed');
  t.end();
});

test('train-on-mnist: the convnet with optim.sgd lowers the mini-batch NLL, logs both sets', (t) => {
  const save = join(dir, 'digits');
  const r = digits(['--model', 'convnet', '--epochs', '2', '--trainSize', '100', '--testSize', '20', '--save', save], quiet);
  t.equal(r.batchLosses.length, 20);
  t.ok(mean(r.batchLosses.slice(15)) < mean(r.batchLosses.slice(0, 5)), `NLL ${mean(r.batchLosses.slice(0, 5)).toFixed(3)} → ${mean(r.batchLosses.slice(15)).toFixed(3)}`);
  t.ok(existsSync(join(save, 'train.log')) && existsSync(join(save, 'test.log')), 'train.log and test.log written');
  t.equal(r.testAccuracy.length, 2);
  t.end();
});

test('2_supervised: data → model → loss → train → test on MNIST; the NLL goes down over two epochs', (t) => {
  const save = join(dir, 'supervised');
  const r = supervised(['-size', 'small', '-trsize', '100', '-tesize', '20', '-epochs', '2', '-model', 'linear', '-type', 'float', '-batchSize', '5', '-learningRate', '0.05', '-save', save], quiet);
  const half = r.batchLosses.length / 2;
  t.equal(half, 20);
  t.ok(mean(r.batchLosses.slice(half)) < mean(r.batchLosses.slice(0, half)), `epoch NLL ${mean(r.batchLosses.slice(0, half)).toFixed(3)} → ${mean(r.batchLosses.slice(half)).toFixed(3)}`);
  t.ok(existsSync(join(save, 'model.net')), 'model.net saved');
  t.end();
});

test('2_supervised: the convnet (LP pooling, subtractive normalization) with the MSE loss runs an epoch', (t) => {
  const r = supervised(['-size', 'small', '-trsize', '12', '-tesize', '4', '-epochs', '1', '-model', 'convnet', '-loss', 'mse', '-type', 'float', '-batchSize', '4', '-save', join(dir, 'supervised-mse')], quiet);
  t.equal(r.batchLosses.length, 3);
  t.ok(r.batchLosses.every(Number.isFinite), 'finite losses');
  t.end();
});

test('char-rnn: the 2-layer LSTM gModule, cloned over time, lowers the NLL on Brown text; writes a checkpoint', (t) => {
  const r = charRnn(['-data_dir', join(dir, 'brown'), '-brown_files', '2', '-checkpoint_dir', join(dir, 'cv'), '-rnn_size', '32', '-num_layers', '2', '-seq_length', '16',
    '-batch_size', '8', '-max_epochs', '0.2', '-learning_rate', '0.01', '-print_every', '1000'], quiet);
  const l = r.train_losses;
  t.ok(l.length >= 20, `${l.length} iterations`);
  t.ok(mean(l.slice(-5)) < mean(l.slice(0, 5)), `NLL ${mean(l.slice(0, 5)).toFixed(3)} → ${mean(l.slice(-5)).toFixed(3)}`);
  t.equal(Object.keys(r.val_losses).length, 1, 'validated once, at the end');
  t.end();
});

test('ladder: the encoder/decoder gModule under NLL + MSE lowers the training loss', (t) => {
  const r = ladder(['--epochs', '3', '--eta', '1', '--noiseSigma', '0.3', '--useBatchNorm', '--adam', '--learningRate', '0.01',
    '--trainSize', '300', '--validSize', '100', '--testSize', '100', '--hiddens', '{100, 50}'], quiet);
  t.ok(r.trainLosses[2]! < r.trainLosses[0]!, `loss ${r.trainLosses[0]} → ${r.trainLosses[2]}`);
  t.equal(r.validLosses.length, 3);
  t.ok(r.testAccus[0]! >= 0 && r.testAccus[0]! <= 100, `test accuracy ${r.testAccus[0]}% (BatchNormalization's running statistics are young after 30 steps)`);
  t.end();
});

test('dcgan: the discriminator loss goes down over the first iterations; checkpoints written', (t) => {
  const ckpt = join(dir, 'checkpoints');
  const r = dcgan(['niter=1', 'ntrain=128', 'batchSize=16', 'ngf=8', 'ndf=8', 'nz=16', 'manualSeed=1', `checkpoint_dir=${ckpt}`], quiet, {});
  t.equal(r.errD.length, 8);
  t.ok(mean(r.errD.slice(-3)) < mean(r.errD.slice(0, 3)), `Err_D ${mean(r.errD.slice(0, 3)).toFixed(3)} → ${mean(r.errD.slice(-3)).toFixed(3)}`);
  t.ok(r.errG.every(Number.isFinite), 'finite Err_G');
  t.ok(existsSync(join(ckpt, 'experiment1_1_net_G.t7')), 'generator checkpoint');
  t.end();
});
