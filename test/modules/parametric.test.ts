/** Values of the 'parametric' group against hand-computed Torch semantics; sparse layers against Linear; errors. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());

test('Bilinear: y_k = x1ᵀ W_k x2 + b_k', (t) => {
  const m = new nn.Bilinear(2, 2, 1).double();
  m.weight.copy(T([1, 2, 3, 4], [1, 2, 2]));
  m.bias!.fill(0.5);
  t.deepEqual(arr(m.forward([T([1, 1], [1, 2]), T([1, 0], [1, 2])])), [4.5], '[1 1] W [1 0]ᵀ + 0.5 = 1 + 3 + 0.5');
  t.throws(() => m.forward([T([1, 1], [1, 2])] as unknown as [nn.Tensor, nn.Tensor]), /Bilinear\.updateOutput: expected a table \{x1, x2\}/);
  t.end();
});

test('Cosine, Euclidean, WeightedEuclidean', (t) => {
  const c = new nn.Cosine(2, 2).double();
  c.weight.copy(T([1, 0, 1, 1], [2, 2]));
  t.ok(close(arr(c.forward(T([2, 0]))), [1, Math.SQRT1_2]), 'cosines');
  const e = new nn.Euclidean(2, 2).double();
  e.weight.copy(T([0, 1, 0, 1], [2, 2])); // columns w_0 = (0, 0), w_1 = (1, 1)
  t.ok(close(arr(e.forward(T([3, 4, 1, 1], [2, 2]))), [5, Math.sqrt(13), Math.SQRT2, 0]), 'distances to the columns');
  const w = new nn.WeightedEuclidean(2, 1).double();
  w.weight.zero();
  w.diagCov.copy(T([2, 0.5], [2, 1]));
  t.ok(close(arr(w.forward(T([1, 4]))), [Math.sqrt(4 + 4)]), '‖c ⊙ (x − w)‖');
  t.deepEqual(w.parameters()[0].map((p) => p.shape), [[2, 1], [2, 1]], 'parameters: weight, diagCov');
  t.end();
});

test('LinearWeightNorm: weight = g·v/‖v‖, and matches its Linear', (t) => {
  const m = new nn.LinearWeightNorm(2, 1).double();
  m.v.copy(T([3, 4], [1, 2]));
  m.g.fill(10);
  m.bias!.zero();
  t.ok(close(arr(m.forward(T([1, 1]))), [14]), '10·(3 + 4)/5');
  const lin = m.toLinear();
  t.ok(close(arr(lin.weight), [6, 8]));
  const back = nn.LinearWeightNorm.fromLinear(lin);
  t.ok(close(arr(back.forward(T([1, 2]))), arr(lin.forward(T([1, 2])))), 'fromLinear');
  t.end();
});

test('Maxout takes the max over its pieces', (t) => {
  const m = new nn.Maxout(1, 2, 2).double();
  const lin = m.get(0) as nn.Linear;
  lin.weight.copy(T([1, -1, 2, 0], [4, 1]));
  lin.bias!.zero();
  t.deepEqual(arr(m.forward(T([3]))), [6, 0], 'pieces (3, −3) and (6, 0)');
  t.deepEqual(nn.asTensor(m.forward(T([3, -1], [2, 1]))).shape, [2, 2]);
  t.end();
});

test('PartialLinear computes only the partition; gradients touch only it', (t) => {
  const m = new nn.PartialLinear(2, 3).double();
  m.weight.copy(T([1, 0, 0, 1, 1, 1], [3, 2]));
  m.bias!.copy(T([0.5, 0, -1], [1, 3]));
  t.deepEqual(arr(m.forward(T([2, 3], [1, 2]))), [2.5, 3, 4]);
  m.setPartition(nn.Tensor.from([2, 0], [2], 'long'));
  t.deepEqual(arr(m.forward(T([2, 3], [1, 2]))), [4, 2.5]);
  m.zeroGradParameters();
  m.backward(T([2, 3], [1, 2]), T([1, 1], [1, 2]));
  t.deepEqual(arr(m.gradWeight), [2, 3, 0, 0, 2, 3], 'row 1 untouched');
  t.throws(() => m.setPartition(nn.Tensor.from([3], [1], 'long')), /PartialLinear\.setPartition: .* got 3/);
  t.end();
});

test('SparseLinear and IndexLinear match Linear on the dense input', (t) => {
  const dense = T([0, 2, 0, -1, 0, 0, 0.5, 0], [2, 4]);
  const lin = new nn.Linear(4, 3).double();
  const sl = new nn.SparseLinear(4, 3, true).double();
  sl.weight.copy(lin.weight);
  sl.bias.copy(lin.bias!);
  const batch = [T([1, 2, 3, -1], [2, 2]), T([2, 0.5], [1, 2])];
  const g = rand([2, 3]);
  t.ok(close(arr(sl.forward(batch)), arr(lin.forward(dense))), 'SparseLinear output');
  sl.zeroGradParameters();
  lin.zeroGradParameters();
  const gi = sl.backward(batch, g) as nn.Tensor[];
  const gl = lin.backward(dense, g);
  t.ok(close(arr(sl.gradWeight), arr(lin.gradWeight)) && close(arr(sl.gradBias), arr(lin.gradBias!)), 'SparseLinear gradWeight, gradBias');
  t.ok(close(arr(gi[1]!.select(1, 1)), arr(gl.select(0, 1))) && close(arr(gi[1]!.select(1, 0)), [0, 1, 2, 3]), 'dense (index, gradient) rows');
  t.ok(close(arr(sl.forward(batch[0]!)), arr(lin.forward(dense.select(0, 0)))), 'non-batch: one n × 2 tensor');
  t.throws(() => sl.forward(T([4, 1], [1, 2])), /SparseLinear\.updateOutput: index 4 out of range 0\.\.3/);

  const il = new nn.IndexLinear(4, 3).double();
  il.weight.copy(lin.weight.t());
  il.bias.copy(lin.bias!);
  const keys = [nn.Tensor.from([1, 3], [2], 'long'), nn.Tensor.from([2], [1], 'long')], vals = [T([2, -1]), T([0.5])];
  t.ok(close(arr(il.forward([keys, vals])), arr(lin.forward(dense))), 'IndexLinear output (batch tables)');
  il.zeroGradParameters();
  il.backward([keys, vals], g);
  t.ok(close(arr(il.gradWeight), arr(lin.gradWeight.t().contiguous())), 'IndexLinear gradWeight');
  t.ok(close(arr(il.forward([keys[0]!, vals[0]!])), arr(lin.forward(dense.select(0, 0)))), 'non-batch {keys, values}');
  const off = new nn.IndexLinear(4, 3, false, 1).double();
  off.weight.copy(il.weight);
  t.ok(close(arr(off.forward([nn.Tensor.from([0, 2], [2], 'long'), T([2, -1])])), arr(il.forward([keys[0]!, vals[0]!])).map((v, i) => v - il.bias.get(i))), 'keysOffset shifts the keys');
  t.end();
});

test('IndexLinear normalize: values scaled by the max |value| seen in training', (t) => {
  const m = new nn.IndexLinear(2, 1, false, 0, undefined, undefined, true).double();
  m.weight.narrow(1, 4, 1).fill(1);
  t.deepEqual(arr(m.forward([nn.Tensor.from([0], [1], 'long'), T([4])])), [1], '4/4');
  t.deepEqual(arr(m.forward([nn.Tensor.from([0], [1], 'long'), T([2])])), [0.5], '2/4');
  t.deepEqual([m.weight.get(0, 0), m.weight.get(0, 1)], [4, 0.25]);
  t.end();
});

test('Kmeans assigns the nearest centroid and moves centroids to their means', (t) => {
  const m = new nn.Kmeans(2, 2).double();
  m.weight.copy(T([0, 0, 10, 10], [2, 2]));
  const x = T([1, 1, -1, 1, 9, 9], [3, 2]);
  t.deepEqual(arr(m.forward(x)), [0, 0, 1], '0-based cluster indices');
  t.ok(close([m.loss], [6]), 'within-cluster squared error 2 + 2 + 2');
  m.zeroGradParameters();
  m.backward(x, T([0, 0, 0]));
  m.updateParameters(1);
  t.ok(close(arr(m.weight), [0, 1, 9, 9], 1e-5), 'c ← mean of its samples');
  t.deepEqual(arr(m.clusterSampleCount), [2, 1]);
  nn.manualSeed(1);
  m.initKmeansPlus(T([0, 0, 0, 0.1, 5, 5, 5, 5.1], [4, 2]), 0.5);
  t.ok(Math.abs(m.weight.get(0, 0) - m.weight.get(1, 0)) === 5, 'kmeans++ picks a far sample second');
  t.throws(() => m.forward(T([1, 2, 3], [1, 3])), /Kmeans\.updateOutput: expected input of size \[n, 2\]/);
  t.end();
});

test('containers: Bottle folds, DepthConcat pads centred, Parallel slices, GPU passes through', (t) => {
  const lin = new nn.Linear(3, 2).double();
  const x = rand([2, 4, 3]);
  t.ok(close(arr(new nn.Bottle(lin).forward(x)), arr(lin.forward(x.view(8, 3)))), 'Bottle = Linear on the folded input');
  t.deepEqual(nn.asTensor(new nn.Bottle(lin).forward(x)).shape, [2, 4, 2]);
  const dc = new nn.DepthConcat(0).add(new nn.Identity()).add(new nn.Sequential().add(new nn.Narrow(1, 0, 1)));
  t.deepEqual(nn.asTensor(dc.forward(T([1, 2, 3], [1, 3]))).totable(), [[1, 2, 3], [0, 1, 0]], 'the narrower output sits in the middle');
  const p = new nn.Parallel(0, 0).add(new nn.MulConstant(2)).add(new nn.MulConstant(-1));
  t.deepEqual(arr(p.forward(T([1, 2, 3, 4], [2, 2]))), [2, 4, -3, -4]);
  t.ok(String(new nn.GPU(new nn.Identity(), 2)).startsWith('GPU(2, pass-through'), 'GPU says it is a pass-through');
  t.end();
});

test('NaN names the module and where the NaN came from; Profile reports; DontCast keeps its module\'s type', (t) => {
  const m = new nn.NaN(new nn.Linear(2, 1).double(), 'probe');
  t.throws(() => m.forward(T([Number.NaN, 1])), (e: Error) => e instanceof nn.StateError && /NaN found in input of module NaN\(probe\) @ Linear/.test(e.message));
  (m.get(0) as nn.Linear).weight.fill(Number.NaN);
  t.throws(() => m.forward(T([1, 1])), /NaN found in parameters/);
  const lines: string[] = [];
  const prof = new nn.Profile(new nn.Identity(), 2, 'id');
  prof.log = (l) => lines.push(l);
  for (let i = 0; i < 4; i++) prof.forward(T([1]));
  t.equal(lines.length, 2);
  t.ok(/^id took \d+\.\d{3} seconds for 2 forward passes$/.test(lines[0]!));
  const dc = new nn.DontCast(new nn.Linear(2, 1).double(), true);
  dc.float();
  t.equal((dc.get(0) as nn.Linear).weight.dtype, 'float64', 'the module stays float64');
  t.equal(nn.asTensor(dc.forward(nn.Tensor.from([1, 2], [2], 'float32'))).dtype, 'float32', 'castout (defaults to castin): the output in the DontCast\'s own type');
  t.end();
});

test('WeightNorm: weight = g·v/√(‖v‖² + 1e-4) over outputDim', (t) => {
  const lin = new nn.Linear(2, 1).double();
  const wn = new nn.WeightNorm(lin);
  wn.v.copy(T([3, 4], [1, 2]));
  wn.g.fill(2);
  wn.forward(T([1, 1]));
  const n = Math.sqrt(25 + 1e-4);
  t.ok(close(arr(lin.weight), [6 / n, 8 / n]));
  t.equal(wn.weight, lin.weight, 'shares the module\'s weight');
  t.deepEqual(wn.parameters()[0].map((p) => p.shape), [[1, 2], [1], [1]], 'v, g, bias');
  t.end();
});

/** Per-channel sample mean and covariance of a B × C noise. */
function moments(noise: nn.Tensor): [mean: number[], cov: number[][]] {
  const [B, C] = noise.shape as [number, number], m = nn.asTensor(noise.mean(0)).toArray();
  const cov = Array.from({ length: C }, (_, i) => Array.from({ length: C }, (_, j) => {
    let s = 0;
    for (let b = 0; b < B; b++) s += (noise.get(b, i) - m[i]!) * (noise.get(b, j) - m[j]!);
    return s / (B - 1);
  }));
  return [Array.from(m), cov];
}

