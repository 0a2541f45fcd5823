/** The .t7 entries of the 'criterions' group's classes (merged into T7_CLASSES by nnClasses.ts). */
import { Criterion } from '../../lib/Criterion.js';
import { Tensor } from '../../lib/Tensor.js';
import { Storage } from '../../lib/Storage.js';
import { bool, crit, def, list, mod, num, tensor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { AbsCriterion } from '../../criterions/AbsCriterion.js';
import { BCECriterion } from '../../criterions/BCECriterion.js';
import { ClassSimplexCriterion } from '../../criterions/ClassSimplexCriterion.js';
import { CosineEmbeddingCriterion } from '../../criterions/CosineEmbeddingCriterion.js';
import { DistKLDivCriterion } from '../../criterions/DistKLDivCriterion.js';
import { DistanceRatioCriterion } from '../../criterions/DistanceRatioCriterion.js';
import { HingeEmbeddingCriterion } from '../../criterions/HingeEmbeddingCriterion.js';
import { L1Cost } from '../../criterions/L1Cost.js';
import { L1HingeEmbeddingCriterion } from '../../criterions/L1HingeEmbeddingCriterion.js';
import { MarginCriterion } from '../../criterions/MarginCriterion.js';
import { MarginRankingCriterion } from '../../criterions/MarginRankingCriterion.js';
import { MultiCriterion } from '../../criterions/MultiCriterion.js';
import { MultiLabelMarginCriterion } from '../../criterions/MultiLabelMarginCriterion.js';
import { MultiLabelSoftMarginCriterion } from '../../criterions/MultiLabelSoftMarginCriterion.js';
import { MultiMarginCriterion } from '../../criterions/MultiMarginCriterion.js';
import { SmoothL1Criterion } from '../../criterions/SmoothL1Criterion.js';
import { SoftMarginCriterion } from '../../criterions/SoftMarginCriterion.js';
import { WeightedMSECriterion } from '../../criterions/WeightedMSECriterion.js';
import { SpatialClassNLLCriterion } from '../../criterions/SpatialClassNLLCriterion.js';
import { SpatialAutoCropMSECriterion } from '../../criterions/SpatialAutoCropMSECriterion.js';
import { BinaryClassReward } from '../../criterions/BinaryClassReward.js';
import { BinaryLogisticRegression } from '../../criterions/BinaryLogisticRegression.js';
import { SpatialBinaryLogisticRegression } from '../../criterions/SpatialBinaryLogisticRegression.js';
import type { AbstractSequencerCriterion } from '../../criterions/AbstractSequencerCriterion.js';
import { SequencerCriterion } from '../../criterions/SequencerCriterion.js';
import { RepeaterCriterion } from '../../criterions/RepeaterCriterion.js';
import { MaskZeroCriterion } from '../../criterions/MaskZeroCriterion.js';

const avg = (f: T7Fields) => bool(f, 'sizeAverage', true);
const optTensor = (f: T7Fields, name: string) => (f.get(name) instanceof Tensor ? tensor(f, name) : null);
/** Sets Torch's sizeAverage field (for classes whose constructor does not take it). */
const withAvg = <C extends { sizeAverage: boolean }>(c: C, f: T7Fields): C => {
  c.sizeAverage = avg(f);
  return c;
};
/** A Lua list or DoubleStorage of numbers. */
const numbers = (v: unknown): number[] => (v instanceof Storage ? Array.from(v.data) : Array.isArray(v) ? v.map(Number) : []);
/** The decorated criterion of rnn's sequence criteria: `criterion` (Element-Research/rnn) or `clones[1]` (torch/rnn). */
const stepCriterion = (f: T7Fields): Criterion => (f.get('criterion') !== undefined ? crit(f, 'criterion') : list(f, 'clones', Criterion, 'a criterion')[0] ?? crit(f, 'criterion'));

/** The step clones after the first (torch/rnn's `clones`), which carry their zero masks. */
const withClones = <C extends AbstractSequencerCriterion>(c: C, f: T7Fields): C => {
  if (f.get('clones') !== undefined) c.clones.push(...list(f, 'clones', Criterion, 'a criterion').slice(1));
  return c;
};
/** Torch's zeroMask field: a tensor, false, or nothing. */
const zeroMask = (f: T7Fields): Tensor | false | undefined => {
  const v = f.get('zeroMask');
  return v === false ? false : v instanceof Tensor ? v : undefined;
};

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.AbsCriterion', cls: AbsCriterion, read: (f) => new AbsCriterion(avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.BCECriterion', cls: BCECriterion, read: (f) => new BCECriterion(optTensor(f, 'weights'), avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage, weights: m.weights }) }),
  def({ torch: 'nn.ClassSimplexCriterion', cls: ClassSimplexCriterion, read: (f) => new ClassSimplexCriterion(num(f, 'nClasses'), avg(f)),
    write: (m) => ({ nClasses: m.nClasses, simplex: m.simplex, _target: Tensor.empty(m.simplex.dtype), sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.CosineEmbeddingCriterion', cls: CosineEmbeddingCriterion, read: (f) => withAvg(new CosineEmbeddingCriterion(num(f, 'margin', 0)), f),
    write: (m) => ({ margin: m.margin, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.DistKLDivCriterion', cls: DistKLDivCriterion, read: (f) => withAvg(new DistKLDivCriterion(), f), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.DistanceRatioCriterion', cls: DistanceRatioCriterion, read: (f) => new DistanceRatioCriterion(avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.HingeEmbeddingCriterion', cls: HingeEmbeddingCriterion, read: (f) => withAvg(new HingeEmbeddingCriterion(num(f, 'margin', 1)), f),
    write: (m) => ({ margin: m.margin, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.L1Cost', cls: L1Cost, read: () => new L1Cost() }),
  def({ torch: 'nn.L1HingeEmbeddingCriterion', cls: L1HingeEmbeddingCriterion, read: (f) => new L1HingeEmbeddingCriterion(num(f, 'margin', 1)), write: (m) => ({ margin: m.margin }) }),
  def({ torch: 'nn.MarginCriterion', cls: MarginCriterion, read: (f) => withAvg(new MarginCriterion(num(f, 'margin', 1)), f), write: (m) => ({ margin: m.margin, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.MarginRankingCriterion', cls: MarginRankingCriterion, read: (f) => withAvg(new MarginRankingCriterion(num(f, 'margin', 1)), f),
    write: (m) => ({ margin: m.margin, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.MultiCriterion', cls: MultiCriterion,
    read: (f) => {
      const c = new MultiCriterion(), ws = numbers(f.get('weights'));
      list(f, 'criterions', Criterion, 'a criterion').forEach((x, i) => c.add(x, ws[i] ?? 1));
      return c;
    },
    write: (m) => ({ criterions: m.criterions, weights: new Storage(Float64Array.from(m.weights), 'float64') }) }),
  def({ torch: 'nn.MultiLabelMarginCriterion', cls: MultiLabelMarginCriterion, read: (f) => withAvg(new MultiLabelMarginCriterion(), f),
    write: (m) => ({ sizeAverage: m.sizeAverage, isTarget: m.isTarget }) }),
  def({ torch: 'nn.MultiLabelSoftMarginCriterion', cls: MultiLabelSoftMarginCriterion, read: (f) => new MultiLabelSoftMarginCriterion(optTensor(f, 'weights'), avg(f)),
    write: (m) => ({ sizeAverage: m.sizeAverage, weights: m.weights, sigmoid: m.sigmoid }) }),
  def({ torch: 'nn.MultiMarginCriterion', cls: MultiMarginCriterion, read: (f) => withAvg(new MultiMarginCriterion(num(f, 'p', 1), optTensor(f, 'weights'), num(f, 'margin', 1)), f),
    write: (m) => ({ p: m.p, margin: m.margin, sizeAverage: m.sizeAverage, weights: m.weights }) }),
  def({ torch: 'nn.SmoothL1Criterion', cls: SmoothL1Criterion, read: (f) => new SmoothL1Criterion(avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.SoftMarginCriterion', cls: SoftMarginCriterion, read: (f) => withAvg(new SoftMarginCriterion(), f), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.WeightedMSECriterion', cls: WeightedMSECriterion, read: (f) => new WeightedMSECriterion(tensor(f, 'weight'), avg(f)),
    write: (m) => ({ weight: m.weight, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.SpatialClassNLLCriterion', cls: SpatialClassNLLCriterion, oneBased: ['ignoreIndex'],
    read: (f) => new SpatialClassNLLCriterion(optTensor(f, 'weights'), avg(f), num(f, 'ignoreIndex', -100)),
    write: (m) => ({
      sizeAverage: m.sizeAverage, ignoreIndex: m.ignoreIndex, weights: m.weights,
      output_tensor: Tensor.zeros([1], 'float64'), total_weight_tensor: Tensor.from([1], [1], 'float64'), target: Tensor.zeros([1], 'long'),
    }) }),
  def({ torch: 'nn.SpatialAutoCropMSECriterion', cls: SpatialAutoCropMSECriterion, read: (f) => new SpatialAutoCropMSECriterion(avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.BinaryClassReward', cls: BinaryClassReward, read: (f) => withAvg(new BinaryClassReward(mod(f, 'module'), num(f, 'scale', 1), crit(f, 'criterion')), f),
    write: (m) => ({ module: m.module, scale: m.scale, criterion: m.criterion, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.BinaryLogisticRegression', cls: BinaryLogisticRegression, read: (f) => new BinaryLogisticRegression(avg(f)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.SpatialBinaryLogisticRegression', cls: SpatialBinaryLogisticRegression, read: (f) => withAvg(new SpatialBinaryLogisticRegression(), f),
    write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.SequencerCriterion', cls: SequencerCriterion, read: (f) => withClones(new SequencerCriterion(stepCriterion(f), bool(f, 'sizeAverage', false)), f),
    write: (m) => ({ criterion: m.criterion, clones: m.clones, sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.RepeaterCriterion', cls: RepeaterCriterion, read: (f) => withClones(new RepeaterCriterion(stepCriterion(f), bool(f, 'sizeAverage', false)), f),
    write: (m) => ({ criterion: m.criterion, clones: m.clones, sizeAverage: m.sizeAverage }) }),
  // Element-Research/rnn's files have nInputDim and no v2: they mask by zero input rows (v1)
  def({ torch: 'nn.MaskZeroCriterion', cls: MaskZeroCriterion, read: (f) => {
      const c = new MaskZeroCriterion(crit(f, 'criterion'), !bool(f, 'v2', f.get('nInputDim') === undefined));
      c.zeroMask = zeroMask(f);
      return c;
    },
    write: (m) => ({ criterion: m.criterion, v2: m.v2, zeroMask: m.zeroMask }) }),
];
