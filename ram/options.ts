/**
 * The RAM command line's options: the Lua script's names in kebab-case (reference/dpnn-spec §7.1)
 * plus the training tools', parsed strictly (an unknown option or an out-of-range value is an
 * ArgumentError with a one-line message) into TrainOptions.
 */
import { parseArgs } from 'node:util';
import * as nn from '../index.js';
import { type RamConfig, defaultRamConfig } from './model.js';
import { datasetNames } from './data.js';
import type { TrainOptions } from './train.js';

export const trainOptionSpec = {
  'learning-rate': { type: 'string' }, 'min-lr': { type: 'string' }, 'saturate-epoch': { type: 'string' },
  momentum: { type: 'string' }, 'max-out-norm': { type: 'string' }, 'cutoff-norm': { type: 'string' },
  'batch-size': { type: 'string' }, 'max-epoch': { type: 'string' }, 'max-tries': { type: 'string' },
  transfer: { type: 'string' }, uniform: { type: 'string' }, 'reward-scale': { type: 'string' },
  'unit-pixels': { type: 'string' }, 'locator-std': { type: 'string' }, stochastic: { type: 'boolean' },
  'glimpse-hidden-size': { type: 'string' }, 'glimpse-patch-size': { type: 'string' }, 'glimpse-scale': { type: 'string' },
  'glimpse-depth': { type: 'string' }, 'locator-hidden-size': { type: 'string' }, 'image-hidden-size': { type: 'string' },
  rho: { type: 'string' }, 'hidden-size': { type: 'string' }, dataset: { type: 'string' },
  optim: { type: 'string' }, backend: { type: 'string' }, threads: { type: 'string' }, seed: { type: 'string' },
  'train-limit': { type: 'string' }, 'eval-limit': { type: 'string' }, 'no-valid': { type: 'boolean' },
  checkpoint: { type: 'string' }, resume: { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean' },
  'detach-locator': { type: 'boolean' }, 'lr-patience': { type: 'string' }, help: { type: 'boolean' },
} as const;

type Values = Record<string, string | boolean | undefined>;

export function parseOptions<T extends Record<string, { type: 'string' | 'boolean' }>>(command: string, spec: T, argv: string[]): Values {
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    throw new nn.ArgumentError(`${command}: ${(e as Error).message.split('\n')[0]}`);
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

const imageSizes: Record<string, number> = { mnist: 28, 'mnist-small': 28, 'translated-mnist': 60, 'cluttered-mnist-60': 60, 'cluttered-mnist-100': 100 };

export function trainOptionsFrom(v: Values): TrainOptions {
  const dataset = (v.dataset as string | undefined) ?? 'mnist';
  if (!(datasetNames as readonly string[]).includes(dataset)) throw new nn.ArgumentError(`--dataset: expected one of ${datasetNames.join(', ')}, got '${dataset}'`);
  const imageSize = imageSizes[dataset]!;
  const transfer = (v.transfer as string | undefined) ?? 'ReLU';
  if (!['ReLU', 'Tanh', 'Sigmoid'].includes(transfer)) throw new nn.ArgumentError(`--transfer: expected ReLU, Tanh or Sigmoid, got '${transfer}'`);
  const optim = (v.optim as string | undefined) ?? 'sgd';
  if (optim !== 'sgd' && optim !== 'adam') throw new nn.ArgumentError(`--optim: expected sgd or adam, got '${optim}'`);
  const d = defaultRamConfig;
  const config: RamConfig = {
    glimpseSize: num(v, 'glimpse-patch-size', d.glimpseSize, 'int', 1),
    glimpseDepth: num(v, 'glimpse-depth', d.glimpseDepth, 'int', 1),
    glimpseScale: num(v, 'glimpse-scale', d.glimpseScale, 'real', 1),
    unitPixels: num(v, 'unit-pixels', imageSize === 28 ? 13 : imageSize === 60 ? 26 : 44, 'real', 0, true),
    nGlimpses: num(v, 'rho', d.nGlimpses, 'int', 1),
    glimpseHiddenSize: num(v, 'glimpse-hidden-size', d.glimpseHiddenSize, 'int', 1),
    locatorHiddenSize: num(v, 'locator-hidden-size', d.locatorHiddenSize, 'int', 1),
    imageHiddenSize: num(v, 'image-hidden-size', d.imageHiddenSize, 'int', 1),
    hiddenSize: num(v, 'hidden-size', d.hiddenSize, 'int', 1),
    nClasses: 10, imageSize, channels: 1,
    locatorStd: num(v, 'locator-std', d.locatorStd, 'real', 0, true),
    stochastic: Boolean(v.stochastic),
    rewardScale: num(v, 'reward-scale', d.rewardScale),
    uniform: num(v, 'uniform', d.uniform),
    detachLocator: Boolean(v['detach-locator']),
    transfer: transfer as RamConfig['transfer'],
  };
  if (config.glimpseSize > imageSize) throw new nn.ArgumentError(`--glimpse-patch-size: a ${config.glimpseSize}-pixel glimpse is larger than the ${imageSize}×${imageSize} images of ${dataset}`);
  const threads = num(v, 'threads', 1, 'int', 1);
  if (threads > 64) throw new nn.ArgumentError(`--threads: expected at most 64, got ${threads}`);
  if (v.resume && !v.checkpoint) throw new nn.ArgumentError('--resume: needs --checkpoint (the file whose .last checkpoint to continue)');
  return {
    config, dataset,
    learningRate: num(v, 'learning-rate', 0.01, 'real', 0, true),
    minLR: num(v, 'min-lr', 0.00001, 'real', 0),
    saturateEpoch: num(v, 'saturate-epoch', 800, 'int', 1),
    momentum: num(v, 'momentum', 0.9, 'real', 0),
    maxOutNorm: num(v, 'max-out-norm', -1),
    cutoffNorm: num(v, 'cutoff-norm', -1),
    batchSize: num(v, 'batch-size', 20, 'int', 1),
    maxEpoch: num(v, 'max-epoch', 2000, 'int', 1),
    maxTries: num(v, 'max-tries', 100, 'int', 1),
    optim, lrPatience: num(v, 'lr-patience', 0, 'int', 0),
    seed: num(v, 'seed', 1, 'int', 0),
    trainLimit: v['train-limit'] === undefined ? undefined : num(v, 'train-limit', 0, 'int', 1),
    evalLimit: v['eval-limit'] === undefined ? undefined : num(v, 'eval-limit', 0, 'int', 1),
    noValid: Boolean(v['no-valid']),
    threads,
    checkpoint: v.checkpoint as string | undefined,
    resume: Boolean(v.resume),
    quiet: Boolean(v.quiet),
  };
}
