/**
 * The RAM command line's options, declared once with their defaults and one-line help: the Lua
 * script's names in kebab-case (docs/ram.md) plus the training tools'. Parsed strictly (an unknown
 * option or an out-of-range value is an ArgumentError with a one-line message) into TrainOptions;
 * `--help` (or `-h`) anywhere prints the command's options with their defaults instead.
 */
import { parseArgs } from 'node:util';
import * as nn from '../index.js';
import { type RamConfig, defaultRamConfig } from './model.js';
import { datasetNames } from './data.js';
import type { TrainOptions } from './train.js';
import { type LocatorStdSchedule, parseCurriculum, parseLrSchedule } from './recipe.js';

/** One option: its type, its default as shown in the help (undefined: none), and what it does. */
export interface OptionDoc {
  readonly type: 'string' | 'boolean';
  readonly default?: number | string;
  readonly help: string;
  /** The value's placeholder in the help (N, X, FILE, …). */
  readonly arg?: string;
}
export type OptionSpec = Readonly<Record<string, OptionDoc>>;

const d = defaultRamConfig;
const int = (def: number | string | undefined, help: string): OptionDoc => ({ type: 'string', arg: 'N', default: def, help });
const real = (def: number | string | undefined, help: string): OptionDoc => ({ type: 'string', arg: 'X', default: def, help });
const flag = (help: string): OptionDoc => ({ type: 'boolean', help });
const text = (arg: string, def: string | undefined, help: string): OptionDoc => ({ type: 'string', arg, default: def, help });

/** --backend, shared by the commands that compute. */
export const backendOption = text('NAME', 'wasm', 'kernels: js, wasm, gpu (WebGPU), gpu:headlessgl or gpu:webgl');
export const helpOption = flag('print these options and exit');

export const trainOptionSpec: OptionSpec = {
  dataset: text('NAME', 'mnist', datasetNames.join(', ')),
  'learning-rate': real(0.01, 'learning rate at the start'),
  'min-lr': real(0.00001, 'learning rate reached at --saturate-epoch (linear and cosine schedules), and the floor of every schedule'),
  'saturate-epoch': int(800, 'epoch at which the learning rate reaches --min-lr'),
  momentum: real(0.9, 'momentum (sgd)'),
  'max-out-norm': real(-1, 'max L2 norm of each weight row (≤ 0: off)'),
  'cutoff-norm': real(-1, 'max joint L2 norm of the gradients (≤ 0: off)'),
  'batch-size': int(20, 'examples per mini-batch'),
  'max-epoch': int(2000, 'epochs to train at most'),
  'max-tries': int(100, 'epochs without a better validation error before stopping'),
  optim: text('NAME', 'sgd', 'optimizer: sgd or adam'),
  'lr-patience': int(0, 'plateau schedule: epochs without a better validation error before halving the learning rate (0: off)'),
  'lr-schedule': text('NAME', 'linear (sgd), plateau (adam)', 'learning-rate schedule: linear, cosine (both to --min-lr at --saturate-epoch), step:E1,E2,… or plateau'),
  'lr-step-factor': real(0.1, 'step schedule: factor applied to the learning rate after each listed epoch'),
  baseline: text('NAME', 'constant', 'REINFORCE baseline: constant (one learned scalar) or per-step (b_t = β + w·h_{t−1}, one per glimpse)'),
  curriculum: text('D:E', 'none', 'train the first E epochs on dataset D (same image size), then on --dataset'),
  transfer: text('NAME', d.transfer, 'activation: ReLU, Tanh or Sigmoid'),
  uniform: real(d.uniform, 'initialise parameters U(-x, x) (≤ 0: the modules\' defaults)'),
  'reward-scale': real(d.rewardScale, 'scale of the REINFORCE reward'),
  'unit-pixels': real('13 (28-px images), 26 (60-px), 44 (100-px)', 'half-width in pixels of the location range [-1, 1]'),
  'locator-std': real(d.locatorStd, 'stdev of the sampled locations'),
  'locator-std-final': real('none (constant)', 'anneal --locator-std linearly to X, reached after --locator-std-epochs epochs'),
  'locator-std-epochs': int('none', 'epochs of the --locator-std annealing'),
  stochastic: flag('sample locations at evaluation too'),
  'detach-locator': flag('stop the locator\'s gradient at its input'),
  'glimpse-hidden-size': int(d.glimpseHiddenSize, 'size of the glimpse network\'s hidden layer'),
  'glimpse-patch-size': int(d.glimpseSize, 'width of the smallest glimpse patch, in pixels'),
  'glimpse-scale': real(d.glimpseScale, 'scale between successive patches of a glimpse'),
  'glimpse-depth': int(d.glimpseDepth, 'patches per glimpse'),
  'locator-hidden-size': int(d.locatorHiddenSize, 'size of the location sensor\'s hidden layer'),
  'image-hidden-size': int(d.imageHiddenSize, 'size of the glimpse representation'),
  rho: int(d.nGlimpses, 'glimpses per image'),
  'hidden-size': int(d.hiddenSize, 'size of the recurrent state'),
  backend: backendOption,
  threads: int(1, 'data-parallel worker threads (1..64)'),
  seed: int(1, 'random seed'),
  'train-limit': int('all', 'train on the first N training examples'),
  'eval-limit': int('all', 'evaluate on the first N validation and test examples'),
  'no-valid': flag('train on all training examples, with no validation split'),
  checkpoint: text('FILE', undefined, 'write the best model to FILE (and the last one to FILE.last.safetensors beside it)'),
  resume: flag('continue from --checkpoint\'s .last file'),
  json: flag('one JSON line per epoch'),
  quiet: flag('no progress lines'),
  help: helpOption,
};