test('PCAColorTransform: noise E·(α ⊙ λ), α ~ N(0, std²), constant over the pixels; identity in evaluate mode', (t) => {
  const E = T([0.6, 0.8, 0, -0.8, 0.6, 0, 0, 0, 1], [3, 3]), lambda = T([1, 2, 0.5]), std = 0.1, B = 4000;
  const m = new nn.PCAColorTransform(3, E, lambda, std).double();
  nn.manualSeed(7);
  const out = nn.asTensor(m.forward(nn.Tensor.zeros([B, 3, 1, 2], 'float64')));
  t.deepEqual(arr(out.select(3, 0)), arr(out.select(3, 1)), 'one offset per image and channel');
  const [mean, cov] = moments(out.select(3, 0).contiguous().view(B, 3));
  // cov = E diag((std·λ)²) Eᵀ
  const expect = [0, 1, 2].map((i) => [0, 1, 2].map((j) => [0, 1, 2].reduce((s, k) => s + E.get(i, k) * E.get(j, k) * (std * lambda.get(k)) ** 2, 0)));
  t.ok(mean.every((v, c) => Math.abs(v) < 4 * Math.sqrt(expect[c]![c]! / B)), `mean ≈ 0 (${mean.map((v) => v.toFixed(4))})`);
  t.ok(cov.every((row, i) => row.every((v, j) => Math.abs(v - expect[i]![j]!) < 0.1 * expect[0]![0]! + 0.08 * Math.abs(expect[i]![j]!))), 'covariance E diag((std·λ)²) Eᵀ within 10%');
  const x = rand([3, 2, 2]);
  m.evaluate();
  t.deepEqual(arr(m.forward(x)), arr(x), 'evaluate: the identity');
  t.throws(() => m.backward(x, x), (e: Error) => e instanceof nn.StateError && /PCAColorTransform\.updateGradInput: backprop is only defined while training/.test(e.message));
  m.training();
  t.throws(() => m.forward(rand([2, 2, 2])), /PCAColorTransform\.updateOutput: expected 3 channels/);
  t.throws(() => new nn.PCAColorTransform(2, E, lambda), /expected eigenVectors of size \[2, 2\], got \[3, 3\]/);
  t.end();
});

