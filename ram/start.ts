/**
 * `npm start`: a few minutes with the Recurrent Attention Model on the standard MNIST split.
 * Trains three epochs on the 50,000 training digits with the fast recipe (Adam, detached locator) on
 * every core (data-parallel, up to 2 threads), evaluates
 * it on the 10,000 test digits, draws its glimpses into ./out/, and compares with the shipped model.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { defaultRamConfig } from './model.js';
import { trainRam } from './train.js';
import { evaluateRam } from './evaluate.js';
import { drawGlimpses } from './glimpses.js';
import { loadRam } from './checkpoint.js';
import { fmt } from '../lib/progress.js';

const shipped = 'models/ram-mnist.safetensors';
mkdirSync('out', { recursive: true });
const threads = Math.min(2, cpus().length);
console.log(`Training a RAM (7 glimpses of 8×8, Adam, detached locator) on 50,000 MNIST training digits for 3 epochs, ${threads} thread(s)…`);
const t0 = Date.now();
const { ram, data } = await trainRam({
  config: { ...defaultRamConfig, detachLocator: true }, dataset: 'mnist', learningRate: 0.001, minLR: 1e-5, saturateEpoch: 800,
  momentum: 0.9, maxOutNorm: -1, cutoffNorm: -1, batchSize: 20, maxEpoch: 3, maxTries: 100, optim: 'adam', lrPatience: 0,
  seed: 1, evalLimit: 2000, noValid: false, threads, checkpoint: 'out/ram-start.safetensors', resume: false, quiet: false,
}, (r) => console.log(`epoch ${r.epoch}: train error ${r.trainError.toFixed(2)}%, validation error ${r.validError?.toFixed(2)}% (first 2,000), ${r.examplesPerSecond.toFixed(0)} examples/s, ${fmt(r.seconds)}`));
const ours = await evaluateRam(ram, data.test);
console.log(`test error of this model: ${ours.error.toFixed(2)}% on ${ours.count} test digits (deterministic glimpses); trained in ${fmt((Date.now() - t0) / 1000)}`);
const pics = drawGlimpses(ram, data.test, 'out', 5);
console.log(`glimpse pictures: ${pics.map((p) => p.file).join(', ')}`);
if (existsSync(shipped)) {
  const { ram: trained, metadata } = loadRam(shipped);
  const r = await evaluateRam(trained, data.test);
  console.log(`shipped model ${shipped} (epoch ${metadata.epoch}): ${r.error.toFixed(2)}% test error`);
  drawGlimpses(trained, data.test, 'out/shipped', 5);
  console.log('its glimpses: out/shipped/');
} else {
  console.log(`no shipped model at ${shipped}`);
}