export const evalOptionSpec: OptionSpec = {
  checkpoint: text('FILE', undefined, 'the model to evaluate (required)'),
  dataset: text('NAME', "the checkpoint's, else mnist", datasetNames.join(', ')),
  stochastic: flag('sample the locations (else the deterministic glimpses)'),
  samples: int(1, 'with --stochastic: samples averaged per image'),
  confusion: flag('print the confusion matrix'),
  'eval-limit': int('all', 'evaluate the first N test examples'),
  'batch-size': int(20, 'examples per batch'),
  backend: backendOption,
  seed: int(1, 'random seed'),
  json: flag('one JSON line'),
  help: helpOption,
};

export const glimpsesOptionSpec: OptionSpec = {
  checkpoint: text('FILE', undefined, 'the model whose glimpses to draw (required)'),
  dataset: text('NAME', "the checkpoint's, else mnist", datasetNames.join(', ')),
  count: int(5, 'test digits to draw'),
  first: int(0, 'index of the first test digit'),
  out: text('DIR', 'out', 'directory of the PNG pictures'),
  help: helpOption,
};

export type Values = Record<string, string | boolean | undefined>;

/** True when argv asks for help (`--help` or `-h` anywhere). */
export function helpRequested(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** `usage`, then one line per option: `--name ARG   what it does (default: D)`. */
export function optionsHelp(usage: string, spec: OptionSpec): string {
  const names = Object.entries(spec).map(([k, o]) => [`--${k}${o.arg ? ` ${o.arg}` : ''}`, o] as const);
  const width = Math.max(...names.map(([n]) => n.length)) + 2;
  const lines = names.map(([n, o]) => `  ${n.padEnd(width)}${o.help}${o.default === undefined ? '' : ` (default: ${o.default})`}`);
  return `${usage}\n\noptions:\n${lines.join('\n')}`;
}

export function parseOptions(command: string, spec: OptionSpec, argv: string[]): Values {
  const options = Object.fromEntries(Object.entries(spec).map(([k, o]) => [k, { type: o.type }]));
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    throw new nn.ArgumentError(`${command}: ${(e as Error).message.split('\n')[0]} (try dpnn ${command} --help)`);
  }
}

/** A number option: `kind` int (≥ min) or real (≥ min, or > min when `exclusive`). */
export function num(v: Values, name: string, fallback: number, kind: 'int' | 'real' = 'real', min = -Infinity, exclusive = false): number {
  const raw = v[name];
  if (raw === undefined) return fallback;
  const x = Number(raw);
  const ok = typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(x) && (kind === 'real' || Number.isInteger(x)) && (exclusive ? x > min : x >= min);
  if (!ok) throw new nn.ArgumentError(`--${name}: expected ${kind === 'int' ? 'an integer' : 'a number'} ${exclusive ? '>' : '≥'} ${min}, got '${String(raw)}'`);
  return x;
}

/** An option's numeric default as declared in `spec`. */
export function specDefault(spec: OptionSpec, name: string): number {
  const x = spec[name]?.default;
  if (typeof x !== 'number') throw new nn.ArgumentError(`--${name}: no numeric default declared`);
  return x;
}

const imageSizes: Record<string, number> = { mnist: 28, 'mnist-small': 28, 'translated-mnist': 60, 'cluttered-mnist-60': 60, 'cluttered-mnist-100': 100, 'translated-mnist-100': 100 };

