/**
 * The test-error curves of examples/lenet-mnist.ts runs as one SVG, drawn by optim.Logger's chart:
 *   node --import tsx examples/lenet-curve.ts out.svg name=log [name=log …]
 * Each log is the script's output (`epoch N: … test error E%`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { optim } from '../index.js';

const [out, ...runs] = process.argv.slice(2);
if (!out || runs.length === 0) throw new Error('usage: lenet-curve.ts out.svg name=log [name=log …]');
const series = runs.map((r) => {
  const [name = r, path = r] = r.split('=');
  const errors = [...readFileSync(path, 'utf8').matchAll(/^epoch (\d+):.*test error ([\d.]+)%/gm)].map((m) => Number(m[2]));
  return { name, errors };
});
const epochs = Math.max(...series.map((s) => s.errors.length));
// one column per run, padded with the last value's absence (NaN is left out of the chart)
const columns = series.map((s) => Array.from({ length: epochs }, (_, i) => s.errors[i] ?? Number.NaN));
const svg = optim.Logger.svg({ names: series.map((s) => `${s.name} test error %`), columns }, { styles: series.map(() => ['+-'] as const), title: 'LeNet on MNIST: test error per epoch' });
if (!svg) throw new Error('lenet-curve: no run has two epochs yet');
writeFileSync(out, svg);
console.log(`wrote ${out}: ${series.map((s) => `${s.name} ${s.errors.length} epochs, best ${Math.min(...s.errors)}%`).join('; ')}`);
