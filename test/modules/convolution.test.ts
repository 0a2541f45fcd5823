/** The convolution group's forward values against hand-computed Torch semantics, defaults, errors and .t7 layouts. */
import test from 'tape';
import * as nn from '../../index.js';
import { readEntry, t7EntryByTorchName } from '../../lib/serialization/t7registry.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
/** Sets a module's parameters (float64) from plain values. */
function params<M extends nn.Module>(m: M, weight: number[], bias?: number[]): M {
  m.double();
  const [[w, b]] = m.parameters();
  w!.copy(T(weight, w!.shape));
  if (b) b.copy(T(bias ?? new Array<number>(b.numel()).fill(0), b.shape));
  return m;
}

test('SpatialConvolution: cross-correlation (no kernel flip), bias, padding, stride, batch', (t) => {
  const m = params(new nn.SpatialConvolution(1, 1, 2, 2), [1, 2, 3, 4], [0.5]);
  const x = T(range(9), [1, 3, 3]);
  t.deepEqual(arr(m.forward(x)), [37.5, 47.5, 67.5, 77.5], '1·1 + 2·2 + 3·4 + 4·5 + 0.5 at the corner');
  t.deepEqual(m.output.shape, [1, 2, 2]);
  const p = params(new nn.SpatialConvolution(1, 1, 3, 3, 1, 1, 1), range(9));
  t.deepEqual(arr(p.forward(T([2], [1, 1, 1]))), [10], 'padding 1: only the centre tap (weight 5) sees the pixel');
  const s = params(new nn.SpatialConvolution(1, 1, 1, 1, 2, 2), [3]);
  t.deepEqual(arr(s.forward(T(range(9), [1, 1, 3, 3]))), [3, 9, 21, 27], 'stride 2 keeps every other pixel');
  t.equal(new nn.SpatialConvolution(3, 4, 5, 5, 1, 1, 2).padH, 2, 'padH defaults to padW');
  t.equal(nn.SpatialConvolutionMM, nn.SpatialConvolution, 'SpatialConvolutionMM is the same class');
  t.equal(String(new nn.SpatialConvolution(3, 6, 5, 5)), 'SpatialConvolution(3 -> 6, 5x5)');
  t.equal(String(new nn.SpatialConvolution(3, 6, 5, 3, 2, 2, 1, 1).noBias()), 'SpatialConvolution(3 -> 6, 5x3, 2,2, 1,1) without bias');
  t.end();
});

test('SpatialDilatedConvolution and the full (transposed) convolution', (t) => {
  const d = params(new nn.SpatialDilatedConvolution(1, 1, 2, 2, 1, 1, 0, 0, 2, 2), [1, 1, 1, 1]);
  t.deepEqual(arr(d.forward(T(range(9), [1, 3, 3]))), [20], 'taps 2 apart: 1 + 3 + 7 + 9');
  const f = params(new nn.SpatialFullConvolution(1, 1, 2, 2), [1, 1, 1, 1]);
  t.deepEqual(arr(f.forward(T([1, 2, 3, 4], [1, 2, 2]))), [1, 3, 2, 4, 10, 6, 3, 7, 4], 'each input spreads over a 2×2 block');
  const f2 = params(new nn.SpatialFullConvolution(1, 1, 2, 2, 2, 2, 0, 0, 1, 1), [1, 1, 1, 1], [0.5]);
  f2.forward(T([1, 2, 3, 4], [1, 1, 2, 2]));
  t.deepEqual(f2.output.shape, [1, 1, 5, 5], 'oH = (H − 1)·dH + kH + adjH');
  t.deepEqual(arr(f2.output).slice(0, 5), [1.5, 1.5, 2.5, 2.5, 0.5], 'stride 2: blocks side by side, the adj column holds the bias');
  t.throws(() => new nn.SpatialFullConvolution(1, 1, 3, 3, 2, 2, 0, 0, 2, 0), /SpatialFullConvolution.constructor: expected adjW < dW/);
  t.end();
});

