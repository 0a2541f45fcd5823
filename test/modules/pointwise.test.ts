/** The 'pointwise' group: forward values against hand-computed Torch semantics, defaults, in-place behaviour, errors, stochastic statistics. */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const fwd = (m: nn.Module, v: number[], s?: number[]) => arr(m.double().forward(T(v, s)));
const bwd = (m: nn.Module, x: number[], g: number[]) => {
  m.double().forward(T(x));
  return arr(m.backward(T(x), T(g)));
};

test('elementwise activations: values on known inputs', (t) => {
  t.deepEqual(fwd(new nn.Abs(), [-2, 0, 3]), [2, 0, 3]);
  t.deepEqual(bwd(new nn.Abs(), [-2, 0, 3], [1, 1, 1]), [-1, 1, 1], 'Abs gradient is 1 at 0, as THNN');
  t.deepEqual(fwd(new nn.AddConstant(2), [1, -1]), [3, 1]);
  t.deepEqual(fwd(new nn.Clamp(-1, 2), [-3, 0.5, 5]), [-1, 0.5, 2]);
  t.ok(close(fwd(new nn.ELU(), [-1, 0, 2]), [Math.exp(-1) - 1, 0, 2]));
  t.ok(close(bwd(new nn.ELU(0.5), [-1, 2], [1, 1]), [0.5 * Math.exp(-1), 1]), 'ELU gradient α·eˣ = y + α');
  t.ok(close(fwd(new nn.Exp(), [0, 1]), [1, Math.E]));
  t.deepEqual(fwd(new nn.HardShrink(), [-0.7, 0.3, 0.5, 0.6]), [-0.7, 0, 0, 0.6], 'HardShrink keeps |x| > 0.5 (default lambda)');
  t.ok(close(fwd(new nn.SoftShrink(), [-0.7, 0.3, 0.75]), [-0.2, 0, 0.25]), 'SoftShrink moves |x| > 0.5 toward 0');
  t.ok(close(fwd(new nn.LeakyReLU(), [-2, 3]), [-0.02, 3]), 'LeakyReLU default negval 1/100');
  t.ok(close(fwd(new nn.Log(), [1, Math.E]), [0, 1]));
  t.ok(close(fwd(new nn.LogSigmoid(), [0, -800, 800]), [-Math.log(2), -800, 0]), 'LogSigmoid is stable at ±800');
  t.ok(close(fwd(new nn.Power(3), [-2, 0.5]), [-8, 0.125]));
  t.ok(close(bwd(new nn.Power(3), [-2, 0.5], [1, 2]), [12, 1.5]));
  t.deepEqual(fwd(new nn.ReLU6(), [-1, 3, 7]), [0, 3, 6]);
  t.ok(close(fwd(new nn.SoftMin(), [0, Math.log(3)]), [0.75, 0.25]));
  t.ok(close(fwd(new nn.SoftPlus(), [0, 30]), [Math.log(2), 30]), 'SoftPlus is linear above the threshold 20');
  t.ok(close(fwd(new nn.SoftPlus(2), [1]), [Math.log1p(Math.exp(2)) / 2]));
  t.ok(close(fwd(new nn.SoftSign(), [-3, 1]), [-0.75, 0.5]));
  t.ok(close(bwd(new nn.SoftSign(), [1], [1]), [0.25]));
  t.deepEqual(fwd(new nn.Sqrt(), [4, 0]), [2, 0]);
  t.deepEqual(bwd(new nn.Sqrt(), [4, 0], [1, 1]), [0.25, 0], 'Sqrt gradient is 0 where the output is 0 (THNN)');
  t.deepEqual(fwd(new nn.Square(), [-3, 2]), [9, 4]);
  t.ok(close(fwd(new nn.TanhShrink(), [1]), [1 - Math.tanh(1)]));
  t.deepEqual(fwd(new nn.Threshold(), [1e-7, 2e-6]), [0, 2e-6], 'Threshold defaults th = 1e-6, v = 0');
  t.deepEqual(fwd(new nn.Threshold(1, -5), [0.5, 1, 2]), [-5, -5, 2], 'strict: x = th gives v');
  t.end();
});

