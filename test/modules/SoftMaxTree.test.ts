/** SoftMaxTree and SoftMaxForest: hand-computed log-probabilities, the index tables, sparse updates, accUpdate, errors, Lua's .t7 layout. */
import test from 'tape';
import * as nn from '../../index.js';
import { toT7 } from '../../lib/serialization/t7registry.js';
import { close, rand } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const ids = (v: number[]) => nn.Tensor.from(v, [v.length], 'long');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const roundTrip = (v: unknown) => nn.deserialize(nn.serialize(v), { onWarning: () => {} });

/** root 0 → {1, 2}, 1 → {3, 4}; inputSize 1; z = weight·x + bias per parent's children. */
function small(): nn.SoftMaxTree {
  const m = new nn.SoftMaxTree(1, new Map([[0, ids([1, 2])], [1, ids([3, 4])]])).double();
  m.weight.copy(T([0, 0, 1, 0], [4, 1])); // rows: children 1, 2, 3, 4
  m.bias.copy(T([0, Math.log(3), 0, 0]));
  return m;
}

test('SoftMaxTree: log P(target) is the sum of the log-softmaxes on its root path', (t) => {
  const m = small(), x = T([2, 2, 2, 0], [4, 1]);
  const out = arr(m.forward([x, T([1, 2, 3, 3])]));
  const p3 = Math.exp(2) / (Math.exp(2) + 1);
  t.ok(close(out, [Math.log(1 / 4), Math.log(3 / 4), Math.log(p3 / 4), Math.log(1 / 8)]), 'P(1) = 1/4, P(2) = 3/4, P(3) = P(3 | 1)·P(1)');
  const leaves = [2, 3, 4].map((c) => Math.exp(arr(m.forward([T([0.7], [1, 1]), T([c])]))[0]!));
  t.ok(close([leaves.reduce((a, b) => a + b)], [1]), 'the leaves\' probabilities sum to 1');
  t.deepEqual([m.nChildNode, m.nParentNode, m.maxFamily, m.maxFamilyPath, m.maxDept, m.minNodeId, m.maxNodeId], [4, 2, 2, 4, 2, 0, 4]);
  t.deepEqual(m.parentChildren.totable(), [[0, 2], [2, 2]], '[first row, children] per parent');
  t.deepEqual(m.childParent.totable(), [[-1, -1], [0, 0], [0, 1], [1, 0], [1, 1]], '[parent, position] per child');
  t.end();
});

test('SoftMaxTree: gradients reach only the parents on the paths; updates, updateParameters, zeroGradParameters', (t) => {
  const m = small(), x = T([1], [1, 1]), target = T([2]);
  m.forward([x, target]);
  m.zeroGradParameters();
  const gi = m.backward([x, target], T([1])) as nn.Tensor[];
  const p2 = 3 / 4;
  t.ok(close(arr(gi[0]!), [0]), '∂/∂x = Σ W_pᵀ(onehot − p): the root\'s children have zero weights');
  t.deepEqual(arr(gi[1]!), [0], 'the target gets a zero gradient');
  t.ok(close(arr(m.gradBias!), [-(1 - p2), 1 - p2, 0, 0]), 'only the root\'s children');
  t.deepEqual([...m.updates], [[0, 1]], 'updates: parent 0 touched once');
  const before = m.bias.clone();
  m.updateParameters(1);
  t.ok(close(arr(m.bias), [before.get(0) + 0.25, before.get(1) - 0.25, 0, 0]));
  m.zeroGradParameters();
  t.equal(m.updates.size, 0);
  t.deepEqual(m.getNodeParameters(1)[0].map((p) => p.shape), [[2, 1], [2]], 'getNodeParameters: views of weight and bias');
  t.end();
});

test('SoftMaxTree accUpdate: no gradients, accUpdateGradParameters takes the step of its twin', (t) => {
  const h = new Map([[0, ids([1, 2, 3])], [3, ids([4, 5])]]);
  nn.manualSeed(2);
  const a = new nn.SoftMaxTree(2, h, 0, true).double();
  nn.manualSeed(2);
  const b = new nn.SoftMaxTree(2, h).double();
  const input: nn.Activity = [rand([3, 2]), T([4, 1, 5])], g = T([1, -0.5, 2]);
  t.equal(a.gradWeight, null);
  t.deepEqual(a.parameters()[1], [], 'no gradient tensors');
  for (const m of [a, b]) m.forward(input), m.updateGradInput(input, g);
  t.throws(() => a.accGradParameters(input, g), (e: Error) => e instanceof nn.StateError && /accUpdate/.test(e.message));
  a.accUpdateGradParameters(input, g, 0.1);
  b.zeroGradParameters();
  b.accGradParameters(input, g);
  b.updateParameters(0.1);
  t.ok(close(arr(a.weight), arr(b.weight)) && close(arr(a.bias), arr(b.bias)), 'the same parameters');
  t.end();
});

