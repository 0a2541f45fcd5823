/**
 * Training of the RAM as the Lua script does it: per mini-batch,
 * forward, criterion, backward, [gradParamClip], damped momentum + SGD with linear learning-rate decay
 * (or Adam), [maxParamNorm], zeroGradParameters. Validation and test error after every epoch, early
 * stopping on the validation error, the best and the last model checkpointed atomically each epoch,
 * and `resume` continuing the same random stream so that a resumed run equals an uninterrupted one.
 */
import * as nn from '../index.js';
import { momentumOf, setMomentum } from '../lib/paramTools.js';
import { type Ram, type RamConfig, buildRam } from './model.js';
import { type ImageSource, type Splits, fillBatch, loadDataset } from './data.js';
import { evaluateRam } from './evaluate.js';
import { loadRam, saveRam } from './checkpoint.js';
import { Progress } from '../lib/progress.js';
import { forwardBackward, forwardBackwardGpu } from './step.js';
import { DataParallel } from './parallel.js';

export interface TrainOptions {
  config: RamConfig;
  dataset: string;
  learningRate: number;
  minLR: number;
  saturateEpoch: number;
  momentum: number;
  maxOutNorm: number;
  cutoffNorm: number;
  batchSize: number;
  maxEpoch: number;
  maxTries: number;
  optim: 'sgd' | 'adam';
  /** Adam only: halve the learning rate after this many epochs without a better validation error (0: constant). */
  lrPatience: number;
  seed: number;
  trainLimit?: number;
  /** Evaluate on at most this many validation and test examples. */
  evalLimit?: number;
  noValid: boolean;
  /** Training threads (data-parallel over worker_threads when > 1). */
  threads: number;
  /** Path of the best model; the last one goes to `<name>.last.safetensors` beside it. */
  checkpoint?: string;
  resume: boolean;
  quiet: boolean;
}

export interface EpochReport {
  epoch: number;
  examples: number;
  seconds: number;
  examplesPerSecond: number;
  trainError: number;
  validError: number | null;
  testError: number;
  loss: number;
  learningRate: number;
  best: boolean;
}

interface TrainingState {
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
}

export function lastPath(checkpoint: string): string {
  return checkpoint.replace(/(\.safetensors)?$/, '.last.safetensors');
}

const modelKeys: Array<keyof RamConfig> = ['glimpseSize', 'glimpseDepth', 'glimpseScale', 'unitPixels', 'nGlimpses', 'glimpseHiddenSize',
  'locatorHiddenSize', 'imageHiddenSize', 'hiddenSize', 'imageSize', 'channels', 'nClasses', 'transfer', 'detachLocator'];

/** Throws when a checkpoint's model differs from the one asked for. */
export function checkSameModel(saved: RamConfig, asked: RamConfig, path: string): void {
  for (const k of modelKeys) {
    if (saved[k] !== asked[k]) throw new nn.ArgumentError(`checkpoint ${path} holds a model with ${k} = ${saved[k]}, but ${asked[k]} was asked for`);
  }
}

interface Run {
  ram: Ram;
  state: TrainingState;
  adam: nn.Adam;
}

