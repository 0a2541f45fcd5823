/**
 * `dpnn ram <train|eval|glimpses>`: the RAM application's command line. Every failure is one line
 * on stderr and a non-zero exit code.
 */
import * as nn from '../index.js';
import { loadDataset } from './data.js';
import { loadRam } from './checkpoint.js';
import { evaluateRam } from './evaluate.js';
import { drawGlimpses } from './glimpses.js';
import { evalOptionSpec, glimpsesOptionSpec, helpRequested, num, optionsHelp, parseOptions, trainOptionSpec } from './options.js';
import { trainCommand } from './trainCommand.js';
import { selectBackend } from './backendOption.js';

export const ramUsage = `usage: dpnn ram <command> [options]

commands:
  train      train a RAM (the Lua script's options in kebab-case); see docs/ram.md
  eval       evaluate a checkpoint on a test set
  glimpses   draw PNG pictures of a checkpoint's glimpses
  help       show the options of every command

dpnn ram <command> --help shows that command's options and their defaults.`;

export const trainHelp = optionsHelp('usage: dpnn ram train [options]\n\nTrains a RAM; prints one line per epoch.', trainOptionSpec);
export const evalHelp = optionsHelp('usage: dpnn ram eval --checkpoint FILE [options]\n\nEvaluates a checkpoint on the test set of its dataset.', evalOptionSpec);
export const glimpsesHelp = optionsHelp('usage: dpnn ram glimpses --checkpoint FILE [options]\n\nDraws PNG pictures of the glimpses on test digits.', glimpsesOptionSpec);

async function evalCommand(argv: string[]): Promise<void> {
  if (helpRequested(argv)) return void console.log(evalHelp);
  const v = parseOptions('ram eval', evalOptionSpec, argv);
  if (typeof v.checkpoint !== 'string') throw new nn.ArgumentError('ram eval: --checkpoint FILE is required');
  const gpu = await selectBackend(v.backend);
  let r, t0;
  try {
    const { ram, metadata } = loadRam(v.checkpoint);
    const dataset = (v.dataset as string | undefined) ?? metadata.dataset ?? 'mnist';
    const data = loadDataset(dataset);
    if (data.test.height !== ram.config.imageSize) throw new nn.ArgumentError(`ram eval: ${v.checkpoint} was trained on ${ram.config.imageSize}×${ram.config.imageSize} images, ${dataset} has ${data.test.height}×${data.test.width}`);
    nn.manualSeed(num(v, 'seed', 1, 'int', 0));
    const samples = num(v, 'samples', 1, 'int', 1);
    const limit = v['eval-limit'] === undefined ? undefined : num(v, 'eval-limit', 0, 'int', 1);
    t0 = Date.now();
    r = { ...(await evaluateRam(ram, data.test, { stochastic: Boolean(v.stochastic), samples, limit, batchSize: num(v, 'batch-size', 20, 'int', 1) }, gpu)), dataset, samples };
  } finally {
    await gpu?.destroy(); // the device would keep the process alive
  }
  const { dataset, samples } = r;
  const seconds = (Date.now() - t0) / 1000;
  if (v.json) {
    console.log(JSON.stringify({ checkpoint: v.checkpoint, dataset, testError: r.error, examples: r.count, stochastic: Boolean(v.stochastic), samples, seconds, ...(v.confusion ? { confusion: r.confusion } : {}) }));
    return;
  }
  console.log(`${v.checkpoint} on ${dataset} test (${r.count} examples, ${v.stochastic ? `stochastic, ${samples} sample(s)` : 'deterministic'}): ${r.error.toFixed(2)}% error`);
  if (v.confusion) {
    console.log('target \\ predicted ' + r.confusion.map((_, k) => String(k).padStart(5)).join(''));
    r.confusion.forEach((row, t) => console.log(String(t).padStart(18) + ' ' + row.map((c) => String(c).padStart(5)).join('')));
  }
}

function glimpsesCommand(argv: string[]): void {
  if (helpRequested(argv)) return void console.log(glimpsesHelp);
  const v = parseOptions('ram glimpses', glimpsesOptionSpec, argv);
  if (typeof v.checkpoint !== 'string') throw new nn.ArgumentError('ram glimpses: --checkpoint FILE is required');
  const { ram, metadata } = loadRam(v.checkpoint);
  const data = loadDataset((v.dataset as string | undefined) ?? metadata.dataset ?? 'mnist');
  const pics = drawGlimpses(ram, data.test, (v.out as string | undefined) ?? 'out', num(v, 'count', 5, 'int', 1), num(v, 'first', 0, 'int', 0));
  for (const p of pics) console.log(`${p.file}: digit ${p.label}, predicted ${p.predicted}`);
}

export async function ramCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'train':
      if (helpRequested(rest)) return void console.log(trainHelp);
      return trainCommand(rest);
    case 'eval': return evalCommand(rest);
    case 'glimpses': return glimpsesCommand(rest);
    case 'help':
      if (rest[0] !== undefined) return ramCommand([rest[0], '--help']);
      console.log([ramUsage, trainHelp, evalHelp, glimpsesHelp].join('\n\n'));
      return;
    case '--help': case '-h':
      console.log(ramUsage);
      return;
    case undefined: // bad usage: the usage on stderr, exit 2
      process.stderr.write(`${ramUsage}\n`);
      process.exitCode = 2;
      return;
    default:
      throw new nn.ArgumentError(`ram: unknown command '${sub}'; the commands are train, eval, glimpses and help`);
  }
}
