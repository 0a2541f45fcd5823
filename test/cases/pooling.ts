/** The gradient-check and Torch-test-kind cases of the 'pooling' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

/** A pooling module followed by its unpooling (the unpooling reads the indices of the forward just run). */
const unpool2d = () => { const p = new nn.SpatialMaxPooling(2, 2); return new nn.Sequential().add(p).add(new nn.SpatialMaxUnpooling(p)); };
const unpool3d = () => { const p = new nn.VolumetricMaxPooling(2, 2, 1); return new nn.Sequential().add(p).add(new nn.VolumetricMaxUnpooling(p)); };
/** Fixed fractional-pooling samples (B, C, n), so every forward pools the same windows. */
const samples = (B: number, C: number, n: number) => nn.Tensor.from(Array.from({ length: B * C * n }, (_, i) => (0.17 + 0.29 * i) % 1), [B, C, n], 'float64');
const fractional2d = (B: number, C: number) => () => {
  const m = new nn.SpatialFractionalMaxPooling(2, 2, 3, 2).fixPoolingRegions();
  m.randomSamples = samples(B, C, 2);
  return m;
};
const fractional3d = (B: number, C: number) => () => {
  const m = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 2, 2, 3).fixPoolingRegions();
  m.randomSamples = samples(B, C, 3);
  return m;
};
const kernel1d = () => nn.Tensor.from([0.5, 1, 0.5], [3], 'float64');
const kernel2d = () => nn.Tensor.from([0.2, 0.5, 0.2, 0.5, 1, 0.5, 0.2, 0.5, 0.2], [3, 3], 'float64');
/** The t7 kind clears the state first: as Torch's, clearState drops the samples, so fixed ones are redrawn. */
const samplesCleared = 'clearState drops randomSamples (as Torch), so the fixed samples of this case are redrawn after the round trip';

