/** `dpnn ram train [options]`: trains a RAM, one JSON line per epoch with --json, human lines otherwise. */
import * as nn from '../index.js';
import { parseOptions, trainOptionSpec, trainOptionsFrom } from './options.js';
import { trainRam } from './train.js';
import { fmt } from '../lib/progress.js';
import { selectBackend } from './backendOption.js';

export async function trainCommand(argv: string[]): Promise<void> {
  const v = parseOptions('ram train', trainOptionSpec, argv);
  const opts = trainOptionsFrom(v);
  const gpu = await selectBackend(v.backend);
  const t0 = Date.now();
  try {
    await trainRam(opts, (r) => {
      if (v.json) {
        console.log(JSON.stringify(r));
      } else {
        const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}%`);
        console.log(`epoch ${r.epoch}: train ${pct(r.trainError)}, valid ${pct(r.validError)}, test ${pct(r.testError)}, loss ${r.loss.toFixed(4)}, lr ${r.learningRate.toPrecision(3)}${r.locatorStd === undefined ? '' : `, σ ${r.locatorStd.toPrecision(3)}`}, ${r.examplesPerSecond.toFixed(0)} ex/s, ${fmt(r.seconds)}${r.best ? ' (best)' : ''}; total ${fmt((Date.now() - t0) / 1000)}`);
      }
    }, gpu);
  } finally {
    await gpu?.destroy(); // the device would keep the process alive
  }
}
