/** torch.save / torch.load of modules and criteria: every exported class round-trips; Lua's field layout; rnn's FastLSTM gate order. */
import test from 'tape';
import * as nn from '../../index.js';
import { deserialize, serialize, type T7Format } from '../../lib/serialization/t7.js';
import { readerFor } from '../../lib/serialization/t7format.js';
import { LuaObject, LuaTable, T7Parser, type Raw } from '../../lib/serialization/t7read.js';
import { rand } from '../helpers/random.js';
import { registerNnClasses } from '../../modules/t7/nnClasses.js';
import { criterionCases, moduleCases, noCheck } from '../gradcheck-cases.js';

// The codec knows the nn / dpnn / rnn classes once they are registered (index.ts does it; idempotent).
registerNnClasses();

type Model = nn.Module | nn.Criterion;
interface Case { name: string; cls: abstract new (...a: never[]) => object; build(): Model; run(m: Model): unknown }

const vals = (a: unknown): unknown => (a instanceof nn.Tensor ? Array.from(a.toArray()) : Array.isArray(a) ? a.map(vals) : a);
const r32 = (shape: number[], lo = -1, hi = 1) => rand(shape, lo, hi).to('float32');
const seeded = <T>(f: () => T): T => {
  nn.manualSeed(5);
  return f();
};
const fwd = (x: nn.Activity) => (m: Model) => seeded(() => vals((m as nn.Module).forward(x)));
const steps = (xs: nn.Activity[]) => (m: Model) => seeded(() => xs.map((x) => vals((m as nn.Module).forward(x))));
const loss = (x: nn.Activity, target: nn.Target) => (m: Model) => seeded(() => {
  const c = m as nn.Criterion;
  return [c.forward(x, target), vals(c.backward(x, target))];
});
const mod = (name: string, cls: Case['cls'], build: () => Model, run: Case['run']): Case => ({ name, cls, build, run });

const X = r32([2, 4]), Y = r32([2, 4]), X3 = r32([2, 3]), S = r32([3, 4]), T = nn.Tensor.from([0, 2, 3], [3]);
const seq = [r32([2, 2]), r32([2, 2]), r32([2, 2])];
const ram = () => {
  const loc = new nn.Sequential().add(new nn.SelectTable(1)).add(new nn.Linear(2, 3)).add(new nn.ReLU());
  const glimpse = new nn.Sequential().add(new nn.SpatialGlimpse(2, 1, 2)).add(new nn.Collapse(3)).add(new nn.Linear(4, 3)).add(new nn.ReLU());
  const sensor = new nn.Sequential().add(new nn.ConcatTable().add(loc).add(glimpse)).add(new nn.JoinTable(0, 1)).add(new nn.Linear(6, 4));
  const locator = new nn.Sequential().add(new nn.Linear(4, 2)).add(new nn.HardTanh()).add(new nn.ReinforceNormal(0.2)).add(new nn.HardTanh());
  return new nn.RecurrentAttention(new nn.Recurrent(4, sensor, new nn.Linear(4, 4), new nn.ReLU()), locator, 3, 4);
};

