import test from 'tape';
import * as nn from '../../index.js';
import { rand } from '../helpers/random.js';

const net = () => new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.ReLU()).add(new nn.Linear(4, 2)).add(new nn.LogSoftMax());

test('gradients accumulate: backward twice = twice the gradient; zeroGradParameters clears', (t) => {
  const m = net().double();
  const x = rand([5, 3]), g = rand([5, 2]);
  m.zeroGradParameters();
  m.forward(x);
  m.backward(x, g);
  const once = m.parameters()[1].map((p) => Array.from(p.toArray()));
  m.backward(x, g);
  const twice = m.parameters()[1].map((p) => Array.from(p.toArray()));
  t.ok(once.every((a, i) => a.every((v, j) => Math.abs(2 * v - twice[i]![j]!) < 1e-12)), 'doubled');
  m.backward(x, g, 0.5);
  const more = m.parameters()[1].map((p) => Array.from(p.toArray()));
  t.ok(once.every((a, i) => a.every((v, j) => Math.abs(2.5 * v - more[i]![j]!) < 1e-12)), 'scale applies');
  m.zeroGradParameters();
  t.ok(m.parameters()[1].every((p) => Array.from(p.toArray()).every((v) => v === 0)), 'zeroed');
  t.end();
});

test('parameters() lists weight, bias in child order; updateParameters steps', (t) => {
  const m = net();
  const [ps, gs] = m.parameters();
  t.deepEqual(ps.map((p) => p.shape), [[4, 3], [4], [2, 4], [2]]);
  t.equal(gs.length, 4);
  const w0 = ps[0]!.get(0, 0);
  gs[0]!.fill(1);
  m.updateParameters(0.1);
  t.ok(Math.abs(ps[0]!.get(0, 0) - (w0 - 0.1)) < 1e-6);
  t.end();
});

test('sharedClone shares parameter and gradient tensors, not outputs', (t) => {
  const m = net();
  const c = m.sharedClone();
  const [p1, g1] = m.parameters(), [p2, g2] = c.parameters();
  t.ok(p1.every((p, i) => p === p2[i]), 'same parameter tensors');
  t.ok(g1.every((g, i) => g === g2[i]), 'same gradient tensors');
  const lin = m.get(0) as nn.Linear, lin2 = c.get(0) as nn.Linear;
  t.notEqual(lin.output, lin2.output, 'own output buffers');
  lin.weight.set([0, 0], 42);
  t.equal(lin2.weight.get(0, 0), 42, 'writes are seen by the clone');
  const nograd = m.sharedClone(true, false);
  t.notEqual(nograd.parameters()[1][0], g1[0], 'shareGradParams = false copies gradients');
  t.end();
});

test('clone round-trips: same outputs, independent parameters', (t) => {
  const m = net().double();
  const c = m.clone();
  const x = rand([2, 3]);
  const y1 = Array.from(nn.asTensor(m.forward(x)).toArray());
  const y2 = Array.from(nn.asTensor(c.forward(x)).toArray());
  t.deepEqual(y1, y2);
  t.ok(c instanceof nn.Sequential && c.get(0) instanceof nn.Linear, 'classes kept');
  (c.get(0) as nn.Linear).weight.fill(0);
  t.deepEqual(Array.from(nn.asTensor(m.forward(x)).toArray()), y1, 'original untouched');
  t.end();
});

test('toString starts with the class name; listModules, findModules, apply, training/evaluate', (t) => {
  const m = net();
  t.ok(m.toString().startsWith('Sequential'), m.toString());
  t.equal(new nn.Linear(256, 10).toString(), 'Linear(256 -> 10)');
  for (const mod of m.listModules()) t.ok(mod.toString().startsWith(mod.constructor.name), `${mod.constructor.name}.toString`);
  t.equal(m.listModules().length, 5);
  t.equal(m.findModules(nn.Linear).length, 2);
  t.equal(m.findModules('ReLU').length, 1);
  m.evaluate();
  t.ok(m.listModules().every((x) => !x.train), 'evaluate reaches every module');
  m.training();
  t.ok(m.listModules().every((x) => x.train), 'training reaches every module');
  let count = 0;
  m.apply(() => count++);
  t.equal(count, 5);
  t.end();
});

test('clearState frees buffers; reset re-initialises within bounds', (t) => {
  const m = net();
  m.forward(rand([2, 3]).to('float32'));
  m.clearState();
  t.equal(nn.asTensor((m.get(0) as nn.Linear).output).numel(), 0);
  const l = new nn.Linear(100, 10);
  l.reset(0.1);
  const bound = 0.1 * Math.sqrt(3);
  t.ok(Array.from(l.weight.toArray()).every((v) => Math.abs(v) <= bound), 'reset(stdv) in ±stdv·√3');
  t.end();
});

test('setBackend rejects unknown names', (t) => {
  t.throws(() => nn.setBackend('nope'), /setBackend: expected one of 'js'/);
  t.equal(nn.setBackend('js').name, 'js');
  t.end();
});
