/** The gradient-check and Torch-test-kind cases of the 'parametric' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

const ids = (v: number[]) => nn.Tensor.from(v, [v.length], 'long');
/** Fixed targets (float64 node ids: finite differences leave them on their integers). */
const targets = (v: number[]) => nn.Tensor.from(v, [v.length], 'float64');
const tree = () => new Map([[0, ids([1, 2, 3])], [1, ids([4, 5])], [2, ids([6, 7])]]);
const deepTree = () => new Map([[5, ids([0, 1])], [1, ids([2, 6])], [6, ids([3, 4])]]);
const forest = (gaterSize: number[]) => new nn.SoftMaxForest(3, [new Map([[0, ids([1, 2])], [1, ids([3, 4])]]), new Map([[0, ids([2, 5])], [5, ids([1, 3, 4])]])], [0, 0], gaterSize);
/** A rotation of the colour space and its spectrum. */
const pca = (std: number) => new nn.PCAColorTransform(3, nn.Tensor.from([0.6, 0.8, 0, -0.8, 0.6, 0, 0, 0, 1], [3, 3]), nn.Tensor.from([0.5, 0.2, 0.1]), std);

export const moduleCases: ModuleCase[] = [
  { name: 'Bilinear', label: 'batch', build: () => new nn.Bilinear(3, 2, 4), input: () => [rand([3, 3]), rand([3, 2])] },
  { name: 'Bilinear', label: 'batch, no bias', build: () => new nn.Bilinear(2, 3, 2, false), input: () => [rand([2, 2]), rand([2, 3])] },
  { name: 'Cosine', label: 'batch', build: () => new nn.Cosine(4, 3), input: () => rand([3, 4]) },
  { name: 'Cosine', label: 'non-batch', build: () => new nn.Cosine(4, 3), input: () => rand([4]) },
  { name: 'Euclidean', label: 'batch', build: () => new nn.Euclidean(4, 3), input: () => rand([3, 4], -2, 2) },
  { name: 'Euclidean', label: 'non-batch', build: () => new nn.Euclidean(4, 3), input: () => rand([4], -2, 2) },
  { name: 'WeightedEuclidean', label: 'batch', build: () => new nn.WeightedEuclidean(4, 3), input: () => rand([3, 4], -2, 2) },
  { name: 'WeightedEuclidean', label: 'non-batch', build: () => new nn.WeightedEuclidean(3, 2), input: () => rand([3], -2, 2) },
  { name: 'LinearWeightNorm', label: 'batch', build: () => new nn.LinearWeightNorm(4, 3), input: () => rand([3, 4]) },
  { name: 'LinearWeightNorm', label: 'non-batch, no bias', build: () => new nn.LinearWeightNorm(3, 2, false), input: () => rand([3]) },
  { name: 'Maxout', label: 'batch', build: () => new nn.Maxout(3, 2, 3), input: () => rand([2, 3]) },
  { name: 'Maxout', label: 'non-batch, preprocess', build: () => new nn.Maxout(3, 2, 2, new nn.Tanh()), input: () => rand([3]) },
  { name: 'PartialLinear', label: 'batch, partition', build: () => new nn.PartialLinear(3, 4).setPartition(nn.Tensor.from([2, 0], [2], 'long')), input: () => rand([2, 3]) },
  { name: 'PartialLinear', label: 'batch, all columns', build: () => new nn.PartialLinear(3, 2), input: () => rand([3, 3]) },
  { name: 'Decorator', label: 'batch', build: () => new nn.Decorator(new nn.Linear(3, 2)), input: () => rand([2, 3]) },
  { name: 'Decorator', label: 'non-batch', build: () => new nn.Decorator(new nn.Linear(3, 2)), input: () => rand([3]) },
  { name: 'Bottle', label: 'T × B × n through Linear', build: () => new nn.Bottle(new nn.Linear(3, 2)), input: () => rand([2, 2, 3]) },
  { name: 'Bottle', label: 'no folding needed', build: () => new nn.Bottle(new nn.Linear(3, 2)), input: () => rand([2, 3]) },
  {
    name: 'DepthConcat', label: 'batch, padded centred', input: () => rand([2, 3]),
    build: () => new nn.DepthConcat(1).add(new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.View(2, 2).setNumInputDims(1)))
      .add(new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.View(1, 2).setNumInputDims(1))),
  },
  { name: 'DepthConcat', label: 'vectors joined along 0', build: () => new nn.DepthConcat(0).add(new nn.Linear(3, 2)).add(new nn.Tanh()), input: () => rand([3]) },
  { name: 'DontCast', label: 'castin, float64 module', build: () => new nn.DontCast(new nn.Linear(3, 2).double(), true), input: () => rand([2, 3]) },
  { name: 'DontCast', label: 'no cast, non-batch', build: () => new nn.DontCast(new nn.Linear(3, 2).double()), input: () => rand([3]) },
  { name: 'GPU', label: 'pass-through', build: () => new nn.GPU(new nn.Linear(3, 2), 1), input: () => rand([2, 3]) },
  { name: 'NaN', label: 'batch', build: () => new nn.NaN(new nn.Linear(3, 2)), input: () => rand([2, 3]) },
  { name: 'Parallel', label: 'slices along 0, join along 0', build: () => new nn.Parallel(0, 0).add(new nn.Linear(3, 2)).add(new nn.Tanh()), input: () => rand([2, 3]) },
  { name: 'Parallel', label: 'slices along 1, join along 1', build: () => new nn.Parallel(1, 1).add(new nn.Linear(2, 2)).add(new nn.Linear(2, 1)), input: () => rand([3, 2, 2]) },
  { name: 'Profile', label: 'batch', build: () => new nn.Profile(new nn.Linear(3, 2), 1000), input: () => rand([2, 3]) },
  { name: 'WeightNorm', label: 'Linear, batch', build: () => new nn.WeightNorm(new nn.Linear(3, 2)), input: () => rand([2, 3]) },
  { name: 'WeightNorm', label: 'Bilinear, outputDim 1', build: () => new nn.WeightNorm(new nn.Bilinear(2, 2, 2), 1), input: () => [rand([2, 2]), rand([2, 2])] },
  { name: 'SoftMaxTree', label: 'batch, fixed targets, leaves and an inner node', build: () => new nn.SoftMaxTree(3, tree()), input: () => [rand([4, 3]), targets([4, 7, 3, 2])] },
  { name: 'SoftMaxTree', label: 'batch, root 5, three levels', build: () => new nn.SoftMaxTree(2, deepTree(), 5), input: () => [rand([3, 2]), targets([3, 0, 2])] },
  { name: 'SoftMaxForest', label: 'batch, two trees, linear gater', build: () => forest([]), input: () => [rand([3, 3]), targets([3, 2, 4])] },
  { name: 'SoftMaxForest', label: 'batch, gater with a hidden layer', build: () => forest([2]), input: () => [rand([2, 3]), targets([1, 4])] },
  { name: 'PCAColorTransform', label: 'batch, training (seeded noise)', build: () => pca(0.5), input: () => rand([2, 3, 2, 2]), opts: { seed: 3 } },
  { name: 'PCAColorTransform', label: 'non-batch, training (seeded noise)', build: () => pca(0.5), input: () => rand([3, 2, 2]), opts: { seed: 3 } },
  { name: 'SimpleColorTransform', label: 'batch, training (seeded noise)', build: () => new nn.SimpleColorTransform(3, nn.Tensor.from([0.1, 0.2, 0.3])), input: () => rand([2, 3, 2, 2]), opts: { seed: 4 } },
  { name: 'SimpleColorTransform', label: 'non-batch, training (seeded noise)', build: () => new nn.SimpleColorTransform(2, nn.Tensor.from([0.5, 0.05])), input: () => rand([2, 3, 2]), opts: { seed: 4 } },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  SparseLinear: "gradInput is Torch's dense (index, value) table, not a derivative in the sparse input; checked against Linear in test/modules/parametric.test.ts",
  IndexLinear: "gradInput is Torch's dense form (or empty), not a derivative in the keys/values; checked against Linear in test/modules/parametric.test.ts",
  Kmeans: 'not differentiable (nearest-centroid indices; its own update rule): value tests in test/modules/parametric.test.ts',
};