const MODULE_CASES: Case[] = [
  mod('Linear', nn.Linear, () => new nn.Linear(4, 3), fwd(X)),
  mod('Linear without bias', nn.Linear, () => new nn.Linear(4, 3, false), fwd(X)),
  mod('Linear float64', nn.Linear, () => new nn.Linear(4, 3).double(), fwd(X.to('float64'))),
  mod('Add', nn.Add, () => new nn.Add(4), fwd(X)),
  mod('Add scalar', nn.Add, () => new nn.Add(4, true), fwd(X)),
  mod('Sequential', nn.Sequential, () => new nn.Sequential().add(new nn.Linear(4, 5)).add(new nn.ReLU()).add(new nn.Linear(5, 2)).add(new nn.LogSoftMax()), fwd(X)),
  mod('ConcatTable', nn.ConcatTable, () => new nn.ConcatTable().add(new nn.Linear(4, 2)).add(new nn.Linear(4, 3)), fwd(X)),
  mod('ParallelTable', nn.ParallelTable, () => new nn.ParallelTable().add(new nn.Linear(4, 2)).add(new nn.Tanh()), fwd([X, X3])),
  mod('Concat', nn.Concat, () => new nn.Concat(1).add(new nn.Linear(4, 2)).add(new nn.Linear(4, 3)), fwd(X)),
  mod('SelectTable', nn.SelectTable, () => new nn.SelectTable(1), fwd([X, X3])),
  mod('SelectTable(-1)', nn.SelectTable, () => new nn.SelectTable(-2), fwd([X, X3])),
  mod('JoinTable', nn.JoinTable, () => new nn.JoinTable(1), fwd([X, X3])),
  mod('JoinTable batch', nn.JoinTable, () => new nn.JoinTable(0, 1), fwd([X, X3])),
  mod('CAddTable', nn.CAddTable, () => new nn.CAddTable(), fwd([X, Y])),
  ...([nn.Identity, nn.ReLU, nn.Tanh, nn.Sigmoid, nn.SoftMax, nn.LogSoftMax] as const).map((C) => mod(C.name, C, () => new C(), fwd(X))),
  mod('HardTanh', nn.HardTanh, () => new nn.HardTanh(-0.5, 0.25), fwd(X)),
  mod('Reshape', nn.Reshape, () => new nn.Reshape(2, 2), fwd(X)),
  mod('Reshape batchMode', nn.Reshape, () => new nn.Reshape(2, 4, false), fwd(X)),
  mod('View', nn.View, () => new nn.View(2, 2).setNumInputDims(1), fwd(X)),
  mod('View(-1)', nn.View, () => new nn.View(-1), fwd(X)),
  mod('Collapse', nn.Collapse, () => new nn.Collapse(2), fwd(r32([2, 3, 4]))),
  mod('MulConstant', nn.MulConstant, () => new nn.MulConstant(2.5), fwd(X)),
  mod('Constant', nn.Constant, () => new nn.Constant(nn.Tensor.from([1, 2, 3], [3]), 1), fwd(X)),
  mod('ArgMax', nn.ArgMax, () => new nn.ArgMax(0, 1), fwd(X)),
  mod('Dropout (training)', nn.Dropout, () => new nn.Dropout(0.4), fwd(X)),
  mod('Dropout (evaluate)', nn.Dropout, () => new nn.Dropout(0.4).evaluate(), fwd(X)),
  mod('GradientReversal', nn.GradientReversal, () => new nn.GradientReversal(0.5), (m) => {
    const g = m as nn.GradientReversal;
    g.forward(X);
    return vals(g.backward(X, Y));
  }),
  mod('Convert', nn.Convert, () => new nn.Convert('bhwc', 'bchw'), fwd(r32([2, 3, 4, 5]))),
  mod('SpatialGlimpse', nn.SpatialGlimpse, () => new nn.SpatialGlimpse(3, 2, 2), fwd([r32([2, 1, 12, 12]), r32([2, 2])])),
  mod('SpatialGlimpse bilinear', nn.SpatialGlimpse, () => new nn.SpatialGlimpse(4, 2, 1.5), fwd([r32([1, 2, 9, 9]), r32([1, 2])])),
  mod('ReinforceNormal', nn.ReinforceNormal, () => new nn.ReinforceNormal(0.2), fwd(X)),
  mod('ReinforceNormal [mean, stdev]', nn.ReinforceNormal, () => new nn.ReinforceNormal(), fwd([X, r32([2, 4], 0.1, 1)])),
  mod('ReinforceNormal stochastic', nn.ReinforceNormal, () => new nn.ReinforceNormal(0.1, true).evaluate(), fwd(X)),
  mod('ReinforceBernoulli', nn.ReinforceBernoulli, () => new nn.ReinforceBernoulli(), fwd(r32([2, 4], 0.1, 0.9))),
  mod('ReinforceCategorical', nn.ReinforceCategorical, () => new nn.ReinforceCategorical(), fwd(r32([2, 4], 0.1, 0.9))),
  mod('Recursor', nn.Recursor, () => new nn.Recursor(new nn.Linear(2, 2), 7), steps(seq)),
  mod('Recurrent', nn.Recurrent, () => new nn.Recurrent(3, new nn.Linear(2, 3), new nn.Linear(3, 3), new nn.Tanh(), 5), steps(seq)),
  mod('Sequencer', nn.Sequencer, () => new nn.Sequencer(new nn.Linear(2, 3)), fwd(seq)),
  mod('Sequencer(FastLSTM)', nn.Sequencer, () => new nn.Sequencer(new nn.FastLSTM(2, 3)).remember('both'), steps([r32([3, 2, 2]), r32([3, 2, 2])])),
  mod('FastLSTM', nn.FastLSTM, () => new nn.FastLSTM(2, 3, 9), steps(seq)),
  mod('LSTMStep', nn.LSTMStep, () => new nn.LSTMStep(3, 4), fwd([X3, r32([2, 4]), r32([2, 4])])),
  mod('RecurrentAttention', nn.RecurrentAttention, ram, fwd(r32([2, 1, 6, 6]))),
  mod('L1Penalty', nn.L1Penalty, () => new nn.L1Penalty(0.3, true), fwd(X)),
  mod('OneHot', nn.OneHot, () => new nn.OneHot(5), fwd(nn.Tensor.from([4, 0, 2], [3], 'long'))),
  mod('CategoricalEntropy', nn.CategoricalEntropy, () => new nn.CategoricalEntropy(2, 0.1), fwd(r32([2, 4], 0.1, 0.9))),
  mod('ReinforceGamma', nn.ReinforceGamma, () => new nn.ReinforceGamma(0.5), fwd(r32([2, 4], 0.5, 2))),
  mod('ZeroGrad', nn.ZeroGrad, () => new nn.ZeroGrad(), fwd(X)),
  mod('Kmeans', nn.Kmeans, () => new nn.Kmeans(3, 4), fwd(X)),
  mod('SparseLinear', nn.SparseLinear, () => new nn.SparseLinear(4, 3), fwd([nn.Tensor.from([1, 2, 3, -1], [2, 2]), nn.Tensor.from([2, 0.5], [1, 2])])),
  mod('IndexLinear', nn.IndexLinear, () => new nn.IndexLinear(4, 3).reset(0.5), fwd([[nn.Tensor.from([1, 3], [2], 'long'), nn.Tensor.from([2], [1], 'long')], [r32([2]), r32([1])]])),
  mod('SpatialBinaryConvolution', nn.SpatialBinaryConvolution, () => new nn.SpatialBinaryConvolution(2, 3, 3, 3, 1, 1, 1), fwd(r32([2, 2, 4, 4]))),
  mod('NormStabilizer', nn.NormStabilizer, () => new nn.NormStabilizer(0.3), fwd(X)),
  mod('NCEModule', nn.NCEModule, () => new nn.NCEModule(4, 5, 2, nn.Tensor.from([1, 2, 3, 4, 5], [5]), 2), fwd([X, nn.Tensor.from([4, 1], [2], 'long')])),
  mod('NCECriterion', nn.NCECriterion, () => new nn.NCECriterion(), loss([r32([2], 0.1, 0.9), r32([2, 2], 0.1, 0.9), r32([2], 0.1, 0.9), r32([2, 2], 0.1, 0.9)], nn.Tensor.from([0, 0], [2]))),
  mod('ClassNLLCriterion', nn.ClassNLLCriterion, () => new nn.ClassNLLCriterion(nn.Tensor.from([1, 2, 0.5, 1], [4]), true, 2), loss(S, T)),
  mod('ClassNLLCriterion default', nn.ClassNLLCriterion, () => new nn.ClassNLLCriterion(), loss(S, T)),
  mod('CrossEntropyCriterion', nn.CrossEntropyCriterion, () => new nn.CrossEntropyCriterion(nn.Tensor.from([1, 2, 0.5, 1], [4]), false), loss(S, T)),
  mod('MSECriterion', nn.MSECriterion, () => new nn.MSECriterion(false), loss(X, Y)),
  mod('ParallelCriterion', nn.ParallelCriterion, () => new nn.ParallelCriterion(true).add(new nn.MSECriterion(), 0.5).add(new nn.MSECriterion(false), 2), loss([X, Y], Y)),
  mod('ModuleCriterion', nn.ModuleCriterion, () => new nn.ModuleCriterion(new nn.MSECriterion(), new nn.Tanh(), new nn.MulConstant(2)), loss(X, Y)),
  mod('BinaryClassReward', nn.BinaryClassReward, () => new nn.BinaryClassReward(new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.ReinforceBernoulli()), 2), loss([r32([3], 0.1, 0.9), r32([3])], nn.Tensor.from([1, 0, 1], [3]))),
  mod('VRClassReward', nn.VRClassReward, () => new nn.VRClassReward(new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.ReinforceNormal(0.1)), 2), loss([S, r32([3, 1])], T)),
];