test('in-place variants overwrite the input and hand gradOutput back', (t) => {
  const x = T([-1, 2]), r = new nn.ReLU(true).double();
  const y = r.forward(x);
  t.deepEqual(arr(x), [0, 2], 'ReLU(true) overwrote its input');
  t.equal(y.storage, x.storage, 'the output is a view of the input');
  const g = T([5, 7]), gi = r.backward(x, g);
  t.equal(gi.storage, g.storage, 'gradInput is a view of gradOutput');
  t.deepEqual(arr(gi), [0, 7]);
  const a = new nn.AddConstant(1, true).double(), xa = T([1, 2]);
  a.forward(xa);
  t.deepEqual(arr(xa), [2, 3]);
  a.backward(xa, T([1, 1]));
  t.deepEqual(arr(xa), [1, 2], 'AddConstant in place restores its input in backward');
  t.equal(new nn.LeakyReLU(-0.5, true).inplace, false, 'LeakyReLU: no in place with a negative slope');
  t.throws(() => new nn.Threshold(0, 1, true), /requires value \(1\) not to exceed threshold \(0\)/);
  t.end();
});

test('Torch in-place flags on HardTanh, MulConstant, Dropout and CAddTable', (t) => {
  const h = new nn.HardTanh(-1, 1, true).double(), xh = T([-3, 0.5, 2]);
  const yh = h.forward(xh);
  t.deepEqual(arr(xh), [-1, 0.5, 1], 'HardTanh in place clamps its input');
  t.equal(yh.storage, xh.storage, 'HardTanh: the output views the input');
  t.deepEqual(arr(h.backward(xh, T([1, 1, 1]))), [0, 1, 0], 'HardTanh in place: the gradient passes only inside the range');
  t.equal(String(new nn.HardTanh(-2, 2, true)), 'HardTanh(-2, 2, in place)');
  const m = new nn.MulConstant(-2, true).double(), xm = T([1, 3]), gm = T([1, 1]);
  const ym = m.forward(xm);
  t.deepEqual(arr(xm), [-2, -6], 'MulConstant in place multiplies its input');
  t.equal(ym.storage, xm.storage, 'MulConstant: the output views the input');
  const gim = m.backward(xm, gm);
  t.deepEqual(arr(xm), [1, 3], 'MulConstant in place restores its input in backward');
  t.ok(gim.storage === gm.storage && arr(gim).every((v) => v === -2), 'MulConstant: gradInput is gradOutput, scaled');
  t.throws(() => new nn.MulConstant(0, true), /MulConstant.constructor: in place needs a nonzero constant/);
  const d = new nn.Dropout(0.5, false, true).double(), xd = T([1, 1, 1, 1, 1, 1, 1, 1]);
  nn.manualSeed(2);
  const yd = d.forward(xd);
  t.ok(yd.storage === xd.storage && arr(xd).every((v) => v === 0 || v === 2), 'Dropout in place: the input holds 0 or 1/(1 − p)');
  const gd = T([1, 1, 1, 1, 1, 1, 1, 1]), gid = d.backward(xd, gd);
  t.ok(gid.storage === gd.storage, 'Dropout in place: gradInput views gradOutput');
  t.deepEqual(arr(gid), arr(yd), 'Dropout: the gradient has the forward mask');
  const c = new nn.CAddTable(true).double(), a = T([1, 2]), b = T([10, 20]);
  const yc = c.forward([a, b]);
  t.ok(yc.storage === a.storage, 'CAddTable in place: the output views input[0]');
  t.deepEqual(arr(a), [11, 22], 'CAddTable in place: the sum lands in input[0]');
  const gc = T([3, 4]), gic = c.backward([a, b], gc) as nn.Tensor[];
  t.ok(gic.length === 2 && gic.every((g) => g.storage === gc.storage), 'CAddTable in place: every gradInput views gradOutput');
  t.end();
});

test('Dropout v1 and stochastic inference (seeded statistics)', (t) => {
  const n = 20000, ones = nn.Tensor.zeros([n], 'float64').fill(1);
  const v1 = new nn.Dropout(0.25, true).double();
  nn.manualSeed(3);
  const kept = arr(v1.forward(ones));
  t.ok(kept.every((v) => v === 0 || v === 1), 'v1 training: survivors are not scaled');
  const frac = kept.reduce((s, v) => s + v, 0) / n;
  t.ok(Math.abs(frac - 0.75) < 0.015, `v1 training keeps 1 − p of the elements (${frac.toFixed(4)})`);
  v1.evaluate();
  t.ok(arr(v1.forward(ones)).every((v) => v === 0.75), 'v1 evaluate: × (1 − p)');
  t.ok(arr(v1.backward(ones, ones)).every((v) => v === 0.75), 'v1 evaluate: the gradient × (1 − p) too');
  const mc = new nn.Dropout(0.5, false, false, true).double().evaluate();
  nn.manualSeed(4);
  const a = arr(mc.forward(ones)), b = arr(mc.forward(ones));
  t.ok(a.every((v) => v === 0 || v === 2), 'stochastic inference: evaluate still draws a scaled mask');
  t.notDeepEqual(a, b, 'a new mask at each forward (Monte Carlo dropout)');
  const mean = b.reduce((s, v) => s + v, 0) / n;
  t.ok(Math.abs(mean - 1) < 0.03, `its mean stays 1 (${mean.toFixed(4)})`);
  t.equal(String(mc), 'Dropout(0.5, stochastic inference)');
  t.throws(() => new nn.Dropout(0.5).setp(1), /Dropout.setp: expected 0 ≤ p < 1, got 1/);
  t.end();
});

