/** The 'shape' group: forward values against hand-computed Torch semantics, defaults and error messages (gradients: test/cases/shape.ts). */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const t2 = (a: nn.Activity) => nn.asTensor(a).totable();
const X = () => T([1, 5, 3, 4, 2, 6], [2, 3]);

test('Max, Min, Sum, Mean over a dimension (0-based, nInputDims, squeeze)', (t) => {
  t.deepEqual(t2(new nn.Max(1).forward(X())), [5, 6]);
  t.deepEqual(t2(new nn.Min(0, 1).forward(X())), [1, 2], 'batch: dimension 0 of each sample is dimension 1');
  t.deepEqual(t2(new nn.Max().forward(T([3, 9, 2]))), [9], 'a 1-D input gives one element');
  const mx = new nn.Max(1), x = X();
  mx.forward(x);
  t.deepEqual(t2(mx.backward(x, T([10, 20]))), [[0, 10, 0], [0, 0, 20]], 'the gradient goes to the maximum');
  t.deepEqual(t2(new nn.Sum(1).forward(X())), [9, 12]);
  t.deepEqual(t2(new nn.Sum(-1, undefined, true, false).forward(X())), [[3], [4]], 'sizeAverage, dimension kept');
  t.deepEqual(t2(new nn.Mean(0).forward(X())), [2.5, 3.5, 4.5]);
  const s = new nn.Sum(0);
  t.equal(s.dimension, 0);
  t.equal(s.sizeAverage, false);
  t.equal(s.squeeze, true);
  t.throws(() => new nn.Sum(2).forward(X()), /Sum\.updateOutput: dimension 2 out of range for input \[2, 3\]/);
  t.end();
});

test('Narrow (negative length), Select (negative index), Index, MaskedSelect', (t) => {
  const v = T([1, 2, 3, 4, 5]);
  t.deepEqual(t2(new nn.Narrow(0, 1, 2).forward(v)), [2, 3]);
  t.deepEqual(t2(new nn.Narrow(0, 1, -1).forward(v)), [2, 3, 4, 5], 'length −1: to the end');
  t.deepEqual(t2(new nn.Narrow(0, 1, -2).forward(v)), [2, 3, 4]);
  t.equal(new nn.Narrow(0, 3).length, 1, 'length defaults to 1');
  t.deepEqual(t2(new nn.Select(1, -1).forward(X())), [3, 6]);
  t.throws(() => new nn.Select(0, 2).forward(X()), /Select\.updateOutput: index 2 out of range for dimension 0 of input \[2, 3\]/);
  const idx = nn.torch.LongTensor([2, 0, 2]);
  const ix = new nn.Index(1);
  t.deepEqual(t2(ix.forward([X(), idx])), [[3, 1, 3], [6, 4, 6]]);
  const g = ix.backward([X(), idx], T([1, 1, 1, 1, 1, 1], [2, 3])) as nn.Tensor[];
  t.deepEqual(g[0]!.totable(), [[1, 0, 2], [1, 0, 2]], 'repeated indices accumulate');
  t.throws(() => ix.forward([X()]), /Index\.updateOutput: expected a table \{tensor, index\}, got \{\[2, 3\]\}/);
  const mask = nn.torch.ByteTensor([[1, 0, 1], [0, 0, 1]]);
  const ms = new nn.MaskedSelect();
  t.deepEqual(t2(ms.forward([X(), mask])), [1, 3, 6]);
  t.deepEqual((ms.backward([X(), mask], T([7, 8, 9])) as nn.Tensor[])[0]!.totable(), [[7, 0, 8], [0, 0, 9]]);
  t.end();
});

