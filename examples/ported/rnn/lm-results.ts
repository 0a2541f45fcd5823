/**
 * The language-model runs' perplexities per epoch, as a markdown table for docs/results.md, read
 * from their checkpoints (each holds the log of every epoch so far):
 *   node --import tsx examples/ported/rnn/lm-results.ts 'LSTM 64=models/rnnlm/brown-lstm64.ckpt.t7' 'LSTM 64 + 64=models/rnnlm/brown-lstm64x2.ckpt.t7'
 */
import * as nn from '../../../index.js';
import type { Checkpoint } from './rnnlm-model.js';

const runs = process.argv.slice(2).map((arg) => {
  const at = arg.indexOf('=');
  if (at < 1) throw new nn.ArgumentError(`lm-results: expected label=checkpoint, got '${arg}'`);
  return { label: arg.slice(0, at), ck: nn.torch.load(arg.slice(at + 1)) as Checkpoint };
});
if (runs.length === 0) throw new nn.ArgumentError('lm-results: expected one or more label=checkpoint arguments');
const epochs = Math.max(...runs.map((r) => r.ck.log.length));
const cols = Array.from({ length: epochs }, (_, i) => i + 1);
const lines = [`| epoch | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`];
for (const { label, ck } of runs) {
  for (const [what, key] of [['validation', 'valppl'], ['test', 'testppl']] as const) {
    const byEpoch = new Map(ck.log.map((e) => [e.epoch, e[key]]));
    lines.push(`| ${label}: ${what} PPL | ${cols.map((c) => (byEpoch.has(c) ? byEpoch.get(c)!.toFixed(1) : '')).join(' | ')} |`);
  }
}
console.log(lines.join('\n'));
for (const { label, ck } of runs) {
  const best = ck.log.reduce((a, b) => (b.valppl < a.valppl ? b : a));
  const secs = ck.log.reduce((s, e) => s + e.seconds, 0);
  console.log(`\n${label}: ${ck.log.length} epochs, best validation ${best.valppl.toFixed(1)} (test ${best.testppl.toFixed(1)}) at epoch ${best.epoch}; training time ${(secs / 60).toFixed(0)} min in all`);
}
