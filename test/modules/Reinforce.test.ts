/** REINFORCE modules and VRClassReward: closed forms and sample statistics. */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());

test('ReinforceNormal: sample statistics (500×1000 means, σ = 1) and the closed-form gradient', (t) => {
  nn.manualSeed(1);
  const m = new nn.ReinforceNormal(1).double();
  const mu = nn.Tensor.zeros([500, 1000], 'float64');
  for (let i = 0; i < mu.numel(); i++) mu.data[i] = (i % 7) - 3;
  const x = m.forward(mu);
  let s = 0, s2 = 0;
  for (let i = 0; i < x.numel(); i++) {
    const d = x.data[i]! - mu.data[i]!;
    s += d;
    s2 += d * d;
  }
  const n = x.numel(), std = Math.sqrt(s2 / n - (s / n) ** 2);
  t.ok(Math.abs(std - 1) < 0.1 && Math.abs(s / n) < 0.01, `empirical std ${std.toFixed(4)}, mean ${(s / n).toFixed(4)}`);
  const reward = nn.Tensor.from(Array.from({ length: 500 }, (_, i) => i / 500 - 0.3), [500], 'float64');
  m.reinforce(reward);
  const g = nn.asTensor(m.backward(mu, nn.Tensor.zeros([500, 1000], 'float64')));
  let maxErr = 0;
  for (let r = 0; r < 500; r++) for (let c = 0; c < 1000; c += 97) {
    const i = r * 1000 + c;
    maxErr = Math.max(maxErr, Math.abs(g.data[i]! - -(x.data[i]! - mu.data[i]!) * reward.data[r]!));
  }
  t.ok(maxErr < 1e-12, `gradInput = −(x − μ)/σ²·r per row (max error ${maxErr})`);
  t.end();
});

test('ReinforceNormal worked example: σ = 0.22, μ = 0.30, x = 0.41, r = 0.125 → −0.28409', (t) => {
  const m = new nn.ReinforceNormal(0.22).double();
  m.evaluate();
  m.forward(T([0.3], [1, 1]));
  m.output.data[0] = 0.41;
  m.reinforce(T([0.125]));
  t.ok(Math.abs(arr(m.updateGradInput(T([0.3], [1, 1]), T([0], [1, 1])))[0]! - -0.28409) < 1e-5);
  t.end();
});

test('ReinforceNormal: evaluate returns the mean (gradient 0); stochastic samples in evaluate; table form', (t) => {
  nn.manualSeed(2);
  const mu = T([0.1, -0.2, 0.3, 0.4], [2, 2]);
  const m = new nn.ReinforceNormal(0.5).double().evaluate();
  t.deepEqual(arr(m.forward(mu)), arr(mu), 'evaluate: x = μ');
  const s = new nn.ReinforceNormal(0.5, true).double().evaluate();
  t.notDeepEqual(arr(s.forward(mu)), arr(mu), 'stochastic: samples even in evaluate');
  const tab = new nn.ReinforceNormal().double();
  const sigma = T([0.5, 1, 2, 0.25], [2, 2]);
  const x = arr(tab.forward([mu, sigma]));
  tab.reinforce(T([2, -1]));
  const [gm, gs] = tab.backward([mu, sigma], nn.Tensor.zeros([2, 2], 'float64')) as nn.Tensor[];
  const r = [2, 2, -1, -1], m0 = arr(mu), s0 = arr(sigma);
  t.ok(close(arr(gm!), x.map((v, i) => (-(v - m0[i]!) / s0[i]! ** 2) * r[i]!), 1e-12), 'table form: grad μ');
  t.ok(close(arr(gs!), x.map((v, i) => (-((v - m0[i]!) ** 2 - s0[i]! ** 2) / (s0[i]! ** 3 + 1e-8)) * r[i]!), 1e-12), 'table form: grad σ with +1e-8 on σ³');
  t.end();
});

test('ReinforceBernoulli: binary samples with frequency p; closed-form gradient', (t) => {
  nn.manualSeed(3);
  const p = nn.Tensor.zeros([1000, 4], 'float64');
  const probs = [0.1, 0.4, 0.7, 0.95];
  for (let i = 0; i < p.numel(); i++) p.data[i] = probs[i % 4]!;
  const m = new nn.ReinforceBernoulli().double();
  const x = m.forward(p);
  t.ok(arr(x).every((v) => v === 0 || v === 1), 'binary');
  probs.forEach((q, j) => {
    let c = 0;
    for (let i = 0; i < 1000; i++) c += x.data[i * 4 + j]!;
    t.ok(Math.abs(c / 1000 - q) < 0.05, `frequency ${c / 1000} ≈ ${q}`);
  });
  const reward = nn.Tensor.from(Array.from({ length: 1000 }, (_, i) => (i % 3) - 1), [1000], 'float64');
  m.reinforce(reward);
  const g = arr(m.backward(p, p));
  const ok = g.every((v, i) => Math.abs(v - (-(x.data[i]! - p.data[i]!) / (p.data[i]! * (1 - p.data[i]!))) * reward.data[Math.floor(i / 4)]!) < 1e-9);
  t.ok(ok, 'gradInput = −(x − p)/(p(1 − p))·r');
  t.end();
});

