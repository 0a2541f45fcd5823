/** What plain-JS users meet: nested arrays in Tensor.from, non-Tensor arguments to modules and criteria, derived criteria's names. */
import test from 'tape';
import * as nn from '../../index.js';

const thrown = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
};

test('Tensor.from takes nested rows; ragged rows are a ShapeError naming where', (t) => {
  const m = nn.Tensor.from([[1, 2], [3, 4], [5, 6]]);
  t.deepEqual(m.shape, [3, 2], 'nested rows give their shape');
  t.deepEqual(Array.from(m.toArray()), [1, 2, 3, 4, 5, 6], 'row-major values');
  t.deepEqual(nn.Tensor.from([[[1], [2]]], [2], 'float64').shape, [2], 'an explicit shape still applies');
  t.equal(nn.Tensor.from([[1, 2]], undefined, 'float64').dtype, 'float64', 'and the dtype');
  const e = thrown(() => nn.Tensor.from([[1, 2], [3]]));
  t.ok(e instanceof nn.ShapeError, 'ragged rows: ShapeError');
  t.match(e.message, /^Tensor\.from: ragged rows: expected \[1\] to be an array of 2/, 'names the ragged row');
  t.ok(thrown(() => nn.Tensor.from([1, [2]])) instanceof nn.ShapeError, 'a number beside a row: ShapeError');
  t.end();
});

test('a non-Tensor argument to a module or criterion is an ArgumentError naming what came', (t) => {
  const lin = new nn.Linear(2, 3);
  const asInput = (v: unknown) => v as nn.Tensor; // what a plain-JS caller passes
  const e1 = thrown(() => lin.forward(asInput([1, 2])));
  t.ok(e1 instanceof nn.ArgumentError, 'Linear: ArgumentError');
  t.match(e1.message, /^Linear\.forward: expected input to be a Tensor or a table \(array\) of Tensors, got a plain array of 2 numbers \(make a tensor: nn\.Tensor\.from/, 'says what came and the fix');
  t.match(thrown(() => lin.forward(asInput(undefined))).message, /^Linear\.forward: .* got undefined/, 'undefined');
  t.match(thrown(() => new nn.Sequential().add(lin).forward(asInput({ x: 1 }))).message, /^Sequential\.forward: .* got a plain object \{x\}/, 'an object, at the container');
  t.match(thrown(() => lin.backward(nn.Tensor.from([1, 2]), asInput('g'))).message, /^Linear\.backward: expected gradOutput .* got string 'g'/, 'backward checks gradOutput');
  const x = nn.Tensor.from([[-1, -2]]);
  const e2 = thrown(() => new nn.ClassNLLCriterion().forward(x, asInput([0])));
  t.ok(e2 instanceof nn.ArgumentError, 'ClassNLLCriterion with a plain-array target: ArgumentError (not a TypeError)');
  t.match(e2.message, /^ClassNLLCriterion\.updateOutput: expected target class indices as a tensor or a number, got a plain array of 1 numbers/, 'names what came');
  t.match(thrown(() => new nn.MSECriterion().forward(asInput([1, 2]), x)).message, /^MSECriterion\.forward: expected input to be a Tensor/, 'criterion input');
  t.match(thrown(() => new nn.MSECriterion().forward(x, asInput('t'))).message, /^MSECriterion\.forward: expected target to be a Tensor, a number or a table of them, got string 't'/, 'criterion target');
  t.end();
});

test("CrossEntropyCriterion's errors name CrossEntropyCriterion", (t) => {
  const c = new nn.CrossEntropyCriterion(), x = nn.Tensor.from([[1, 2]]);
  const e = thrown(() => c.forward(x, nn.Tensor.from([5])));
  t.ok(e instanceof nn.ArgumentError, 'the inner error class is kept');
  t.match(e.message, /^CrossEntropyCriterion\.updateOutput: expected target class indices in 0\.\.1, got 5/, 'named after itself');
  t.match(thrown(() => c.backward(x, nn.Tensor.from([7]))).message, /^CrossEntropyCriterion\.updateGradInput: /, 'backward too');
  t.match(thrown(() => c.forward(x, [0] as unknown as nn.Tensor)).message, /^CrossEntropyCriterion\.updateOutput: expected target class indices as a tensor/, 'plain-array target');
  t.end();
});
