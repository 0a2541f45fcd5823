/** Optimizers and parameter tools against hand-computed steps. */
import test from 'tape';
import * as nn from '../index.js';
import { close } from './helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (t: nn.Tensor) => Array.from(t.toArray());

function linear(w: number[], b: number[]): nn.Linear {
  const l = new nn.Linear(2, w.length / 2).double();
  l.weight.copy(T(w, [w.length / 2, 2]));
  l.bias!.copy(T(b));
  return l;
}

test('updateGradParameters: first call leaves the gradient, second gives 0.9·g1 + 0.1·g2 (damped)', (t) => {
  const l = linear([0, 0], [0]);
  l.gradWeight.copy(T([1, 2], [1, 2]));
  l.gradBias!.copy(T([4]));
  l.updateGradParameters(0.9);
  t.deepEqual(arr(l.gradWeight), [1, 2], 'first call: unchanged');
  l.gradWeight.copy(T([3, -1], [1, 2]));
  l.gradBias!.copy(T([0]));
  l.updateGradParameters(0.9);
  t.ok(close(arr(l.gradWeight), [0.9 * 1 + 0.1 * 3, 0.9 * 2 + 0.1 * -1], 1e-12), 'second: 0.9·g1 + 0.1·g2');
  t.ok(close(arr(l.gradBias!), [3.6], 1e-12));
  const n = linear([0, 0], [0]);
  n.gradWeight.copy(T([1, 1], [1, 2]));
  n.updateGradParameters(0.5, 0, true);
  t.deepEqual(arr(n.gradWeight), [1.5, 1.5], 'Nesterov: g + momFactor·mom');
  const z = linear([0, 0], [0]);
  z.gradWeight.copy(T([7, 7], [1, 2]));
  z.updateGradParameters(0);
  t.deepEqual(arr(z.gradWeight), [7, 7], 'momFactor 0 is a no-op');
  t.end();
});

test('the Lua linear learning-rate decay: epoch 1 → 0.01, 2 → 0.0099875125, 801 and later → 1e-5', (t) => {
  const lr = nn.linearDecay(0.01, 0.00001, 800);
  t.equal(lr(1), 0.01);
  t.ok(Math.abs(lr(2) - 0.0099875125) < 1e-15, `${lr(2)}`);
  t.ok(Math.abs(lr(801) - 1e-5) < 1e-15, `${lr(801)}`);
  t.equal(lr(2000), 1e-5);
  t.end();
});

test('maxParamNorm renormalises rows over the limit (torch.renorm), leaves biases', (t) => {
  const l = linear([3, 4, 0.3, 0.4], [10, 10]);
  l.maxParamNorm(1);
  const w = arr(l.weight);
  t.ok(close(w, [3 / (5 + 1e-7), 4 / (5 + 1e-7), 0.3, 0.4], 1e-12), 'row 0 scaled to norm 1, row 1 under the limit untouched');
  t.deepEqual(arr(l.bias!), [10, 10]);
  const c = linear([3, 0, 4, 0], [0, 0]);
  c.maxParamNorm(undefined, 1);
  t.ok(close(arr(c.weight), [3 / (5 + 1e-7), 0, 4 / (5 + 1e-7), 0], 1e-12), 'maxInNorm renormalises columns');
  t.end();
});

test('gradParamClip scales all gradients to the cutoff and returns the norm before', (t) => {
  const m = new nn.Sequential().add(linear([0, 0], [0])).add(linear([0, 0], [0]));
  const [, gs] = m.parameters();
  gs[0]!.copy(T([3, 0], [1, 2]));
  gs[2]!.copy(T([0, 4], [1, 2]));
  t.equal(m.gradParamClip(1), 5);
  t.ok(close(arr(gs[0]!), [0.6, 0], 1e-12) && close(arr(gs[2]!), [0, 0.8], 1e-12));
  t.equal(m.gradParamClip(10), 1, 'under the cutoff: unchanged');
  t.ok(close(arr(gs[0]!), [0.6, 0], 1e-12));
  t.end();
});

test('SGD: plain and classic momentum steps', (t) => {
  const p = T([1, 1]), g = T([0.5, -1]);
  new nn.SGD({ lr: 0.1 }).step([p], [g]);
  t.ok(close(arr(p), [0.95, 1.1], 1e-12), 'θ −= lr·g');
  const q = T([0, 0]);
  const opt = new nn.SGD({ lr: 1, momentum: 0.9 });
  opt.step([q], [T([1, 2])]);
  opt.step([q], [T([1, 2])]);
  t.ok(close(arr(q), [-(1 + 1.9), -(2 + 3.8)], 1e-12), 'v = 0.9 v + g: steps 1 then 1.9');
  t.end();
});

test('Adam: the first step moves each parameter by lr·sign(g); the second matches the formula', (t) => {
  const p = T([1, 1]);
  const opt = new nn.Adam({ lr: 0.01 });
  opt.step([p], [T([0.5, -2])]);
  t.ok(close(arr(p), [0.99, 1.01], 1e-7), `${arr(p)}`);
  opt.step([p], [T([1, 1])]);
  const m = [0.9 * 0.05 + 0.1, 0.9 * -0.2 + 0.1], v = [0.999 * 0.00025 + 0.001, 0.999 * 0.004 + 0.001];
  const step = m.map((mi, i) => (0.01 * (mi / (1 - 0.81))) / (Math.sqrt(v[i]! / (1 - 0.999 ** 2)) + 1e-8));
  t.ok(close(arr(p), [0.99 - step[0]!, 1.01 - step[1]!], 1e-8), `${arr(p)}`);
  t.end();
});

test('ReduceLROnPlateau cuts the rate after `patience` epochs without improvement', (t) => {
  const s = new nn.ReduceLROnPlateau(1, 0.5, 2);
  t.deepEqual([5, 4, 4, 4, 4, 3].map((v) => s.step(v)), [1, 1, 1, 1, 0.5, 0.5]);
  t.end();
});