test('ReinforceCategorical: one-hot rows with frequencies ≈ p; closed-form gradient', (t) => {
  nn.manualSeed(4);
  const B = 4000, probs = [0.1, 0.2, 0.3, 0.4];
  const p = nn.Tensor.from(Array.from({ length: B * 4 }, (_, i) => probs[i % 4]!), [B, 4], 'float64');
  const m = new nn.ReinforceCategorical().double();
  const x = m.forward(p);
  const counts = [0, 0, 0, 0];
  let oneHot = true;
  for (let r = 0; r < B; r++) {
    let s = 0;
    for (let c = 0; c < 4; c++) {
      s += x.data[r * 4 + c]!;
      counts[c]! += x.data[r * 4 + c]!;
    }
    oneHot &&= s === 1;
  }
  t.ok(oneHot, 'one-hot rows');
  probs.forEach((q, c) => t.ok(Math.abs(counts[c]! / B - q) < 0.05, `frequency ${counts[c]! / B} ≈ ${q}`));
  const reward = nn.Tensor.from(Array.from({ length: B }, (_, i) => (i % 2 ? 1 : -0.5)), [B], 'float64');
  m.reinforce(reward);
  const g = arr(m.backward(p, p));
  t.ok(g.every((v, i) => Math.abs(v - (-x.data[i]! / (p.data[i]! + 1e-8)) * reward.data[Math.floor(i / 4)]!) < 1e-9), 'gradInput = −x/(p + 1e-8)·r');
  t.end();
});

test('Reinforce: backward without a reward is a StateError; a reward of the wrong size a ShapeError', (t) => {
  const m = new nn.ReinforceNormal(0.1);
  m.forward(nn.Tensor.zeros([3, 2]));
  t.throws(() => m.backward(nn.Tensor.zeros([3, 2]), nn.Tensor.zeros([3, 2])), /ReinforceNormal.updateGradInput: no reward; call reinforce\(reward\) after forward and before backward/);
  m.reinforce(nn.Tensor.zeros([4]));
  t.throws(() => m.backward(nn.Tensor.zeros([3, 2]), nn.Tensor.zeros([3, 2])), /expected a reward of 3 values for input \[3, 2\], got \[4\]/);
  t.end();
});

test('VRClassReward worked example (B = 4): loss, broadcast reward, baseline gradient', (t) => {
  const rn = new nn.ReinforceNormal(0.1).double();
  const agent = new nn.Sequential().add(new nn.Identity()).add(new nn.Sequential().add(rn));
  const vr = new nn.VRClassReward(agent);
  // one-hot scores predicting (2, 0, 1, 1) against targets (2, 1, 1, 3)
  const s = nn.Tensor.zeros([4, 4], 'float64');
  [2, 0, 1, 1].forEach((c, r) => s.set([r, c], 1));
  const b = nn.Tensor.zeros([4, 1], 'float64').fill(0.5);
  const target = T([2, 1, 1, 3]);
  t.equal(vr.forward([s, b], target), -0.5, 'loss = −mean reward');
  const [gs, gb] = vr.backward([s, b], target) as nn.Tensor[];
  t.deepEqual(arr(rn.reward!), [0.125, -0.125, 0.125, -0.125], 'Reinforce modules receive (R − b)/B');
  t.deepEqual(arr(gb!), [-0.25, 0.25, -0.25, 0.25], 'baseline gradient = 2(b − R)/B');
  t.deepEqual(gb!.shape, [4, 1]);
  t.ok(arr(gs!).every((v) => v === 0), 'no gradient to the class scores');
  t.throws(() => vr.forward([s, b], T([0, 1, 2, 4])), /VRClassReward.updateOutput: expected target class indices in 0..3, got 4 at position 3/);
  t.end();
});

test('ReinforceNormal: the REINFORCE gradient is an unbiased estimate of −∂E[r]/∂μ (r = −x², E[r] = −(μ² + σ²))', (t) => {
  nn.manualSeed(9);
  const n = 200000, mu = 0.3, sigma = 0.5;
  const m = new nn.ReinforceNormal(sigma).double();
  const input = nn.Tensor.zeros([n, 1], 'float64').fill(mu);
  const x = m.forward(input);
  const r = nn.Tensor.from(Array.from(x.toArray(), (v) => -v * v), [n], 'float64');
  m.reinforce(r);
  const g = nn.asTensor(m.backward(input, nn.Tensor.zeros([n, 1], 'float64')));
  const mean = Array.from(g.toArray()).reduce((s, v) => s + v, 0) / n;
  // descent direction: gradInput ≈ −∂E[r]/∂μ = 2μ
  t.ok(Math.abs(mean - 2 * mu) < 0.03, `mean gradInput ${mean.toFixed(4)} ≈ 2μ = ${2 * mu}`);
  t.end();
});