const values = (t: nn.Tensor) => Array.from(t.toArray());
const roundTrip = (v: unknown, format: T7Format = 'binary') => deserialize(serialize(v, format), { format, onWarning: () => {} });

test('t7 round trip (binary, ascii): every exported module and criterion class', (t) => {
  const exported = (Object.values(nn) as unknown[]).filter((v): v is Case['cls'] & { name: string } =>
    typeof v === 'function' && (v.prototype instanceof nn.Module || v.prototype instanceof nn.Criterion));
  // abstract classes, and the classes whose gradient-check cases the t7 kind of test/torch-kinds.test.ts round-trips (binary and ascii)
  const abstract = new Set<unknown>([nn.Container, nn.AbstractRecurrent, nn.Reinforce]);
  const isAbstract = (name: string) => /^abstract/i.test(noCheck[name] ?? '');
  const covered = new Set<unknown>(MODULE_CASES.map((c) => c.cls));
  const checked = new Set([...moduleCases, ...criterionCases].map((c) => c.name));
  const missing = exported.filter((c) => !abstract.has(c) && !isAbstract(c.name) && !covered.has(c) && !checked.has(c.name)).map((c) => c.name);
  t.deepEqual(missing, [], 'every concrete exported class has a round-trip case (here or in the gradient-check cases)');
  for (const format of ['binary', 'ascii'] as const) {
    for (const c of MODULE_CASES) {
      const m = c.build(), label = `${format} ${c.name}`;
      const back = roundTrip(m, format) as Model;
      if (back?.constructor !== c.cls) {
        t.fail(`${label}: loaded as ${String(back?.constructor?.name)}`);
        continue;
      }
      if (m instanceof nn.Module && back instanceof nn.Module) {
        const [p0] = m.parameters(), [p1] = back.parameters();
        const same = p0.length === p1.length && p0.every((p, i) => p.dtype === p1[i]!.dtype && p.sameShape(p1[i]!) && values(p).join() === values(p1[i]!).join());
        t.ok(same && back.train === m.train, `${label}: ${p0.length} parameters and train`);
      }
      t.deepEqual(c.run(back), c.run(m), `${label}: same output`);
    }
  }
  t.end();
});