test('Squeeze, Unsqueeze, Transpose, Replicate, Contiguous, Copy', (t) => {
  const x = nn.Tensor.zeros([3, 1, 2], 'float64');
  t.deepEqual(nn.asTensor(new nn.Squeeze().forward(x)).shape, [3, 2]);
  t.deepEqual(nn.asTensor(new nn.Squeeze(undefined, 2).forward(nn.Tensor.zeros([1, 1, 2]))).shape, [1, 2], 'keeps a batch of 1');
  t.deepEqual(nn.asTensor(new nn.Unsqueeze(1).forward(nn.Tensor.zeros([3, 2]))).shape, [3, 1, 2]);
  t.deepEqual(nn.asTensor(new nn.Unsqueeze(0, 1).forward(nn.Tensor.zeros([4, 2]))).shape, [4, 1, 2], 'batch: after the batch dimension');
  t.deepEqual(t2(new nn.Transpose([0, 1]).forward(X())), [[1, 4], [5, 2], [3, 6]]);
  const r = new nn.Replicate(2, 1);
  const y = nn.asTensor(r.forward(T([1, 2, 3])));
  t.deepEqual(y.totable(), [[1, 1], [2, 2], [3, 3]]);
  t.deepEqual(t2(r.backward(T([1, 2, 3]), T([1, 2, 3, 4, 5, 6], [3, 2]))), [3, 7, 11], 'gradient summed over the copies');
  const tv = X().t(), c = nn.asTensor(new nn.Contiguous().forward(tv));
  t.ok(c.isContiguous() && c.storage !== tv.storage, 'a copy of a strided view');
  const cx = X();
  t.equal(nn.asTensor(new nn.Contiguous().forward(cx)).storage, cx.storage, 'no copy of a contiguous input');
  const cp = new nn.Copy('torch.DoubleTensor', 'torch.FloatTensor');
  t.equal(nn.asTensor(cp.forward(X())).dtype, 'float32');
  t.equal(nn.asTensor(cp.backward(X(), nn.Tensor.zeros([2, 3], 'float32'))).dtype, 'float64');
  t.equal(new nn.Copy('float32', 'float64', false, true).double().output.dtype, 'float64', 'dontCast: type() leaves it');
  t.equal(new nn.Copy('float32', 'float32', false, true).double().output.dtype, 'float32');
  t.end();
});

test('Padding, PixelShuffle, OneHot, Normalize', (t) => {
  t.deepEqual(t2(new nn.Padding(0, -2).forward(T([1, 2, 3]))), [0, 0, 1, 2, 3], 'pad < 0: in front');
  t.deepEqual(t2(new nn.Padding(0, 1, undefined, 9).forward(T([1, 2, 3]))), [1, 2, 3, 9], 'pad > 0: at the end');
  t.deepEqual(t2(new nn.Padding(0, 1, undefined, 9, 1).forward(T([1, 2, 3]))), [1, 2, 9, 3], 'index counts from the end');
  t.deepEqual(t2(new nn.Padding(0, -1, 1, 0, 1).forward(T([1, 2, 3, 4], [2, 2]))), [[1, 0, 2], [3, 0, 4]], 'batch (nInputDim)');
  const ps = nn.asTensor(new nn.PixelShuffle(2).forward(T([1, 2, 3, 4], [4, 1, 1])));
  t.deepEqual(ps.totable(), [[[1, 2], [3, 4]]], '[r², 1, 1] → [1, r, r]');
  t.deepEqual(t2(new nn.OneHot(4).forward(nn.torch.LongTensor([2, 0]))), [[0, 0, 1, 0], [1, 0, 0, 0]]);
  t.throws(() => new nn.OneHot(3).forward(nn.torch.LongTensor([3])), /OneHot\.updateOutput: expected class indices in 0\.\.2/);
  t.ok(close(Array.from(nn.asTensor(new nn.Normalize(2).forward(T([3, 4]))).toArray()), [0.6, 0.8]));
  t.ok(close(Array.from(nn.asTensor(new nn.Normalize(1).forward(T([1, -3], [1, 2]))).toArray()), [0.25, -0.75]));
  t.ok(close(Array.from(nn.asTensor(new nn.Normalize(Infinity).forward(T([1, -4]))).toArray()), [0.25, -1]));
  t.equal(new nn.Normalize(2).eps, 1e-10);
  t.throws(() => new nn.Normalize(0), /Normalize\.constructor: expected a norm p > 0, got 0/);
  t.end();
});

