/**
 * A RAM training run's state: fresh, or read back from the last checkpoint (parameters, optimizer
 * moments, generator, counters and the recipe's schedules), and written to it after each epoch.
 */
import * as nn from '../index.js';
import { momentumOf, setMomentum } from '../lib/paramTools.js';
import { type Ram, type RamConfig, buildRam } from './model.js';
import { loadRam, saveRam } from './checkpoint.js';
import type { EpochReport, TrainOptions } from './train.js';
import type { LocatorStdSchedule } from './recipe.js';

export interface TrainingState {
  epoch: number;
  rng: number[];
  bestError: number;
  bestEpoch: number;
  adamT: number;
  lr: number;
  plateauBest: number;
  plateauBad: number;
  wallSeconds: number;
  /** Generator states of the data-parallel workers. */
  workerRngs?: number[][];
  /** σ annealing (absent in older checkpoints: none). */
  locatorStdSchedule?: LocatorStdSchedule | null;
}

export function lastPath(checkpoint: string): string {
  return checkpoint.replace(/(\.safetensors)?$/, '.last.safetensors');
}

const modelKeys: Array<keyof RamConfig> = ['glimpseSize', 'glimpseDepth', 'glimpseScale', 'unitPixels', 'nGlimpses', 'glimpseHiddenSize',
  'locatorHiddenSize', 'imageHiddenSize', 'hiddenSize', 'imageSize', 'channels', 'nClasses', 'transfer', 'detachLocator', 'baseline'];

/** Throws when a checkpoint's model differs from the one asked for. */
export function checkSameModel(saved: RamConfig, asked: RamConfig, path: string): void {
  for (const k of modelKeys) {
    const [a, b] = k === 'baseline' ? [saved[k] ?? 'constant', asked[k] ?? 'constant'] : [saved[k], asked[k]]; // older checkpoints: constant
    if (a !== b) throw new nn.ArgumentError(`checkpoint ${path} holds a model with ${k} = ${a}, but ${b} was asked for`);
  }
}

export interface Run {
  ram: Ram;
  state: TrainingState;
  adam: nn.Adam;
}

/** A fresh run, or the one saved in the last checkpoint (parameters, optimizer state, generator). */
export function startRun(o: TrainOptions): Run {
  const adam = new nn.Adam({ lr: o.learningRate });
  if (!o.resume) {
    nn.manualSeed(o.seed);
    const state: TrainingState = {
      epoch: 0, rng: [], bestError: Infinity, bestEpoch: 0, adamT: 0, lr: o.learningRate, plateauBest: Infinity, plateauBad: 0, wallSeconds: 0,
      locatorStdSchedule: o.locatorStdSchedule ?? null,
    };
    return { ram: buildRam(o.config), state, adam };
  }
  if (!o.checkpoint) throw new nn.ArgumentError('--resume needs --checkpoint');
  const path = lastPath(o.checkpoint);
  const loaded = loadRam(path);
  checkSameModel(loaded.ram.config, o.config, path);
  const ram = loaded.ram;
  ram.config.stochastic = o.config.stochastic;
  const raw = loaded.metadata.trainingState;
  if (!raw) throw new nn.ArgumentError(`checkpoint ${path} has no training state to resume from`);
  const state = JSON.parse(raw) as TrainingState;
  state.locatorStdSchedule = o.locatorStdSchedule ?? state.locatorStdSchedule ?? null; // the command line's, else the checkpoint's
  const [params, grads] = ram.agent.parameters();
  adam.t = state.adamT;
  adam.lr = state.lr;
  if (state.adamT > 0) {
    adam.m = params.map((_, i) => loaded.extra.get(`optim.m.${i}`)!.clone());
    adam.v = params.map((_, i) => loaded.extra.get(`optim.v.${i}`)!.clone());
  }
  grads.forEach((g, i) => {
    const mom = loaded.extra.get(`optim.momentum.${i}`);
    if (mom) setMomentum(g, mom);
  });
  nn.setRNGState(state.rng);
  return { ram, state, adam };
}

/** The best model when it improved, and always the last one with everything needed to resume. */
export function saveRun(o: TrainOptions & { checkpoint: string }, run: Run, report: EpochReport): void {
  const { ram, state, adam } = run;
  const facts = { dataset: o.dataset, epoch: String(report.epoch), validError: String(report.validError ?? ''), testError: String(report.testError) };
  if (report.best) saveRam(o.checkpoint, ram, facts);
  const extra = new Map<string, nn.Tensor>();
  ram.agent.parameters()[1].forEach((g, i) => {
    const m = momentumOf(g);
    if (m) extra.set(`optim.momentum.${i}`, m);
  });
  adam.m.forEach((m, i) => extra.set(`optim.m.${i}`, m));
  adam.v.forEach((v, i) => extra.set(`optim.v.${i}`, v));
  saveRam(lastPath(o.checkpoint), ram, { ...facts, trainingState: JSON.stringify(state) }, extra);
}
