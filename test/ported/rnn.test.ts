/**
 * The rnn example scripts ported in examples/ported/rnn/ run for a few iterations on tiny data and
 * their loss goes down; the language model also resumes from its checkpoint.
 */
import test from 'tape';
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as simpleSequencer } from '../../examples/ported/rnn/simple-sequencer-network.js';
import { main as sequenceToOne } from '../../examples/ported/rnn/sequence-to-one.js';
import { main as timeSeries } from '../../examples/ported/rnn/recurrent-time-series.js';
import { main as biSequencer } from '../../examples/ported/rnn/simple-bisequencer-network.js';
import { main as twitter } from '../../examples/ported/rnn/twitter-sentiment-rnn.js';
import { main as rnnlm } from '../../examples/ported/rnn/recurrent-language-model.js';
import { main as encDec } from '../../examples/ported/rnn/encoder-decoder-coupling.js';
import * as nn from '../../index.js';
import { brownFiles, brownWords, loadBrown } from '../../examples/ported/rnn/brown.js';
import { luaTable } from '../../examples/ported/rnn/lua.js';

/** Runs f with console.log silenced (the scripts print every iteration). */
function quiet<T>(f: () => T): T {
  const log = console.log;
  console.log = () => undefined;
  try { return f(); } finally { console.log = log; }
}
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try { return await f(); } finally { console.log = log; }
}
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean of the last fifth below the mean of the first fifth. */
function goesDown(t: test.Test, losses: readonly number[], what: string, factor = 1): void {
  const n = Math.max(1, Math.floor(losses.length / 5));
  const first = mean(losses.slice(0, n)), last = mean(losses.slice(-n));
  t.ok(losses.every(Number.isFinite), `${what}: finite losses`);
  t.ok(last < first * factor, `${what}: loss ${first.toFixed(4)} → ${last.toFixed(4)}`);
}

test('simple-sequencer-network: NLL goes down', (t) => {
  goesDown(t, quiet(() => simpleSequencer(['--nIteration', '60'])), 'simple-sequencer-network', 0.8);
  t.end();
});

test('encoder-decoder-coupling: NLL goes down, with masks from getZeroMaskSequence and explicit ones', (t) => {
  for (const seed of [1, 2, 3]) goesDown(t, quiet(() => encDec(['--niter', '120', '--seed', String(seed)])), `encoder-decoder-coupling (seed ${seed})`, 0.35);
  const enc = nn.torch.Tensor([[-1, -1, -1, -1, 0, 1, 2], [-1, -1, -1, 3, 2, 1, 0]]).t();
  t.deepEqual(Array.from(nn.utils.getZeroMaskSequence(enc).t().contiguous().toArray()), [1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0], 'getZeroMaskSequence: index −1 is padding');
  const feats = nn.Tensor.zeros([2, 2, 3]);
  feats.select(0, 1).select(0, 0).fill(0.5);
  t.deepEqual(Array.from(nn.utils.getZeroMaskSequence(feats).toArray()), [1, 1, 0, 1], 'getZeroMaskSequence: all-zero feature steps are padding');
  t.throws(() => nn.utils.getZeroMaskSequence(nn.Tensor.zeros([3])), /nn.utils.getZeroMaskSequence: expected a seqlen × batch \[× …\] tensor, got \[3\]/);
  t.end();
});

test('simple-bisequencer-network: NLL goes down', (t) => {
  goesDown(t, quiet(() => biSequencer(['--nIteration', '60'])), 'simple-bisequencer-network', 0.8);
  t.end();
});

test('sequence-to-one: NLL goes down', (t) => {
  goesDown(t, quiet(() => sequenceToOne(['--nIteration', '150', '--hiddenSize', '20', '--dsSize', '200', '--batchSize', '16'])), 'sequence-to-one');
  t.end();
});

test('recurrent-time-series: MSE goes down', (t) => {
  goesDown(t, quiet(() => timeSeries(['--nIterations', '100', '--learningRate', '0.05', '--quiet'])), 'recurrent-time-series', 0.8);
  t.end();
});

