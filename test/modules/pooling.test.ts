/** Pooling, padding, resampling and spatial normalisation: values on small inputs against Torch's semantics. */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('SpatialMaxPooling: defaults, 0-based indices, ceil, −∞ padding, backward', (t) => {
  const m = new nn.SpatialMaxPooling(2, 2);
  t.equal(m.toString(), 'SpatialMaxPooling(2x2, 2,2)');
  const x = T(range(16), [1, 4, 4]);
  t.deepEqual(arr(m.forward(x)), [6, 8, 14, 16]);
  t.deepEqual(arr(m.indices), [5, 7, 13, 15], 'y·W + x within the plane');
  t.deepEqual(arr(m.backward(x, T([1, 2, 3, 4], [1, 2, 2]))), [0, 0, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4]);
  t.deepEqual(nn.asTensor(new nn.SpatialMaxPooling(2, 2).forward(T(range(9), [1, 3, 3]))).shape, [1, 1, 1], 'floor');
  t.deepEqual(arr(new nn.SpatialMaxPooling(2, 2).ceil().forward(T(range(9), [1, 3, 3]))), [5, 6, 8, 9], 'ceil keeps the partial windows');
  t.deepEqual(arr(new nn.SpatialMaxPooling(3, 3, 1, 1, 1, 1).forward(T([-1, -2, -3, -4], [1, 1, 2, 2]))), [-1, -1, -1, -1], 'the padding never wins');
  t.throws(() => new nn.SpatialMaxPooling(2, 2, 2, 2, 2, 0), /SpatialMaxPooling.constructor: expected pads between 0 and half the kernel size/);
  t.throws(() => m.forward(T([1, 2], [2])), /SpatialMaxPooling.updateOutput: expected input of 3 or 4 dimensions, got \[2\]/);
  t.throws(() => new nn.SpatialMaxPooling(3, 3).forward(T(range(4), [1, 2, 2])), /too small/);
  t.end();
});

test('SpatialDilatedMaxPooling and SpatialMaxUnpooling', (t) => {
  const d = new nn.SpatialDilatedMaxPooling(2, 1, 1, 1, 0, 0, 2, 1);
  t.deepEqual(arr(d.forward(T([1, 5, 2, 4, 3], [1, 1, 5]))), [2, 5, 3], 'taps 2 apart');
  t.equal(d.toString(), 'SpatialDilatedMaxPooling(2x1, 1,1, 2,1)');
  const p = new nn.SpatialMaxPooling(2, 2), u = new nn.SpatialMaxUnpooling(p), x = T([1, 9, 2, 3, 4, 5, 8, 6, 7, 0, 1, 2, 3, 4, 5, 6], [1, 4, 4]);
  const y = u.forward(p.forward(x));
  t.deepEqual(arr(y), [0, 9, 0, 0, 0, 0, 8, 0, 7, 0, 0, 0, 0, 0, 0, 6], 'maxima back in place, zeros elsewhere');
  t.deepEqual(arr(u.backward(p.output, T(range(16), [1, 4, 4]))), [2, 7, 9, 16], 'gradient read at the maxima');
  t.throws(() => new nn.SpatialMaxUnpooling(new nn.SpatialMaxPooling(3, 3, 2, 2)), /kernel equal to its stride/);
  t.throws(() => new nn.SpatialMaxUnpooling(d), /expected a SpatialMaxPooling module/);
  t.throws(() => new nn.SpatialMaxUnpooling(new nn.SpatialMaxPooling(2, 2)).forward(T([1], [1, 1, 1])), /run its forward first/);
  t.end();
});

