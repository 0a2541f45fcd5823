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

const epochsOf = (r: Run): Epoch[] => (existsSync(r.log) ? readFileSync(r.log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Epoch) : []);
// a run that has not finished its first epoch yet has no row
const runs = (JSON.parse(readFileSync('logs/runs.json', 'utf8')) as Run[]).filter((r) => epochsOf(r).length > 0);
const ours = runs.map((r) => {
  const epochs = epochsOf(r);
  const best = [...epochs].reverse().find((e) => e.best) ?? epochs[epochs.length - 1]!;
  const seconds = epochs.reduce((s, e) => s + e.seconds, 0);
  const rate = epochs.reduce((s, e) => s + e.examplesPerSecond, 0) / epochs.length;
  const hours = seconds >= 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${Math.round(seconds / 60)} min`;
  return `| ${r.dataset} | ${r.glimpses} | **${best.testError.toFixed(2)}%** (epoch ${best.epoch}${best.validError !== null ? `, validation ${best.validError.toFixed(2)}%` : ''}) | ${epochs.length} | ${hours} (${Math.round(rate)} ex/s) | ${r.recipe}${r.note ? `; ${r.note}` : ''} | ${r.machine} | \`${r.command}\` |`;
});

// the shipped models: deterministic and sampled (10 passes averaged) test error, evaluated here
const shipped: string[] = [];
let mc = '';
const shippedFiles = [['mnist', 'models/ram-mnist.safetensors'], ['translated-mnist', 'models/ram-translated.safetensors'],
  ['cluttered-mnist-60', 'models/ram-cluttered-60.safetensors'], ['cluttered-mnist-100', 'models/ram-cluttered-100.safetensors']] as const;
for (const [dataset, file] of shippedFiles) {
  if (!existsSync(file)) {
    shipped.push(`| ${dataset} | — | not trained yet | | |`);
    continue;
  }
  const { ram, metadata } = loadRam(file);
  const test = loadDataset(dataset).test;
  const det = await evaluateRam(ram, test, { stochastic: false, samples: 1 });
  nn.manualSeed(1); // as dpnn ram eval --seed 1, after loading
  const sampled = await evaluateRam(ram, test, { stochastic: true, samples: 10 });
  if (dataset === 'mnist') mc = `With sampled glimpses and 10 passes averaged (\`dpnn ram eval --checkpoint models/ram-mnist.safetensors --stochastic --samples 10 --seed 1\`) the shipped model scores ${sampled.error.toFixed(2)}%.`;
  shipped.push(`| ${dataset} | \`${file}\` | **${det.error.toFixed(2)}%** | ${sampled.error.toFixed(2)}% | ${metadata.epoch ?? '?'} |`);
}

// the glimpse pictures of each shipped model that has them
const pictures = shippedFiles.filter(([, file]) => existsSync(file)).flatMap(([dataset, file]) => [0, 1].filter((i) => existsSync(`docs/images/glimpses-${dataset}-${i}.png`))
  .map((i) => `![${dataset}: glimpses of test image ${i} (${file})](images/glimpses-${dataset}-${i}.png)`));

// one learning curve per dataset: the test error of each logged run, epoch by epoch
const curves: string[] = [];
for (const dataset of [...new Set(runs.map((r) => r.dataset))]) {
  const mine = runs.filter((r) => r.dataset === dataset).map((r) => ({
    name: r.name, errors: epochsOf(r).map((e) => e.testError),
  })).filter((r) => r.errors.length >= 2);
  if (mine.length === 0) continue;
  const epochs = Math.max(...mine.map((r) => r.errors.length));
  const svg = nn.optim.Logger.svg({ names: mine.map((r) => `${r.name} test error %`), columns: mine.map((r) => Array.from({ length: epochs }, (_, i) => r.errors[i] ?? Number.NaN)) },
    { styles: mine.map(() => ['-'] as const), title: `RAM on ${dataset}: test error per epoch (%, log scale)`, logscale: true, xlabel: 'epoch' });
  if (!svg) continue;
  writeFileSync(`docs/images/ram-${dataset}.svg`, svg);
  curves.push(`![RAM on ${dataset}: test error per epoch](images/ram-${dataset}.svg)`);
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

The shipped models, evaluated on the 10,000 test images of their dataset with deterministic glimpses
and with sampled glimpses, 10 passes averaged (\`dpnn ram eval --checkpoint FILE\`, and the same
with \`--stochastic --samples 10 --seed 1\`; test/ram/shipped.test.ts checks the deterministic column):

| dataset | model | deterministic | sampled (10 passes) | epoch |
|---|---|---|---|---|
${shipped.join('\n')}

Recipes: *Lua* = the script's SGD with damped momentum 0.9, learning rate 0.01 decaying linearly,
REINFORCE into the core; *fast* = Adam, learning rate 1e-3 halved after 5 epochs without a better
validation error, locator input detached (\`--detach-locator\`).
${mc}

${curves.join('\n')}

Where the shipped models look (\`dpnn ram glimpses --checkpoint FILE --count 2\`, pictures copied to
docs/images/glimpses-DATASET-N.png; red: the current glimpse, blue: the earlier ones; below, the
patches it saw, the smallest scale first):

${pictures.join('\n')}

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
