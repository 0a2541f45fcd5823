/** Value tests of the 'sequence' group, continued: NormStabilizer, AliasMultinomial, NCE, the older recurrent modules' state API. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';
import { deserialize, serialize } from '../../lib/serialization/t7.js';

const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const T = (v: number[], shape: number[], dtype: nn.DType = 'float64') => nn.Tensor.from(v, shape, dtype);
const fd = (f: () => number, x: nn.Tensor, i: number, e = 1e-6) => {
  const d = x.data, o = x.offset + i, v = d[o]!;
  d[o] = v + e; const a = f(); d[o] = v - e; const b = f(); d[o] = v;
  return (a - b) / (2 * e);
};

test('NormStabilizer: gradInput = gradOutput + ∂R/∂h (finite differences); updateLoss = R / T', (t) => {
  const beta = 0.7, xs = [0, 1, 2].map(() => rand([2, 3])), gs = [0, 1, 2].map(() => rand([2, 3]));
  const norms = () => xs.map((x) => [0, 1].map((b) => Math.hypot(...arr(x.select(0, b)))));
  const R = () => { const n = norms(); let r = 0; for (let k = 1; k < 3; k++) r += ((n[k]![0]! - n[k - 1]![0]!) ** 2 + (n[k]![1]! - n[k - 1]![1]!) ** 2) / 2; return beta * r; };
  const L = () => xs.reduce((a, x, k) => a + x.clone().cmul(gs[k]!).sum(), 0) + R();
  const s = new nn.Sequencer(new nn.NormStabilizer(beta)).double();
  s.forward(xs);
  const gi = s.backward(xs, gs) as nn.Tensor[];
  t.ok(xs.every((x, k) => close(arr(gi[k]!), [0, 1, 2, 3, 4, 5].map((i) => fd(L, x, i)), 1e-6)), 'closed form');
  t.ok(close([(s.module as nn.NormStabilizer).updateLoss()], [R() / 3], 1e-12));
  t.end();
});

test('AliasMultinomial: tables reproduce the probabilities exactly; 20000 seeded draws within 0.012', (t) => {
  const p = [0.1, 0.2, 0.3, 0.4], am = new nn.AliasMultinomial(T(p, [4]));
  const q = arr(am.q), J = arr(am.J), mass = q.map((v) => v / 4);
  J.forEach((j, i) => { mass[j]! += (1 - q[i]!) / 4; });
  t.ok(close(mass, p, 1e-12), 'Σ over buckets = p');
  nn.manualSeed(7);
  const d = am.batchdraw(nn.Tensor.zeros([20000], 'long')), freq = [0, 0, 0, 0];
  for (const v of arr(d)) freq[v]! += 1 / 20000;
  t.ok(close(freq, p, 0.012), `frequencies ${freq.map((f) => f.toFixed(3))}`);
  t.end();
});

test('NCEModule: Pm = exp(w·x + b)/Z at target and samples, noise = unigrams; gradients with fixed samples; Z estimate', (t) => {
  for (const batchnoise of [true, false]) {
    const m = Object.assign(new nn.NCEModule(3, 5, 2, T([1, 2, 3, 4, 5], [5]), 2).double(), { batchnoise });
    const x = rand([2, 3]), tgt = T([4, 1], [2], 'long'), g1 = rand([2]), g2 = rand([2, 2]);
    const run = () => { nn.manualSeed(3); return m.forward([x, tgt]) as nn.Tensor[]; };
    const L = () => { const [a, b] = run(); return a!.clone().cmul(g1).sum() + b!.clone().cmul(g2).sum(); };
    const [Pmt, Pms, Pnt, Pns] = run().map(arr);
    const lin = (b: number, c: number) => Math.exp(arr(m.weight.select(0, c)).reduce((s, w, j) => s + w * x.get(b, j), 0) + m.bias.get(c)) / 2;
    const samp = arr(m.sampleidx), sIdx = (b: number, j: number) => (batchnoise ? samp[j]! : samp[b * 3 + 1 + j]!);
    t.ok(close(Pmt!, [lin(0, 4), lin(1, 1)], 1e-12) && close(Pnt!, [5 / 15, 2 / 15], 1e-12), `targets (batchnoise ${batchnoise})`);
    t.ok(close(Pms!, [0, 1, 2, 3].map((i) => lin(i >> 1, sIdx(i >> 1, i & 1))), 1e-12) && close(Pns!, [0, 1, 2, 3].map((i) => (sIdx(i >> 1, i & 1) + 1) / 15), 1e-12), 'samples');
    m.zeroGradParameters();
    run();
    const gx = arr((m.backward([x, tgt], [g1, g2, T([0, 0], [2]), T([0, 0, 0, 0], [2, 2])]) as nn.Tensor[])[0]!);
    const gw = arr(m.gradWeight), gb = arr(m.gradBias);
    t.ok(close(gx, [0, 1, 2, 3, 4, 5].map((i) => fd(L, x, i)), 1e-6), 'gradInput');
    t.ok(close(gw, [...Array(15).keys()].map((i) => fd(L, m.weight, i)), 1e-6) && close(gb, [0, 1, 2, 3, 4].map((i) => fd(L, m.bias, i)), 1e-6), 'gradWeight, gradBias');
  }
  const z = new nn.NCEModule(2, 4, 3, T([1, 1, 1, 1], [4])).double();
  nn.manualSeed(1);
  const Pms = (z.forward([rand([2, 2]), T([0, 1], [2], 'long')]) as nn.Tensor[])[1]!;
  t.ok(close([Pms.mean()], [0.25], 1e-6), 'Z = mean(exp(linear of samples))·outputSize: mean Pms = 1/outputSize');
  z.evaluate().normalized = true;
  const sm = z.forward([rand([2, 2]), T([0, 1], [2], 'long')]) as nn.Tensor;
  t.ok(sm.shape.join() === '2,4' && close([sm.sum()], [2], 1e-6), 'evaluate + normalized: a softmax over the classes');
  t.end();
});

test('NCECriterion: loss by hand; gradient of Pmt, Pms by finite differences, zeros for the noise', (t) => {
  const c = new nn.NCECriterion(), inp = [T([0.2, 0.5], [2]), T([0.1, 0.3, 0.4, 0.2], [2, 2]), T([0.3, 0.1], [2]), T([0.2, 0.25, 0.2, 0.25], [2, 2])];
  const [Pmt, Pms, Pnt, Pns] = inp.map(arr) as number[][];
  const ref = -([0, 1].reduce((a, b) => a + Math.log(Pmt![b]! / (Pmt![b]! + 2 * Pnt![b]!)), 0) + [0, 1, 2, 3].reduce((a, i) => a + Math.log(2 * Pns![i]! / (Pms![i]! + 2 * Pns![i]!)), 0)) / 2;
  t.ok(close([c.forward(inp, 0)], [ref], 1e-6));
  const g = c.backward(inp, 0) as nn.Tensor[], L = () => c.forward(inp, 0);
  t.ok(close(arr(g[0]!), [0, 1].map((i) => fd(L, inp[0]!, i)), 1e-5) && close(arr(g[1]!), [0, 1, 2, 3].map((i) => fd(L, inp[1]!, i)), 1e-5));
  t.deepEqual([...arr(g[2]!), ...arr(g[3]!)], [0, 0, 0, 0, 0, 0]);
  t.end();
});

test('t7 round trips of NormStabilizer, NCEModule, NCECriterion', (t) => {
  const back = (v: unknown) => deserialize(serialize(v, 'binary'), { format: 'binary', onWarning: () => {} });
  const ns = back(new nn.NormStabilizer(0.3)) as nn.NormStabilizer, crit = back(new nn.NCECriterion()) as nn.NCECriterion;
  const nce = new nn.NCEModule(2, 3, 2, T([1, 1, 2], [3]), 0.5), nb = back(nce) as nn.NCEModule;
  t.ok(ns instanceof nn.NormStabilizer && ns.beta === 0.3 && crit instanceof nn.NCECriterion && crit.sizeAverage);
  t.ok(nb instanceof nn.NCEModule && nb.k === 2 && close(arr(nb.weight), arr(nce.weight)) && close(arr(nb.unigrams), [0.25, 0.25, 0.5]) && nb.Z.get(0) === 0.5);
  t.end();
});

test('FastLSTM, Recurrent: setHiddenState(−1) starts there, getGradHiddenState(−1) = ∂L/∂state0; maskZero zeroes padded rows', (t) => {
  const f = new nn.FastLSTM(2, 2).double(), h0 = rand([1, 2]), c0 = rand([1, 2]), x = rand([1, 2]);
  f.setHiddenState(-1, [h0, c0]);
  t.ok(close(arr(f.forward(x)), arr((f.stepModule.clone().forward([x, h0, c0]) as nn.Tensor[])[0]!), 1e-12), 'FastLSTM from [h0, c0]');
  f.backward(x, T([1, 1], [1, 2]));
  t.deepEqual((f.getGradHiddenState(-1) as nn.Tensor[]).map((g) => g.shape), [[1, 2], [1, 2]]);
  const r = new nn.Recurrent(2, new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Tanh()).double(), s = new nn.Sequencer(r), hs = rand([2, 2]);
  const xs = [rand([2, 2]), rand([2, 2])], gs = [rand([2, 2]), rand([2, 2])];
  r.setHiddenState(-1, hs);
  const L = () => (s.forward(xs) as nn.Tensor[]).reduce((a, y, k) => a + y.clone().cmul(gs[k]!).sum(), 0);
  L();
  s.backward(xs, gs);
  const g0 = arr(r.getGradHiddenState(-1));
  t.ok(close(g0, [0, 1, 2, 3].map((i) => fd(L, hs, i)), 1e-6), 'Recurrent: ∂L/∂h0 by finite differences');
  t.ok(close(arr(r.getHiddenState(1)), arr((s.output as nn.Tensor[])[1]!), 0), 'getHiddenState(t) = h_t');
  const m = new nn.Sequencer(new nn.FastLSTM(2, 2).maskZero()).double(), y = (m.forward([T([1, 2, 0, 0], [2, 2]), T([1, 1, 1, 1], [2, 2])]) as nn.Tensor[]).map(arr);
  const alone = arr((new nn.Sequencer((m.module as nn.FastLSTM).clone()).forward([T([1, 1], [1, 2])]) as nn.Tensor[])[0]!);
  t.ok(close(y[0]!.slice(2), [0, 0], 0) && close(y[1]!.slice(2), alone, 1e-12), 'a zero row outputs zeros, the next step starts from zeros');
  t.throws(() => new nn.Recursor(new nn.Linear(2, 2)).getHiddenState(0), /Recursor.getHiddenState: its module \(Linear\) has no hidden state/);
  t.end();
});