test('SpatialAveragePooling: stride 1 by default, count_include_pad, divide', (t) => {
  const m = new nn.SpatialAveragePooling(2, 2);
  t.deepEqual(arr(m.forward(T(range(9), [1, 3, 3]))), [3, 4, 6, 7]);
  const x = T([1, 2, 3, 4], [1, 2, 2]);
  t.deepEqual(arr(new nn.SpatialAveragePooling(2, 2, 2, 2, 1, 1).forward(x)), [0.25, 0.5, 0.75, 1], 'the padding counts');
  t.deepEqual(arr(new nn.SpatialAveragePooling(2, 2, 2, 2, 1, 1).setCountExcludePad().forward(x)), [1, 2, 3, 4]);
  const s = new nn.SpatialAveragePooling(2, 2);
  s.divide = false;
  t.deepEqual(arr(s.forward(T(range(9), [1, 3, 3]))), [12, 16, 24, 28], 'window sums');
  t.deepEqual(arr(m.backward(T(range(9), [1, 3, 3]), T([4, 4, 4, 4], [1, 2, 2]))), [1, 2, 1, 2, 4, 2, 1, 2, 1]);
  t.end();
});

test('adaptive pooling windows ⌊i·n/N⌋ … ⌈(i + 1)·n/N⌉', (t) => {
  const x = T([1, 5, 2, 4, 3], [1, 1, 5]);
  const mx = new nn.SpatialAdaptiveMaxPooling(2, 1);
  t.deepEqual(arr(mx.forward(x)), [5, 4], 'windows [0, 3) and [2, 5)');
  t.deepEqual(arr(mx.indices), [0, 0, 1, 1], 'row offsets, then column offsets');
  t.ok(close(arr(new nn.SpatialAdaptiveAveragePooling(2, 1).forward(x)), [8 / 3, 3]));
  t.end();
});

test('SpatialFractionalMaxPooling windows from the samples', (t) => {
  const m = new nn.SpatialFractionalMaxPooling(2, 2, 3, 1);
  m.randomSamples = T([0.5, 0.5], [1, 1, 2]);
  m.fixPoolingRegions();
  // α = (5 − 2)/(3 − 1) = 1.5 and u = 0.5: starts 0, ⌊2.25⌋ − ⌊0.75⌋ = 2, and the last 5 − 2 = 3
  t.deepEqual(arr(m.forward(T([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 5]))), [7, 9, 10]);
  t.deepEqual(arr(m.indices), [6, 8, 9]);
  const r = new nn.SpatialFractionalMaxPooling(2, 2, 0.5, 0.5);
  t.deepEqual(nn.asTensor(r.forward(T(range(2 * 6 * 7), [2, 6, 7]))).shape, [2, 3, 3], 'ratio: ⌊in·ratio⌋');
  t.deepEqual(r.randomSamples?.shape, [1, 2, 2]);
  t.throws(() => new nn.SpatialFractionalMaxPooling(1, 2, 3, 3), /pool sizes ≥ 2/);
  t.end();
});

test('LP pooling, temporal pooling', (t) => {
  t.deepEqual(arr(new nn.SpatialLPPooling(1, 2, 2, 1).forward(T([3, 4], [1, 1, 2]))), [5]);
  t.deepEqual(arr(new nn.FeatureLPPooling(2, 2, 2).forward(T([3, 4, 6, 8]))), [5, 10]);
  const tm = new nn.TemporalMaxPooling(2);
  t.deepEqual(arr(tm.forward(T([1, 3, 2, 0], [4, 1]))), [3, 2]);
  t.deepEqual(arr(tm.indices), [1, 0], 'frame offsets within the window');
  const ts = new nn.TemporalSubSampling(1, 2).double();
  ts.weight.fill(2);
  ts.bias.fill(1);
  t.deepEqual(arr(ts.forward(T([1, 2, 3], [3, 1]))), [7, 11]);
  const k = new nn.TemporalDynamicKMaxPooling(2);
  t.deepEqual(arr(k.forward(T([3, 1, 4, 1, 5], [5, 1]))), [4, 5], 'the two largest, in time order');
  t.deepEqual(arr(k.indices), [2, 4]);
  t.deepEqual(nn.asTensor(new nn.TemporalDynamicKMaxPooling(1, 0.5).forward(T(range(10), [5, 2]))).shape, [3, 2], 'k = ⌈0.5·5⌉');
  t.throws(() => k.forward(T([1], [1, 1])), /TemporalDynamicKMaxPooling.updateOutput: input sequence length 1 is too small for k = 2/);
  t.end();
});