/** The Torch class name and fields a value was written with. */
function written(v: unknown): [string, Map<string, Raw>] {
  const raw = new T7Parser(readerFor(serialize(v), 'binary'), () => {}).object();
  if (!(raw instanceof LuaObject) || !raw.fields) throw new Error('not a Torch object');
  return [raw.className, new Map(raw.fields.entries.map(([k, x]) => [String(k), x]))];
}

test('t7 writes modules as Lua Torch has them: class names, field names, 1-based indices', (t) => {
  const [cls, f] = written(new nn.Linear(3, 2));
  t.equal(cls, 'nn.Linear');
  t.deepEqual([...f.keys()].sort(), ['_type', 'bias', 'gradBias', 'gradInput', 'gradWeight', 'output', 'train', 'weight']);
  t.equal(f.get('_type'), 'torch.FloatTensor');
  t.equal(written(new nn.Linear(3, 2).double())[1].get('_type'), 'torch.DoubleTensor');
  t.equal(written(new nn.SelectTable(0))[1].get('index'), 1, 'SelectTable index 0 → 1');
  t.equal(written(new nn.SelectTable(-1))[1].get('index'), -1, 'a negative index is kept');
  t.equal(written(new nn.JoinTable(1, 2))[1].get('dimension'), 2);
  t.equal(written(new nn.Concat(0))[1].get('dimension'), 1);
  t.equal(written(new nn.ArgMax(0))[1].get('dim'), 1);
  t.equal(written(new nn.ClassNLLCriterion())[1].get('ignoreIndex'), -100);
  const size = written(new nn.View(2, -1))[1].get('size');
  t.ok(size instanceof nn.Storage && size.dtype === 'long' && Array.from(size.data).join() === '2,-1', 'View size as a LongStorage');
  const mods = written(new nn.Sequential().add(new nn.ReLU()).add(new nn.Tanh()))[1].get('modules') as LuaTable;
  t.deepEqual(mods.entries.map(([k, m]) => [k, (m as LuaObject).className]), [[1, 'nn.ReLU'], [2, 'nn.Tanh']], 'modules as a 1..n table');
  t.equal(written(new nn.ReLU())[1].get('threshold'), 0, 'ReLU carries the fields of Threshold');
  const lstm = written(new nn.FastLSTM(2, 3))[1];
  t.deepEqual([(lstm.get('i2g') as LuaObject).className, (lstm.get('o2g') as LuaObject).className], ['nn.Linear', 'nn.LinearNoBias']);
  t.equal(written(new nn.LSTMStep(2, 3))[0], 'LSTMStep', 'a class without an entry: its own name');
  t.end();
});