test('CSubTable, CDivTable, CMulTable, CMaxTable, CMinTable, CAddTensorTable', (t) => {
  const a = T([1, 4]), b = T([2, 2]);
  t.deepEqual(t2(new nn.CSubTable().forward([a, b])), [-1, 2]);
  t.deepEqual(t2(new nn.CDivTable().forward([a, b])), [0.5, 2]);
  t.deepEqual(t2(new nn.CMulTable().forward([a, b, b])), [4, 16]);
  const mx = new nn.CMaxTable();
  t.deepEqual(t2(mx.forward([a, b, T([0, 5])])), [2, 5]);
  t.deepEqual((mx.backward([a, b, T([0, 5])], T([1, 1])) as nn.Tensor[]).map((g) => g.totable()), [[0, 0], [1, 0], [0, 1]]);
  t.deepEqual(t2(new nn.CMinTable().forward([a, b])), [1, 2]);
  const out = new nn.CAddTensorTable().forward([T([10, 20]), [a, b]]) as nn.Tensor[];
  t.deepEqual(out.map((o) => o.totable()), [[11, 24], [12, 22]]);
  t.throws(() => new nn.CSubTable().forward([a]), /CSubTable\.updateOutput: expected a table of two tensors, got \{\[2\]\}/);
  t.end();
});

test('DotProduct, CosineDistance, PairwiseDistance, MM, MV', (t) => {
  const a = T([1, 2, 0, 1], [2, 2]), b = T([3, 4, 1, 0], [2, 2]);
  t.deepEqual(t2(new nn.DotProduct().forward([a, b])), [11, 0]);
  t.ok(close(Array.from(nn.asTensor(new nn.CosineDistance().forward([T([1, 0]), T([1, 1])])).toArray()), [Math.SQRT1_2]));
  t.ok(close(Array.from(nn.asTensor(new nn.PairwiseDistance().forward([a, b])).toArray()), [Math.sqrt(8), Math.SQRT2]));
  t.ok(close(Array.from(nn.asTensor(new nn.PairwiseDistance(1).forward([T([0, 0]), T([3, -4])])).toArray()), [7]));
  t.deepEqual(t2(new nn.MM().forward([a, b])), [[5, 4], [1, 0]]);
  t.deepEqual(t2(new nn.MM(true).forward([a, b])), [[3, 4], [7, 8]], 'Aᵀ·B');
  t.deepEqual(t2(new nn.MV().forward([a, T([1, 1])])), [3, 1]);
  t.deepEqual(t2(new nn.MV(true).forward([a, T([1, 1])])), [1, 3], 'Mᵀ·v');
  t.throws(() => new nn.MM().forward([a, T([1, 2, 3], [3, 1])]), /MM\.updateOutput: matrix sizes do not match: \[2, 2\] and \[3, 1\]/);
  t.end();
});

