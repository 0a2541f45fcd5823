/** The gradient-check and Torch-test-kind cases of the 'shape' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
/** x ↦ [x, c]: a fixed second entry (an index or a mask) beside the checked input, so finite differences never move it. */
const withConstant = (c: nn.Tensor, nInputDim: number, m: nn.Module) =>
  new nn.Sequential().add(new nn.ConcatTable().add(new nn.Identity()).add(new nn.Constant(c, nInputDim))).add(m);
/** A row-distinct input: the maxima and minima stay well apart from the runners-up. */
const spread = (shape: number[]) => {
  const x = rand(shape, 0, 0.2), d = x.data;
  for (let i = 0; i < x.numel(); i++) d[i] = d[i]! + ((i * 7) % x.numel());
  return x;
};

export const moduleCases: ModuleCase[] = [
  { name: 'MapTable', label: 'shared Linear over 3 entries', build: () => new nn.MapTable(new nn.Linear(3, 2)), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'MapTable', label: 'non-batch, not shared, Sequential', build: () => new nn.MapTable(new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.Tanh()), false), input: () => [rand([2]), rand([2])],
    skip: { sharedClones: 'not shared: the clones the first forward makes hold parameters of their own', updateParameters: 'not shared: the parameter list grows with the table at the first forward' } },
  { name: 'Contiguous', label: 'batch (transposed view)', build: () => new nn.Contiguous(), input: () => rand([3, 2]).t(), skip: { nonContiguous: 'the input is already a non-contiguous view' } },
  { name: 'Contiguous', label: 'non-batch', build: () => new nn.Contiguous(), input: () => rand([4]) },
  { name: 'Copy', label: 'batch', build: () => new nn.Copy('torch.DoubleTensor', 'torch.DoubleTensor', true), input: () => rand([2, 3]) },
  { name: 'Copy', label: 'non-batch, float -> double', build: () => new nn.Copy('torch.FloatTensor', 'torch.DoubleTensor'), input: () => rand([3]) },
  { name: 'Index', label: 'rows, repeated index', build: () => withConstant(T([2, 0, 2]), 2, new nn.Index(0)), input: () => rand([3, 2]) },
  { name: 'Index', label: '1-D input', build: () => withConstant(T([1, 3]), 1, new nn.Index(0)), input: () => rand([4]) },
  { name: 'MaskedSelect', label: 'batch', build: () => withConstant(T([1, 0, 1, 1, 0, 1], [2, 3]), 2, new nn.MaskedSelect()), input: () => rand([2, 3]) },
  { name: 'MaskedSelect', label: 'non-batch', build: () => withConstant(T([0, 1, 1, 0]), 1, new nn.MaskedSelect()), input: () => rand([4]) },
  { name: 'Max', label: 'batch (nInputDims)', build: () => new nn.Max(0, 1), input: () => spread([3, 4]) },
  { name: 'Max', label: 'non-batch', build: () => new nn.Max(0, 1), input: () => spread([4]) },
  { name: 'Max', label: 'negative dimension, 3-D', build: () => new nn.Max(-2), input: () => spread([2, 3, 2]) },
  { name: 'Min', label: 'batch (nInputDims)', build: () => new nn.Min(0, 1), input: () => spread([3, 4]) },
  { name: 'Min', label: 'non-batch', build: () => new nn.Min(0, 1), input: () => spread([4]) },
  { name: 'Sum', label: 'batch (nInputDims)', build: () => new nn.Sum(0, 1), input: () => rand([3, 4]) },
  { name: 'Sum', label: 'non-batch', build: () => new nn.Sum(0, 1), input: () => rand([4]) },
  { name: 'Sum', label: 'sizeAverage, no squeeze', build: () => new nn.Sum(1, undefined, true, false), input: () => rand([2, 3, 2]) },
  { name: 'Mean', label: 'batch (nInputDims)', build: () => new nn.Mean(0, 1), input: () => rand([3, 4]) },
  { name: 'Mean', label: 'non-batch', build: () => new nn.Mean(0, 1), input: () => rand([4]) },
  { name: 'Narrow', label: 'batch', build: () => new nn.Narrow(1, 1, 2), input: () => rand([2, 4]) },
  { name: 'Narrow', label: 'non-batch, negative dimension and length', build: () => new nn.Narrow(-1, 1, -2), input: () => rand([5]) },
  { name: 'Select', label: 'batch', build: () => new nn.Select(1, -1), input: () => rand([2, 3]) },
  { name: 'Select', label: 'non-batch', build: () => new nn.Select(-1, 1), input: () => rand([2, 3]), nonBatch: true },
  { name: 'Squeeze', label: 'batch (numInputDims)', build: () => new nn.Squeeze(0, 2), input: () => rand([3, 1, 2]) },
  { name: 'Squeeze', label: 'non-batch, all', build: () => new nn.Squeeze(), input: () => rand([1, 3, 1]) },
  { name: 'Unsqueeze', label: 'batch (numInputDims)', build: () => new nn.Unsqueeze(1, 1), input: () => rand([2, 3]) },
  { name: 'Unsqueeze', label: 'non-batch', build: () => new nn.Unsqueeze(1, 1), input: () => rand([3]) },
  { name: 'Transpose', label: 'batch (setNumInputDims)', build: () => new nn.Transpose([0, 1]).setNumInputDims(2), input: () => rand([2, 3, 2]) },
  { name: 'Transpose', label: 'non-batch, two swaps', build: () => new nn.Transpose([0, 2], [0, 1]).setNumInputDims(3), input: () => rand([2, 3, 2]), nonBatch: true },
  { name: 'Replicate', label: 'batch (ndim)', build: () => new nn.Replicate(3, 0, 1), input: () => rand([2, 2]) },
  { name: 'Replicate', label: 'non-batch', build: () => new nn.Replicate(3, 0, 1), input: () => rand([2]) },
  { name: 'Padding', label: 'batch (nInputDim), in front', build: () => new nn.Padding(0, -2, 1, 0.5), input: () => rand([2, 3]) },
  { name: 'Padding', label: 'non-batch, inside from the end', build: () => new nn.Padding(0, 2, 1, -1, 1), input: () => rand([3]) },
  { name: 'PixelShuffle', label: 'batch', build: () => new nn.PixelShuffle(2), input: () => rand([2, 4, 2, 1]) },
  { name: 'PixelShuffle', label: 'non-batch', build: () => new nn.PixelShuffle(2), input: () => rand([8, 1, 2]) },
  { name: 'PrintSize', label: 'tensor', build: () => new nn.PrintSize('case'), input: () => rand([2]) },
  { name: 'Normalize', label: 'batch, p = 2', build: () => new nn.Normalize(2), input: () => rand([2, 3]) },
  { name: 'Normalize', label: 'non-batch, p = 1.5', build: () => new nn.Normalize(1.5), input: () => rand([3], 0.2, 1) },
  { name: 'Normalize', label: 'batch, p = 3', build: () => new nn.Normalize(3), input: () => rand([2, 3], 0.2, 1) },
  { name: 'Normalize', label: 'batch, p = Infinity', build: () => new nn.Normalize(Infinity), input: () => spread([2, 3]) },
  { name: 'CAddTensorTable', label: 'batch', build: () => new nn.CAddTensorTable(), input: () => [rand([2, 3]), [rand([2, 3]), rand([2, 3])]] },
  { name: 'CAddTensorTable', label: 'non-batch', build: () => new nn.CAddTensorTable(), input: () => [rand([3]), [rand([3])]] },
  { name: 'CDivTable', label: 'batch', build: () => new nn.CDivTable(), input: () => [rand([2, 3]), rand([2, 3], 0.5, 1.5)] },
  { name: 'CDivTable', label: 'non-batch', build: () => new nn.CDivTable(), input: () => [rand([3]), rand([3], 0.5, 1.5)] },
  { name: 'CMaxTable', label: 'batch', build: () => new nn.CMaxTable(), input: () => [spread([2, 3]), rand([2, 3], 0, 6), spread([2, 3]).mul(0.9)] },
  { name: 'CMaxTable', label: 'non-batch', build: () => new nn.CMaxTable(), input: () => [spread([3]), spread([3]).mul(-1).add(3)] },
  { name: 'CMinTable', label: 'batch', build: () => new nn.CMinTable(), input: () => [spread([2, 3]), rand([2, 3], 0, 6), spread([2, 3]).mul(0.9)] },
  { name: 'CMinTable', label: 'non-batch', build: () => new nn.CMinTable(), input: () => [spread([3]), spread([3]).mul(-1).add(3)] },
  { name: 'CMulTable', label: 'batch', build: () => new nn.CMulTable(), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'CMulTable', label: 'non-batch', build: () => new nn.CMulTable(), input: () => [rand([3]), rand([3])] },
  { name: 'CSubTable', label: 'batch', build: () => new nn.CSubTable(), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'CSubTable', label: 'non-batch', build: () => new nn.CSubTable(), input: () => [rand([3]), rand([3])] },
  { name: 'CosineDistance', label: 'batch', build: () => new nn.CosineDistance(), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'CosineDistance', label: 'non-batch', build: () => new nn.CosineDistance(), input: () => [rand([3]), rand([3])] },
  { name: 'DotProduct', label: 'batch', build: () => new nn.DotProduct(), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'DotProduct', label: 'non-batch', build: () => new nn.DotProduct(), input: () => [rand([3]), rand([3])] },
  { name: 'FlattenTable', label: 'nested', build: () => new nn.FlattenTable(), input: () => [rand([2]), [rand([3]), [rand([1, 2])]], rand([2])] },
  { name: 'MM', label: 'batch (bmm)', build: () => new nn.MM(), input: () => [rand([2, 2, 3]), rand([2, 3, 2])] },
  { name: 'MM', label: 'non-batch', build: () => new nn.MM(), input: () => [rand([2, 3]), rand([3, 2])] },
  { name: 'MM', label: 'transA', build: () => new nn.MM(true), input: () => [rand([3, 2]), rand([3, 2])], nonBatch: true },
  { name: 'MM', label: 'batch, transB', build: () => new nn.MM(false, true), input: () => [rand([2, 2, 3]), rand([2, 2, 3])] },
  { name: 'MM', label: 'transA and transB', build: () => new nn.MM(true, true), input: () => [rand([3, 2]), rand([2, 3])], nonBatch: true },
  { name: 'MV', label: 'batch', build: () => new nn.MV(), input: () => [rand([2, 2, 3]), rand([2, 3])] },
  { name: 'MV', label: 'non-batch', build: () => new nn.MV(), input: () => [rand([2, 3]), rand([3])] },
  { name: 'MV', label: 'batch, trans', build: () => new nn.MV(true), input: () => [rand([2, 3, 2]), rand([2, 3])] },
  { name: 'MixtureTable', label: 'batch, table of experts', build: () => new nn.MixtureTable(), input: () => [rand([2, 3]), [rand([2, 2]), rand([2, 2]), rand([2, 2])]] },
  { name: 'MixtureTable', label: 'non-batch, table of experts', build: () => new nn.MixtureTable(), input: () => [rand([2]), [rand([3]), rand([3])]] },
  { name: 'MixtureTable', label: 'batch, experts tensor', build: () => new nn.MixtureTable(), input: () => [rand([2, 3]), rand([2, 3, 2])] },
  { name: 'MixtureTable', label: 'non-batch, experts tensor', build: () => new nn.MixtureTable(), input: () => [rand([3]), rand([3, 2])] },
  { name: 'NarrowTable', label: 'middle', build: () => new nn.NarrowTable(1, 2), input: () => [rand([2]), rand([2, 2]), [rand([3])], rand([2])] },
  { name: 'PairwiseDistance', label: 'batch, p = 2', build: () => new nn.PairwiseDistance(), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'PairwiseDistance', label: 'non-batch, p = 3', build: () => new nn.PairwiseDistance(3), input: () => [rand([3]), rand([3])] },
  { name: 'PairwiseDistance', label: 'batch, p = 1', build: () => new nn.PairwiseDistance(1), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'SplitTable', label: 'batch (nInputDims)', build: () => new nn.SplitTable(0, 1), input: () => rand([2, 3]) },
  { name: 'SplitTable', label: 'non-batch', build: () => new nn.SplitTable(0, 1), input: () => rand([3]) },
  { name: 'ZipTable', label: 'three pairs', build: () => new nn.ZipTable(), input: () => [[rand([2]), rand([2])], [rand([2]), rand([3])], [rand([3]), rand([2])]] },
  { name: 'ZipTableOneToMany', label: 'one to three', build: () => new nn.ZipTableOneToMany(), input: () => [rand([2]), [rand([2]), rand([3]), rand([2, 2])]] },
  {
    name: 'CriterionTable', label: 'MSECriterion, fixed target',
    build: () => withConstant(T([0.5, -0.5, 1]), 1, new nn.CriterionTable(new nn.MSECriterion())), input: () => rand([3]), nonBatch: true,
  },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  OneHot: 'its input is class indices: not differentiable (gradInput is zeros); test/modules/shape.test.ts checks its values',
};