test('RReLU: training draws slopes in [lower, upper] (seeded), evaluate uses the mean', (t) => {
  nn.manualSeed(3);
  const m = new nn.RReLU(0.1, 0.3).double(), x = nn.Tensor.zeros([2000], 'float64').fill(-1);
  const y = arr(m.forward(x));
  const mean = y.reduce((s, v) => s + v, 0) / y.length;
  t.ok(y.every((v) => v <= -0.1 && v >= -0.3), 'every slope in [0.1, 0.3]');
  t.ok(Math.abs(mean + 0.2) < 0.01, `mean slope ${(-mean).toFixed(4)} ≈ 0.2`);
  t.deepEqual(arr(m.backward(x, nn.Tensor.zeros([2000], 'float64').fill(1))), arr(m.noise), 'gradient = the drawn slopes');
  nn.manualSeed(3);
  t.deepEqual(arr(new nn.RReLU(0.1, 0.3).double().forward(x)), y, 'seeded: the same draws');
  t.ok(close(fwd(new nn.RReLU(0.1, 0.3).evaluate(), [-1, 2]), [-0.2, 2]));
  t.end();
});

test('PReLU, Mul, CMul, CAdd: parameters and broadcasting', (t) => {
  const p = new nn.PReLU(2).double();
  t.deepEqual(arr(p.weight), [0.25, 0.25], 'slopes start at 0.25');
  p.weight.copy(T([0.5, 2]));
  t.deepEqual(arr(p.forward(T([-2, -2, 3, -1], [2, 2]))), [-1, -4, 3, -2], 'one slope per channel (dimension 1)');
  p.zeroGradParameters();
  p.backward(T([-2, -2, 3, -1], [2, 2]), T([1, 1, 1, 1], [2, 2]));
  t.deepEqual(arr(p.gradWeight), [-2, -3], 'Σ x·g where x ≤ 0, per channel');
  const mul = new nn.Mul().double();
  mul.weight.fill(3);
  t.deepEqual(arr(mul.forward(T([1, -2]))), [3, -6]);
  const cm = new nn.CMul(1, 2).double();
  cm.weight.copy(T([2, 10], [1, 2]));
  t.deepEqual(arr(cm.forward(T([1, 1, 2, 2, 3, 3], [3, 2]))), [2, 10, 4, 20, 6, 30], 'size-1 dimension broadcast');
  const ca = new nn.CAdd(2).double();
  ca.bias.copy(T([1, -1]));
  t.deepEqual(arr(ca.forward(T([0, 0, 5, 5], [2, 2]))), [1, -1, 6, 4], 'batch broadcast');
  t.throws(() => new nn.CMul(3).forward(nn.Tensor.zeros([2, 4])), /CMul\.updateOutput: expected input of 3 elements or a batch of them, got \[2, 4\]/);
  t.throws(() => new nn.PReLU(3).forward(nn.Tensor.zeros([2, 4])), /PReLU\.updateOutput: expected 3 planes in dimension 1, got input \[2, 4\]/);
  t.end();
});