test('SpatialDepthWiseConvolution: output plane i·nOutputPlane + o comes from kernel (o, i)', (t) => {
  const m = params(new nn.SpatialDepthWiseConvolution(2, 2, 1, 1), [1, 10, 100, 1000], [0, 0, 0.5, 0]);
  const x = T([1, 1, 1, 1, 2, 2, 2, 2], [2, 2, 2]);
  const y = arr(m.forward(x));
  t.deepEqual(m.output.shape, [4, 2, 2]);
  t.deepEqual([y[0], y[4], y[8], y[12]], [1, 100.5, 20, 2000], 'bias (o, i) joins plane i·nOut + o');
  t.deepEqual(m.weight.shape, [2, 2], 'weight nOutputPlane × nInputPlane·kH·kW, as Torch');
  t.end();
});

test('SpatialConvolutionLocal: one kernel per output position', (t) => {
  const m = params(new nn.SpatialConvolutionLocal(1, 1, 2, 2, 1, 1), [1, 2, 3, 4], [0, 0, 0, 1]);
  t.deepEqual(arr(m.forward(T([1, 2, 3, 4], [1, 2, 2]))), [1, 4, 9, 17]);
  t.deepEqual(m.weight.shape, [2, 2, 1, 1, 1, 1], 'oH × oW × nOutputPlane × nInputPlane × kH × kW');
  t.throws(() => m.forward(T(range(9), [1, 3, 3])), /SpatialConvolutionLocal.updateOutput: expected input of size \[1, 2, 2\] or \[B, 1, 2, 2\], got \[1, 3, 3\]/);
  t.end();
});

test('nn.tables and the Map convolutions', (t) => {
  t.deepEqual(arr(nn.tables.full(2, 3)), [0, 0, 1, 0, 0, 1, 1, 1, 0, 2, 1, 2], 'every input for output 0, then output 1, …');
  t.deepEqual(arr(nn.tables.oneToOne(3)), [0, 0, 1, 1, 2, 2]);
  nn.manualSeed(3);
  const r = nn.tables.random(5, 4, 2);
  t.deepEqual(r.shape, [8, 2]);
  const rows = arr(r);
  for (let o = 0; o < 4; o++) {
    const a = rows[4 * o]!, b = rows[4 * o + 2]!;
    t.ok(a !== b && rows[4 * o + 1] === o && rows[4 * o + 3] === o && a < 5 && b < 5, `output ${o} reads two distinct planes (${a}, ${b})`);
  }
  const m = params(new nn.SpatialConvolutionMap(nn.tables.oneToOne(2), 1, 1), [2, 3], [0, 1]);
  t.deepEqual(arr(m.forward(T([1, 1, 1, 1, 2, 2, 2, 2], [2, 2, 2]))), [2, 2, 2, 2, 7, 7, 7, 7]);
  const sum = params(new nn.SpatialConvolutionMap(nn.tables.full(2, 1), 1, 1), [1, 1]);
  t.deepEqual(arr(sum.forward(T([1, 2, 10, 20], [2, 1, 2]))), [11, 22], 'a full table sums over the inputs');
  const f = params(new nn.SpatialFullConvolutionMap(nn.tables.oneToOne(1), 2, 2), [1, 2, 3, 4], [1]);
  t.deepEqual(arr(f.forward(T([3], [1, 1, 1]))), [4, 7, 10, 13], 'the input spread through the kernel, plus the bias');
  t.end();
});

test('SpatialSubSampling, TemporalConvolution, TemporalRowConvolution', (t) => {
  const s = params(new nn.SpatialSubSampling(1, 2, 2), [0.5], [1]);
  t.deepEqual(arr(s.forward(T([1, 2, 3, 4], [1, 2, 2]))), [6], '0.5·(1 + 2 + 3 + 4) + 1');
  const c = params(new nn.TemporalConvolution(1, 1, 2), [1, 10]);
  t.deepEqual(arr(c.forward(T([1, 2, 3], [3, 1]))), [21, 32], 'frames t and t + 1 concatenated');
  const c2 = params(new nn.TemporalConvolution(2, 1, 1, 2), [1, 100], [0.5]);
  t.deepEqual(arr(c2.forward(T([1, 2, 3, 4, 5, 6], [1, 3, 2]))), [201.5, 605.5], 'stride 2 over frames of 2 features');
  const r = params(new nn.TemporalRowConvolution(2, 2), [1, 1, 1, -1]);
  t.deepEqual(arr(r.forward(T([1, 10, 2, 20, 3, 30], [3, 2]))), [3, -10, 5, -10], 'each feature row convolved on its own');
  const rf = params(new nn.TemporalRowConvolution(2, 2, 1, true), [1, 1, 1, -1]);
  t.deepEqual(arr(rf.forward(T([1, 2, 3, 10, 20, 30], [2, 3]))), [3, 5, -10, -10], 'featFirst: features × frames in and out');
  t.throws(() => c.forward(T([1, 2, 3, 4], [2, 2])), /TemporalConvolution.updateOutput: expected input of size \[nInputFrame, 1\] or \[B, nInputFrame, 1\], got \[2, 2\]/);
  t.end();
});

