/**
 * Training of the RAM as the Lua script does it: per mini-batch,
 * forward, criterion, backward, [gradParamClip], damped momentum + SGD with linear learning-rate decay
 * (or Adam), [maxParamNorm], zeroGradParameters. Validation and test error after every epoch, early
 * stopping on the validation error, the best and the last model checkpointed atomically each epoch,
 * and `resume` continuing the same random stream so that a resumed run equals an uninterrupted one.
 * The recipe's options (ram/recipe.ts: learning-rate schedules, σ annealing, curriculum) set each
 * epoch's rate, σ and training set; without them the run is the Lua script's.
 */
import * as nn from '../index.js';
import { momentumOf } from '../lib/paramTools.js';
import type { Ram, RamConfig } from './model.js';
import { type ImageSource, type Splits, fillBatch, loadDataset } from './data.js';
import { evaluateRam } from './evaluate.js';
import { type Run, saveRun, startRun } from './run.js';
import { type Curriculum, type LocatorStdSchedule, type LrSchedule, datasetAt, locatorStdAt, plateauStep, scheduledLR, setLocatorStd } from './recipe.js';
import { Progress } from '../lib/progress.js';
import { forwardBackward, forwardBackwardGpu } from './step.js';
import { DataParallel } from './parallel.js';

export { checkSameModel, lastPath } from './run.js';

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
  /** The learning-rate schedule (absent: linear for sgd, plateau for adam, as --lr-schedule's default). */
  lrSchedule?: LrSchedule;
  /** The step schedule's factor after each listed epoch (absent: 0.1). */
  lrStepFactor?: number;
  /** σ annealing (absent: σ stays config.locatorStd). */
  locatorStdSchedule?: LocatorStdSchedule | null;
  /** Train the first epochs on another dataset of the same image size. */
  curriculum?: Curriculum | null;
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
  /** --locator-std of the epoch, reported when it is annealed. */
  locatorStd?: number;
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

/**
 * Trains a RAM epoch by epoch (evaluation, checkpoints, --resume). On the gpu backend pass it as
 * `gpu`: steps then run as forwardBackwardGpu, and tensors are read back before each checkpoint.
 */
export async function trainRam(o: TrainOptions, onEpoch: (r: EpochReport) => void = () => {}, gpu: nn.GpuBackend | null = null): Promise<{ ram: Ram; reports: EpochReport[]; data: Splits }> {
  const datasetOptions = { noValid: o.noValid, trainLimit: o.trainLimit, seed: o.seed };
  const data = loadDataset(o.dataset, datasetOptions);
  const sources = new Map<string, ImageSource>([[o.dataset, data.train]]);
  if (o.curriculum) sources.set(o.curriculum.dataset, loadDataset(o.curriculum.dataset, datasetOptions).train);
  for (const [name, src] of sources) {
    if (src.height !== o.config.imageSize || src.channels !== o.config.channels) {
      throw new nn.ArgumentError(`dataset ${name} has ${src.channels}×${src.height}×${src.width} images, the model expects imageSize ${o.config.imageSize} and ${o.config.channels} channel(s)`);
    }
  }
  const lrSchedule = o.lrSchedule ?? { kind: o.optim === 'sgd' ? 'linear' : 'plateau' };
  const lrSettings = { learningRate: o.learningRate, minLR: o.minLR, saturateEpoch: o.saturateEpoch, lrStepFactor: o.lrStepFactor ?? 0.1 };
  const run = startRun(o);
  const { ram, state } = run;
  const reports: EpochReport[] = [];
  ram.agent.zeroGradParameters();
  if (gpu && o.threads > 1) throw new nn.ArgumentError(`ram train: --threads ${o.threads} trains on CPU worker threads; with the gpu backend use --threads 1`);
  const parallel = (dataset: string) => new DataParallel(ram, o.threads, sources.get(dataset)!, { dataset, datasetOptions, backend: nn.backend().name, seed: o.seed, batchSize: o.batchSize });
  let dp: DataParallel | null = null, dpDataset = '';
  try {
    for (let epoch = state.epoch + 1; epoch <= o.maxEpoch; epoch++) {
      if (state.bestEpoch > 0 && epoch - state.bestEpoch > o.maxTries) break;
      const dataset = datasetAt(o.dataset, o.curriculum, epoch), src = sources.get(dataset)!;
      if (o.threads > 1 && dataset !== dpDataset) { // a curriculum's next stage: workers on its dataset, their generators carried over
        const rngs = dp ? dp.rngStates() : state.workerRngs;
        dp?.close();
        dp = parallel(dataset);
        dpDataset = dataset;
        if (rngs) dp.setRngStates(rngs);
      }
      const lr = lrSchedule.kind === 'plateau' ? state.lr : scheduledLR(lrSchedule, lrSettings, epoch);
      const std = state.locatorStdSchedule ? locatorStdAt(state.locatorStdSchedule, epoch) : undefined;
      if (std !== undefined) {
        setLocatorStd(ram, std);
        dp?.setLocatorStd(std);
      }
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
      if (lrSchedule.kind === 'plateau') plateauStep(state, validError, o.lrPatience, o.minLR);
      state.epoch = epoch;
      state.adamT = run.adam.t;
      state.rng = nn.getRNGState();
      if (dp) state.workerRngs = dp.rngStates();
      state.wallSeconds += (Date.now() - t0) / 1000;
      const report: EpochReport = {
        epoch, examples: src.count, seconds, examplesPerSecond: src.count / seconds,
        trainError: (100 * wrong) / src.count, validError, testError, loss: lossSum / batches, learningRate: lr, best,
        ...(std === undefined ? {} : { locatorStd: std }),
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