test('SoftMaxTree: errors name the problem', (t) => {
  const L = (v: number[]) => ids(v);
  t.throws(() => new nn.SoftMaxTree(2, new Map([[0, L([1, 2])], [3, L([2])]])), /SoftMaxTree\.constructor: node 2 has two parents \(0 and 3\)/);
  t.throws(() => new nn.SoftMaxTree(2, { 1: L([2]) }), /the root 0 is not a parent/);
  t.throws(() => new nn.SoftMaxTree(2, new Map([[0, L([1])], [4, L([5])]])), /parent 4 is not below the root 0/);
  t.throws(() => new nn.SoftMaxTree(2, new Map([[0, L([1, -2])]])), /node ids must be integers ≥ 0, got -2/);
  const m = new nn.SoftMaxTree(2, { 0: L([1, 2]) });
  t.throws(() => m.forward([rand([1, 2]), T([0])]), /SoftMaxTree\.updateOutput: target 0 of sample 0 is not a node with a parent/);
  t.throws(() => m.forward([rand([2]), T([1])]), /expected input of size \[B, 2\] \(batch mode\), got \[2\]/);
  t.throws(() => m.forward(rand([1, 2])), /expected a table \{input, target\}/);
  t.end();
});

test('SoftMaxTree .t7: Lua\'s 1-based tables are written, and a Lua-saved tree loads', (t) => {
  const m = small();
  const f = new Map(toT7(m, () => {})!.fields);
  t.deepEqual(Array.from((f.get('childIds') as nn.Tensor).toArray()), [2, 3, 4, 5], 'Lua ids = ids + 1');
  t.deepEqual((f.get('parentChildren') as nn.Tensor).totable(), [[1, 2], [3, 2]], '1-based first rows');
  t.deepEqual((f.get('childParent') as nn.Tensor).totable(), [[-1, -1], [1, 1], [1, 2], [2, 1], [2, 2]]);
  t.deepEqual([f.get('rootId'), f.get('maxParentId'), f.get('maxChildId')], [1, 2, 5]);
  const I = (v: number[], s: number[]) => nn.Tensor.from(v, s, 'int32'), perm = ids([2, 3, 0, 1]); // parent 1's rows first
  const lua = {
    __typename: 'nn.SoftMaxTree', inputSize: 1, rootId: 1, static: true, weight: m.weight.index(0, perm), bias: m.bias.index(0, perm),
    childIds: I([4, 5, 2, 3], [4]), parentIds: I([2, 1], [2]), parentChildren: I([3, 2, 1, 2], [2, 2]), updates: {},
  };
  const back = roundTrip(lua) as nn.SoftMaxTree;
  t.ok(back instanceof nn.SoftMaxTree, 'loads as SoftMaxTree');
  t.deepEqual(back.parentChildren.totable(), [[2, 2], [0, 2]], 'parent 1 owns rows 0–1, as in the file');
  const x = T([2, 2, 2], [3, 1]), target = T([1, 2, 3]);
  t.ok(close(arr(back.forward([x, target])), arr(m.forward([x, target]))), 'the same tree');
  t.end();
});

test('SoftMaxForest: the gater\'s mixture of the trees\' log-probabilities', (t) => {
  const trees = [new Map([[0, ids([1, 2])]]), new Map([[0, ids([2, 3])], [3, ids([1, 4])]])];
  const m = new nn.SoftMaxForest(2, trees, [0, 0]).double();
  const x = rand([3, 2]), target = T([1, 2, 1]);
  const out = arr(m.forward([x, target]));
  const g = nn.asTensor(m.gater.forward([x, target]));
  const e = m.smts.map((s) => arr(s.forward([x, target])));
  t.ok(close(out, [0, 1, 2].map((i) => g.get(i, 0) * e[0]![i]! + g.get(i, 1) * e[1]![i]!)), 'Σ_k g_k·log P_k');
  t.equal(m.smts.length, 2);
  t.equal(m.modules[0], m.module, 'modules = {module}');
  t.throws(() => new nn.SoftMaxForest(2, []), /at least one tree/);
  t.throws(() => new nn.SoftMaxForest(new nn.Sequential()), /SoftMaxForest\.constructor: expected Sequential\(ConcatTable/);
  const a = new nn.SoftMaxForest(2, trees, [0, 0], [], undefined, true).double();
  const w = a.smts[1]!.weight.clone();
  t.throws(() => a.accUpdateGradParameters([x, target], T([1, 1, 1]), 0.1), (err: Error) => err instanceof nn.StateError);
  a.forward([x, target]);
  a.updateGradInput([x, target], T([1, 1, 1]));
  a.accUpdateGradParameters([x, target], T([1, 1, 1]), 0.1);
  t.ok(arr(a.smts[1]!.weight.clone().add(-1, w).abs())[0]! > 0, 'accUpdate trees take their step');
  t.end();
});