test('SimpleColorTransform: U(−range_c, range_c) per image and channel; identity in evaluate mode', (t) => {
  const r = [0.1, 0.5], B = 4000, m = new nn.SimpleColorTransform(2, nn.Tensor.from(r)).double();
  nn.manualSeed(8);
  const out = nn.asTensor(m.forward(nn.Tensor.zeros([B, 2, 2, 1], 'float64')));
  t.deepEqual(arr(out.select(2, 0)), arr(out.select(2, 1)), 'one offset per image and channel');
  const [mean, cov] = moments(out.select(2, 0).contiguous().view(B, 2));
  t.ok(r.every((rc, c) => Math.abs(mean[c]!) < 4 * rc / Math.sqrt(3 * B) && Math.abs(cov[c]![c]! / (rc * rc / 3) - 1) < 0.1), 'mean 0, variance range²/3');
  t.ok(r.every((rc, c) => arr(out.select(1, c)).every((v) => Math.abs(v) <= rc)), '|noise_c| ≤ range_c');
  const x = rand([2, 3, 3]);
  t.ok(arr(m.forward(x)).every((v, i) => Math.abs(v - arr(x)[i]!) <= r[Math.floor(i / 9)]!), 'non-batch C × H × W');
  m.evaluate();
  t.deepEqual(arr(m.forward(x)), arr(x));
  t.throws(() => m.updateGradInput(x, x), (e: Error) => e instanceof nn.StateError);
  t.throws(() => new nn.SimpleColorTransform(3, nn.Tensor.from(r)), /SimpleColorTransform\.constructor: expected 3 range values/);
  t.end();
});

