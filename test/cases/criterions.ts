/** The gradient-check and Torch-test-kind cases of the 'criterions' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { classes, rand } from '../helpers/random.js';

/** 0/1 labels of the given sizes. */
const bits = (shape: number[]): nn.Tensor => classes(shape.reduce((a, b) => a * b, 1), 2).view(shape);
/** ±1 labels of the given sizes. */
const signs = (shape: number[]): nn.Tensor => bits(shape).mul(2).add(-1);
const T = (values: number[], shape: number[]) => nn.Tensor.from(values, shape, 'float64');

export const moduleCases: ModuleCase[] = [];
export const criterionCases: CriterionCase[] = [
  { name: 'AbsCriterion', label: 'batch', build: () => new nn.AbsCriterion(), input: () => rand([3, 4]), target: () => rand([3, 4]) },
  { name: 'AbsCriterion', label: 'non-batch, sum', build: () => new nn.AbsCriterion(false), input: () => rand([5]), target: () => rand([5]) },
  { name: 'BCECriterion', label: 'batch', build: () => new nn.BCECriterion(), input: () => rand([3, 4], 0.1, 0.9), target: () => bits([3, 4]) },
  { name: 'BCECriterion', label: 'batch, weighted', build: () => new nn.BCECriterion(nn.Tensor.from([1, 2, 0.5, 1])), input: () => rand([2, 4], 0.1, 0.9), target: () => bits([2, 4]) },
  { name: 'BCECriterion', label: 'non-batch, weighted, sum', build: () => new nn.BCECriterion(nn.Tensor.from([1, 2, 0.5]), false), input: () => rand([3], 0.1, 0.9), target: () => rand([3], 0, 1) },
  { name: 'ClassSimplexCriterion', label: 'batch', build: () => new nn.ClassSimplexCriterion(4), input: () => rand([3, 4]), target: () => classes(3, 4) },
  { name: 'ClassSimplexCriterion', label: 'non-batch', build: () => new nn.ClassSimplexCriterion(3), input: () => rand([3]), target: () => 2 },
  { name: 'CosineEmbeddingCriterion', label: 'batch, margin −1', build: () => new nn.CosineEmbeddingCriterion(-1), input: () => [rand([3, 4]), rand([3, 4])], target: () => T([1, -1, -1], [3]) },
  { name: 'CosineEmbeddingCriterion', label: 'non-batch, y = 1', build: () => new nn.CosineEmbeddingCriterion(), input: () => [rand([4]), rand([4])], target: () => 1 },
  { name: 'DistKLDivCriterion', label: 'batch', build: () => new nn.DistKLDivCriterion(), input: () => rand([3, 4], -2, -0.1), target: () => rand([3, 4], 0.05, 1) },
  { name: 'DistKLDivCriterion', label: 'non-batch, a zero target', build: () => new nn.DistKLDivCriterion(), input: () => rand([4], -2, -0.1), target: () => T([0.2, 0, 0.5, 0.3], [4]) },
  { name: 'DistanceRatioCriterion', label: 'batch', build: () => new nn.DistanceRatioCriterion(), input: () => [rand([4], 0.1, 2), rand([4], 0.1, 2)], target: () => 0 },
  { name: 'DistanceRatioCriterion', label: 'batch B × 1, sum', build: () => new nn.DistanceRatioCriterion(false), input: () => [rand([3, 1], 0.1, 2), rand([3, 1], 0.1, 2)], target: () => 0 },
  { name: 'HingeEmbeddingCriterion', label: 'batch', build: () => new nn.HingeEmbeddingCriterion(), input: () => rand([3, 4], 0, 2), target: () => signs([3, 4]) },
  { name: 'HingeEmbeddingCriterion', label: 'non-batch, y = −1, margin 2', build: () => new nn.HingeEmbeddingCriterion(2), input: () => rand([4], 0, 1.5), target: () => -1,
    skip: { batchOf1: 'a number label stands for every element; batched, it would be a tensor of them all' } },
  { name: 'L1Cost', label: 'batch', build: () => new nn.L1Cost(), input: () => rand([3, 4]), target: () => 0 },
  { name: 'L1Cost', label: 'non-batch', build: () => new nn.L1Cost(), input: () => rand([5]), target: () => 0 },
  {
    name: 'L1HingeEmbeddingCriterion', label: 'y = 1 (no batch mode in Torch)', build: () => new nn.L1HingeEmbeddingCriterion(), input: () => [rand([4]), rand([4])], target: () => 1,
    skip: { batchOf1: 'Torch has no batch mode for this criterion' },
  },
  {
    name: 'L1HingeEmbeddingCriterion', label: 'y = −1, inside the margin', build: () => new nn.L1HingeEmbeddingCriterion(10), input: () => [rand([3]), rand([3])], target: () => -1,
    skip: { batchOf1: 'Torch has no batch mode for this criterion' },
  },
  { name: 'MarginCriterion', label: 'batch', build: () => new nn.MarginCriterion(), input: () => rand([3, 4]), target: () => signs([3, 4]) },
  { name: 'MarginCriterion', label: 'non-batch, margin 0.5', build: () => new nn.MarginCriterion(0.5), input: () => rand([5], -1.5, 1.5), target: () => signs([5]) },
  { name: 'MarginRankingCriterion', label: 'batch', build: () => new nn.MarginRankingCriterion(), input: () => [rand([4]), rand([4])], target: () => signs([4]) },
  {
    name: 'MarginRankingCriterion', label: 'non-batch (a number y)', build: () => new nn.MarginRankingCriterion(0.5), input: () => [rand([1]), rand([1])], target: () => -1,
    nonBatch: false, skip: { batchOf1: 'its non-batch form already takes one-element tensors' },
  },
  { name: 'MultiCriterion', label: 'batch', build: () => new nn.MultiCriterion().add(new nn.MSECriterion(), 0.5).add(new nn.AbsCriterion(), 2), input: () => rand([3, 4]), target: () => rand([3, 4]) },
  { name: 'MultiCriterion', label: 'non-batch, class targets', build: () => new nn.MultiCriterion().add(new nn.ClassNLLCriterion()).add(new nn.MultiMarginCriterion(), 0.3), input: () => rand([4]), target: () => 1 },
  { name: 'MultiLabelMarginCriterion', label: 'batch', build: () => new nn.MultiLabelMarginCriterion(), input: () => rand([2, 4]), target: () => T([0, 2, -1, 0, 3, -1, 0, 0], [2, 4]) },
  { name: 'MultiLabelMarginCriterion', label: 'non-batch', build: () => new nn.MultiLabelMarginCriterion(), input: () => rand([4]), target: () => T([1, -1, 0, 0], [4]) },
  { name: 'MultiLabelSoftMarginCriterion', label: 'batch', build: () => new nn.MultiLabelSoftMarginCriterion(), input: () => rand([3, 4], -2, 2), target: () => bits([3, 4]) },
  { name: 'MultiLabelSoftMarginCriterion', label: 'non-batch, weighted, sum', build: () => new nn.MultiLabelSoftMarginCriterion(nn.Tensor.from([1, 2, 0.5, 1]), false), input: () => rand([4], -2, 2), target: () => bits([4]) },
  { name: 'MultiMarginCriterion', label: 'batch', build: () => new nn.MultiMarginCriterion(), input: () => rand([3, 4]), target: () => classes(3, 4) },
  { name: 'MultiMarginCriterion', label: 'non-batch, p = 2, weighted, margin 0.5', build: () => new nn.MultiMarginCriterion(2, nn.Tensor.from([1, 2, 0.5, 1]), 0.5), input: () => rand([4]), target: () => 1 },
  { name: 'SmoothL1Criterion', label: 'batch', build: () => new nn.SmoothL1Criterion(), input: () => rand([3, 4], -2, 2), target: () => rand([3, 4]) },
  { name: 'SmoothL1Criterion', label: 'non-batch, sum', build: () => new nn.SmoothL1Criterion(false), input: () => rand([5], -2, 2), target: () => rand([5]) },
  { name: 'SoftMarginCriterion', label: 'batch', build: () => new nn.SoftMarginCriterion(), input: () => rand([3, 4], -2, 2), target: () => signs([3, 4]) },
  { name: 'SoftMarginCriterion', label: 'non-batch', build: () => new nn.SoftMarginCriterion(), input: () => rand([5], -2, 2), target: () => signs([5]) },
  { name: 'WeightedMSECriterion', label: 'batch, per-example weight', build: () => new nn.WeightedMSECriterion(T([0.5, 2, -1, 1.5], [4])), input: () => rand([3, 4]), target: () => rand([3, 4]) },
  { name: 'WeightedMSECriterion', label: 'non-batch', build: () => new nn.WeightedMSECriterion(T([1, 0.3, 2, -0.5], [4])), input: () => rand([4]), target: () => rand([4]) },
  { name: 'SpatialClassNLLCriterion', label: 'batch', build: () => new nn.SpatialClassNLLCriterion(), input: () => rand([2, 3, 2, 2], -3, -0.1), target: () => classes(8, 3).view(2, 2, 2) },
  { name: 'SpatialClassNLLCriterion', label: 'batch, weighted, sum', build: () => new nn.SpatialClassNLLCriterion(nn.Tensor.from([1, 2, 0.5]), false), input: () => rand([2, 3, 1, 2], -3, -0.1), target: () => classes(4, 3).view(2, 1, 2) },
  { name: 'SpatialClassNLLCriterion', label: 'non-batch, ignoreIndex', build: () => new nn.SpatialClassNLLCriterion(null, true, 1), input: () => rand([3, 2, 3], -3, -0.1), target: () => T([0, 1, 2, 2, 1, 0], [2, 3]) },
  { name: 'SpatialAutoCropMSECriterion', label: 'batch', build: () => new nn.SpatialAutoCropMSECriterion(), input: () => rand([2, 2, 2, 2]), target: () => rand([2, 2, 4, 3]) },
  { name: 'SpatialAutoCropMSECriterion', label: 'non-batch, sum', build: () => new nn.SpatialAutoCropMSECriterion(false), input: () => rand([1, 2, 3]), target: () => rand([1, 4, 5]) },
  { name: 'BinaryLogisticRegression', label: 'batch', build: () => new nn.BinaryLogisticRegression(), input: () => rand([4], -2, 2), target: () => signs([4]) },
  { name: 'BinaryLogisticRegression', label: 'batch B × 1, sum', build: () => new nn.BinaryLogisticRegression(false), input: () => rand([3, 1], -2, 2), target: () => signs([3, 1]) },
  { name: 'SpatialBinaryLogisticRegression', label: 'batch', build: () => new nn.SpatialBinaryLogisticRegression(), input: () => rand([2, 1, 2, 3], -2, 2), target: () => signs([2, 1, 2, 3]) },
  { name: 'SpatialBinaryLogisticRegression', label: 'non-batch', build: () => new nn.SpatialBinaryLogisticRegression(), input: () => rand([1, 3, 3], -2, 2), target: () => signs([1, 3, 3]) },
  {
    name: 'SequencerCriterion', label: 'table of 3 batch steps', build: () => new nn.SequencerCriterion(new nn.ClassNLLCriterion()),
    input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])], target: () => [classes(2, 3), classes(2, 3), classes(2, 3)],
  },
  { name: 'SequencerCriterion', label: 'seqlen × B × K tensor, sizeAverage', build: () => new nn.SequencerCriterion(new nn.MSECriterion(), true), input: () => rand([3, 2, 3]), target: () => rand([3, 2, 3]) },
  { name: 'SequencerCriterion', label: 'seqlen × K tensor of non-batch steps', build: () => new nn.SequencerCriterion(new nn.ClassNLLCriterion()), input: () => rand([3, 4]), target: () => classes(3, 4) },
  {
    name: 'SequencerCriterion', label: 'steps of MaskZeroCriterion with a seqlen × B mask', input: () => rand([3, 3, 4]), target: () => classes(9, 4).view(3, 3),
    build: () => new nn.SequencerCriterion(new nn.MaskZeroCriterion(new nn.ClassNLLCriterion())).setZeroMask(T([0, 1, 0, 0, 0, 0, 1, 1, 1], [3, 3])),
  },
  { name: 'RepeaterCriterion', label: 'table of 3 batch steps', build: () => new nn.RepeaterCriterion(new nn.ClassNLLCriterion()), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])], target: () => classes(2, 3) },
  { name: 'RepeaterCriterion', label: 'seqlen × K tensor, sizeAverage', build: () => new nn.RepeaterCriterion(new nn.MSECriterion(), true), input: () => rand([3, 4]), target: () => rand([4]) },
  { name: 'MaskZeroCriterion', label: 'batch, zeroMask', build: () => new nn.MaskZeroCriterion(new nn.MSECriterion()).setZeroMask(T([0, 1, 0], [3])), input: () => rand([3, 4]), target: () => rand([3, 4]) },
  { name: 'MaskZeroCriterion', label: 'batch, zeroMask false', build: () => new nn.MaskZeroCriterion(new nn.ClassNLLCriterion()).setZeroMask(false), input: () => rand([3, 4]), target: () => classes(3, 4) },
];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  AbstractSequencerCriterion: 'abstract base class (SequencerCriterion and RepeaterCriterion are checked)',
  BinaryClassReward: 'its gradInput is by design not the derivative of its loss (REINFORCE); worked example in test/modules/criterions.test.ts',
};