test('CReLU, GatedLinearUnit, WhiteNoise, L1Penalty, Clip, TotalDropout, ReverseTable', (t) => {
  t.deepEqual(fwd(new nn.CReLU(1), [1, -2, 3, -4], [2, 2]), [1, 0, 0, 2, 3, 0, 0, 4], 'CReLU: [ReLU(x), ReLU(−x)] per example');
  t.deepEqual(nn.asTensor(new nn.CReLU(3).forward(nn.Tensor.zeros([2, 3, 4]))).shape, [4, 3, 4], 'channels double');
  t.ok(close(fwd(new nn.GatedLinearUnit(), [2, 0], [1, 2]), [1]), 'a·σ(b) = 2·σ(0)');
  t.throws(() => new nn.GatedLinearUnit().forward(nn.Tensor.zeros([3])), /GatedLinearUnit\.updateOutput: expected an even size in dimension 0, got input \[3\]/);
  t.deepEqual(fwd(new nn.WhiteNoise(0.5, 1).evaluate(), [1, 2]), [1.5, 2.5], 'WhiteNoise evaluate adds the mean');
  const wn0 = new nn.WhiteNoise().evaluate();
  wn0.forward(nn.Tensor.zeros([1]));
  t.throws(() => wn0.backward(nn.Tensor.zeros([1]), nn.Tensor.zeros([1])), /WhiteNoise\.updateGradInput: backprop is only defined while training/);
  nn.manualSeed(4);
  const wn = new nn.WhiteNoise(1, 0.5).double(), zeros = nn.Tensor.zeros([4000], 'float64');
  const s = arr(wn.forward(zeros)), m = s.reduce((a, b) => a + b, 0) / s.length;
  const sd = Math.sqrt(s.reduce((a, b) => a + (b - m) ** 2, 0) / s.length);
  t.ok(Math.abs(m - 1) < 0.03 && Math.abs(sd - 0.5) < 0.03, `WhiteNoise mean ${m.toFixed(3)}, std ${sd.toFixed(3)}`);
  const l1 = new nn.L1Penalty(0.5, true).double(), x = T([-2, 0, 4, 1]);
  t.equal(l1.forward(x), x, 'L1Penalty: the output is the input');
  t.equal(l1.loss, (0.5 / 4) * 7, 'loss = l1weight/n·‖x‖₁');
  t.deepEqual(arr(l1.backward(x, T([1, 1, 1, 1]))), [1 - 0.125, 1, 1.125, 1.125]);
  t.deepEqual(arr(new nn.L1Penalty(1, false, false).double().backward(x, T([9, 9, 9, 9]))), [-1, 0, 1, 1], 'without provideOutput');
  const clip = new nn.Clip(-1, 1).double();
  t.deepEqual(arr(clip.forward(T([-3, 0.5, 2]))), [-1, 0.5, 1]);
  t.deepEqual(arr(clip.backward(T([-3, 0.5, 2]), T([1, 2, 3]))), [1, 2, 3], 'Clip passes the gradient straight through');
  nn.manualSeed(5);
  let dropped = 0;
  const td = new nn.TotalDropout(0.3).double();
  for (let i = 0; i < 2000; i++) if (arr(td.forward(T([1, 2])))[0] === 0) dropped++;
  t.ok(Math.abs(dropped / 2000 - 0.3) < 0.04, `TotalDropout drops the whole input ${(dropped / 20).toFixed(1)}% of the time (p = 30%)`);
  t.deepEqual(arr(td.evaluate().forward(T([1, 2]))), [1, 2]);
  const [a, b] = [T([1]), T([2])];
  const rev = new nn.ReverseTable().forward([a, b]) as nn.Tensor[];
  t.ok(rev[0] === b && rev[1] === a, 'ReverseTable reverses the table');
  t.end();
});

test('CategoricalEntropy: identity forward, entropy gradient in backward', (t) => {
  const ce = new nn.CategoricalEntropy(2).double(), p = T([0.5, 0.5, 0.7, 0.3], [2, 2]);
  t.equal(ce.forward(p).storage, p.storage, 'forward is the input');
  const gi = arr(ce.backward(p, nn.Tensor.zeros([2, 2], 'float64')));
  const q = [0.6, 0.4], e = 1e-6, S = 2, B = 2;
  const want = q.map((v) => (2 / S) * (Math.log(v + e) + v / (v + e)) / B);
  t.ok(close(gi, [...want, ...want], 1e-12), 'scale/ΣP·(log(q + ε) + q/(q + ε))/B per column');
  t.ok(close([ce.entropy], [-(0.6 * Math.log(0.6 + e) + 0.4 * Math.log(0.4 + e))], 1e-12), 'entropy of the marginal');
  const capped = new nn.CategoricalEntropy(1, 0.1).double();
  capped.forward(p);
  t.deepEqual(arr(capped.backward(p, T([1, 2, 3, 4], [2, 2]))), [1, 2, 3, 4], 'no entropy term once H ≥ minEntropy');
  t.end();
});