test('t7 reads rnn FastLSTM gates in rnn order [input, candidate, forget, output]', (t) => {
  const H = 2, I = 3;
  const W = rand([4 * H, I]), b = rand([4 * H]), U = rand([4 * H, H]), x = rand([1, I]);
  const lua = { __typename: 'nn.FastLSTM', inputSize: I, outputSize: H, rho: 5, p: 0,
    i2g: { __typename: 'nn.Linear', weight: W, bias: b }, o2g: { __typename: 'nn.LinearNoBias', weight: U } };
  const m = roundTrip(lua) as nn.FastLSTM;
  t.ok(m instanceof nn.FastLSTM && m.stepModule.i2g.weight.dtype === 'float64');
  const h = values(m.forward(x) as nn.Tensor);
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const g = (k: number) => b.get(k) + [0, 1, 2].reduce((a, j) => a + W.get(k, j) * x.get(0, j), 0); // h_0 = 0: U does not enter
  const expected = [0, 1].map((j) => {
    const c = sig(g(j)) * Math.tanh(g(H + j)); // c = σ(input)·tanh(candidate); the forget gate meets c_0 = 0
    return sig(g(3 * H + j)) * Math.tanh(c);
  });
  t.ok(h.every((v, j) => Math.abs(v - expected[j]!) < 1e-12), `h = ${h} (expected ${expected})`);
  const back = written(m)[1].get('i2g') as LuaObject;
  const w2 = back.fields!.entries.find(([k]) => k === 'weight')![1] as nn.Tensor;
  t.deepEqual(values(w2), values(W), 'written back in rnn order');
  t.end();
});

class Scale extends nn.Module<nn.Tensor, nn.Tensor> {
  weight = nn.Tensor.from([2, 3], [2]);
  gradWeight = nn.Tensor.zeros([2]);
  cache = new Float64Array(2);
  override output = nn.Tensor.empty();
  override gradInput = nn.Tensor.empty();
  override updateOutput(x: nn.Tensor): nn.Tensor {
    this.output.resizeAs(x).copy(x);
    for (let i = 0; i < x.size(0); i++) for (let j = 0; j < 2; j++) this.output.set([i, j], x.get(i, j) * this.weight.get(j));
    return this.output;
  }
  override updateGradInput(): nn.Tensor {
    return this.gradInput;
  }
}

test('t7: a class without an entry, plain-object fallbacks, shared parameters, the random generator', (t) => {
  const warnings: string[] = [];
  const bytes = serialize(new nn.Sequential().add(new Scale()), 'binary', { onWarning: (m) => warnings.push(m) });
  t.deepEqual(warnings, ['torch.save: field cache of Scale (Float64Array) cannot be written: skipped']);
  const revived = deserialize(bytes, { classes: { Scale } }) as nn.Sequential;
  t.ok(revived.get(0) instanceof Scale, 'revived by its class name');
  t.deepEqual(values(revived.forward(nn.Tensor.from([1, 1], [1, 2])) as nn.Tensor), [2, 3]);
  const loadWarnings: string[] = [];
  const plain = deserialize(bytes, { onWarning: (m) => loadWarnings.push(m) }) as Record<string, unknown>;
  t.equal(plain.__typename, 'nn.Sequential', 'a container of an unknown class falls back to a plain object');
  t.deepEqual(loadWarnings, ['class Scale is not in dpnn-ts: loaded as a plain object',
    'class nn.Sequential could not be built as dpnn-ts Sequential (field modules[1]: expected a module, got an object of class Scale): loaded as a plain object']);
  const v1 = roundTrip({ __typename: 'nn.Dropout', p: 0.5, v2: false, inplace: true });
  t.ok(v1 instanceof nn.Dropout && !v1.v2 && v1.inplace, 'Dropout v1, in place: a Dropout with v2 = false and inplace');
  const bad = roundTrip({ __typename: 'nn.Dropout', p: 1.5 }) as Record<string, unknown>;
  t.deepEqual(bad, { __typename: 'nn.Dropout', p: 1.5 }, 'a Dropout that cannot be built (p = 1.5): a plain object');
  const rec = new nn.Recurrent(3, new nn.Linear(2, 3), new nn.Linear(3, 3), new nn.Tanh()).double();
  const back = roundTrip(rec) as nn.Recurrent;
  const w = (back.inputModule as nn.Linear).weight;
  t.ok(w.dtype === 'float64' && (back.initialModule.get(0) as nn.Linear).weight === w, 'initialModule shares the input weights');
  t.equal((back.inputModule as nn.Linear).output.dtype, 'float64', 'buffers follow the parameters');
  const shared = new nn.Linear(2, 2), pair = roundTrip([shared, shared]) as nn.Linear[];
  t.ok(pair[0] === pair[1], 'a module written twice is one module');
  const model = serialize(new nn.Sequential().add(new nn.Linear(4, 4)).add(new nn.Add(4))), state = nn.getRNGState();
  deserialize(model);
  t.deepEqual(nn.getRNGState(), state, 'loading draws no random numbers');
  t.end();
});
