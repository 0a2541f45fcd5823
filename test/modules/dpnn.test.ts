/** Values of the 'dpnn' group against hand-computed Torch semantics, sampling statistics, and errors. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const range = (n: number, s: number[]) => T(Array.from({ length: n }, (_, i) => i), s);
const quiet = { onWarning: () => {} };
const roundTrip = (m: nn.Module) => nn.deserialize(nn.serialize(m, 'binary', quiet), quiet) as nn.Module;

test('SpatialFeatNormalization: (x − mean[c]) / std[c] per plane; gradient / std[c]', (t) => {
  const m = new nn.SpatialFeatNormalization(T([1, 2]), T([2, 4])).double();
  const x = T([3, 5, 6, 10], [2, 1, 2]);
  t.deepEqual(arr(m.forward(x)), [1, 2, 1, 2], '(3−1)/2, (5−1)/2, (6−2)/4, (10−2)/4');
  t.deepEqual(arr(m.backward(x, T([2, 2, 4, 4], [2, 1, 2]))), [1, 1, 1, 1]);
  t.deepEqual(arr(m.forward(T([3, 5, 6, 10], [1, 2, 1, 2]))), [1, 2, 1, 2], 'batch: planes in dimension 1');
  t.deepEqual(arr(new nn.SpatialFeatNormalization(T([1])).double().forward(T([1, 2], [1, 1, 2]))), [0, 1], 'std defaults to 1');
  t.equal(m.noOfFeats, 2);
  t.throws(() => m.forward(T([1, 2, 3], [3, 1, 1])), /SpatialFeatNormalization\.updateOutput: expected 2 planes in dimension 0, got \[3, 1, 1\]/);
  t.throws(() => m.forward(T([1, 2], [2, 1])), /SpatialFeatNormalization\.updateOutput: expected input of 3 or 4 dimensions, got \[2, 1\]/);
  t.throws(() => new nn.SpatialFeatNormalization(T([1, 2], [1, 2])), /SpatialFeatNormalization\.constructor: expected mean to be a 1-D tensor/);
  t.end();
});

test('SpatialRegionDropout: one border region zeroed, the rest scaled by 1/(1 − p); regions uniform', (t) => {
  const m = new nn.SpatialRegionDropout(0.5).double();
  const x = T(new Array(16).fill(1), [1, 4, 4]);
  const expected: Record<number, number[]> = {
    1: [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2], 2: [2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0],
    3: [0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2], 4: [2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0, 2, 2, 0, 0],
  };
  const counts = [0, 0, 0, 0];
  nn.manualSeed(11);
  let allMatch = true;
  for (let i = 0; i < 400; i++) {
    const out = arr(m.forward(x));
    counts[m.regionType - 1]!++;
    if (JSON.stringify(out) !== JSON.stringify(expected[m.regionType])) allMatch = false;
  }
  t.ok(allMatch, 'each output is its region type\'s mask times 1/(1 − p)');
  t.ok(counts.every((c) => Math.abs(c / 400 - 0.25) < 0.07), `region types drawn uniformly: ${counts.join(', ')} of 400 (±0.07)`);
  const g = arr(m.backward(x, T(new Array(16).fill(1), [1, 4, 4])));
  t.deepEqual(g, expected[m.regionType], 'gradInput = gradOutput ⊙ noise');
  const b = m.forward(T(new Array(32).fill(1), [2, 1, 4, 4]));
  t.deepEqual(arr(b.select(0, 0)), arr(b.select(0, 1)), 'one region for the whole batch');
  m.evaluate();
  t.deepEqual(arr(m.forward(x)), new Array(16).fill(1), 'evaluate: the identity');
  t.throws(() => m.backward(x, x), /SpatialRegionDropout\.updateGradInput: backpropagation is only defined in training mode/);
  t.throws(() => new nn.SpatialRegionDropout(1), /SpatialRegionDropout\.constructor: expected 0 ≤ p < 1, got 1/);
  t.equal(new nn.SpatialRegionDropout().p, 0.2, 'p defaults to 0.2');
  t.equal(new nn.SpatialRegionDropout().setp(0.4).p, 0.4, 'setp');
  t.end();
});

test('SpatialUniformCrop: Torch\'s centre crop in evaluate mode; random crops and their gradient', (t) => {
  const m = new nn.SpatialUniformCrop(2).double().evaluate();
  const x = range(20, [1, 5, 4]);
  t.deepEqual(arr(m.forward(x)), [4, 5, 8, 9], 'start ⌈(5−2)/2⌉ = 2 and ⌈(4−2)/2⌉ = 1 (1-based): rows 1–2, columns 0–1');
  const tr = new nn.SpatialUniformCrop(2, 3).double();
  const xb = range(40, [2, 1, 4, 5]);
  const seen = new Set<string>();
  nn.manualSeed(3);
  let exact = true;
  for (let k = 0; k < 300; k++) {
    const out = tr.forward(xb);
    for (let i = 0; i < 2; i++) {
      const [r, c] = [tr.coord.get(i, 0), tr.coord.get(i, 1)];
      seen.add(`${r},${c}`);
      if (JSON.stringify(arr(out.select(0, i))) !== JSON.stringify(arr(xb.select(0, i).narrow(1, r, 2).narrow(2, c, 3).contiguous()))) exact = false;
    }
  }
  t.ok(exact, 'each output is the input region at coord');
  t.deepEqual([...seen].sort(), ['0,0', '0,1', '1,0', '1,1'], 'starts 0..H−oheight−1 (Torch never draws the last one)');
  const g = arr(tr.backward(xb, T(new Array(12).fill(1), [2, 1, 2, 3])));
  t.equal(g.reduce((s, v) => s + v, 0), 12, 'gradInput: gradOutput put back at the crops, zero elsewhere');
  const sc = new nn.SpatialUniformCrop(2, 2, { min: 1, max: 1 }).double();
  nn.manualSeed(1);
  const so = sc.forward(range(9, [1, 3, 3]));
  const [r, c] = [sc.coord.get(0, 0), sc.coord.get(0, 1)];
  t.ok(close(arr(so), arr(range(9, [1, 3, 3]).narrow(1, r, 2).narrow(2, c, 2).contiguous())), 'scale 1: the resampled crop is the crop');
  const big = new nn.SpatialUniformCrop(3, 3, [0.5, 1]).double();
  nn.manualSeed(2);
  big.forward(rand([2, 1, 4, 4]));
  t.ok([0, 1].every((i) => big.scales.get(i) >= 0.5 && big.scales.get(i) <= 1), 'scales drawn in [min, max]');
  t.deepEqual(big.output.shape, [2, 1, 3, 3], 'resampled to oheight × owidth');
  t.throws(() => tr.forward(rand([1, 3, 2])), /SpatialUniformCrop\.updateOutput: expected images of at least 2 × 3, got \[1, 3, 2\]/);
  t.end();
});

test('FireModule: squeeze 1×1 → act → [expand 1×1 ; expand 3×3] → act, batch or one image', (t) => {
  const m = new nn.FireModule(3, 2, 2, 1).double();
  t.equal(m.activation, 'ReLU', 'ReLU by default');
  t.equal(m.toString(), 'FireModule inputPlanes: 3 -> Squeeze Planes: 2 -> Expand: 2(1x1) + 1(3x3), activation: ReLU');
  const x = rand([2, 3, 3, 4]);
  const y = nn.asTensor(m.forward(x)).clone();
  t.deepEqual(y.shape, [2, 3, 3, 4], 'e1x1 + e3x3 planes, same H × W');
  const s = new nn.ReLU().double().forward((m.squeeze as nn.SpatialConvolution).forward(x)).clone();
  const [e1, e3] = (m.expand as nn.Concat).modules as [nn.SpatialConvolution, nn.SpatialConvolution];
  const ref = new nn.ReLU().double().forward(nn.torch.cat([e1.forward(s).clone(), e3.forward(s).clone()], 1));
  t.ok(close(arr(y), arr(ref)), 'the composition by hand');
  const one = nn.asTensor(m.forward(x.select(0, 1))).clone();
  t.ok(close(arr(one), arr(y.select(0, 1).contiguous())) && one.dim() === 3, 'one image = a batch of one');
  t.throws(() => new nn.FireModule(3, 2, 2, 1, 'Relu'), /FireModule\.constructor: unknown activation 'Relu', expected one of ReLU, Tanh/);
  t.end();
});

test('Inception: n + 2 columns concatenated over the planes', (t) => {
  const m = new nn.Inception({ inputSize: 3, outputSize: [2, 3], reduceSize: [2, 2, 1, 2] }).double();
  const dc = m.module as nn.DepthConcat;
  t.equal(dc.modules.length, 4, '5×5 and 3×3 columns, pool column, 1×1 column');
  t.deepEqual(m.kernelSize, [5, 3], 'kernelSize defaults to [5, 3]');
  const x = rand([2, 3, 6, 6]);
  const y = nn.asTensor(m.forward(x));
  t.deepEqual(y.shape, [2, 2 + 3 + 1 + 2, 6, 6], 'planes 2 + 3 + 1 + 2, padded convolutions keep 6 × 6');
  const col = (dc.modules[3] as nn.Sequential).forward(x);
  t.ok(close(arr(y.narrow(1, 6, 2).contiguous()), arr(col)), 'the last column is 1×1 conv → ReLU');
  const one = nn.asTensor(m.forward(x.select(0, 0))).clone();
  t.ok(close(arr(one), arr(nn.asTensor(m.forward(x)).select(0, 0).contiguous())) && one.dim() === 3, 'one image = a batch of one');
  const bn = new nn.Inception({ inputSize: 2, outputSize: [1], reduceSize: [1, 1], kernelSize: [3], batchNorm: true });
  t.equal(bn.findModules('SpatialBatchNormalization').length, 3, 'batchNorm after each convolution');
  t.throws(() => new nn.Inception({ inputSize: 3, outputSize: [2], reduceSize: [2, 2] }), /Inception\.constructor: expected config\.outputSize of 2 positive integers/);
  t.end();
});

test('SpatialBinaryConvolution: α ⊙ conv(x, sign W); real weights restored; Torch\'s gradient estimate', (t) => {
  const m = new nn.SpatialBinaryConvolution(2, 1, 1, 1).double();
  m.weight.copy(T([0.5, -0.25], [1, 2, 1, 1]));
  t.equal(m.bias, null, 'no bias');
  t.deepEqual([m.iwh, m.owh], [2, 1]);
  const x = T([1, 2, 3, 4], [2, 1, 2]);
  t.deepEqual(arr(m.forward(x)), [(1 - 3) * 0.375, (2 - 4) * 0.375], 'α = (0.5 + 0.25)/2, sign W = [1, −1]');
  t.deepEqual(arr(m.weight), [1, -1], 'training: weight holds the signs until backward');
  const g = arr(m.backward(x, T([1, 1], [1, 1, 2])));
  t.deepEqual(g, [0.5, 0.5, -0.25, -0.25], 'gradInput plane i: Σ sign(W)·g · ‖W[:, i]‖₁/owh');
  t.deepEqual(arr(m.weight), [0.5, -0.25], 'real weights back after backward');
  t.deepEqual(arr(m.gradWeight), [3, 7], 'gradWeight as SpatialConvolution: Σ g·x per input plane');
  m.evaluate().forward(x);
  t.deepEqual(arr(m.weight), [0.5, -0.25], 'evaluate: real weights back right after forward');
  m.weight.zero();
  m.training();
  t.deepEqual(arr(m.forward(x)), [0, 0], 'sign(0) counted as +1, α = 0');
  const c = new nn.SpatialBinaryConvolution(2, 3, 3, 3, 1, 1, 1).double(), xi = rand([2, 2, 4, 4]);
  const back = roundTrip(c) as nn.SpatialBinaryConvolution;
  t.ok(back instanceof nn.SpatialBinaryConvolution && back.bias === null && back.padH === 1, 'round trip: the class, no bias, padding');
  t.ok(close(arr(back.forward(xi)), arr(c.forward(xi))), 'round trip: the same output');
  t.end();
});

test('Dictionary: updates, zeroing, max-norm and momentum on the touched rows only', (t) => {
  const m = new nn.Dictionary(4, 2).double();
  m.weight.copy(T([1, 1, 2, 2, 3, 3, 4, 4], [4, 2]));
  const x = T([2, 0, 2]);
  m.forward(x);
  m.backward(x, T([1, 1, 1, 1, 1, 1], [3, 2]));
  t.deepEqual([...m.inputs].sort(), [[0, 1], [2, 2]], 'rows 0 (once) and 2 (twice)');
  t.equal(m.nBackward, 3);
  t.deepEqual(m.sparseParameters()[0].map(arr), [[1, 1], [3, 3]], 'sparseParameters: the touched rows');
  m.gradWeight.select(0, 3).fill(5); // an untouched row: updateParameters ignores it
  m.updateParameters(0.5);
  t.deepEqual(arr(m.weight), [0.5, 0.5, 2, 2, 2, 2, 4, 4], 'w[k] −= lr·g[k] on rows 0 and 2 only');
  m.maxParamNorm(1);
  t.ok(close(arr(m.weight.select(0, 2)), [Math.SQRT1_2, Math.SQRT1_2], 1e-6) && arr(m.weight.select(0, 3))[0] === 4, 'max-norm: touched rows renormalised');
  m.updateGradParameters(0.5);
  t.deepEqual(arr(m.gradWeight.select(0, 2)), [1, 1], 'momentum from zero: mom = 0.5·0 + (1 − 0.5)·2, grad := mom');
  m.zeroGradParameters();
  t.deepEqual([arr(m.gradWeight.select(0, 0)), arr(m.gradWeight.select(0, 3)), m.inputs.size], [[0, 0], [5, 5], 0], 'zeroGradParameters zeroes the touched rows and forgets them');
  t.equal(m.sharedClone().inputs, m.inputs, 'sharedClone shares the record');
  const a = new nn.Dictionary(3, 1, true).double();
  a.weight.fill(1);
  t.equal(a.gradWeight.numel(), 0, 'accUpdate: no gradWeight');
  a.forward(T([1]));
  a.updateGradInput(T([1]), T([2], [1, 1]));
  a.accUpdateGradParameters(T([1]), T([2], [1, 1]), 0.25);
  t.deepEqual([arr(a.weight), [...a.inputs]], [[1, 0.5, 1], [[1, 1]]], 'accUpdateGradParameters steps the row and records it');
  t.end();
});

test('Serial: saves the serial state; the live module keeps its state and type', (t) => {
  const lin = new nn.Linear(2, 1).double();
  const s = new nn.Serial(lin).lightSerial();
  const x = T([1, 2], [1, 2]);
  s.forward(x);
  s.backward(x, T([1], [1, 1]));
  const back = roundTrip(s) as nn.Serial;
  const inner = back.module as nn.Linear;
  t.ok(back instanceof nn.Serial && inner instanceof nn.Linear, 'loads as Serial(Linear)');
  t.deepEqual(arr(inner.weight), arr(lin.weight), 'weights saved');
  t.deepEqual(arr(inner.gradWeight), [0, 0], 'light: gradients emptied (read back as zeros)');
  const state = s.serialState().module as nn.Linear;
  t.deepEqual([state.output.numel(), state.gradWeight.numel(), state.weight === lin.weight], [0, 0, true], 'the saved state: output and gradients empty, weights shared');
  t.deepEqual([lin.output.numel(), arr(lin.gradWeight)], [1, [1, 2]], 'the live module is untouched');
  const medium = new nn.Serial(lin).mediumSerial();
  t.deepEqual(arr((roundTrip(medium).children()[0] as nn.Linear).gradWeight), [1, 2], 'medium: gradients kept');
  t.equal((medium.serialState().module as nn.Linear).output.numel(), 0, 'medium: output emptied');
  const heavy = new nn.Serial(lin).heavySerial();
  t.equal((heavy.serialState().module as nn.Linear).output.numel(), 1, 'heavy (the default; modes are set per module): everything kept');
  const f = roundTrip(lin.Serial('torch.FloatTensor')).children()[0] as nn.Linear;
  t.deepEqual([f.weight.dtype, lin.weight.dtype], ['float32', 'float64'], 'tensortype: saved as float, the live module stays double');
  t.throws(() => new nn.Serial(lin, 'float'), /Serial\.constructor: expected a tensortype such as 'torch\.FloatTensor', got 'float'/);
  t.end();
});