test('ReinforceGamma: sample mean and variance, evaluate mean, closed-form gradients', (t) => {
  nn.manualSeed(6);
  for (const k of [0.5, 3]) {
    const m = new nn.ReinforceGamma(2).double(), x = arr(m.forward(nn.Tensor.zeros([20000], 'float64').fill(k)));
    const mean = x.reduce((a, b) => a + b, 0) / x.length, v = x.reduce((a, b) => a + (b - mean) ** 2, 0) / x.length;
    t.ok(Math.abs(mean / (2 * k) - 1) < 0.03 && Math.abs(v / (4 * k) - 1) < 0.06, `Gamma(${k}, 2): mean ${mean.toFixed(3)} (kθ = ${2 * k}), variance ${v.toFixed(3)} (kθ² = ${4 * k})`);
  }
  const ev = new nn.ReinforceGamma().double().evaluate();
  t.deepEqual(arr(ev.forward([T([1, 2]), T([3, 0.5])])), [3, 1], 'evaluate: x = kθ');
  const m = new nn.ReinforceGamma().double().evaluate(), k = T([1, 2], [2, 1]), th = T([2, 0.5], [2, 1]);
  m.forward([k, th]);
  m.output.copy(T([1.5, 0.25], [2, 1]));
  m.reinforce(T([2, -1]));
  const [gk, gs] = m.backward([k, th], nn.Tensor.zeros([2, 1], 'float64')) as nn.Tensor[];
  const gamma = 0.5772156649015329, psi = [-gamma, 1 - gamma], xs = [1.5, 0.25], ks = [1, 2], ts = [2, 0.5], r = [2, -1];
  t.ok(close(arr(gk!), xs.map((x, i) => -(Math.log(x) - Math.log(ts[i]!) - psi[i]!) * r[i]!), 1e-10), 'shape: −(log x − log θ − ψ(k))·r, ψ(1) = −γ, ψ(2) = 1 − γ');
  t.ok(close(arr(gs!), xs.map((x, i) => -(x / ts[i]! ** 2 - ks[i]! / ts[i]!) * r[i]!), 1e-12), 'scale: −(x/θ² − k/θ)·r');
  t.end();
});

test('BatchNormalization: batch statistics, running averages with the unbiased variance, evaluate', (t) => {
  const bn = new nn.BatchNormalization(2, 0, 0.5).double();
  t.ok(bn.eps === 0 && bn.momentum === 0.5 && bn.affine, 'fields');
  t.deepEqual([new nn.BatchNormalization(3).eps, new nn.BatchNormalization(3).momentum], [1e-5, 0.1], 'defaults eps 1e-5, momentum 0.1');
  bn.weight!.fill(1);
  const y = arr(bn.forward(T([1, 10, 3, 20], [2, 2])));
  t.ok(close(y, [-1, -1, 1, 1]), 'normalised per feature');
  t.ok(close(arr(bn.save_mean), [2, 15]) && close(arr(bn.save_std), [1, 0.2]), 'save_mean, save_std = 1/√(biased var + eps)');
  t.ok(close(arr(bn.running_mean), [1, 7.5]), 'running_mean ← 0.5·μ + 0.5·0');
  t.ok(close(arr(bn.running_var), [0.5 * 2 + 0.5, 0.5 * 50 + 0.5]), 'running_var with the unbiased variance (n − 1)');
  bn.evaluate();
  t.ok(close(arr(bn.forward(T([1, 7.5]))), [0, 0]), 'evaluate: one example, running statistics');
  t.throws(() => new nn.SpatialBatchNormalization(2).forward(nn.Tensor.zeros([2, 3, 3])), /SpatialBatchNormalization\.updateOutput: expected input of 4 dimensions \(a batch; 3 only in evaluate mode\), got \[2, 3, 3\]/);
  t.throws(() => new nn.BatchNormalization(2).forward(nn.Tensor.zeros([4, 3])), /expected input with 2 features, got \[4, 3\]/);
  t.end();
});

test('LayerNormalization: zero mean, √n norm per example, gain and bias', (t) => {
  const ln = new nn.LayerNormalization(4, 0.5).double();
  const y = arr(ln.forward(T([1, 2, 3, 4])));
  const c = [-1.5, -0.5, 0.5, 1.5], s = Math.sqrt(5 + 1e-10);
  t.ok(close(y, c.map((v) => (v / s) * 2 + 0.5)), 'y = √n·c/√(Σc² + eps) + bias');
  t.deepEqual(arr(ln.weight!), [1, 1, 1, 1], 'gain starts at 1');
  t.throws(() => ln.forward(nn.Tensor.zeros([2, 3])), /LayerNormalization\.updateOutput: expected input of size \[4\] or \[B, 4\], got \[2, 3\]/);
  t.end();
});
