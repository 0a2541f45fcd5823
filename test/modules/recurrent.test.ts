/** Recurrent, Recursor, Sequencer and RecurrentAttention: BPTT against finite differences and hand-unrolled networks. */
import test from 'tape';
import * as nn from '../../index.js';
import { close, rand } from '../helpers/random.js';

const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const rnn = (inSize: number, H: number) => new nn.Recurrent(H, new nn.Linear(inSize, H), new nn.Linear(H, H), new nn.Tanh());

test('Recurrent computes h_0 = f(W x_0 + b + s), h_t = f(W x_t + b + W_f h_{t−1} + b_f)', (t) => {
  const r = rnn(3, 2).double();
  const x = [rand([4, 3]), rand([4, 3]), rand([4, 3])];
  const outs = x.map((xi) => arr(r.forward(xi)));
  const [W, b, Wf, bf] = [r.inputModule, r.feedbackModule].flatMap((m) => m.parameters()[0].map((p) => Array.from(p.toArray())));
  const s = Array.from((r.startModule as nn.Add).bias.toArray());
  let h: number[] = [];
  x.forEach((xi, step) => {
    const xv = arr(xi), next: number[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 2; j++) {
      let a = b![j]!;
      for (let k = 0; k < 3; k++) a += W![j * 3 + k]! * xv[i * 3 + k]!;
      if (step === 0) a += s[j]!;
      else { a += bf![j]!; for (let k = 0; k < 2; k++) a += Wf![j * 2 + k]! * h[i * 2 + k]!; }
      next.push(Math.tanh(a));
    }
    h = next;
    t.ok(close(outs[step]!, h, 1e-12), `step ${step}`);
  });
  t.equal(r.parameters()[0].length, 5, 'start, input and feedback parameters listed once');
  t.end();
});

test('BPTT misuse is a StateError; rho bounds back-propagation', (t) => {
  const r = rnn(2, 2);
  const x = nn.Tensor.zeros([1, 2]), g = nn.Tensor.zeros([1, 2]);
  r.forward(x);
  r.forward(x);
  r.backward(x, g);
  r.backward(x, g);
  t.throws(() => r.backward(x, g), /Recurrent.updateGradInput: called more often than forward \(2 steps\); backward must be called once per step, in reverse time order/);
  r.forget();
  r.forward(x);
  t.throws(() => r.accGradParameters(x, g), /step 0 has no updateGradInput yet/);
  const short = new nn.Recurrent(2, new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Tanh(), 1);
  short.forward(x);
  short.forward(x);
  short.backward(x, g);
  t.throws(() => short.backward(x, g), /more than rho = 1 steps back/);
  t.end();
});

test('step clones share parameters; reinforce reaches every step; evaluate keeps per-step outputs', (t) => {
  const loc = new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.ReinforceNormal(0.1));
  const rec = new nn.Recursor(loc);
  const x = nn.Tensor.zeros([3, 2]);
  rec.forward(x); rec.forward(x); rec.forward(x);
  t.equal(rec.sharedClones.length, 3);
  const w = (loc.get(0) as nn.Linear).weight;
  t.ok(rec.sharedClones.every((c) => ((c as nn.Sequential).get(0) as nn.Linear).weight === w), 'same weight tensor in every step');
  const reward = nn.Tensor.from([1, 2, 3]);
  rec.reinforce(reward);
  t.ok(rec.sharedClones.every((c) => (c as nn.Sequential).findModules(nn.ReinforceNormal)[0]!.reward === reward), 'every step received the reward');
  const r = rnn(2, 2).evaluate();
  r.forward(rand([1, 2]).to('float32'));
  const first = arr(r.outputs[0]!);
  r.forward(rand([1, 2]).to('float32'));
  t.deepEqual(arr(r.outputs[0]!), first, 'evaluate mode: step outputs are not aliased');
  t.end();
});

