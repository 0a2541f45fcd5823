/**
 * nn.Inception(config): dpnn's inception block, a Decorator of DepthConcat over the planes of
 * n + 2 columns: for each kernelSize[i], 1×1 conv (inputSize → reduceSize[i], stride
 * reduceStride[i]) → transfer → k×k conv (→ outputSize[i], stride kernelStride[i], padding ⌊k/2⌋
 * when `padding`); then pool → 1×1 conv (→ reduceSize[n]) → transfer (the conv only when
 * reduceSize[n] is given); then 1×1 conv (→ reduceSize[n + 1]) → transfer when given. With
 * batchNorm, a SpatialBatchNormalization follows every convolution. Columns of unequal sizes are
 * zero-padded, centred, by DepthConcat. Input (B, inputSize, H, W) → (B, Σ planes, H', W'); a
 * (inputSize, H, W) image runs as a batch of one.
 * config: inputSize, outputSize[], reduceSize[] (n + 2 entries) required; reduceStride = [1, …],
 * transfer = ReLU() (cloned per use), batchNorm = false, padding = true, kernelSize = [5, 3],
 * kernelStride = [1, 1], poolSize = 3, poolStride = 1, pool = SpatialMaxPooling(poolSize, poolSize,
 * poolStride, poolStride). Ref: dpnn Inception.lua; Szegedy et al., Going Deeper with Convolutions, 2014.
 */
import { Module } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';
import { AbstractImageBlock } from './AbstractImageBlock.js';
import { Sequential } from './Sequential.js';
import { DepthConcat } from './DepthConcat.js';
import { SpatialConvolution } from './SpatialConvolution.js';
import { SpatialBatchNormalization } from './SpatialBatchNormalization.js';
import { SpatialMaxPooling } from './SpatialMaxPooling.js';
import { ReLU } from './ReLU.js';

export interface InceptionConfig {
  inputSize: number;
  outputSize: readonly number[];
  reduceSize: readonly number[];
  reduceStride?: readonly number[];
  transfer?: Module;
  batchNorm?: boolean;
  padding?: boolean;
  kernelSize?: readonly number[];
  kernelStride?: readonly number[];
  poolSize?: number;
  poolStride?: number;
  pool?: Module;
}

const positive = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

export class Inception extends AbstractImageBlock {
  readonly inputSize: number;
  readonly outputSize: readonly number[];
  readonly reduceSize: readonly number[];
  readonly reduceStride: readonly number[];
  readonly transfer: Module;
  readonly batchNorm: boolean;
  readonly padding: boolean;
  readonly kernelSize: readonly number[];
  readonly kernelStride: readonly number[];
  readonly poolSize: number;
  readonly poolStride: number;
  readonly pool: Module;

  constructor(config: InceptionConfig) {
    const where = `${new.target.name}.constructor`;
    const kernelSize = config.kernelSize ?? [5, 3], { inputSize, outputSize, reduceSize } = config;
    if (!positive(inputSize)) throw new ArgumentError(`${where}: expected a positive integer config.inputSize, got ${String(inputSize)}`);
    if (!Array.isArray(outputSize) || outputSize.length !== kernelSize.length || !outputSize.every(positive)) {
      throw new ArgumentError(`${where}: expected config.outputSize of ${kernelSize.length} positive integers (one per kernelSize), got ${JSON.stringify(outputSize)}`);
    }
    if (!Array.isArray(reduceSize) || reduceSize.length < kernelSize.length || !reduceSize.every(positive)) {
      throw new ArgumentError(`${where}: expected config.reduceSize of at least ${kernelSize.length} positive integers (n + 2 in the paper's block), got ${JSON.stringify(reduceSize)}`);
    }
    const poolSize = config.poolSize ?? 3, poolStride = config.poolStride ?? 1;
    const cfg = {
      reduceStride: config.reduceStride ?? [], transfer: config.transfer ?? new ReLU(), batchNorm: config.batchNorm ?? false,
      padding: config.padding ?? true, kernelStride: config.kernelStride ?? kernelSize.map(() => 1),
      pool: config.pool ?? new SpatialMaxPooling(poolSize, poolSize, poolStride, poolStride),
    };
    const concat = new DepthConcat(1);
    const reduce = (i: number, mlp: Sequential) => {
      mlp.add(new SpatialConvolution(inputSize, reduceSize[i]!, 1, 1, cfg.reduceStride[i] ?? 1, cfg.reduceStride[i] ?? 1));
      if (cfg.batchNorm) mlp.add(new SpatialBatchNormalization(reduceSize[i]!));
      return mlp.add(cfg.transfer.clone());
    };
    kernelSize.forEach((k, i) => {
      const mlp = reduce(i, new Sequential()), stride = cfg.kernelStride[i] ?? 1;
      mlp.add(new SpatialConvolution(reduceSize[i]!, outputSize[i]!, k, k, stride, stride, cfg.padding ? Math.floor(k / 2) : 0));
      if (cfg.batchNorm) mlp.add(new SpatialBatchNormalization(outputSize[i]!));
      concat.add(mlp.add(cfg.transfer.clone()));
    });
    const n = kernelSize.length, poolColumn = new Sequential().add(cfg.pool);
    concat.add(reduceSize[n] !== undefined ? reduce(n, poolColumn) : poolColumn);
    if (reduceSize[n + 1] !== undefined) concat.add(reduce(n + 1, new Sequential()));
    super(concat);
    this.inputSize = inputSize;
    this.outputSize = [...outputSize];
    this.reduceSize = [...reduceSize];
    this.kernelSize = [...kernelSize];
    this.poolSize = poolSize;
    this.poolStride = poolStride;
    this.reduceStride = [...cfg.reduceStride];
    this.transfer = cfg.transfer;
    this.batchNorm = cfg.batchNorm;
    this.padding = cfg.padding;
    this.kernelStride = [...cfg.kernelStride];
    this.pool = cfg.pool;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.inputSize} -> kernels ${this.kernelSize.join(',')}, outputs ${this.outputSize.join(',')}, reduce ${this.reduceSize.join(',')}) @ ${this.module.toString()}`;
  }
}
