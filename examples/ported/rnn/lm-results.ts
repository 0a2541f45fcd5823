/**
 * The language-model runs' perplexities per epoch, as a markdown table for docs/results.md (one row
 * per epoch, validation and test per run), read from their checkpoints (each holds the log of every
 * epoch so far); with `--svg FILE`, also the validation curves as an SVG (optim.Logger's chart):
 *   node --import tsx examples/ported/rnn/lm-results.ts [--svg docs/images/rnnlm.svg] 'LSTM 64=models/rnnlm/brown-lstm64.ckpt.t7' …
 */
import { writeFileSync } from 'node:fs';
import * as nn from '../../../index.js';
import type { Checkpoint } from './rnnlm-model.js';

const argv = process.argv.slice(2);
const svgAt = argv.indexOf('--svg'), svgPath = svgAt >= 0 ? argv[svgAt + 1] : undefined;
if (svgAt >= 0 && !svgPath) throw new nn.ArgumentError('lm-results: --svg needs a file name');
const runs = argv.filter((_, i) => svgAt < 0 || (i !== svgAt && i !== svgAt + 1)).map((arg) => {
  const at = arg.indexOf('=');
  if (at < 1) throw new nn.ArgumentError(`lm-results: expected label=checkpoint, got '${arg}'`);
  return { label: arg.slice(0, at), ck: nn.torch.load(arg.slice(at + 1)) as Checkpoint };
});
if (runs.length === 0) throw new nn.ArgumentError('lm-results: expected one or more label=checkpoint arguments');
const epochs = Math.max(...runs.map((r) => r.ck.log.length));
const cell = (ck: Checkpoint, epoch: number, key: 'valppl' | 'testppl'): string => ck.log.find((e) => e.epoch === epoch)?.[key].toFixed(1) ?? '';
const lines = [`| epoch | ${runs.map((r) => `${r.label}: validation | test`).join(' | ')} |`, `|---|${runs.map(() => '---|---').join('|')}|`];
for (let e = 1; e <= epochs; e++) lines.push(`| ${e} | ${runs.map((r) => `${cell(r.ck, e, 'valppl')} | ${cell(r.ck, e, 'testppl')}`).join(' | ')} |`);
console.log(lines.join('\n'));
for (const { label, ck } of runs) {
  const best = ck.log.reduce((a, b) => (b.valppl < a.valppl ? b : a));
  const secs = ck.log.reduce((s, e) => s + e.seconds, 0);
  console.log(`\n${label}: ${ck.log.length} epochs, best validation ${best.valppl.toFixed(1)} (test ${best.testppl.toFixed(1)}) at epoch ${best.epoch}; training time ${(secs / 60).toFixed(0)} min in all`);
}
if (svgPath) {
  const columns = runs.map((r) => Array.from({ length: epochs }, (_, i) => r.ck.log.find((e) => e.epoch === i + 1)?.valppl ?? Number.NaN));
  const svg = nn.optim.Logger.svg({ names: runs.map((r) => `${r.label} validation PPL`), columns },
    { styles: runs.map(() => ['-'] as const), title: 'Brown corpus language models: validation perplexity per epoch (log scale)', logscale: true, xlabel: 'epoch' });
  if (svg) writeFileSync(svgPath, svg);
}