test('RecurrentAttention equals a hand-unrolled network with shared weights (training, sampled locations)', (t) => {
  const T = 4, H = 5, B = 3;
  const make = () => {
    nn.manualSeed(11);
    const locSensor = new nn.Sequential().add(new nn.SelectTable(1)).add(new nn.Linear(2, 3)).add(new nn.ReLU());
    const glimpse = new nn.Sequential().add(new nn.SpatialGlimpse(3, 2, 2)).add(new nn.Collapse(3)).add(new nn.Linear(36, 3)).add(new nn.ReLU());
    const sensor = new nn.Sequential().add(new nn.ConcatTable().add(locSensor).add(glimpse)).add(new nn.JoinTable(0, 1)).add(new nn.Linear(6, H));
    const core = new nn.Recurrent(H, sensor, new nn.Linear(H, H), new nn.ReLU());
    const locator = new nn.Sequential().add(new nn.Linear(H, 2)).add(new nn.HardTanh()).add(new nn.ReinforceNormal(0.3)).add(new nn.HardTanh()).add(new nn.MulConstant(0.8));
    return { core, locator, ra: new nn.RecurrentAttention(core, locator, T, H).double() };
  };
  const x = rand([B, 2, 9, 9]);
  const gradOut = Array.from({ length: T }, () => rand([B, H]));
  const reward = nn.Tensor.from([1, -0.5, 0.25], [B], 'float64');

  const a = make();
  nn.manualSeed(99);
  const outA = a.ra.forward(x).map(arr);
  a.ra.reinforce(reward);
  a.ra.zeroGradParameters();
  const giA = arr(a.ra.backward(x, gradOut));
  const gpA = a.ra.parameters()[1].map((g) => Array.from(g.toArray()));

  // by hand: step modules are shared clones of the same prototypes
  const b = make();
  const [ps] = b.ra.parameters();
  a.ra.parameters()[0].forEach((p, i) => ps[i]!.copy(p));
  const start = b.core.startModule, inp = b.core.inputModule, fb = b.core.feedbackModule;
  const steps = Array.from({ length: T }, () => ({
    loc: b.locator.sharedClone(), inp: inp.sharedClone(), fb: fb.sharedClone(), add: new nn.CAddTable(), relu: new nn.ReLU(), start: start.sharedClone(),
  }));
  nn.manualSeed(99);
  const hs: nn.Tensor[] = [], ls: nn.Tensor[] = [];
  const zeros = nn.Tensor.zeros([B, H], 'float64');
  for (let t2 = 0; t2 < T; t2++) {
    const s = steps[t2]!;
    const l = nn.asTensor(s.loc.forward(t2 === 0 ? zeros : hs[t2 - 1]!)).clone();
    const u = nn.asTensor(s.inp.forward([x, l]));
    const pre = t2 === 0 ? nn.asTensor(s.start.forward(u)) : s.add.forward([u, nn.asTensor(s.fb.forward(hs[t2 - 1]!))]);
    hs.push(nn.asTensor(s.relu.forward(pre)).clone());
    ls.push(l);
  }
  t.ok(outA.every((o, i) => close(o, Array.from(hs[i]!.toArray()), 1e-12)), 'forward: same hidden states');
  steps.forEach((s) => s.loc.reinforce(reward));
  b.ra.zeroGradParameters();
  const gx = nn.Tensor.zeros(x.shape, 'float64');
  let carry: nn.Tensor | null = null;
  for (let t2 = T - 1; t2 >= 0; t2--) {
    const s = steps[t2]!;
    const gh = gradOut[t2]!.clone();
    if (carry) gh.copy(nn.Tensor.from(arr(gh).map((v, i) => v + carry!.data[i]!), gh.shape, 'float64'));
    const aIn = t2 === 0 ? zeros : hs[t2 - 1]!;
    const ga = nn.asTensor(s.loc.backward(aIn, nn.Tensor.zeros([B, 2], 'float64'))).clone();
    const gpre = nn.asTensor(s.relu.backward(t2 === 0 ? nn.asTensor(s.start.output) : nn.asTensor(s.add.output), gh));
    let gu: nn.Tensor;
    let gprev: nn.Tensor | null = null;
    if (t2 === 0) gu = nn.asTensor(s.start.backward(nn.asTensor(s.inp.output), gpre));
    else {
      const [g1, g2] = s.add.backward([nn.asTensor(s.inp.output), nn.asTensor(s.fb.output)], gpre) as nn.Tensor[];
      gu = g1!;
      gprev = nn.asTensor(s.fb.backward(hs[t2 - 1]!, g2!)).clone();
    }
    const [gxi] = s.inp.backward([x, ls[t2]!], gu) as nn.Tensor[];
    gx.copy(nn.Tensor.from(arr(gx).map((v, i) => v + gxi!.data[i]!), gx.shape, 'float64'));
    carry = t2 > 0 ? nn.Tensor.from(arr(ga).map((v, i) => v + gprev!.data[i]!), ga.shape, 'float64') : null;
  }
  t.ok(close(giA, arr(gx), 1e-10), 'gradInput matches');
  const gpB = b.ra.parameters()[1].map((g) => Array.from(g.toArray()));
  t.ok(gpA.every((g, i) => close(g, gpB[i]!, 1e-10)), `all ${gpA.length} parameter gradients match`);
  t.ok(gpA.some((g) => g.some((v) => v !== 0)), 'and are not all zero');
  t.end();
});