test('volumetric pooling', (t) => {
  const m = new nn.VolumetricMaxPooling(2, 2, 2);
  t.deepEqual(arr(m.forward(T(range(8), [1, 2, 2, 2]))), [8]);
  t.deepEqual(arr(m.indices), [7]);
  const u = new nn.VolumetricMaxUnpooling(m);
  t.deepEqual(arr(u.forward(T([5], [1, 1, 1, 1]))), [0, 0, 0, 0, 0, 0, 0, 5]);
  const d = new nn.VolumetricDilatedMaxPooling(1, 2, 1, 1, 1, 1, 0, 0, 0, 1, 2, 1);
  t.deepEqual(arr(d.forward(T([1, 5, 2, 4, 3], [1, 1, 1, 5]))), [2, 5, 3]);
  const f = new nn.VolumetricFractionalMaxPooling(2, 2, 2, 1, 1, 1);
  t.deepEqual(arr(f.forward(T(range(8), [1, 2, 2, 2]))), [8], 'one window covering the whole volume');
  t.end();
});

test('padding: zeros (negative crops), reflection, replication', (t) => {
  t.deepEqual(arr(new nn.SpatialZeroPadding(1, 0, 0, 0).forward(T([1, 2, 3, 4], [1, 2, 2]))), [0, 1, 2, 0, 3, 4]);
  t.deepEqual(arr(new nn.SpatialZeroPadding(-1, 0, 0, 0).forward(T([1, 2, 3], [1, 1, 3]))), [2, 3], 'negative pads crop');
  t.deepEqual(arr(new nn.SpatialReflectionPadding(2, 0, 0, 0).forward(T([1, 2, 3], [1, 1, 3]))), [3, 2, 1, 2, 3]);
  t.deepEqual(arr(new nn.SpatialReplicationPadding(2, 1, 0, 0).forward(T([1, 2, 3], [1, 1, 3]))), [1, 1, 1, 2, 3, 3]);
  const r = new nn.SpatialReplicationPadding(2, 0, 0, 0);
  r.forward(T([1, 2, 3], [1, 1, 3]));
  t.deepEqual(arr(r.backward(T([1, 2, 3], [1, 1, 3]), T([1, 1, 1, 1, 1], [1, 1, 5]))), [3, 1, 1], 'the edge collects the copies');
  t.deepEqual(arr(new nn.VolumetricReplicationPadding(0, 0, 0, 0, 1, 0).forward(T([1, 2], [1, 2, 1, 1]))), [1, 1, 2], 'front pads along time');
  t.throws(() => new nn.SpatialReflectionPadding(3).forward(T([1, 2, 3], [1, 1, 3])), /too small for pads/);
  t.end();
});

test('upsampling: nearest, bilinear with aligned corners, UpSampling', (t) => {
  t.deepEqual(arr(new nn.SpatialUpSamplingNearest(2).forward(T([1, 2], [1, 1, 2]))), [1, 1, 2, 2, 1, 1, 2, 2]);
  t.ok(close(arr(new nn.SpatialUpSamplingBilinear({ oheight: 1, owidth: 4 }).forward(T([0, 3], [1, 1, 2]))), [0, 1, 2, 3]));
  t.ok(close(arr(new nn.SpatialUpSamplingBilinear(2).forward(T([0, 3], [1, 1, 2]))), [0, 1, 2, 3, 0, 1, 2, 3]));
  t.ok(close(arr(new nn.UpSampling(2, 'bilinear').forward(T([0, 3], [1, 1, 1, 2]))), [0, 1, 2, 3, 0, 1, 2, 3]));
  t.deepEqual(nn.asTensor(new nn.UpSampling(2).forward(T(range(8), [1, 1, 2, 2, 2]))).shape, [1, 1, 4, 4, 4]);
  t.throws(() => new nn.UpSampling({ oheight: 2, owidth: 2 }), /nearest neighbour upsampling requires a scale_factor/);
  t.throws(() => new nn.SpatialUpSamplingNearest(1.5), /integer scale_factor/);
  t.end();
});