/** A fresh run, or the one saved in the last checkpoint (parameters, optimizer state, generator). */
function startRun(o: TrainOptions): Run {
  const adam = new nn.Adam({ lr: o.learningRate });
  if (!o.resume) {
    nn.manualSeed(o.seed);
    const state: TrainingState = { epoch: 0, rng: [], bestError: Infinity, bestEpoch: 0, adamT: 0, lr: o.learningRate, plateauBest: Infinity, plateauBad: 0, wallSeconds: 0 };
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
function saveRun(o: TrainOptions & { checkpoint: string }, run: Run, report: EpochReport): void {
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

/** One pass over the training set in shuffled mini-batches; returns [wrong, summed batch losses, batches]. */
async function trainEpoch(o: TrainOptions, run: Run, src: ImageSource, lr: number, dp: DataParallel | null, bar: Progress, gpu: nn.GpuBackend | null): Promise<[number, number, number]> {
  const { ram: { agent }, adam } = run;
  const [params, grads] = agent.parameters();
  const B = o.batchSize;
  const x = nn.Tensor.zeros([B, src.channels, src.height, src.width]), y = nn.Tensor.zeros([B]);
  const order = nn.rng.shuffle(Uint32Array.from({ length: src.count }, (_, i) => i));
  let wrong = 0, lossSum = 0, batches = 0;
  for (let i = 0; i < src.count; i += B) {
    const n = Math.min(B, src.count - i);
    let r;
    if (dp) {
      r = dp.step(src, order, i, n, B);
    } else {
      fillBatch(src, order, i, n, x, y);
      r = gpu ? await forwardBackwardGpu(gpu, run.ram, x, y) : forwardBackward(run.ram, x, y);
    }
    lossSum += r.loss;
    wrong += r.wrong;
    batches++;
    if (o.cutoffNorm > 0) {
      await gpu?.sync(grads); // the norm is a host reduction
      agent.gradParamClip(o.cutoffNorm);
    }
    if (o.optim === 'sgd') {
      agent.updateGradParameters(o.momentum);
      agent.updateParameters(lr);
    } else {
      adam.lr = lr;
      adam.step(params, grads);
    }
    if (o.maxOutNorm > 0) {
      await gpu?.sync(params); // renorm runs on the host
      agent.maxParamNorm(o.maxOutNorm);
    }
    agent.zeroGradParameters();
    dp?.publish();
    if (batches % 25 === 0) bar.update(i + n, `err ${((100 * wrong) / (i + n)).toFixed(1)}%`);
  }
  bar.update(src.count, `err ${((100 * wrong) / src.count).toFixed(1)}%`);
  bar.done();
  return [wrong, lossSum, batches];
}

/** Adam with --lr-patience: halve the rate after that many epochs without a better validation error. */
function plateau(o: TrainOptions, state: TrainingState, validError: number | null): void {
  if (o.optim !== 'adam' || o.lrPatience <= 0 || validError === null) return;
  if (validError < state.plateauBest) {
    state.plateauBest = validError;
    state.plateauBad = 0;
  } else if (++state.plateauBad > o.lrPatience) {
    state.lr = Math.max(o.minLR, state.lr * 0.5);
    state.plateauBad = 0;
  }
}

/**
 * Trains a RAM epoch by epoch (evaluation, checkpoints, --resume). On the gpu backend pass it as
 * `gpu`: steps then run as forwardBackwardGpu, and tensors are read back before each checkpoint.
 */
export async function trainRam(o: TrainOptions, onEpoch: (r: EpochReport) => void = () => {}, gpu: nn.GpuBackend | null = null): Promise<{ ram: Ram; reports: EpochReport[]; data: Splits }> {
  const data = loadDataset(o.dataset, { noValid: o.noValid, trainLimit: o.trainLimit, seed: o.seed });
  const src = data.train;
  if (src.height !== o.config.imageSize || src.channels !== o.config.channels) {
    throw new nn.ArgumentError(`dataset ${o.dataset} has ${src.channels}×${src.height}×${src.width} images, the model expects imageSize ${o.config.imageSize} and ${o.config.channels} channel(s)`);
  }
  const schedule = nn.linearDecay(o.learningRate, o.minLR, o.saturateEpoch);
  const run = startRun(o);
  const { ram, state } = run;
  const reports: EpochReport[] = [];
  ram.agent.zeroGradParameters();
  if (gpu && o.threads > 1) throw new nn.ArgumentError(`ram train: --threads ${o.threads} trains on CPU worker threads; with the gpu backend use --threads 1`);
  const dp = o.threads > 1
    ? new DataParallel(ram, o.threads, src, { dataset: o.dataset, datasetOptions: { noValid: o.noValid, trainLimit: o.trainLimit, seed: o.seed }, backend: nn.backend().name, seed: o.seed, batchSize: o.batchSize })
    : null;
  try {
    if (dp && state.workerRngs) dp.setRngStates(state.workerRngs);
    for (let epoch = state.epoch + 1; epoch <= o.maxEpoch; epoch++) {
      if (state.bestEpoch > 0 && epoch - state.bestEpoch > o.maxTries) break;
      const lr = o.optim === 'sgd' ? schedule(epoch) : state.lr;
      ram.agent.training();
      const t0 = Date.now();
      const [wrong, lossSum, batches] = await trainEpoch(o, run, src, lr, dp, new Progress(`epoch ${epoch}`, src.count, process.stderr, o.quiet), gpu);
      const seconds = (Date.now() - t0) / 1000;
      const validError = data.valid ? (await evaluateRam(ram, data.valid, { limit: o.evalLimit }, gpu)).error : null;
      const testError = (await evaluateRam(ram, data.test, { limit: o.evalLimit }, gpu)).error;
      const watched = validError ?? -epoch; // without validation, the last model counts as the best
      const best = watched < state.bestError;
      if (best) {
        state.bestError = watched;
        state.bestEpoch = epoch;
      }
      plateau(o, state, validError);
      state.epoch = epoch;
      state.adamT = run.adam.t;
      state.rng = nn.getRNGState();
      if (dp) state.workerRngs = dp.rngStates();
      state.wallSeconds += (Date.now() - t0) / 1000;
      const report: EpochReport = {
        epoch, examples: src.count, seconds, examplesPerSecond: src.count / seconds,
        trainError: (100 * wrong) / src.count, validError, testError, loss: lossSum / batches, learningRate: lr, best,
      };
      reports.push(report);
      if (o.checkpoint) {
        const [ps, gs] = ram.agent.parameters();
        await gpu?.sync(ps, run.adam.m, run.adam.v, gs.map(momentumOf).filter((m): m is nn.Tensor => m !== undefined && m !== null));
        saveRun({ ...o, checkpoint: o.checkpoint }, run, report);
      }
      onEpoch(report);
    }
  } finally {
    dp?.close();
  }
  return { ram, reports, data };
}
