/** The gradient-check and Torch-test-kind cases of the 'pointwise' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

/** A batch (3, 4) and a non-batch (5) case of a shape-agnostic module. */
const both = (name: string, build: () => nn.Module, lo = -1, hi = 1, inPlace?: () => nn.Module): ModuleCase[] => [
  { name, label: 'batch', build, input: () => rand([3, 4], lo, hi), ...(inPlace ? { inPlace } : {}) },
  { name, label: 'non-batch', build, input: () => rand([5], lo, hi), ...(inPlace ? { inPlace } : {}) },
];

export const moduleCases: ModuleCase[] = [
  { name: 'ReLU', label: 'in place', build: () => new nn.ReLU(), inPlace: () => new nn.ReLU(true), input: () => rand([3, 4]) },
  ...both('Abs', () => new nn.Abs()),
  ...both('AddConstant', () => new nn.AddConstant(0.7), -1, 1, () => new nn.AddConstant(0.7, true)),
  ...both('Clamp', () => new nn.Clamp(-0.5, 0.4)),
  ...both('ELU', () => new nn.ELU(0.7), -2, 2, () => new nn.ELU(0.7, true)),
  ...both('Exp', () => new nn.Exp()),
  ...both('HardShrink', () => new nn.HardShrink(0.3)),
  ...both('LeakyReLU', () => new nn.LeakyReLU(0.1), -1, 1, () => new nn.LeakyReLU(0.1, true)),
  ...both('Log', () => new nn.Log(), 0.2, 2),
  ...both('LogSigmoid', () => new nn.LogSigmoid(), -4, 4),
  ...both('Power', () => new nn.Power(2.5), 0.2, 1.5),
  { name: 'Power', label: 'integer power of negatives', build: () => new nn.Power(3), input: () => rand([2, 3]) },
  ...both('ReLU6', () => new nn.ReLU6(), -2, 8, () => new nn.ReLU6(true)),
  { name: 'RReLU', label: 'batch, training (seeded slopes)', build: () => new nn.RReLU(), input: () => rand([3, 4]), opts: { seed: 4 }, inPlace: () => new nn.RReLU(1 / 8, 1 / 3, true) },
  { name: 'RReLU', label: 'non-batch, evaluate', build: () => new nn.RReLU(0.1, 0.3).evaluate(), input: () => rand([5]), inPlace: () => new nn.RReLU(0.1, 0.3, true).evaluate() },
  ...both('SoftMin', () => new nn.SoftMin(), -2, 2),
  ...both('SoftPlus', () => new nn.SoftPlus(), -3, 3),
  { name: 'SoftPlus', label: 'beta 2, some inputs above the threshold', build: () => new nn.SoftPlus(2, 3), input: () => nn.Tensor.from([-1, 0.3, 2.5, 4, 0.9, -0.2], [2, 3], 'float64') },
  ...both('SoftShrink', () => new nn.SoftShrink(0.3)),
  ...both('SoftSign', () => new nn.SoftSign(), -3, 3),
  ...both('Sqrt', () => new nn.Sqrt(), 0.2, 2),
  ...both('Square', () => new nn.Square()),
  ...both('TanhShrink', () => new nn.TanhShrink(), -2, 2),
  ...both('Threshold', () => new nn.Threshold(0.1, -0.5)),
  { name: 'Threshold', label: 'in place (v ≤ th)', build: () => new nn.Threshold(0.2, 0.1), inPlace: () => new nn.Threshold(0.2, 0.1, true), input: () => rand([3, 4]) },
  { name: 'PReLU', label: 'batch, shared slope', build: () => new nn.PReLU(), input: () => rand([3, 4]) },
  { name: 'PReLU', label: 'batch (B, C), per channel', build: () => new nn.PReLU(3), input: () => rand([2, 3]) },
  { name: 'PReLU', label: 'batch (B, C, H, W), per channel', build: () => new nn.PReLU(3), input: () => rand([2, 3, 2, 2]) },
  { name: 'PReLU', label: 'non-batch (C), per channel', build: () => new nn.PReLU(3), input: () => rand([3]) },
  { name: 'CReLU', label: 'batch', build: () => new nn.CReLU(1), inPlace: () => new nn.CReLU(1, true), input: () => rand([2, 3]) },
  { name: 'CReLU', label: 'non-batch', build: () => new nn.CReLU(1), input: () => rand([3]) },
  { name: 'CReLU', label: 'batch of (C, H, W)', build: () => new nn.CReLU(3), input: () => rand([2, 2, 2, 2]) },
  { name: 'GatedLinearUnit', label: 'batch, last dimension', build: () => new nn.GatedLinearUnit(), input: () => rand([2, 4], -2, 2) },
  { name: 'GatedLinearUnit', label: 'non-batch, dimension 0', build: () => new nn.GatedLinearUnit(0), input: () => rand([4, 3], -2, 2), nonBatch: false },
  { name: 'GatedLinearUnit', label: '3-D, dimension 1', build: () => new nn.GatedLinearUnit(1), input: () => rand([2, 4, 2], -2, 2) },
  { name: 'WhiteNoise', label: 'batch, training (seeded noise)', build: () => new nn.WhiteNoise(0.1, 0.2), input: () => rand([3, 4]), opts: { seed: 5 } },
  { name: 'WhiteNoise', label: 'non-batch, training', build: () => new nn.WhiteNoise(), input: () => rand([5]), opts: { seed: 6 } },
  ...both('Mul', () => new nn.Mul()),
  { name: 'CMul', label: 'batch of vectors', build: () => new nn.CMul(3), input: () => rand([2, 3]) },
  { name: 'CMul', label: 'non-batch', build: () => new nn.CMul(4), input: () => rand([4]) },
  { name: 'CMul', label: 'same elements, other shape', build: () => new nn.CMul(2, 3), input: () => rand([6]), nonBatch: false },
  { name: 'CMul', label: 'broadcast size-1 dimensions', build: () => new nn.CMul(1, 3), input: () => rand([4, 3]) },
  { name: 'CAdd', label: 'batch of vectors', build: () => new nn.CAdd(3), input: () => rand([2, 3]) },
  { name: 'CAdd', label: 'non-batch', build: () => new nn.CAdd(4), input: () => rand([4]) },
  { name: 'CAdd', label: 'broadcast size-1 dimensions', build: () => new nn.CAdd(2, 1), input: () => rand([2, 3]) },
  { name: 'CAdd', label: 'batch of matrices', build: () => new nn.CAdd(2, 2), input: () => rand([3, 2, 2]) },
  { name: 'Clip', label: 'batch, inside the range (straight-through)', build: () => new nn.Clip(-2, 2), input: () => rand([3, 4]) },
  { name: 'Clip', label: 'non-batch', build: () => new nn.Clip(-1.5, 1.5), input: () => rand([5]) },
  { name: 'TotalDropout', label: 'batch, training (seeded draw)', build: () => new nn.TotalDropout(0.3), input: () => rand([3, 4]), opts: { seed: 1 } },
  { name: 'TotalDropout', label: 'non-batch, training', build: () => new nn.TotalDropout(0.6), input: () => rand([5]), opts: { seed: 2 } },
  { name: 'ReverseTable', label: 'table of three', build: () => new nn.ReverseTable(), input: () => [rand([2, 3]), rand([2]), rand([1, 2])] },
  { name: 'ReverseTable', label: 'nested', build: () => new nn.ReverseTable(), input: () => [[rand([2]), rand([3])], rand([2, 2])] },
  { name: 'BatchNormalization', label: 'batch, training', build: () => new nn.BatchNormalization(3), input: () => rand([4, 3]) },
  { name: 'BatchNormalization', label: 'batch, evaluate', build: () => evaluated(new nn.BatchNormalization(3)), input: () => rand([4, 3]) },
  { name: 'BatchNormalization', label: 'non-batch, evaluate', build: () => evaluated(new nn.BatchNormalization(3)), input: () => rand([3]) },
  { name: 'BatchNormalization', label: 'batch, training, no affine, eps 0.1', build: () => new nn.BatchNormalization(2, 0.1, 0.2, false), input: () => rand([3, 2]) },
  { name: 'SpatialBatchNormalization', label: 'batch, training', build: () => new nn.SpatialBatchNormalization(2), input: () => rand([2, 2, 2, 3]) },
  { name: 'SpatialBatchNormalization', label: 'non-batch, evaluate', build: () => evaluated(new nn.SpatialBatchNormalization(2)), input: () => rand([2, 2, 3]) },
  { name: 'VolumetricBatchNormalization', label: 'batch, training', build: () => new nn.VolumetricBatchNormalization(2), input: () => rand([2, 2, 2, 1, 2]) },
  { name: 'VolumetricBatchNormalization', label: 'non-batch, evaluate', build: () => evaluated(new nn.VolumetricBatchNormalization(2)), input: () => rand([2, 2, 1, 2]) },
  { name: 'LayerNormalization', label: 'batch', build: () => perturbed(new nn.LayerNormalization(4, 0.5)), input: () => rand([3, 4]) },
  { name: 'LayerNormalization', label: 'non-batch', build: () => perturbed(new nn.LayerNormalization(4)), input: () => rand([4]) },
  { name: 'LayerNormalization', label: 'batch, no affine', build: () => new nn.LayerNormalization(3, 0, 1e-5, false), input: () => rand([2, 3]) },
];

/** An evaluate-mode batch normalisation with non-trivial running statistics. */
function evaluated<T extends nn.BatchNormalization>(m: T): T {
  m.running_mean.uniform(-0.5, 0.5);
  m.running_var.uniform(0.5, 2);
  return m.evaluate();
}

/** Gains and biases away from their initial 1 and constant, so that their gradients are checked in general position. */
function perturbed(m: nn.LayerNormalization): nn.LayerNormalization {
  m.weight?.uniform(0.5, 1.5);
  m.bias?.uniform(-0.5, 0.5);
  return m;
}

export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  L1Penalty: 'its gradInput adds the penalty gradient to gradOutput by design (not the derivative of its identity output); value tests in test/modules/pointwise.test.ts',
  CategoricalEntropy: 'its gradInput adds the entropy gradient to gradOutput by design (not the derivative of its identity output); closed form in test/modules/pointwise.test.ts',
  ReinforceGamma: 'stochastic (REINFORCE): closed-form gradient and sample statistics in test/modules/pointwise.test.ts',
};