test('MixtureTable, NarrowTable, SplitTable, FlattenTable, ZipTable, ZipTableOneToMany, CriterionTable', (t) => {
  const gater = T([0.25, 0.75]), e0 = T([4, 8]), e1 = T([0, 4]);
  t.deepEqual(t2(new nn.MixtureTable().forward([gater, [e0, e1]])), [1, 5]);
  t.deepEqual(t2(new nn.MixtureTable().forward([T([0.25, 0.75], [1, 2]), T([4, 8, 0, 4], [1, 2, 2])])), [[1, 5]], 'experts as one tensor');
  const [p, q, r] = [T([1]), T([2]), T([3])];
  const nt = new nn.NarrowTable(1, 2).forward([p, q, r]) as nn.Tensor[];
  t.ok(nt[0] === q && nt[1] === r, 'the same objects');
  const split = new nn.SplitTable(0, 1).forward(X()) as nn.Tensor[];
  t.deepEqual(split.map((s) => s.totable()), [[1, 4], [5, 2], [3, 6]], 'batch: splits dimension 1');
  const flat = new nn.FlattenTable().forward([p, [q, [r]]]) as nn.Tensor[];
  t.ok(flat.length === 3 && flat[2] === r);
  const z = new nn.ZipTable().forward([[p, q], [r, p]]) as nn.Tensor[][];
  t.ok(z[0]![0] === p && z[0]![1] === r && z[1]![0] === q && z[1]![1] === p);
  const o2m = new nn.ZipTableOneToMany().forward([p, [q, r]]) as nn.Tensor[][];
  t.ok(o2m[1]![0] === p && o2m[1]![1] === r);
  const ct = new nn.CriterionTable(new nn.MSECriterion());
  t.deepEqual(t2(ct.forward([T([1, 3]), T([0, 0])])), [5]);
  t.deepEqual((ct.backward([T([1, 3]), T([0, 0])], T([1])) as nn.Tensor[])[0]!.totable(), [1, 3]);
  t.end();
});

test('PrintSize prints the sizes and passes the input through', (t) => {
  const lines: string[] = [], log = console.log, x = T([1, 2, 3, 4], [2, 2]);
  let y: nn.Activity;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    y = new nn.PrintSize('p').forward(x);
    new nn.PrintSize().forward([x, T([1])]);
  } finally {
    console.log = log;
  }
  t.equal(y, x, 'the same object');
  t.deepEqual(lines, ['p:input\n[2, 2]', 'PrintSize:input\n{[2, 2], [1]}']);
  t.end();
});

test('.t7 round trip keeps the 0-based fields', (t) => {
  const back = <M>(m: M): M => nn.deserialize(nn.serialize(m, 'binary', { onWarning: () => {} }), { onWarning: () => {} }) as M;
  const n = back(new nn.Narrow(1, 2, -1));
  t.deepEqual([n.dimension, n.index, n.length], [1, 2, -1]);
  const tr = back(new nn.Transpose([0, 2], [1, 3]));
  t.deepEqual(tr.permutations, [[0, 2], [1, 3]]);
  const pad = back(new nn.Padding(1, -2, 2, 0.5, 1));
  t.deepEqual([pad.dim, pad.pad, pad.nInputDim, pad.value, pad.index], [1, -2, 2, 0.5, 1]);
  const s = back(new nn.Sum(2, 3, true, false));
  t.deepEqual([s.dimension, s.nInputDims, s.sizeAverage, s.squeeze], [2, 3, true, false]);
  t.ok(back(new nn.CriterionTable(new nn.MSECriterion())).criterion instanceof nn.MSECriterion);
  t.end();
});

test('MapTable: one module over every entry, its clones sharing the gradients', (t) => {
  const lin = new nn.Linear(2, 1).double();
  lin.weight.copy(nn.Tensor.from([1, -2], [1, 2], 'float64'));
  lin.bias!.fill(0.5);
  const m = new nn.MapTable(lin);
  const xs = [nn.Tensor.from([1, 1], [2], 'float64'), nn.Tensor.from([3, 0], [2], 'float64'), nn.Tensor.from([0, 2], [2], 'float64')];
  const out = m.forward(xs) as nn.Tensor[];
  t.deepEqual(out.map((o) => o.get(0)), [-0.5, 3.5, -3.5], 'w·x + b per entry');
  m.zeroGradParameters();
  m.backward(xs, xs.map(() => nn.Tensor.from([1], [1], 'float64')));
  t.deepEqual(Array.from(lin.gradWeight.toArray()), [4, 3], 'the gradients of the three entries summed into the module');
  t.equal(m.parameters()[0].length, 2, 'parameters are the module\'s only');
  t.throws(() => m.forward(nn.Tensor.zeros([2])), /MapTable\.updateOutput: expected input to be a table/);
  t.end();
});
