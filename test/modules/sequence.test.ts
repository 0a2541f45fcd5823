/** Value tests of the 'sequence' group: hand-computed outputs, Torch's defaults, state API, error messages. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';
import { deserialize, serialize } from '../../lib/serialization/t7.js';

const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const T = (v: number[], shape: number[], dtype: nn.DType = 'float64') => nn.Tensor.from(v, shape, dtype);
const sig = (x: number) => 1 / (1 + Math.exp(-x));

test('LookupTable: rows by 0-based index; backward accumulates repeated indices; padding row and errors', (t) => {
  const m = new nn.LookupTable(3, 2).double();
  m.weight.copy(T([1, 2, 3, 4, 5, 6], [3, 2]));
  t.deepEqual(arr(m.forward(T([2, 0, 2], [3], 'long'))), [5, 6, 1, 2, 5, 6], 'LongTensor indices');
  t.deepEqual(m.forward(T([1, 2, 0, 0], [2, 2])).shape, [2, 2, 2], 'batch of float indices');
  m.zeroGradParameters();
  m.forward(T([2, 0, 2], [3]));
  m.backward(T([2, 0, 2], [3]), T([1, 1, 2, 2, 3, 3], [3, 2]));
  t.deepEqual(arr(m.gradWeight), [2, 2, 0, 0, 4, 4], 'index 2 twice: 1 + 3');
  const p = new nn.LookupTable(3, 2, 0).double();
  p.forward(T([0, 1], [2]));
  p.backward(T([0, 1], [2]), T([1, 1, 1, 1], [2, 2]));
  t.deepEqual(arr(p.gradWeight), [0, 0, 1, 1, 0, 0], 'paddingValue 0 gets no gradient');
  t.throws(() => m.forward(T([3], [1])), /LookupTable.updateOutput: expected indices in 0..2, got 3 at position 0 of \[1\]/);
  const mn = new nn.LookupTable(2, 2, -1, 1).double();
  mn.weight.copy(T([3, 4, 0.3, 0.4], [2, 2]));
  mn.forward(T([0], [1]));
  t.ok(close(arr(mn.weight), [0.6, 0.8, 0.3, 0.4], 1e-6), 'maxNorm renormalises the rows read');
  t.end();
});

test('LookupTableMaskZero: index −1 (Lua 0) reads zeros; weight has nIndex + 1 rows', (t) => {
  const m = new nn.LookupTableMaskZero(2, 2).double();
  t.deepEqual(m.weight.shape, [3, 2]);
  m.weight.copy(T([9, 9, 1, 2, 3, 4], [3, 2]));
  t.deepEqual(arr(m.forward(T([-1, 1, 0], [3]))), [0, 0, 3, 4, 1, 2]);
  t.throws(() => m.forward(T([-2], [1])), /expected indices in -1..1/);
  t.end();
});

test('StepLSTM: defaults and one step by hand', (t) => {
  const m = new nn.StepLSTM(1, 1).double();
  t.deepEqual(arr(m.bias), [0, 1, 0, 0], 'forget bias 1');
  m.weight.copy(T([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], [2, 4]));
  m.bias.copy(T([0.01, 0.02, 0.03, 0.04], [4]));
  const [x, h, c] = [0.5, -0.3, 0.2];
  const a = [0, 1, 2, 3].map((j) => x * [0.1, 0.2, 0.3, 0.4][j]! + h * [0.5, 0.6, 0.7, 0.8][j]! + [0.01, 0.02, 0.03, 0.04][j]!);
  const cNew = sig(a[1]!) * c + sig(a[0]!) * Math.tanh(a[3]!), hNew = sig(a[2]!) * Math.tanh(cNew);
  const [ho, co] = m.forward([T([x], [1, 1]), T([h], [1, 1]), T([c], [1, 1])]) as nn.Tensor[];
  t.ok(close(arr(ho!), [hNew], 1e-12) && close(arr(co!), [cNew], 1e-12), `h = ${hNew}, c = ${cNew}`);
  t.end();
});

test('StepGRU: one step by hand', (t) => {
  const m = new nn.StepGRU(1, 1).double();
  t.deepEqual(arr(m.bias), [0, 1, 0], 'update bias 1');
  m.weight.copy(T([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], [2, 3]));
  m.bias.zero();
  const [x, h] = [0.5, -0.3];
  const r = sig(0.1 * x + 0.4 * h), u = sig(0.2 * x + 0.5 * h), n = Math.tanh(0.3 * x + 0.6 * r * h);
  t.ok(close(arr(m.forward([T([x], [1, 1]), T([h], [1, 1])])), [(1 - u) * n + u * h], 1e-12));
  t.end();
});

test('SeqLSTM equals Sequencer(RecLSTM) with the same weights; remember() carries the state', (t) => {
  const s = new nn.SeqLSTM(2, 3).double(), r = new nn.RecLSTM(2, 3).double();
  r.stepmodule.weight.copy(s.weight);
  r.stepmodule.bias.copy(s.bias);
  const x = rand([4, 2, 2]);
  const a = arr(s.forward(x)), b = arr(new nn.Sequencer(r).forward(x));
  t.ok(close(a, b, 1e-12), 'same outputs');
  s.remember('both').forget();
  s.forward(x.narrow(0, 0, 2));
  t.ok(close(arr(s.forward(x.narrow(0, 2, 2))), a.slice(12), 1e-12), 'two halves with remember = the whole');
  t.end();
});

test('Recurrence hidden state: setHiddenState(−1) starts the sequence; getGradHiddenState(−1) after BPTT', (t) => {
  const r = new nn.RecGRU(2, 2).double();
  const h0 = T([0.5, -0.5], [1, 2]), x = rand([1, 2]);
  r.setHiddenState(-1, h0);
  const y = arr(r.forward(x));
  const ref = arr(r.stepmodule.clone().forward([x, h0]));
  t.ok(close(y, ref, 1e-12), 'first step from h0');
  r.backward(x, T([1, 1], [1, 2]));
  t.deepEqual(r.getGradHiddenState(-1).constructor, nn.Tensor, 'gradient of h0');
  t.throws(() => new nn.RecGRU(2, 2).getHiddenState(0), /RecGRU.getHiddenState: no step 0 yet/);
  t.end();
});

test('ZeroGrad, CopyGrad, SAdd, ReverseSequence, ExpandAs', (t) => {
  const x = T([1, 2, 3, 4], [2, 2]), g = T([1, -1, 2, -2], [2, 2]);
  const z = new nn.ZeroGrad();
  t.equal(z.forward(x), x, 'ZeroGrad output is the input');
  t.deepEqual(arr(z.backward(x, g)), [0, 0, 0, 0]);
  const c = new nn.CopyGrad();
  c.forward(x);
  const cg = c.backward(x, g);
  t.ok(cg !== g && arr(cg).join() === arr(g).join(), 'CopyGrad copies gradOutput');
  t.deepEqual(arr(new nn.SAdd(1, true).forward(x)), [-2, -3, -4, -5]);
  t.deepEqual(arr(new nn.ReverseSequence().forward(x)), [3, 4, 1, 2]);
  t.deepEqual(arr(new nn.SeqReverseSequence(1).forward(x)), [2, 1, 4, 3]);
  const e = new nn.ExpandAs();
  const [, b] = e.forward([x, T([5, 6], [2, 1])]) as nn.Tensor[];
  t.deepEqual(arr(b!.contiguous()), [5, 5, 6, 6]);
  t.deepEqual(arr((e.backward([x, T([5, 6], [2, 1])], [g, g]) as nn.Tensor[])[1]!), [0, 0]);
  t.end();
});

test('MaskZero zeroes the rows of zero inputs; Repeater sums the gradient over steps', (t) => {
  const lin = new nn.Linear(2, 2).double();
  const m = new nn.MaskZero(lin);
  const y = arr(m.forward(T([0, 0, 1, 2], [2, 2])));
  t.deepEqual(y.slice(0, 2), [0, 0], 'masked row');
  t.ok(y[2] !== 0 || y[3] !== 0, 'other row computed');
  const rep = new nn.Repeater(new nn.Linear(2, 1).double(), 3);
  const xs = T([1, 1], [2]);
  t.equal((rep.forward(xs) as nn.Activity[]).length, 3);
  const w = arr((rep.module as nn.Recursor).module.parameters()[0][0]!);
  const gi = arr(rep.backward(xs, [T([1], [1]), T([1], [1]), T([1], [1])]));
  t.ok(close(gi, w.map((v) => 3 * v), 1e-12), 'gradInput = 3 W');
  t.end();
});

const setParams = (m: nn.Module, v: (i: number) => number) => m.parameters()[0].forEach((p, i) => p.fill(v(i)));
const fd = (f: () => number, x: nn.Tensor, i: number, e = 1e-6) => {
  const d = x.data, o = x.offset + i, v = d[o]!;
  d[o] = v + e; const a = f(); d[o] = v - e; const b = f(); d[o] = v;
  return (a - b) / (2 * e);
};

test('LSTM (peepholes) and GRU: one step by hand; p ≠ 0 is refused', (t) => {
  const l = new nn.LSTM(1, 1).double(), p = (i: number) => 0.1 * (i + 1) * (i % 2 ? -1 : 1);
  setParams(l, p);
  const [x, h, c] = [0.5, -0.3, 0.2];
  l.setHiddenState(-1, [T([h], [1, 1]), T([c], [1, 1])]);
  const f = sig(p(0) * x + p(1) + p(2) * h + p(3) * c), i = sig(p(4) * x + p(5) + p(6) * h + p(7) * c), z = Math.tanh(p(8) * x + p(9) + p(10) * h);
  const c1 = f * c + i * z, o = sig(p(11) * x + p(12) + p(13) * h + p(14) * c1);
  t.ok(close(arr(l.forward(T([x], [1, 1]))), [o * Math.tanh(c1)], 1e-12), 'h = o ⊙ tanh(f c + i z), o peeks at the new c');
  const g = new nn.GRU(1, 1).double(), q = [0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8];
  setParams(g, (k) => q[k]!); // one value per tensor: r and z share theirs
  g.setHiddenState(-1, T([h], [1, 1]));
  const [wi, bi, wo, w1, b1, u] = q;
  const r = sig(wi! * x + bi! + wo! * h), n = Math.tanh(w1! * x + b1! + u! * r * h);
  t.ok(close(arr(g.forward(T([x], [1, 1]))), [(1 - r) * n + r * h], 1e-12), 'h = (1 − z) n + z h');
  t.throws(() => new nn.LSTM(2, 2, 9999, true, 0.25), /LSTM.constructor: expected p = 0/);
  t.end();
});

test('SeqLSTMP: h = hidden·weightO fed back; parameters weight, bias, weightO; forget bias 1', (t) => {
  const s = new nn.SeqLSTMP(2, 3, 2).double(), step = new nn.StepLSTM(2, 3, 2).double();
  t.deepEqual([s.weight.shape, s.weightO.shape, s.parameters()[0].length], [[4, 12], [3, 2], 3]);
  t.deepEqual(arr(s.bias).slice(0, 6), [0, 0, 0, 1, 1, 1]);
  s.parameters()[0].forEach((p, i) => step.parameters()[0][i]!.copy(p));
  const x = rand([3, 1, 2]), y = arr(s.forward(x));
  let [h, c] = [T([0, 0], [1, 2]), T([0, 0, 0], [1, 3])], ref: number[] = [];
  for (let k = 0; k < 3; k++) {
    [h, c] = (step.forward([x.select(0, k), h, c]) as nn.Tensor[]).map((v) => v.clone()) as [nn.Tensor, nn.Tensor];
    ref = ref.concat(arr(h));
  }
  t.ok(close(y, ref, 1e-12), 'equals StepLSTM(2, 3, 2) chained');
  t.throws(() => new nn.SeqLSTMP(2, 3, 3), /expected outputsize ≠ hiddensize/);
  t.end();
});

test('TrimZero equals MaskZero (outputs, gradients) on a batch with zero rows; all-zero batch gives zeros', (t) => {
  const lin = new nn.Linear(3, 2).double(), tz = new nn.TrimZero(lin.clone()), mz = new nn.MaskZero(lin.clone());
  const x = T([1, 2, 3, 0, 0, 0, -1, 0.5, 2], [3, 3]), g = T([1, 2, 3, 4, 5, 6], [3, 2]);
  t.deepEqual(arr(tz.forward(x)), arr(mz.forward(x)));
  t.deepEqual(arr(tz.backward(x, g)), arr(mz.backward(x, g)));
  t.ok(close(arr(tz.module.parameters()[1][0]!), arr(mz.module.parameters()[1][0]!), 1e-12), 'gradWeight');
  t.deepEqual(arr(tz.forward(nn.Tensor.zeros([2, 3], 'float64'))), [0, 0, 0, 0]);
  t.throws(() => tz.setZeroMask(null), /TrimZero.setZeroMask/);
  t.end();
});

test('BiSequencerLM: step t merges f_{t−1} and b_{t+1}, zeros at the ends', (t) => {
  const f = new nn.LinearRNN(2, 2).double(), b = new nn.LinearRNN(2, 2).double(), m = new nn.BiSequencerLM(f, b).double();
  const xs = [rand([1, 2]), rand([1, 2]), rand([1, 2])];
  const y = (m.forward(xs) as nn.Tensor[]).map(arr);
  const fo = (new nn.Sequencer(f.clone()).forward(xs.slice(0, 2)) as nn.Tensor[]).map(arr);
  const bo = (new nn.Sequencer(b.clone()).forward([xs[2]!, xs[1]!]) as nn.Tensor[]).map(arr);
  t.ok(close(y[0]!, [0, 0, ...bo[1]!], 1e-12) && close(y[1]!, [...fo[0]!, ...bo[0]!], 1e-12) && close(y[2]!, [...fo[1]!, 0, 0], 1e-12));
  t.throws(() => m.forward([xs[0]!]), /BiSequencerLM.updateOutput: expected input to be a table of at least 2 steps/);
  t.end();
});

test('VariableLength: each sample as if alone (packed rows restart the state); lastOnly', (t) => {
  const lstm = new nn.SeqLSTM(2, 2).double(), v = new nn.VariableLength(lstm.clone()), last = new nn.VariableLength(lstm.clone(), true);
  const xs = [rand([3, 2]), rand([1, 2]), rand([1, 2])];
  const ys = (v.forward(xs) as nn.Tensor[]).map(arr), alone = xs.map((x) => arr(lstm.forward(x)));
  t.deepEqual(v._mask.shape, [3, 2], 'lengths 3, 1, 1: two rows, the short ones share one');
  t.ok(ys.every((y, i) => close(y, alone[i]!, 1e-12)), 'same outputs');
  t.ok(close(arr(last.forward(xs)), alone.flatMap((a) => a.slice(-2)), 1e-12), 'lastOnly: the last step of each');
  t.throws(() => v.setZeroMask(null), /VariableLength.setZeroMask: not supported/);
  t.end();
});

test('MuFuRu: keep-only holds the zero state; replace-only gives the feature vector; batch only', (t) => {
  const k = new nn.MuFuRu(2, 2, ['keep']).double(), x = rand([1, 2]);
  t.deepEqual(arr(k.forward(x)), [0, 0]);
  const r = new nn.MuFuRu(2, 2, ['replace', 'forget']).double();
  setParams(r, () => 0);
  t.ok(close(arr(r.forward(x)), [0.25, 0.25], 1e-12), 'p = ½ each: ½·σ(0) + ½·0');
  t.throws(() => new nn.MuFuRu(2, 2, ['keep', 'nope' as nn.MuFuRuOp]), /expected ops among/);
  t.throws(() => new nn.MuFuRu(2, 2).forward(T([1, 2], [2])), /MuFuRu.updateOutput: expected a batch input/);
  t.end();
});