test('twitter-sentiment-rnn (synthetic set): NLL goes down, accuracy above chance', (t) => {
  const r = quiet(() => twitter(['--epochs', '3', '--dataSize', '200', '--seqLen', '6', '--lookupDim', '8', '--hiddenSizes', '{8}', '--batchSize', '16', '--adam', '--learningRate', '0.02']));
  goesDown(t, r.trainLoss, 'twitter-sentiment-rnn');
  t.ok(r.validAccuracy[r.validAccuracy.length - 1]! > 0.6, `validation accuracy ${r.validAccuracy.join(', ')}`);
  t.end();
});

test('brown: split by file, tags stripped, vocabulary capped', (t) => {
  const split = brownFiles();
  t.deepEqual([split.train.length, split.valid.length, split.test.length], [400, 50, 50], '400 / 50 / 50 files');
  t.equal(new Set([...split.train, ...split.valid, ...split.test]).size, 500, 'disjoint');
  t.deepEqual(brownWords('\n\n\tThe/at jury/nn said/vbd 1961/cd ./.\n\n'), ['the', 'jury', 'said', 'N', '.', '<eos>']);
  const sets = loadBrown([4, 2, 2], 50, 2);
  t.equal(sets.train.ivocab.length, 50, 'vocabsize words');
  t.deepEqual(sets.train.data.shape.slice(1), [4], 'train stream in 4 columns');
  t.ok(sets.unigramPPL.valid > 1 && sets.unigramPPL.valid < 50, `unigram PPL ${sets.unigramPPL.valid.toFixed(2)} below uniform`);
  t.deepEqual(luaTable('{[5]=0.5, [6]=0.25}')?.keyed.get(6), 0.25, 'Lua table literal');
  t.end();
});

const LM = ['--hiddensize', '{16}', '--seqlen', '5', '--batchsize', '8', '--vocabsize', '200', '--maxfiles', '2',
  '--trainsize', '120', '--validsize', '60', '--evalbatchsize', '4', '--silent', '--cutoff', '5', '--startlr', '0.1'];

test('recurrent-language-model (LSTM, GRU, simple RNN): perplexity goes down, checkpoint resumes', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rnnlm-'));
  try {
    const a = await quietly(() => rnnlm([...LM, '--lstm', '--maxepoch', '2', '--savepath', dir, '--id', 'lstm']));
    t.equal(a.epochs.length, 2, 'two epochs');
    t.ok(a.epochs[1]!.trainppl < a.epochs[0]!.trainppl, `LSTM train PPL ${a.epochs.map((e) => e.trainppl.toFixed(1)).join(' → ')}`);
    t.ok(a.epochs[1]!.valppl < 200, `LSTM validation PPL ${a.epochs[1]!.valppl.toFixed(1)} below uniform (200)`);
    t.ok(existsSync(join(dir, 'lstm.ckpt.t7')) && existsSync(join(dir, 'lstm.t7')), 'checkpoint and best model written');
    const b = await quietly(() => rnnlm([...LM, '--lstm', '--maxepoch', '3', '--savepath', dir, '--id', 'lstm', '--resume', join(dir, 'lstm.ckpt.t7')]));
    t.deepEqual(b.epochs.map((e) => e.epoch), [1, 2, 3], 'resumed at epoch 3');
    t.equal(b.epochs[1]!.valppl, a.epochs[1]!.valppl, 'earlier epochs kept from the checkpoint');
    for (const kind of ['--gru', '--mfru', '']) {
      const r = await quietly(() => rnnlm([...LM, ...(kind ? [kind] : []), '--maxepoch', '2', '--savepath', dir, '--id', `x${kind}`]));
      t.ok(r.epochs[1]!.trainppl < r.epochs[0]!.trainppl, `${kind || 'simple RNN'} train PPL ${r.epochs.map((e) => e.trainppl.toFixed(1)).join(' → ')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});