test('FastLSTM step 0 equals the cell equations by hand', (t) => {
  const lstm = new nn.FastLSTM(1, 1).double();
  const step = lstm.stepModule;
  step.i2g.weight.copy(nn.Tensor.from([0.5, -0.3, 0.8, 1.2], [4, 1], 'float64'));
  step.i2g.bias!.copy(nn.Tensor.from([0.1, 0.2, -0.1, 0], [4], 'float64'));
  const x = 0.7;
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  const i = s(0.5 * x + 0.1), o = s(0.8 * x - 0.1), z = Math.tanh(1.2 * x);
  const c = i * z; // f ⊙ c_{-1} = 0
  t.ok(close(arr(lstm.forward(nn.Tensor.from([x], [1, 1], 'float64'))), [o * Math.tanh(c)], 1e-12));
  t.end();
});

test('a 2-D reward (steps × B) gives each step its own row; Sequencer.remember keeps the state', (t) => {
  const loc = new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.ReinforceNormal(0.1));
  const rec = new nn.Recursor(loc);
  const x = nn.Tensor.zeros([3, 2]);
  rec.forward(x); rec.forward(x);
  const rewards = nn.Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]);
  rec.reinforce(rewards);
  const got = rec.sharedClones.map((c) => Array.from((c as nn.Sequential).findModules(nn.ReinforceNormal)[0]!.reward!.toArray()));
  t.deepEqual(got, [[1, 2, 3], [4, 5, 6]], 'step 0 gets row 0, step 1 row 1');
  const r = new nn.Recurrent(2, new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Tanh());
  const seq = new nn.Sequencer(r).remember('both');
  seq.forward([nn.Tensor.zeros([1, 2])]);
  seq.forward([nn.Tensor.zeros([1, 2])]);
  t.equal(r.step, 2, 'remembered: the second sequence continues the first');
  seq.remember('neither');
  seq.forward([nn.Tensor.zeros([1, 2])]);
  t.equal(r.step, 1, 'forgotten before each sequence');
  t.end();
});

test('Sequencer: steps that disagree in batch size are a ShapeError naming the step', (t) => {
  const s = new nn.Sequencer(new nn.FastLSTM(3, 2));
  t.throws(() => s.forward([nn.Tensor.zeros([2, 3]), nn.Tensor.zeros([2, 3]), nn.Tensor.zeros([3, 3])]),
    (e: unknown) => e instanceof nn.ShapeError && /Sequencer\.updateOutput: step 2 has a batch of 3, step 0 of 2/.test((e as Error).message));
  t.end();
});

test('a recurrent module inside a Sequencer\'s step module is one instance across the steps (dpnn stepClone)', (t) => {
  nn.manualSeed(1);
  const inner = new nn.RecLSTM(3, 4).double(), lin = new nn.Linear(4, 2).double();
  const nested = new nn.Sequencer(new nn.Sequential().add(inner).add(lin));
  const layered = new nn.Sequential().add(new nn.Sequencer(inner.clone())).add(new nn.Sequencer(lin.clone()));
  const xs = [0, 1, 2, 3].map(() => rand([2, 3])), gs = xs.map(() => rand([2, 2]));
  const vals = (a: nn.Activity) => (a as nn.Tensor[]).map((x) => Array.from(x.toArray()));
  const oa = vals(nested.forward(xs)), ob = vals(layered.forward(xs));
  t.ok(oa.every((o, i) => close(o, ob[i]!, 1e-12)), 'the same outputs at every step (not only the first two)');
  nested.zeroGradParameters();
  layered.zeroGradParameters();
  const ga = vals(nested.backward(xs, gs)), gb = vals(layered.backward(xs, gs));
  t.ok(ga.every((g, i) => close(g, gb[i]!, 1e-12)), 'the same gradInput at every step');
  t.end();
});
