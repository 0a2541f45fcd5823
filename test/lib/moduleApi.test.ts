import test from 'tape';
import { torch, nn, Tensor, ArgumentError } from '../../index.js';

const net = (): nn.Sequential => new nn.Sequential().add(new nn.Linear(3, 4)).add(new nn.Tanh()).add(new nn.Linear(4, 2));

test('accUpdateGradParameters: the parameters take the step, the gradients stay', (t) => {
  torch.manualSeed(4);
  const a = net(), b = a.clone();
  const x = torch.randn(5, 3), go = torch.randn(5, 2);
  a.zeroGradParameters();
  a.forward(x);
  a.backward(x, go);
  a.updateParameters(0.1);
  b.zeroGradParameters();
  b.forward(x);
  b.updateGradInput(x, go);
  b.accUpdateGradParameters(x, go, 0.1);
  const pa = a.parameters()[0], pb = b.parameters()[0];
  t.ok(pa.every((p, i) => torch.dist(p, pb[i]!) < 1e-6), 'the same parameters as backward + updateParameters(0.1)');
  t.ok(b.parameters()[1].every((g) => g.abs().sum() === 0), 'the gradient tensors are untouched (still zero)');
  t.ok(b.parameters()[1].every((g, i) => g !== pb[i]), 'and are the gradient tensors again afterwards');
  t.end();
});

test('share: fields become views of the other module\'s, recursively', (t) => {
  const a = net(), b = net();
  b.share(a, 'weight', 'bias');
  const la = a.get(0) as nn.Linear, lb = b.get(0) as nn.Linear;
  t.notEqual(lb.weight, la.weight, 'distinct tensor objects');
  t.equal(lb.weight.storage, la.weight.storage, 'one storage');
  la.weight.fill(3);
  t.equal(lb.weight.get(0, 0), 3, 'writes show through');
  t.notEqual(lb.gradWeight.storage, la.gradWeight.storage, 'fields not named stay their own');
  t.throws(() => new nn.Sequential().add(new nn.Linear(2, 2)).share(net(), 'weight'), /1 children here, 3 in Sequential/);
  t.end();
});

test('insert and remove (0-based)', (t) => {
  const s = new nn.Sequential().add(new nn.Linear(2, 3)).add(new nn.Linear(3, 1));
  s.insert(new nn.Tanh(), 1);
  t.deepEqual(s.modules.map((m) => m.constructor.name), ['Linear', 'Tanh', 'Linear'], 'insert(m, 1) puts m before position 1');
  s.insert(new nn.Sigmoid());
  t.equal(s.get(-1).constructor.name, 'Sigmoid', 'insert without an index appends');
  const removed = s.remove();
  t.equal(removed.constructor.name, 'Sigmoid', 'remove() takes the last');
  t.equal(s.remove(1).constructor.name, 'Tanh', 'remove(1)');
  t.deepEqual((s.forward(torch.randn(4, 2)) as Tensor).size(), [4, 1], 'still runs');
  t.throws(() => s.remove(5), ArgumentError);
  t.throws(() => s.insert(new nn.Tanh(), 9), /index 9 out of range/);
  t.end();
});

test('replace: children depth first, then the module itself; containers keep their replaced children', (t) => {
  const inner = new nn.Sequential().add(new nn.Dropout(0.5)).add(new nn.Linear(2, 2));
  const net = new nn.Sequential().add(inner).add(new nn.Dropout(0.3)).add(new nn.Tanh());
  const seen: string[] = [];
  const out = net.replace((m) => {
    seen.push(m.constructor.name);
    return m instanceof nn.Dropout ? new nn.Identity() : m;
  });
  t.equal(out, net, 'the root returned');
  t.deepEqual(seen, ['Dropout', 'Linear', 'Sequential', 'Dropout', 'Tanh', 'Sequential'], 'depth first, parents after children');
  t.deepEqual(net.listModules().map((m) => m.constructor.name), ['Sequential', 'Sequential', 'Identity', 'Linear', 'Identity', 'Tanh'], 'Dropouts replaced');
  t.throws(() => net.replace(() => 3 as unknown as nn.Module), /Sequential\.replace: expected the callback to return a Module, got number/);
  t.end();
});