/** The recipe's options (docs/ram.md, Recipes) of TrainOptions. */
function recipeFrom(v: Values, n: (name: string, kind?: 'int' | 'real', min?: number, exclusive?: boolean) => number, optim: 'sgd' | 'adam', locatorStd: number, imageSize: number) {
  const lrSchedule = parseLrSchedule((v['lr-schedule'] as string | undefined) ?? (optim === 'sgd' ? 'linear' : 'plateau'));
  const final = v['locator-std-final'], epochs = v['locator-std-epochs'];
  if ((final === undefined) !== (epochs === undefined)) throw new nn.ArgumentError('--locator-std-final and --locator-std-epochs: give both (the final value and the epochs to reach it) or neither');
  const locatorStdSchedule: LocatorStdSchedule | null = final === undefined ? null
    : { start: locatorStd, final: num(v, 'locator-std-final', 0, 'real', 0, true), epochs: num(v, 'locator-std-epochs', 0, 'int', 1) };
  const baseline = (v.baseline as string | undefined) ?? 'constant';
  if (baseline !== 'constant' && baseline !== 'per-step') throw new nn.ArgumentError(`--baseline: expected constant or per-step, got '${baseline}'`);
  const curriculum = v.curriculum === undefined ? null : parseCurriculum(v.curriculum as string, datasetNames);
  if (curriculum && imageSizes[curriculum.dataset] !== imageSize) throw new nn.ArgumentError(`--curriculum: ${curriculum.dataset} has ${imageSizes[curriculum.dataset]}-pixel images, --dataset ${imageSize}-pixel ones`);
  return { lrSchedule, lrStepFactor: n('lr-step-factor', 'real', 0, true), locatorStdSchedule, curriculum, baseline: baseline as 'constant' | 'per-step' };
}

export function trainOptionsFrom(v: Values): TrainOptions {
  const dataset = (v.dataset as string | undefined) ?? 'mnist';
  if (!(datasetNames as readonly string[]).includes(dataset)) throw new nn.ArgumentError(`--dataset: expected one of ${datasetNames.join(', ')}, got '${dataset}'`);
  const imageSize = imageSizes[dataset]!;
  const transfer = (v.transfer as string | undefined) ?? d.transfer;
  if (!['ReLU', 'Tanh', 'Sigmoid'].includes(transfer)) throw new nn.ArgumentError(`--transfer: expected ReLU, Tanh or Sigmoid, got '${transfer}'`);
  const optim = (v.optim as string | undefined) ?? 'sgd';
  if (optim !== 'sgd' && optim !== 'adam') throw new nn.ArgumentError(`--optim: expected sgd or adam, got '${optim}'`);
  const n = (name: string, kind: 'int' | 'real' = 'real', min = -Infinity, exclusive = false) => num(v, name, specDefault(trainOptionSpec, name), kind, min, exclusive);
  const { baseline, ...recipe } = recipeFrom(v, n, optim, n('locator-std', 'real', 0, true), imageSize);
  const config: RamConfig = {
    glimpseSize: n('glimpse-patch-size', 'int', 1),
    glimpseDepth: n('glimpse-depth', 'int', 1),
    glimpseScale: n('glimpse-scale', 'real', 1),
    unitPixels: num(v, 'unit-pixels', imageSize === 28 ? 13 : imageSize === 60 ? 26 : 44, 'real', 0, true),
    nGlimpses: n('rho', 'int', 1),
    glimpseHiddenSize: n('glimpse-hidden-size', 'int', 1),
    locatorHiddenSize: n('locator-hidden-size', 'int', 1),
    imageHiddenSize: n('image-hidden-size', 'int', 1),
    hiddenSize: n('hidden-size', 'int', 1),
    nClasses: 10, imageSize, channels: 1,
    locatorStd: n('locator-std', 'real', 0, true),
    stochastic: Boolean(v.stochastic),
    rewardScale: n('reward-scale'),
    uniform: n('uniform'),
    detachLocator: Boolean(v['detach-locator']),
    transfer: transfer as RamConfig['transfer'],
    ...(baseline === 'per-step' ? { baseline } : {}),
  };
  if (config.glimpseSize > imageSize) throw new nn.ArgumentError(`--glimpse-patch-size: a ${config.glimpseSize}-pixel glimpse is larger than the ${imageSize}×${imageSize} images of ${dataset}`);
  const threads = n('threads', 'int', 1);
  if (threads > 64) throw new nn.ArgumentError(`--threads: expected at most 64, got ${threads}`);
  if (v.resume && !v.checkpoint) throw new nn.ArgumentError('--resume: needs --checkpoint (the file whose .last checkpoint to continue)');
  return {
    config, dataset,
    learningRate: n('learning-rate', 'real', 0, true),
    minLR: n('min-lr', 'real', 0),
    saturateEpoch: n('saturate-epoch', 'int', 1),
    momentum: n('momentum', 'real', 0),
    maxOutNorm: n('max-out-norm'),
    cutoffNorm: n('cutoff-norm'),
    batchSize: n('batch-size', 'int', 1),
    maxEpoch: n('max-epoch', 'int', 1),
    maxTries: n('max-tries', 'int', 1),
    optim, lrPatience: n('lr-patience', 'int', 0),
    seed: n('seed', 'int', 0),
    trainLimit: v['train-limit'] === undefined ? undefined : num(v, 'train-limit', 0, 'int', 1),
    evalLimit: v['eval-limit'] === undefined ? undefined : num(v, 'eval-limit', 0, 'int', 1),
    noValid: Boolean(v['no-valid']),
    threads,
    checkpoint: v.checkpoint as string | undefined,
    resume: Boolean(v.resume),
    quiet: Boolean(v.quiet),
    ...recipe,
  };
}