export const moduleCases: ModuleCase[] = [
  { name: 'SpatialMaxPooling', label: 'batch, 2×2', build: () => new nn.SpatialMaxPooling(2, 2), input: () => rand([2, 2, 4, 4]) },
  { name: 'SpatialMaxPooling', label: 'non-batch, 3×2 stride 2,1, pad 1,1, ceil', build: () => new nn.SpatialMaxPooling(3, 2, 2, 1, 1, 1).ceil(), input: () => rand([2, 4, 5]) },
  { name: 'SpatialDilatedMaxPooling', label: 'batch, dilation 2', build: () => new nn.SpatialDilatedMaxPooling(2, 2, 1, 1, 0, 0, 2, 2), input: () => rand([2, 1, 5, 5]) },
  { name: 'SpatialDilatedMaxPooling', label: 'non-batch, pad, dilation 2,1', build: () => new nn.SpatialDilatedMaxPooling(3, 2, 2, 2, 1, 1, 2, 1), input: () => rand([2, 4, 6]) },
  { name: 'SpatialMaxUnpooling', label: 'batch, after SpatialMaxPooling(2, 2)', build: unpool2d, input: () => rand([2, 2, 4, 4]) },
  { name: 'SpatialMaxUnpooling', label: 'non-batch, after SpatialMaxPooling(2, 2)', build: unpool2d, input: () => rand([2, 4, 6]) },
  { name: 'SpatialAveragePooling', label: 'batch, 2×2 stride 2', build: () => new nn.SpatialAveragePooling(2, 2, 2, 2), input: () => rand([2, 2, 4, 4]) },
  { name: 'SpatialAveragePooling', label: 'non-batch, 3×3 pad 1, ceil, count exclude pad', build: () => new nn.SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil().setCountExcludePad(), input: () => rand([2, 4, 5]) },
  { name: 'SpatialAveragePooling', label: 'batch, no divide, pad', build: () => { const m = new nn.SpatialAveragePooling(2, 3, 1, 2, 1, 1); m.divide = false; return m; }, input: () => rand([1, 2, 4, 3]) },
  { name: 'SpatialAdaptiveMaxPooling', label: 'batch, 5×4 → 3×2', build: () => new nn.SpatialAdaptiveMaxPooling(3, 2), input: () => rand([2, 2, 4, 5]) },
  { name: 'SpatialAdaptiveMaxPooling', label: 'non-batch, upsampling 2×3 → 3×4', build: () => new nn.SpatialAdaptiveMaxPooling(3, 4), input: () => rand([2, 3, 2]) },
  { name: 'SpatialAdaptiveAveragePooling', label: 'batch, 5×4 → 3×2', build: () => new nn.SpatialAdaptiveAveragePooling(3, 2), input: () => rand([2, 2, 4, 5]) },
  { name: 'SpatialAdaptiveAveragePooling', label: 'non-batch, 3×5 → 2×2', build: () => new nn.SpatialAdaptiveAveragePooling(2, 2), input: () => rand([2, 3, 5]) },
  { name: 'SpatialFractionalMaxPooling', label: 'batch, fixed samples, 5×4 → 2×3', build: fractional2d(2, 2), input: () => rand([2, 2, 5, 4]), skip: { batchOf1: 'the fixed samples are sized for a batch of 2', t7: samplesCleared } },
  { name: 'SpatialFractionalMaxPooling', label: 'non-batch, fixed samples', build: fractional2d(1, 2), input: () => rand([2, 4, 5]), skip: { t7: samplesCleared } },
  { name: 'SpatialFractionalMaxPooling', label: 'batch, ratios, seeded samples', build: () => new nn.SpatialFractionalMaxPooling(2, 2, 0.6, 0.7), input: () => rand([1, 2, 5, 5]), opts: { seed: 5 } },
  { name: 'SpatialLPPooling', label: 'batch, p = 2', build: () => new nn.SpatialLPPooling(2, 2, 2, 2), input: () => rand([2, 2, 4, 4], 0.2, 1) },
  { name: 'SpatialLPPooling', label: 'non-batch, p = 3, 3×2 stride 1', build: () => new nn.SpatialLPPooling(2, 3, 3, 2, 1, 1), input: () => rand([2, 3, 4], 0.2, 1) },
  { name: 'FeatureLPPooling', label: 'batch mode, [B, F, d1], p = 2', build: () => new nn.FeatureLPPooling(2, 2, 2, true), input: () => rand([2, 6, 3], 0.2, 1) },
  { name: 'FeatureLPPooling', label: 'non-batch [F, d1, d2], width 3 stride 1, p = 3', build: () => new nn.FeatureLPPooling(3, 1, 3), input: () => rand([5, 2, 2], 0.2, 1), skip: { batchOf1: 'batch_mode is a constructor flag: a non-batch module takes no batch dimension' } },
  { name: 'TemporalMaxPooling', label: 'batch, kW 2', build: () => new nn.TemporalMaxPooling(2), input: () => rand([2, 6, 3]) },
  { name: 'TemporalMaxPooling', label: 'non-batch, kW 3 dW 2', build: () => new nn.TemporalMaxPooling(3, 2), input: () => rand([7, 3]) },
  { name: 'TemporalSubSampling', label: 'kW 3 dW 2', build: () => new nn.TemporalSubSampling(3, 3, 2), input: () => rand([7, 3]), nonBatch: false, skip: { batchOf1: 'Torch takes only (T, F) input' } },
  { name: 'TemporalSubSampling', label: 'kW 2 dW 1', build: () => new nn.TemporalSubSampling(2, 2), input: () => rand([5, 2]), nonBatch: false, skip: { batchOf1: 'Torch takes only (T, F) input' } },
  { name: 'TemporalDynamicKMaxPooling', label: 'batch, minK 2, factor 0.5', build: () => new nn.TemporalDynamicKMaxPooling(2, 0.5), input: () => rand([2, 6, 3]) },
  { name: 'TemporalDynamicKMaxPooling', label: 'non-batch, minK 3', build: () => new nn.TemporalDynamicKMaxPooling(3), input: () => rand([5, 2]) },
  { name: 'VolumetricMaxPooling', label: 'batch, 2×2×2', build: () => new nn.VolumetricMaxPooling(2, 2, 2), input: () => rand([1, 2, 2, 4, 4]) },
  { name: 'VolumetricMaxPooling', label: 'non-batch, pad 1, ceil', build: () => new nn.VolumetricMaxPooling(2, 3, 2, 2, 2, 1, 1, 1, 1).ceil(), input: () => rand([1, 3, 4, 3]) },
  { name: 'VolumetricDilatedMaxPooling', label: 'batch, dilation 1,2,2', build: () => new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 1, 1, 0, 0, 0, 1, 2, 2), input: () => rand([1, 1, 3, 4, 4]) },
  { name: 'VolumetricDilatedMaxPooling', label: 'non-batch, dilation 2,1,1', build: () => new nn.VolumetricDilatedMaxPooling(2, 2, 2, 1, 2, 2, 0, 0, 0, 2, 1, 1), input: () => rand([2, 3, 2, 4]) },
  { name: 'VolumetricMaxUnpooling', label: 'batch, after VolumetricMaxPooling(2, 2, 1)', build: unpool3d, input: () => rand([1, 2, 2, 3, 4]) },
  { name: 'VolumetricMaxUnpooling', label: 'non-batch, after VolumetricMaxPooling(2, 2, 1)', build: unpool3d, input: () => rand([1, 4, 2, 4]) },
  { name: 'VolumetricFractionalMaxPooling', label: 'batch, fixed samples', build: fractional3d(1, 2), input: () => rand([1, 2, 4, 3, 3]), skip: { t7: samplesCleared } },
  { name: 'VolumetricFractionalMaxPooling', label: 'non-batch, fixed samples', build: fractional3d(1, 1), input: () => rand([1, 5, 3, 4]), skip: { t7: samplesCleared } },
  { name: 'SpatialZeroPadding', label: 'batch, pads 1,2,0,1', build: () => new nn.SpatialZeroPadding(1, 2, 0, 1), input: () => rand([2, 2, 3, 3]) },
  { name: 'SpatialZeroPadding', label: 'non-batch, negative pads crop', build: () => new nn.SpatialZeroPadding(-1, 1, 1, -2), input: () => rand([2, 4, 3]) },
  { name: 'SpatialReflectionPadding', label: 'batch, pads 2,1,1,2', build: () => new nn.SpatialReflectionPadding(2, 1, 1, 2), input: () => rand([1, 2, 3, 3]) },
  { name: 'SpatialReflectionPadding', label: 'non-batch, pad 1', build: () => new nn.SpatialReflectionPadding(1), input: () => rand([2, 3, 4]) },
  { name: 'SpatialReplicationPadding', label: 'batch, pads 2,0,1,3', build: () => new nn.SpatialReplicationPadding(2, 0, 1, 3), input: () => rand([1, 2, 3, 2]) },
  { name: 'SpatialReplicationPadding', label: 'non-batch, pad 1', build: () => new nn.SpatialReplicationPadding(1), input: () => rand([2, 2, 3]) },
  { name: 'VolumetricReplicationPadding', label: 'batch, pads 1,0,1,0,1,2', build: () => new nn.VolumetricReplicationPadding(1, 0, 1, 0, 1, 2), input: () => rand([1, 1, 2, 2, 3]) },
  { name: 'VolumetricReplicationPadding', label: 'non-batch, pad 1', build: () => new nn.VolumetricReplicationPadding(1), input: () => rand([1, 2, 2, 2]) },
  { name: 'SpatialUpSamplingNearest', label: 'batch, scale 2', build: () => new nn.SpatialUpSamplingNearest(2), input: () => rand([2, 2, 2, 3]) },
  { name: 'SpatialUpSamplingNearest', label: 'non-batch, scale 3', build: () => new nn.SpatialUpSamplingNearest(3), input: () => rand([1, 2, 2]) },
  { name: 'SpatialUpSamplingBilinear', label: 'batch, scale 2', build: () => new nn.SpatialUpSamplingBilinear(2), input: () => rand([1, 2, 2, 3]) },
  { name: 'SpatialUpSamplingBilinear', label: 'non-batch, to 5×4', build: () => new nn.SpatialUpSamplingBilinear({ oheight: 5, owidth: 4 }), input: () => rand([2, 3, 2]) },
  { name: 'UpSampling', label: 'spatial nearest, scale 2', build: () => new nn.UpSampling(2), input: () => rand([2, 1, 2, 3]), skip: { batchOf1: 'Torch takes only batches (4-D or 5-D input)' } },
  { name: 'UpSampling', label: 'volumetric nearest, scale 2', build: () => new nn.UpSampling(2, 'nearest'), input: () => rand([1, 1, 2, 2, 2]), skip: { batchOf1: 'Torch takes only batches (4-D or 5-D input)' } },
  { name: 'UpSampling', label: 'bilinear, scale 2', build: () => new nn.UpSampling(2, 'bilinear'), input: () => rand([1, 2, 2, 3]), skip: { batchOf1: 'Torch takes only batches (4-D or 5-D input)' } },
  { name: 'UpSampling', label: 'trilinear, to 3×4×3', build: () => new nn.UpSampling({ odepth: 3, oheight: 4, owidth: 3 }, 'trilinear'), input: () => rand([1, 1, 2, 3, 2]), skip: { batchOf1: 'Torch takes only batches (4-D or 5-D input)' } },
  { name: 'SpatialDropout', label: 'batch, training (seeded mask)', build: () => new nn.SpatialDropout(0.4), input: () => rand([2, 3, 2, 2]), opts: { seed: 3 } },
  { name: 'SpatialDropout', label: 'non-batch, training (seeded mask)', build: () => new nn.SpatialDropout(0.5), input: () => rand([4, 2, 3]), opts: { seed: 7 } },
  { name: 'VolumetricDropout', label: 'batch, training (seeded mask)', build: () => new nn.VolumetricDropout(0.4), input: () => rand([2, 3, 2, 2, 1]), opts: { seed: 3 } },
  { name: 'VolumetricDropout', label: 'non-batch, training (seeded mask)', build: () => new nn.VolumetricDropout(0.5), input: () => rand([4, 1, 2, 3]), opts: { seed: 7 } },
  { name: 'SpatialSoftMax', label: 'batch', build: () => new nn.SpatialSoftMax(), input: () => rand([2, 3, 2, 2], -2, 2) },
  { name: 'SpatialSoftMax', label: 'non-batch', build: () => new nn.SpatialSoftMax(), input: () => rand([4, 2, 3], -2, 2) },
  { name: 'SpatialLogSoftMax', label: 'batch', build: () => new nn.SpatialLogSoftMax(), input: () => rand([2, 3, 2, 2], -2, 2) },
  { name: 'SpatialLogSoftMax', label: 'non-batch', build: () => new nn.SpatialLogSoftMax(), input: () => rand([4, 2, 3], -2, 2) },
  { name: 'SpatialCrossMapLRN', label: 'batch, size 3', build: () => new nn.SpatialCrossMapLRN(3, 0.5, 0.75, 1), input: () => rand([2, 4, 2, 2]) },
  { name: 'SpatialCrossMapLRN', label: 'non-batch, size 5 > C, k 2', build: () => new nn.SpatialCrossMapLRN(5, 1, 0.6, 2), input: () => rand([3, 2, 3]) },
  { name: 'SpatialSubtractiveNormalization', label: 'batch, 2-D kernel', build: () => new nn.SpatialSubtractiveNormalization(2, kernel2d()), input: () => rand([2, 2, 4, 3]) },
  { name: 'SpatialSubtractiveNormalization', label: 'non-batch, 1-D kernel', build: () => new nn.SpatialSubtractiveNormalization(3, kernel1d()), input: () => rand([3, 3, 4]) },
  { name: 'SpatialDivisiveNormalization', label: 'batch, 2-D kernel', build: () => new nn.SpatialDivisiveNormalization(2, kernel2d()), input: () => rand([2, 2, 4, 3]) },
  { name: 'SpatialDivisiveNormalization', label: 'non-batch, 1-D kernel, threshold 0.3', build: () => new nn.SpatialDivisiveNormalization(3, kernel1d(), 0.3, 0.4), input: () => rand([3, 3, 4]) },
  { name: 'SpatialContrastiveNormalization', label: 'batch, 2-D kernel', build: () => new nn.SpatialContrastiveNormalization(2, kernel2d()), input: () => rand([2, 2, 3, 4]) },
  { name: 'SpatialContrastiveNormalization', label: 'non-batch, 1-D kernel', build: () => new nn.SpatialContrastiveNormalization(1, kernel1d()), input: () => rand([1, 4, 4]) },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {};