test('PartialLinear loads from Lua\'s layout (weight in network\'s LookupTable) and saves it back that way', (t) => {
  const W = T([1, 0, 0, 1, 1, 1], [3, 2]), ms = (fields: Record<string, unknown>, name: string) => ({ __typename: name, ...fields });
  const net = ms({ modules: [ms({ modules: [ms({}, 'nn.Identity'), ms({ weight: W, gradWeight: W.clone().zero(), paddingValue: 0 }, 'nn.LookupTable')] }, 'nn.ParallelTable'),
    ms({ transA: false, transB: true }, 'nn.MM')] }, 'nn.Sequential');
  const lua = ms({ network: net, bias: T([0.5, 0, -1], [1, 3]), gradBias: T([0, 0, 0], [1, 3]), inputsize: 2, outputsize: 3,
    allcolumns: T([1, 2, 3]), partition: T([3, 1]) }, 'nn.PartialLinear');
  const m = nn.deserialize(nn.serialize(lua), { onWarning: () => {} }) as nn.PartialLinear;
  t.ok(m instanceof nn.PartialLinear, 'loads as PartialLinear');
  t.deepEqual(arr(m.forward(T([2, 3], [1, 2]))), [4, 2.5], 'partition {3, 1} → columns 2, 0');
  const state = nn.getRNGState();
  const again = nn.deserialize(nn.serialize(m), { onWarning: () => {} }) as nn.PartialLinear;
  t.deepEqual(nn.getRNGState(), state, 'saving draws nothing from the generator');
  t.deepEqual(arr(again.weight), arr(W), 'the weight travels in network');
  t.end();
});

test('DontCast inside a container: the container\'s type() leaves the decorated module alone', (t) => {
  const inner = new nn.Linear(2, 2).double(), outer = new nn.Linear(2, 1);
  const seq = new nn.Sequential().add(new nn.DontCast(inner, true)).add(outer).double();
  t.equal(outer.weight.dtype, 'float64');
  seq.float();
  t.deepEqual([inner.weight.dtype, outer.weight.dtype], ['float64', 'float32'], 'only the other module converts');
  t.equal(nn.asTensor(seq.forward(nn.Tensor.from([1, 2], [2]))).dtype, 'float32');
  t.end();
});