test('SpatialDropout drops whole maps, unscaled; evaluation multiplies by 1 − p', (t) => {
  nn.manualSeed(4);
  const m = new nn.SpatialDropout(0.5), x = T(Array(2 * 8 * 4).fill(1), [2, 8, 2, 2]);
  const y = arr(m.forward(x));
  t.deepEqual(m.noise.shape, [2, 8, 1, 1]);
  const maps = Array.from({ length: 16 }, (_, i) => y.slice(i * 4, i * 4 + 4));
  t.ok(maps.every((v) => v.every((e) => e === v[0]) && (v[0] === 0 || v[0] === 1)), 'each map kept whole or zeroed, not rescaled');
  t.deepEqual(arr(new nn.SpatialDropout(0.25).evaluate().forward(T([4, 8], [1, 1, 2]))), [3, 6]);
  const e = new nn.VolumetricDropout(0.5).evaluate();
  e.forward(T([1], [1, 1, 1, 1]));
  t.throws(() => e.backward(T([1], [1, 1, 1, 1]), T([1], [1, 1, 1, 1])), /only defined while training/);
  t.end();
});

test('SpatialSoftMax, SpatialLogSoftMax over the planes; SpatialCrossMapLRN', (t) => {
  t.ok(close(arr(new nn.SpatialSoftMax().forward(T([0, 1, Math.log(3), 1], [2, 1, 2]))), [0.25, 0.5, 0.75, 0.5]));
  t.ok(close(arr(new nn.SpatialLogSoftMax().forward(T([0, Math.log(3)], [2, 1, 1]))), [Math.log(0.25), Math.log(0.75)]));
  // alpha/size = 1, beta = 1, k = 1: s = 1 + Σ x² over the neighbouring maps
  t.ok(close(arr(new nn.SpatialCrossMapLRN(3, 3, 1, 1).forward(T([1, 2, 3], [3, 1, 1]))), [1 / 6, 2 / 15, 3 / 14]));
  t.end();
});

test('spatial normalisations with the border coefficient maps', (t) => {
  const x = T(range(9), [1, 3, 3]), k = nn.Tensor.zeros([3, 3], 'float64').fill(1);
  const sub = new nn.SpatialSubtractiveNormalization(1, k);
  const y = arr(sub.forward(x));
  t.ok(close([y[0]!, y[4]!], [1 - 3, 0]), 'a corner subtracts the mean of its 4 in-image cells, the centre of all 9');
  t.ok(close(arr(sub.kernel), Array(9).fill(1 / 9)), 'kernel normalised to sum 1/nInputPlane');
  const div = new nn.SpatialDivisiveNormalization(1, k);
  const z = arr(div.forward(x));
  t.ok(close([z[4]!], [5 / (Math.sqrt(285 / 9) / 1)]), 'centre: x / (√(Σ x²/9) / 1)');
  t.ok(close([z[0]!], [1 / (Math.sqrt((1 + 4 + 16 + 25) / 9) / (4 / 9))]), 'corner: the std divided by the coefficient 4/9');
  const c = new nn.SpatialContrastiveNormalization(1, k);
  t.ok(close(arr(c.forward(x)), arr(new nn.SpatialDivisiveNormalization(1, k).forward(sub.forward(x)))), 'subtractive then divisive');
  t.throws(() => new nn.SpatialSubtractiveNormalization(1, nn.Tensor.zeros([2, 2])), /odd sizes/);
  t.throws(() => sub.forward(T(range(18), [2, 3, 3])), /expected 1 input planes/);
  t.end();
});
