/**
 * Regenerates docs/results.md from the training logs listed in logs/runs.json (one JSON line per
 * epoch, as `dpnn ram train --json` writes them) and the published numbers (the paper's tables and the Torch blog's).
 *   node --import tsx ram/results.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadRam } from './checkpoint.js';
import { loadDataset } from './data.js';
import { evaluateRam } from './evaluate.js';
import * as nn from '../index.js';

interface Run { name: string; dataset: string; glimpses: string; recipe: string; command: string; log: string; machine: string; note?: string }
interface Epoch { epoch: number; seconds: number; examplesPerSecond: number; trainError: number; validError: number | null; testError: number; best: boolean }

const runs = JSON.parse(readFileSync('logs/runs.json', 'utf8')) as Run[];
const ours = runs.map((r) => {
  const epochs = readFileSync(r.log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Epoch);
  const best = [...epochs].reverse().find((e) => e.best) ?? epochs[epochs.length - 1]!;
  const seconds = epochs.reduce((s, e) => s + e.seconds, 0);
  const rate = epochs.reduce((s, e) => s + e.examplesPerSecond, 0) / epochs.length;
  const hours = seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
  return `| ${r.dataset} | ${r.glimpses} | **${best.testError.toFixed(2)}%** (epoch ${best.epoch}${best.validError !== null ? `, validation ${best.validError.toFixed(2)}%` : ''}) | ${epochs.length} | ${hours} (${Math.round(rate)} ex/s) | ${r.recipe}${r.note ? `; ${r.note}` : ''} | ${r.machine} | \`${r.command}\` |`;
});

// Monte-Carlo evaluation of the shipped model (sampled glimpses, 10 passes averaged), as some reproductions report it
let mc = '';
if (existsSync('models/ram-mnist.safetensors')) {
  const { ram } = loadRam('models/ram-mnist.safetensors');
  nn.manualSeed(1); // as dpnn ram eval --seed 1, after loading
  const r = await evaluateRam(ram, loadDataset('mnist').test, { stochastic: true, samples: 10 });
  mc = `With sampled glimpses and 10 passes averaged (\`dpnn ram eval --checkpoint models/ram-mnist.safetensors --stochastic --samples 10 --seed 1\`) the shipped model scores ${r.error.toFixed(2)}%.`;
}

const md = `# Results

Test error on the standard test sets, deterministic glimpses (the locator's mean) unless noted.
Our rows are regenerated from the training logs by \`node --import tsx ram/results.ts\`;
"epoch" is the epoch with the best validation error, whose model the checkpoint holds; time is
training time (evaluation excluded) summed over the logged epochs.

## dpnn-ts

| dataset | glimpses | test error | epochs run | training time | recipe | machine | command |
|---|---|---|---|---|---|---|---|
${ours.join('\n')}

The shipped model is \`models/ram-mnist.safetensors\` (the first row); \`dpnn ram eval --checkpoint
models/ram-mnist.safetensors\` re-computes its test error (a test checks that it matches this table).
Recipes: *Lua* = the script's SGD with damped momentum 0.9, learning rate 0.01 decaying linearly,
REINFORCE into the core; *fast* = Adam, learning rate 1e-3 halved after 5 epochs without a better
validation error, locator input detached (\`--detach-locator\`).
${mc}

Where the shipped model looks (\`dpnn ram glimpses --checkpoint models/ram-mnist.safetensors --count 3\`;
red: the current glimpse, blue: the earlier ones; below, the 8×8 patches it saw):

![glimpses of a 7](images/glimpses-mnist-0.png)
![glimpses of a 2](images/glimpses-mnist-1.png)

## Published

| source | dataset | glimpses | test error | notes |
|---|---|---|---|---|
| Mnih et al., NIPS 2014 (Table 1a) | MNIST 28×28 | 6 / 7 (8×8, 1 scale) | 1.12% / **1.07%** | |
| Mnih et al., arXiv v1 | MNIST 28×28 | 6 | **1.29%** | |
| Mnih et al., NIPS 2014 (Table 1b) | translated 60×60 | 4 / 6 / 8 (12×12, 3 scales) | 1.54% / 1.22% / 1.20% | |
| Mnih et al., NIPS 2014 (Table 2a) | cluttered 60×60 | 4 / 6 / 8 | 4.96% / 4.08% / 4.04% | |
| Mnih et al., arXiv v1 | cluttered 100×100 | 4 / 6 / 8 (12×12, 4 scales) | 14.95% / 11.58% / 10.83% | |
| Torch blog (Element-Research rnn) | MNIST 28×28 | 7 | 0.85% | 853 epochs, early-stopped |
| Torch blog | translated 60×60 | 7 (12×12, 3 scales) | 0.92% | 683 epochs, stochastic evaluation |
| kevinzakka/recurrent-visual-attention (PyTorch) | MNIST 28×28 | 6 | 1.21% | Adam, ~160 epochs |
| bentrevett/recurrent-attention-model (PyTorch) | MNIST / translated / cluttered 60 | 6 / 8 / 8 | 1.08% / 1.87% / 2.13% | |
`;
// the other models' sections (from "## Other models" on) are written by hand from their logs and kept as they are
const old = existsSync('docs/results.md') ? readFileSync('docs/results.md', 'utf8') : '';
const otherAt = old.indexOf('\n## Other models');
writeFileSync('docs/results.md', otherAt >= 0 ? `${md.trimEnd()}\n${old.slice(otherAt)}` : md);
console.log(md);
