/** dpnn's Module additions (lib/dpnnModule.ts): batch helpers, dontBackward, momentum buffers, serial modes and state, weightDecay, outside. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());

test('toBatch / fromBatch: a batch dimension of 1 added when the tensor has nDim dimensions, and removed', (t) => {
  const m = new nn.Identity();
  const x = rand([2, 3]);
  const b = m.toBatch(x, 2);
  t.deepEqual([b.shape, m.dpnn_online], [[1, 2, 3], true], 'added at 0');
  t.deepEqual(m.fromBatch(b).shape, [2, 3], 'removed');
  t.deepEqual(m.toBatch(x, 2, 2).shape, [2, 3, 1], 'batchDim 2');
  t.deepEqual(m.toBatch(rand([4, 2, 3]), 2).shape, [4, 2, 3], 'already a batch: unchanged');
  t.deepEqual(m.fromBatch(rand([4, 2])).shape, [4, 2], 'fromBatch after a batch: unchanged');
  const strided = rand([3, 2]).transpose(0, 1);
  t.deepEqual(arr(m.toBatch(strided, 2).contiguous()), arr(strided.contiguous()), 'non-contiguous tensors are viewed, not copied wrongly');
  m.toBatch(x, 2);
  t.throws(() => m.fromBatch(rand([2, 3])), /Identity\.fromBatch: expected dimension 0 of size 1 \(added by toBatch\), got \[2, 3\]/);
  t.end();
});

test('contiguousInput: a kept contiguous copy of a strided input; dontBackward', (t) => {
  const m = new nn.Identity();
  const x = rand([2, 2]);
  t.equal(m.contiguousInput(x), x, 'contiguous: the input itself');
  const s = x.transpose(0, 1), c = m.contiguousInput(s);
  t.ok(c.isContiguous() && close(arr(c), arr(s.contiguous())), 'strided: a contiguous copy');
  t.equal(m.contiguousInput(s, true), c, 'backward: the same copy');
  const lin = new nn.Linear(2, 1).double().dontBackward();
  lin.zeroGradParameters();
  lin.forward(x);
  lin.backward(x, T([1, 1], [2, 1]));
  t.deepEqual(arr(lin.gradWeight), [0, 0], 'backward does nothing');
  t.equal(lin.updateGradInput(x, T([1, 1], [2, 1])), lin.gradInput, 'updateGradInput returns the unchanged gradInput');
  t.end();
});

test('sparseParameters, momentumGradParameters, checkParameters, extrapolateType, accept', (t) => {
  const m = new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.Linear(2, 1)).double();
  t.deepEqual(m.sparseParameters()[0], m.parameters()[0], 'sparseParameters = parameters by default');
  m.parameters()[1].forEach((g) => g.fill(2));
  const mom = m.momentumGradParameters();
  t.ok(mom.length === 4 && mom.every((b) => arr(b).every((v) => v === 2)), 'buffers start as copies of the gradients');
  t.equal(m.momentumGradParameters()[0], mom[0], 'and are kept');
  m.updateGradParameters(0.5);
  t.deepEqual(arr(mom[1]!), [2, 2], 'updateGradParameters uses them: 0.5·2 + (1 − 0.5)·2');
  t.equal(m.extrapolateType(), 'torch.DoubleTensor');
  t.equal(new nn.Identity().extrapolateType(), undefined, 'no parameters: undefined');
  m.checkParameters();
  (m.get(1) as nn.Linear).bias!.fill(NaN);
  t.throws(() => m.checkParameters(), /Sequential\.checkParameters: NaN in parameter 3 \(of size \[1\]\)/);
  const seen: string[] = [];
  m.accept({ visit: (x) => seen.push(x.constructor.name) });
  t.deepEqual(seen, ['Sequential'], 'accept: visitor.visit(module)');
  t.end();
});

test('serial modes and getSerialState', (t) => {
  const lin = new nn.Linear(2, 1).double(), m = new nn.Sequential().add(lin);
  t.deepEqual(m.dpnn_serialEmpty, [], 'heavy by default');
  m.lightSerial();
  t.deepEqual(lin.dpnn_serialEmpty, ['output', 'gradInput', 'momGradParams', 'dpnn_input', 'gradWeight', 'gradBias'], 'light: medium + gradients, on every module');
  m.mediumSerial();
  t.deepEqual(lin.dpnn_serialEmpty, ['output', 'gradInput', 'momGradParams', 'dpnn_input']);
  m.serialMode(['gradBias']).lightSerial().heavySerial();
  t.deepEqual(lin.dpnn_serialEmpty, []);
  t.deepEqual([lin.dpnn_parameters, lin.dpnn_gradParameters], [['weight', 'bias'], ['gradWeight', 'gradBias']]);
  m.lightSerial().forward(T([1, 2], [1, 2]));
  const s = m.getSerialState();
  const sl = s.get(0) as nn.Linear;
  t.ok(s !== m && s instanceof nn.Sequential && sl instanceof nn.Linear && sl !== lin, 'a copy of the tree, same classes');
  t.deepEqual([sl.weight === lin.weight, sl.output.numel(), sl.gradWeight.numel(), lin.output.numel()], [true, 0, 0, 1], 'parameters shared, emptied fields empty, the module untouched');
  const f = m.heavySerial().getSerialState('float32').get(0) as nn.Linear;
  t.deepEqual([f.weight.dtype, lin.weight.dtype], ['float32', 'float64'], 'dtype: converted copies');
  t.ok(close(arr(f.weight), arr(lin.weight), 1e-6), 'same values');
  const [flat] = m.getParameters();
  const g = m.getSerialState('float32').get(0) as nn.Linear;
  t.equal(g.weight.storage, g.bias!.storage, 'storage sharing kept (getParameters views)');
  t.equal(flat.numel(), 3);
  t.end();
});

test('weightDecay and outside (functions)', (t) => {
  const m = new nn.Sequential().add(new nn.Linear(2, 1)).double();
  const lin = m.get(0) as nn.Linear;
  lin.weight.copy(T([1, -2], [1, 2]));
  lin.bias!.fill(3);
  m.zeroGradParameters();
  nn.weightDecay(m, 0.5);
  t.deepEqual([arr(lin.gradWeight), arr(lin.gradBias!)], [[0.5, -1], [0]], 'grad += wd·θ for 2-D parameters only (wdMinDim 2)');
  nn.weightDecay(m, 0.5, 1);
  t.deepEqual(arr(lin.gradBias!), [1.5], 'wdMinDim 1: the bias too');
  (lin as unknown as { wdFactor: number }).wdFactor = 0;
  nn.weightDecay(m, 0.5);
  t.deepEqual(arr(lin.gradWeight), [1, -2], "a module's own wdFactor wins (0: no decay)");
  t.deepEqual(nn.outside(new nn.Linear(3, 4), [2, 3]), [2, 4], 'outside: the output size for an input size');
  t.deepEqual(nn.outside(new nn.SpatialMaxPooling(2, 2), [1, 4, 6]), [1, 2, 3]);
  t.end();
});
