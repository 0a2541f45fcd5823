/** Forward values against hand-computed Torch semantics (the gradient checks cover the backward). */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());

test('Linear computes W x + b for 1-D and 2-D input', (t) => {
  const m = new nn.Linear(2, 2).double();
  m.weight.copy(T([1, 2, 3, 4], [2, 2]));
  m.bias!.copy(T([0.5, -1]));
  t.deepEqual(arr(m.forward(T([1, 1]))), [3.5, 6]);
  t.deepEqual(arr(m.forward(T([1, 0, 0, 1], [2, 2]))), [1.5, 2, 2.5, 3]);
  t.end();
});

test('ReLU is strict at 0; HardTanh clamps; Sigmoid, Tanh', (t) => {
  t.deepEqual(arr(new nn.ReLU().forward(T([-1, 0, 2]))), [0, 0, 2]);
  t.deepEqual(arr(new nn.HardTanh().forward(T([-3, 0.5, 2]))), [-1, 0.5, 1]);
  const r = new nn.ReLU();
  r.forward(T([-1, 0, 2]));
  t.deepEqual(arr(r.backward(T([-1, 0, 2]), T([1, 1, 1]))), [0, 0, 1], 'no gradient at exactly 0');
  const h = new nn.HardTanh();
  h.forward(T([-1, 0.5, 1]));
  t.deepEqual(arr(h.backward(T([-1, 0.5, 1]), T([1, 1, 1]))), [0, 1, 0], 'HardTanh gradient is 0 at the bounds');
  t.ok(close(arr(new nn.Sigmoid().forward(T([0]))), [0.5]));
  t.ok(close(arr(new nn.Tanh().forward(T([1]))), [Math.tanh(1)]));
  t.end();
});

test('LogSoftMax and SoftMax rows', (t) => {
  const y = arr(new nn.LogSoftMax().forward(T([1, 2, 3, 1000, 1000, 1000], [2, 3])));
  const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
  t.ok(close(y, [1 - lse, 2 - lse, 3 - lse, -Math.log(3), -Math.log(3), -Math.log(3)]), 'stable for large inputs');
  const p = arr(new nn.SoftMax().forward(T([0, Math.log(3)])));
  t.ok(close(p, [0.25, 0.75]));
  t.end();
});

test('Reshape batch rules, View -1, Collapse', (t) => {
  t.deepEqual(nn.asTensor(new nn.Reshape(6).forward(T([1, 2, 3, 4, 5, 6], [2, 3]))).shape, [6], 'nElement matches, size(0) ≠ 1 → not batch');
  t.deepEqual(nn.asTensor(new nn.Reshape(3).forward(T([1, 2, 3, 4, 5, 6], [2, 3]))).shape, [2, 3], 'batch');
  t.deepEqual(nn.asTensor(new nn.Reshape(6, true).forward(T([1, 2, 3, 4, 5, 6], [1, 6]))).shape, [1, 6], 'batchMode true');
  t.deepEqual(nn.asTensor(new nn.Reshape(3, 2, false).forward(T([1, 2, 3, 4, 5, 6], [6]))).shape, [3, 2]);
  t.deepEqual(nn.asTensor(new nn.View(-1, 2).forward(T([1, 2, 3, 4, 5, 6]))).shape, [3, 2]);
  t.deepEqual(nn.asTensor(new nn.Collapse(3).forward(nn.Tensor.zeros([4, 1, 8, 8]))).shape, [4, 64]);
  t.deepEqual(nn.asTensor(new nn.Collapse(3).forward(nn.Tensor.zeros([1, 8, 8]))).shape, [64]);
  const x = T([1, 2, 3, 4], [2, 2]);
  const v = new nn.View(4);
  t.equal(nn.asTensor(v.forward(x)).storage, x.storage, 'View shares storage (no copy)');
  t.end();
});

test('Add (vector, scalar), MulConstant, CAddTable', (t) => {
  const a = new nn.Add(2).double();
  a.bias.copy(T([1, -1]));
  t.deepEqual(arr(a.forward(T([0, 0, 1, 1], [2, 2]))), [1, -1, 2, 0]);
  const s = new nn.Add(1, true).double();
  s.bias.fill(0.5);
  t.deepEqual(arr(s.forward(T([1, 2, 3]))), [1.5, 2.5, 3.5]);
  t.deepEqual(arr(new nn.MulConstant(3).forward(T([1, -2]))), [3, -6]);
  t.deepEqual(arr(new nn.CAddTable().forward([T([1, 2]), T([3, 4]), T([5, 6])])), [9, 12]);
  t.end();
});

test('Constant replicates over the batch (dpnn test: value (30,6), nInputDim 2, input (20,3,7))', (t) => {
  const value = nn.Tensor.zeros([30, 6], 'float64').fill(0.25);
  const c = new nn.Constant(value, 2);
  const x = nn.Tensor.zeros([20, 3, 7], 'float64');
  const y = nn.asTensor(c.forward(x));
  t.deepEqual(y.shape, [20, 30, 6]);
  t.ok(Array.from(y.toArray()).every((v) => v === 0.25));
  const g = nn.asTensor(c.backward(x, y));
  t.deepEqual(g.shape, [20, 3, 7]);
  t.ok(Array.from(g.toArray()).every((v) => v === 0));
  t.deepEqual(arr(new nn.Constant(1, 1).forward(nn.Tensor.zeros([3, 10]))), [1, 1, 1], 'the RAM baseline input: (B,1) ones');
  t.end();
});

test('ArgMax: first maximum, 0-based', (t) => {
  t.deepEqual(arr(new nn.ArgMax(0, 1).forward(T([1, 3, 3, 0, 5, 2, 2, 2], [2, 4]))), [1, 0]);
  t.deepEqual(arr(new nn.ArgMax().forward(T([0, 1, 7]))), [2]);
  t.end();
});