test('Volumetric convolutions', (t) => {
  const v = params(new nn.VolumetricConvolution(1, 1, 2, 2, 2), new Array<number>(8).fill(1), [0.5]);
  t.deepEqual(arr(v.forward(T(range(8), [1, 2, 2, 2]))), [36.5]);
  const vp = new nn.VolumetricConvolution(1, 1, 3, 3, 3, 1, 1, 1, 1);
  t.deepEqual([vp.padW, vp.padH], [1, 1], 'padW defaults to padT, padH to padW');
  const d = params(new nn.VolumetricDilatedConvolution(1, 1, 2, 1, 1, 1, 1, 1, 0, 0, 0, 2), [1, 1]);
  t.deepEqual(arr(d.forward(T([1, 2, 3], [1, 3, 1, 1]))), [4], 'frames 2 apart: 1 + 3');
  const f = params(new nn.VolumetricFullConvolution(1, 1, 2, 2, 2), range(8));
  t.deepEqual(arr(f.forward(T([2], [1, 1, 1, 1]))), range(8).map((w) => 2 * w));
  t.end();
});

test('errors name the class, what was expected and what came', (t) => {
  const m = new nn.SpatialConvolution(3, 2, 3, 3);
  t.throws(() => m.forward(nn.Tensor.zeros([2, 4, 5, 5])), /SpatialConvolution.updateOutput: expected input of size \[3, H, W\] or \[B, 3, H, W\], got \[2, 4, 5, 5\]/);
  t.throws(() => m.forward(nn.Tensor.zeros([3, 2, 2])), /SpatialConvolution.updateOutput: input of 3×1×2×2 is too small for kernel 1×3×3/);
  t.throws(() => new nn.SpatialConvolution(3, 0, 3, 3), /SpatialConvolution.constructor: expected nOutputPlane to be an integer ≥ 1, got 0/);
  t.throws(() => m.backward(nn.Tensor.zeros([3, 5, 5]), nn.Tensor.zeros([2, 3, 3])), /SpatialConvolution.updateGradInput: called before updateOutput/);
  t.end();
});

test('.t7: SpatialConvolutionMM\'s 2-D weight is read as SpatialConvolution\'s 4-D one; connection tables are 1-based in Lua', (t) => {
  const fields = (className: string, v: Record<string, unknown>) => ({ className, get: (n: string) => v[n], all: () => Object.entries(v) });
  const entry = t7EntryByTorchName('nn.SpatialConvolutionMM')!;
  const w = T(range(12), [2, 6]);
  const m = readEntry(entry, fields('nn.SpatialConvolutionMM', { nInputPlane: 3, nOutputPlane: 2, kW: 2, kH: 1, dW: 1, dH: 1, padW: 0, padH: 0, weight: w, bias: T([0, 0]) })) as nn.SpatialConvolution;
  t.ok(m instanceof nn.SpatialConvolution, 'read as SpatialConvolution');
  t.deepEqual(m.weight.shape, [2, 3, 1, 2]);
  t.deepEqual(arr(m.weight), range(12), 'same numbers, viewed 4-D');
  const nb = readEntry(entry, fields('nn.SpatialConvolution', { nInputPlane: 1, nOutputPlane: 1, kW: 1, kH: 1, weight: T([2], [1, 1, 1, 1]) })) as nn.SpatialConvolution;
  t.equal(nb.bias, null, 'no bias in the file: noBias()');
  const map = readEntry(t7EntryByTorchName('nn.SpatialConvolutionMap')!, fields('nn.SpatialConvolutionMap', { connTable: T([1, 1, 2, 1], [2, 2]), kW: 1, kH: 1 })) as nn.SpatialConvolutionMap;
  t.deepEqual(arr(map.connTable), [0, 0, 1, 0], 'connTable converted to 0-based');
  t.equal(map.nInputPlane, 2);
  t.end();
});
