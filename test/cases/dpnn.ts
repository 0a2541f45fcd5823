/** The gradient-check and Torch-test-kind cases of the 'dpnn' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

const T = (values: number[]) => nn.Tensor.from(values, [values.length], 'float64');
const idx = (values: number[], shape = [values.length]) => nn.Tensor.from(values, shape, 'float64');
const tinyInception = (): nn.Inception => new nn.Inception({ inputSize: 2, outputSize: [2], reduceSize: [2, 1, 1], kernelSize: [3], transfer: new nn.Tanh() });

export const moduleCases: ModuleCase[] = [
  { name: 'SpatialFeatNormalization', label: 'batch', build: () => new nn.SpatialFeatNormalization(T([0.5, -1, 2]), T([2, 0.5, 4])), input: () => rand([2, 3, 2, 2]) },
  { name: 'SpatialFeatNormalization', label: 'non-batch, std 1', build: () => new nn.SpatialFeatNormalization(T([1, -1])), input: () => rand([2, 3, 2]) },
  { name: 'SpatialRegionDropout', label: 'batch, training (seeded region)', build: () => new nn.SpatialRegionDropout(0.3), input: () => rand([2, 2, 4, 3]), opts: { seed: 1 } },
  { name: 'SpatialRegionDropout', label: 'non-batch, training (seeded region)', build: () => new nn.SpatialRegionDropout(0.5), input: () => rand([2, 4, 4]), opts: { seed: 4 } },
  { name: 'SpatialUniformCrop', label: 'batch, training (seeded crops)', build: () => new nn.SpatialUniformCrop(2, 3), input: () => rand([2, 2, 4, 5]), opts: { seed: 2 } },
  { name: 'SpatialUniformCrop', label: 'non-batch, training (seeded crop)', build: () => new nn.SpatialUniformCrop(3), input: () => rand([2, 5, 4]), opts: { seed: 5 } },
  { name: 'SpatialUniformCrop', label: 'batch, scaled crops resampled', build: () => new nn.SpatialUniformCrop(3, 3, [0.7, 1.3]), input: () => rand([2, 1, 5, 5]), opts: { seed: 3 } },
  { name: 'SpatialUniformCrop', label: 'batch, evaluate (centre crop)', build: () => new nn.SpatialUniformCrop(2).evaluate(), input: () => rand([2, 2, 5, 4]) },
  { name: 'FireModule', label: 'batch, Tanh', build: () => new nn.FireModule(3, 2, 2, 2, 'Tanh'), input: () => rand([2, 3, 3, 3]) },
  { name: 'FireModule', label: 'non-batch, ELU', build: () => new nn.FireModule(2, 1, 2, 1, 'ELU'), input: () => rand([2, 3, 4]) },
  { name: 'Inception', label: 'batch, 3×3 column, pool and 1×1 columns', build: tinyInception, input: () => rand([2, 2, 3, 3]) },
  {
    name: 'Inception', label: 'non-batch, two columns, average pool without reduce', input: () => rand([2, 4, 4]),
    build: () => new nn.Inception({ inputSize: 2, outputSize: [1, 1], reduceSize: [1, 1], kernelSize: [3, 1], kernelStride: [1, 1], transfer: new nn.Tanh(), pool: new nn.SpatialAveragePooling(3, 3, 1, 1) }),
  },
  { name: 'Dictionary', label: 'batch, repeated indices', build: () => new nn.Dictionary(5, 3), input: () => idx([0, 2, 2, 4, 1, 2], [2, 3]) },
  { name: 'Dictionary', label: 'non-batch', build: () => new nn.Dictionary(4, 2), input: () => idx([3, 0, 3]) },
  { name: 'Serial', label: 'batch, Linear', build: () => new nn.Serial(new nn.Linear(3, 2)), input: () => rand([2, 3]) },
  { name: 'Serial', label: 'non-batch, light serial of a Sequential', build: () => new nn.Serial(new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.Tanh())).lightSerial(), input: () => rand([3]) },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  SpatialBinaryConvolution: "its gradInput is XNOR-Net's estimate (binary weights, per-input-plane L1 scale), not the derivative of its output: value tests in test/modules/dpnn.test.ts",
};
