import test from 'tape';
import { torch, nn, optim, Tensor, setBackend, backend } from '../../index.js';

test('getParameters: one flat storage, aliased by every parameter and gradient', (t) => {
  torch.manualSeed(1);
  const m = new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.Tanh()).add(new nn.Linear(4, 2));
  const before = m.parameters()[0].map((p) => Array.from(p.toArray()));
  const [w, g] = m.getParameters();
  t.deepEqual(w.size(), [3 * 4 + 4 + 4 * 2 + 2], 'every parameter counted once');
  t.deepEqual(g.size(), w.size());
  const [params, grads] = m.parameters();
  t.deepEqual(params.map((p) => Array.from(p.toArray())), before, 'the values are kept');
  t.ok(params.every((p) => p.storage === w.storage) && grads.every((q) => q.storage === g.storage), 'every tensor lives in the flat storage');
  t.deepEqual(Array.from(w.toArray()), before.flat(), 'in parameters() order');
  w.fill(0.5);
  t.ok(params.every((p) => Array.from(p.toArray()).every((v) => v === 0.5)), 'writing the flat vector writes the parameters');
  const x = torch.randn(5, 3);
  m.zeroGradParameters();
  m.forward(x);
  m.backward(x, torch.ones(5, 2), 1);
  t.ok(g.abs().sum() > 0, 'backward fills the flat gradient');
  t.equal(torch.dist(torch.cat(grads.map((q) => q.contiguous().view(-1)), 0), g), 0, 'the flat gradient is the gradients');
  t.end();
});

test('getParameters keeps shared parameters shared, once', (t) => {
  const a = new nn.Linear(2, 2);
  const b = a.sharedClone();
  const m = new nn.Sequential().add(a).add(b);
  const [w, g] = m.getParameters();
  t.equal(w.nElement(), 6, 'shared weight and bias appear once');
  t.equal(g.nElement(), 6);
  t.equal(a.weight, b.weight, 'still the same tensor');
  w.zero();
  t.equal(b.weight.abs().sum(), 0, 'the clone sees the flat vector');
  t.end();
});

test('getParameters: mixed types are an error naming both; the flat storage comes from the current backend', (t) => {
  const m = new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.Linear(2, 2).double());
  t.throws(() => m.getParameters(), /getParameters: expected parameters of one type, got torch\.FloatTensor and torch\.DoubleTensor/);
  const prev = backend().name;
  setBackend('wasm');
  try {
    const l = new nn.Linear(3, 3);
    const [w] = l.getParameters();
    t.equal(w.storage.constructor.name, 'WasmStorage', 'on wasm the flat parameters live in the wasm heap');
  } finally {
    setBackend(prev);
  }
  t.end();
});

test('getParameters with optim.sgd trains a model as a Lua loop does', (t) => {
  torch.manualSeed(2);
  const model = new nn.Sequential().add(new nn.Linear(2, 8)).add(new nn.Tanh()).add(new nn.Linear(8, 2)).add(new nn.LogSoftMax());
  const criterion = new nn.ClassNLLCriterion();
  const x = torch.Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), y = torch.Tensor([0, 1, 1, 0]);
  const [params, gradParams] = model.getParameters();
  const feval = (p: Tensor): [number, Tensor] => {
    if (p !== params) params.copy(p);
    gradParams.zero();
    const out = model.forward(x) as Tensor;
    const loss = criterion.forward(out, y);
    model.backward(x, criterion.backward(out, y));
    return [loss, gradParams];
  };
  const config = { learningRate: 0.5, momentum: 0.9 };
  const first = feval(params)[0];
  let last = first;
  for (let i = 0; i < 300; i++) last = optim.sgd(feval, params, config)[1][0]!;
  t.ok(last < first / 10, `XOR loss ${first.toFixed(3)} → ${last.toFixed(4)} with optim.sgd on getParameters()`);
  t.end();
});