test('Dropout: scaled mask in training, identity in evaluate', (t) => {
  nn.manualSeed(5);
  const d = new nn.Dropout(0.5);
  const y = arr(d.forward(nn.Tensor.zeros([10000], 'float64').fill(1)));
  const kept = y.filter((v) => v === 2).length;
  t.ok(y.every((v) => v === 0 || v === 2), 'kept values scaled by 1/(1−p)');
  t.ok(Math.abs(kept / 10000 - 0.5) < 0.02, `keep rate ${kept / 10000}`);
  d.evaluate();
  t.deepEqual(arr(d.forward(T([1, 2]))), [1, 2]);
  t.end();
});

test('Table modules: SelectTable, JoinTable, ConcatTable, ParallelTable, Concat', (t) => {
  const a = T([1, 2, 3, 4], [2, 2]), b = T([5, 6], [2, 1]);
  t.equal(new nn.SelectTable(-1).forward([a, b]), b, 'SelectTable returns the same object');
  t.deepEqual(arr(new nn.JoinTable(0, 1).forward([a, b])), [1, 2, 5, 3, 4, 6], 'JoinTable(0, 1) joins features of a batch');
  t.deepEqual(arr(new nn.JoinTable(0, 1).forward([T([1, 2]), T([3])])), [1, 2, 3], 'and of a single example');
  const ct = new nn.ConcatTable().add(new nn.Identity()).add(new nn.MulConstant(2));
  const out = ct.forward(T([1, 2])) as nn.Tensor[];
  t.deepEqual(out.map((o) => Array.from(o.toArray())), [[1, 2], [2, 4]]);
  t.deepEqual(arr(ct.backward(T([1, 2]), [T([1, 1]), T([1, 0])])), [3, 1], 'ConcatTable sums gradInputs');
  const pt = new nn.ParallelTable().add(new nn.MulConstant(2)).add(new nn.MulConstant(3));
  t.deepEqual((pt.forward([T([1]), T([1])]) as nn.Tensor[]).map((o) => o.get(0)), [2, 3]);
  const c = new nn.Concat(1).add(new nn.Identity()).add(new nn.MulConstant(10));
  t.deepEqual(arr(c.forward(T([1, 2], [2, 1]))), [1, 10, 2, 20]);
  t.end();
});

test('Criterion values: ClassNLL (0-based, weights, ignoreIndex), MSE, ParallelCriterion', (t) => {
  const x = T([-1, -2, -3, -4, -5, -6], [2, 3]);
  t.equal(new nn.ClassNLLCriterion().forward(x, T([0, 2])), (1 + 6) / 2);
  t.equal(new nn.ClassNLLCriterion(null, false).forward(x, T([0, 2])), 7);
  t.equal(new nn.ClassNLLCriterion(T([2, 1, 1])).forward(x, T([0, 2])), (2 * 1 + 6) / 3);
  t.equal(new nn.ClassNLLCriterion(null, true, -100).forward(x, T([-100, 1])), 5, 'ignoreIndex skipped');
  t.equal(new nn.MSECriterion().forward(T([1, 2]), T([0, 0])), 2.5);
  const pc = new nn.ParallelCriterion(true).add(new nn.ClassNLLCriterion(), 2).add(new nn.ClassNLLCriterion(), 0.5);
  t.equal(pc.forward([x, x], T([0, 2])), 2.5 * 3.5);
  t.end();
});

test('GradientReversal: identity forward, −lambda·gradOutput backward (lambda 0 stops the gradient)', (t) => {
  const g = new nn.GradientReversal(0.5);
  const x = T([1, -2]);
  t.deepEqual(arr(g.forward(x)), [1, -2]);
  t.deepEqual(arr(g.backward(x, T([2, 4]))), [-1, -2]);
  const stop = new nn.GradientReversal(0);
  stop.forward(x);
  t.deepEqual(arr(stop.backward(x, T([2, 4]))).map((v) => v + 0), [0, 0]);
  t.end();
});

test("Convert('bhwc', 'bchw') moves channels first; 'bf' flattens", (t) => {
  const x = T([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 2, 2]); // b h w c
  const y = nn.asTensor(new nn.Convert('bhwc', 'bchw').forward(x));
  t.deepEqual(y.shape, [1, 2, 2, 2]);
  t.deepEqual(arr(y), [1, 3, 5, 7, 2, 4, 6, 8], 'channel 0 then channel 1');
  t.deepEqual(nn.asTensor(new nn.Convert('bchw', 'bf').forward(x)).shape, [1, 8]);
  t.throws(() => new nn.Convert('bhwc', 'bxy'), nn.ArgumentError);
  t.end();
});

test("View: Torch's batch rule (a multiple of the view's elements makes a batch; −1 leaves the batch to setNumInputDims)", (t) => {
  const x = nn.Tensor.zeros([32, 32, 7, 7]);
  t.deepEqual(new nn.View(32 * 7 * 7).forward(x).shape, [32, 1568], 'View(1568) on 32×32×7×7');
  t.deepEqual(new nn.View(-1).forward(nn.Tensor.zeros([2, 3])).shape, [6], 'View(-1) flattens');
  t.deepEqual(new nn.View(-1).setNumInputDims(1).forward(nn.Tensor.zeros([2, 3])).shape, [2, 3], 'View(-1) with 1 input dim keeps the batch');
  t.deepEqual(new nn.View(2, 3).forward(nn.Tensor.zeros([6])).shape, [2, 3], 'no batch');
  t.throws(() => new nn.View(4).forward(nn.Tensor.zeros([2, 3])), /View\.updateOutput: cannot view input \[2, 3\] as \[4\]/);
  t.end();
});
