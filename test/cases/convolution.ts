/** The gradient-check and Torch-test-kind cases of the 'convolution' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

export const moduleCases: ModuleCase[] = [
  { name: 'SpatialConvolution', label: 'batch', build: () => new nn.SpatialConvolution(3, 2, 3, 3), input: () => rand([2, 3, 5, 5]) },
  { name: 'SpatialConvolution', label: 'non-batch, stride and padding', build: () => new nn.SpatialConvolution(2, 3, 3, 2, 2, 1, 1, 0), input: () => rand([2, 4, 5]) },
  { name: 'SpatialConvolution', label: 'batch, 1×1 kernel, no bias', build: () => new nn.SpatialConvolution(3, 2, 1, 1).noBias(), input: () => rand([2, 3, 3, 3]) },
  { name: 'SpatialConvolutionMM', label: 'batch (the same class)', build: () => new nn.SpatialConvolutionMM(2, 2, 2, 2, 1, 1, 1), input: () => rand([2, 2, 3, 3]) },
  { name: 'SpatialDilatedConvolution', label: 'batch', build: () => new nn.SpatialDilatedConvolution(2, 2, 2, 2, 1, 1, 1, 1, 2, 2), input: () => rand([2, 2, 5, 5]) },
  { name: 'SpatialDilatedConvolution', label: 'non-batch', build: () => new nn.SpatialDilatedConvolution(2, 3, 3, 2, 1, 2, 0, 1, 1, 2), input: () => rand([2, 5, 6]) },
  { name: 'SpatialFullConvolution', label: 'batch, stride 2 with adj', build: () => new nn.SpatialFullConvolution(3, 2, 3, 3, 2, 2, 1, 1, 1, 0), input: () => rand([2, 3, 3, 2]) },
  { name: 'SpatialFullConvolution', label: 'non-batch', build: () => new nn.SpatialFullConvolution(2, 3, 2, 3), input: () => rand([2, 3, 4]) },
  { name: 'SpatialFullConvolution', label: 'batch, no bias', build: () => new nn.SpatialFullConvolution(2, 2, 2, 2, 1, 1).noBias(), input: () => rand([2, 2, 2, 3]) },
  { name: 'VolumetricConvolution', label: 'batch', build: () => new nn.VolumetricConvolution(1, 2, 2, 2, 2), input: () => rand([2, 1, 3, 3, 3]) },
  { name: 'VolumetricConvolution', label: 'non-batch, stride and padding', build: () => new nn.VolumetricConvolution(1, 2, 2, 3, 2, 2, 1, 1, 1, 0, 1), input: () => rand([1, 3, 4, 3]) },
  { name: 'VolumetricDilatedConvolution', label: 'batch', build: () => new nn.VolumetricDilatedConvolution(1, 2, 2, 2, 2, 1, 1, 1, 0, 1, 1, 2, 1, 2), input: () => rand([2, 1, 3, 3, 3]) },
  { name: 'VolumetricDilatedConvolution', label: 'non-batch', build: () => new nn.VolumetricDilatedConvolution(2, 2, 2, 2, 2, 1, 1, 1, 0, 0, 0, 1, 2, 1), input: () => rand([2, 3, 3, 4]) },
  { name: 'VolumetricFullConvolution', label: 'batch, stride 2 with adj', build: () => new nn.VolumetricFullConvolution(2, 2, 2, 2, 2, 2, 2, 1, 0, 1, 0, 1, 1, 0), input: () => rand([2, 2, 2, 2, 2]) },
  { name: 'VolumetricFullConvolution', label: 'non-batch', build: () => new nn.VolumetricFullConvolution(2, 1, 2, 2, 1), input: () => rand([2, 2, 2, 3]) },
  { name: 'SpatialDepthWiseConvolution', label: 'batch', build: () => new nn.SpatialDepthWiseConvolution(2, 2, 2, 2, 1, 1, 1), input: () => rand([2, 2, 3, 3]) },
  { name: 'SpatialDepthWiseConvolution', label: 'non-batch, stride', build: () => new nn.SpatialDepthWiseConvolution(3, 2, 3, 2, 2, 1), input: () => rand([3, 3, 5]) },
  { name: 'SpatialDepthWiseConvolution', label: 'batch, no bias', build: () => new nn.SpatialDepthWiseConvolution(2, 3, 2, 2).noBias(), input: () => rand([2, 2, 3, 3]) },
  { name: 'SpatialConvolutionLocal', label: 'batch', build: () => new nn.SpatialConvolutionLocal(2, 2, 4, 3, 2, 2), input: () => rand([2, 2, 3, 4]) },
  { name: 'SpatialConvolutionLocal', label: 'non-batch, stride and padding', build: () => new nn.SpatialConvolutionLocal(2, 2, 4, 4, 3, 3, 2, 2, 1), input: () => rand([2, 4, 4]) },
  { name: 'SpatialConvolutionMap', label: 'batch, random table', build: () => new nn.SpatialConvolutionMap(nn.tables.random(3, 2, 2), 2, 2), input: () => rand([2, 3, 3, 3]) },
  { name: 'SpatialConvolutionMap', label: 'non-batch, one-to-one, stride', build: () => new nn.SpatialConvolutionMap(nn.tables.oneToOne(2), 3, 2, 2, 1), input: () => rand([2, 3, 5]) },
  { name: 'SpatialConvolutionMap', label: 'batch, full table', build: () => new nn.SpatialConvolutionMap(nn.tables.full(2, 2), 2, 2), input: () => rand([2, 2, 3, 3]) },
  { name: 'SpatialFullConvolutionMap', label: 'batch, full table, stride 2', build: () => new nn.SpatialFullConvolutionMap(nn.tables.full(2, 2), 2, 2, 2, 2), input: () => rand([2, 2, 2, 2]) },
  { name: 'SpatialFullConvolutionMap', label: 'non-batch, random table', build: () => new nn.SpatialFullConvolutionMap(nn.tables.random(3, 2, 1), 2, 3), input: () => rand([3, 2, 3]) },
  { name: 'SpatialSubSampling', label: 'batch', build: () => new nn.SpatialSubSampling(2, 2, 2, 2, 2), input: () => rand([2, 2, 4, 4]) },
  { name: 'SpatialSubSampling', label: 'non-batch, overlapping windows', build: () => new nn.SpatialSubSampling(3, 3, 2, 1, 2), input: () => rand([3, 5, 4]) },
  { name: 'TemporalConvolution', label: 'batch', build: () => new nn.TemporalConvolution(3, 2, 2), input: () => rand([2, 5, 3]) },
  { name: 'TemporalConvolution', label: 'non-batch, stride', build: () => new nn.TemporalConvolution(2, 3, 3, 2), input: () => rand([7, 2]) },
  { name: 'TemporalRowConvolution', label: 'batch', build: () => new nn.TemporalRowConvolution(3, 2), input: () => rand([2, 5, 3]) },
  { name: 'TemporalRowConvolution', label: 'non-batch, featFirst, stride', build: () => new nn.TemporalRowConvolution(2, 3, 2, true), input: () => rand([2, 7]) },
  { name: 'TemporalRowConvolution', label: 'batch, no bias', build: () => new nn.TemporalRowConvolution(2, 2).noBias(), input: () => rand([2, 4, 2]) },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {};
