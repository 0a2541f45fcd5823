/** Bad input: typed errors naming Class.method, what was expected and what came. */
import test from 'tape';
import * as nn from '../index.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s);

test('wrong shape → ShapeError naming the module, method and shapes', (t) => {
  const l = new nn.Linear(10, 3);
  t.throws(() => l.forward(nn.Tensor.zeros([4, 12])), (e: Error) => e instanceof nn.ShapeError &&
    e.message === 'Linear.updateOutput: expected input of size [*, 10], got [4, 12]', 'Linear');
  t.throws(() => l.forward(nn.Tensor.zeros([2, 2, 10])), /Linear.updateOutput: expected input of 1 or 2 dimensions, got \[2, 2, 10\]/);
  t.throws(() => new nn.LogSoftMax().forward(nn.Tensor.zeros([2, 3, 4])), nn.ShapeError);
  t.throws(() => new nn.Add(3).forward(nn.Tensor.zeros([2, 4])), /Add.updateOutput: expected input of size \[3\] or \[B, 3\], got \[2, 4\]/);
  t.throws(() => new nn.JoinTable(0, 1).forward([nn.Tensor.zeros([2, 3]), nn.Tensor.zeros([3, 3])]), /JoinTable.updateOutput: expected tensor 1 to match \[2, 3\]/);
  t.throws(() => new nn.MSECriterion().forward(nn.Tensor.zeros([3]), nn.Tensor.zeros([4])), /MSECriterion.updateOutput: expected a target of 3 elements/);
  t.throws(() => l.forward([nn.Tensor.zeros([10])] as unknown as nn.Tensor), /Linear.updateOutput: expected input to be a tensor, got a table/);
  t.end();
});

test('containers say which child failed, keeping the error class', (t) => {
  const m = new nn.Sequential().add(new nn.Linear(4, 5)).add(new nn.ReLU()).add(new nn.Linear(6, 2));
  t.throws(() => m.forward(nn.Tensor.zeros([3, 4])), (e: Error) => e instanceof nn.ShapeError &&
    e.message.startsWith('In module 2 (Linear) of Sequential: Linear.updateOutput: expected input of size [*, 6], got [3, 5]') &&
    e.cause instanceof nn.ShapeError);
  const nested = new nn.Sequential().add(new nn.ConcatTable().add(new nn.Identity()).add(new nn.Linear(3, 1)));
  t.throws(() => nested.forward(nn.Tensor.zeros([2])), /In module 0 \(ConcatTable\) of Sequential: In module 1 \(Linear\) of ConcatTable: Linear.updateOutput/);
  t.end();
});

test('wrong table arity → ArgumentError', (t) => {
  const p = new nn.ParallelTable().add(new nn.Identity()).add(new nn.Identity());
  t.throws(() => p.forward([nn.Tensor.zeros([2])]), (e: Error) => e instanceof nn.ArgumentError &&
    /ParallelTable.updateOutput: expected input to be a table of 2 entries, got \{\[2\]\}/.test(e.message));
  t.throws(() => new nn.SelectTable(3).forward([nn.Tensor.zeros([1])]), /SelectTable.updateOutput: index 3 out of range for a table of 1 entries/);
  t.throws(() => new nn.SelectTable(0).forward(nn.Tensor.zeros([1])), nn.ArgumentError);
  const c = new nn.ConcatTable().add(new nn.Identity()).add(new nn.Identity());
  c.forward(nn.Tensor.zeros([2]));
  t.throws(() => c.backward(nn.Tensor.zeros([2]), [nn.Tensor.zeros([2])]), /ConcatTable.backward: expected gradOutput to be a table of 2 entries/);
  t.throws(() => new nn.ParallelCriterion().add(new nn.MSECriterion()).forward([T([1])], T([1])), /ParallelCriterion.updateOutput: expected a target table of 1 entries/);
  t.end();
});

test('target out of range → ArgumentError', (t) => {
  const c = new nn.ClassNLLCriterion();
  const x = nn.Tensor.zeros([2, 10]);
  t.throws(() => c.forward(x, T([3, 10])), (e: Error) => e instanceof nn.ArgumentError &&
    e.message === 'ClassNLLCriterion.updateOutput: expected target class indices in 0..9, got 10 at position 1');
  t.throws(() => c.forward(x, T([-1, 0])), /got -1 at position 0/);
  t.throws(() => c.forward(x, T([0.5, 0])), nn.ArgumentError);
  t.throws(() => c.forward(x, T([1, 2, 3])), /ClassNLLCriterion.updateOutput: expected 2 targets for input \[2, 10\], got \[3\]/);
  t.end();
});

test('NaN / Infinity in a loss → StateError', (t) => {
  t.throws(() => new nn.MSECriterion().forward(T([NaN, 1]), T([0, 0])), (e: Error) => e instanceof nn.StateError &&
    e.message.startsWith('MSECriterion.forward: the loss is NaN'));
  t.throws(() => new nn.ClassNLLCriterion().forward(T([-Infinity, 0], [1, 2]), T([0])), /ClassNLLCriterion.forward: the loss is Infinity/);
  t.end();
});

test('backward before forward → StateError', (t) => {
  for (const m of [new nn.Linear(3, 2), new nn.ReLU(), new nn.LogSoftMax(), new nn.MulConstant(2)] as nn.Module<nn.Tensor, nn.Tensor>[]) {
    const x = nn.Tensor.zeros([2, 3]);
    const g = nn.Tensor.zeros(m instanceof nn.Linear ? [2, 2] : [2, 3]);
    t.throws(() => m.backward(x, g), (e: Error) => e instanceof nn.StateError &&
      e.message === `${m.constructor.name}.updateGradInput: called before updateOutput; run forward(input) first, then backward(input, gradOutput)`,
      `${m.constructor.name}`);
  }
  const l = new nn.Linear(3, 2);
  l.forward(nn.Tensor.zeros([2, 3]));
  t.throws(() => l.backward(nn.Tensor.zeros([2, 3]), nn.Tensor.zeros([2, 5])), /Linear.updateGradInput: expected gradOutput of size \[2, 2\] \(as the output\), got \[2, 5\]/);
  t.end();
});

test('bad constructor arguments → ArgumentError', (t) => {
  t.throws(() => new nn.Linear(0, 3), /Linear.constructor: expected positive integer sizes, got 0 -> 3/);
  t.throws(() => new nn.Dropout(1), nn.ArgumentError);
  t.throws(() => new nn.HardTanh(1, -1), nn.ArgumentError);
  t.throws(() => new nn.View(-1, -1), nn.ArgumentError);
  t.throws(() => new nn.Sequential().add({} as nn.Module), /Sequential.add: expected a Module/);
  t.end();
});
