/** Value tests of the 'sequence' group: hand-computed outputs, Torch's defaults, state API, error messages. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';

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
