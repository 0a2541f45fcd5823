/** The RAM's recipe options: schedules per epoch, resume continuing them, the per-step baseline's gradient, parsing and --help. */
import test from 'tape';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';
import { type RamConfig, buildRam, defaultRamConfig } from '../../ram/model.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { loadRam, ramTensors, saveRam } from '../../ram/checkpoint.js';
import { readSafetensors } from '../../lib/safetensors.js';
import { reinforceModules } from '../../ram/evaluate.js';
import { type EpochReport, checkSameModel, trainRam } from '../../ram/train.js';
import { locatorStdAt, parseLrSchedule, plateauStep, scheduledLR } from '../../ram/recipe.js';
import { parseOptions, trainOptionSpec, trainOptionsFrom } from '../../ram/options.js';
import { trainHelp } from '../../ram/commands.js';
import { VRClassStepReward } from '../../ram/VRClassStepReward.js';

const dir = mkdtempSync(join(tmpdir(), 'dpnn-recipe-'));
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
const parse = (...argv: string[]) => trainOptionsFrom(parseOptions('ram train', trainOptionSpec, argv));

test('learning-rate schedules: values per epoch', (t) => {
  const o = { learningRate: 0.01, minLR: 0.001, saturateEpoch: 4, lrStepFactor: 0.5 };
  const at = (s: string) => [1, 2, 3, 4, 5, 6].map((e) => scheduledLR(parseLrSchedule(s), o, e));
  const want = { linear: [0.01, 0.00775, 0.0055, 0.00325, 0.001, 0.001], cosine: [0.01, 0.001 + 0.009 * (1 + Math.SQRT1_2) / 2, 0.0055, 0.001 + 0.009 * (1 - Math.SQRT1_2) / 2, 0.001, 0.001], 'step:2,4': [0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025] };
  for (const [s, w] of Object.entries(want)) t.ok(at(s).every((v, i) => close(v, w[i]!)), `${s}: ${at(s).map((v) => v.toPrecision(4)).join(', ')}`);
  t.ok(close(scheduledLR({ kind: 'step', epochs: [1, 2, 3, 4] }, { ...o, lrStepFactor: 0.1 }, 5), 0.001), 'the step schedule stops at min-lr');
  const p = { lr: 0.01, plateauBest: Infinity, plateauBad: 0 };
  const lrs = [50, 40, 45, 44, 43, 30, 35, 36].map((v) => (plateauStep(p, v, 2, 0.003), p.lr));
  t.deepEqual(lrs, [0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.005, 0.005], 'plateau: halved after 3 epochs without a better validation error (patience 2)');
  for (const bad of ['exp', 'step:', 'step:3,2', 'step:0', 'step:1,x']) t.throws(() => parseLrSchedule(bad), /--lr-schedule: expected linear, cosine, plateau or step/, `'${bad}' refused`);
  t.end();
});

test('σ annealing: linear from --locator-std at epoch 1 to --locator-std-final after --locator-std-epochs', (t) => {
  const s = { start: 0.2, final: 0.05, epochs: 3 };
  const got = [1, 2, 3, 4, 5].map((e) => locatorStdAt(s, e));
  t.ok([0.2, 0.15, 0.1, 0.05, 0.05].every((v, i) => close(got[i]!, v)), got.join(', '));
  t.end();
});

test('options: defaults keep today\'s recipe; the new ones parse; bad values fail in one line', (t) => {
  const d = parse();
  t.deepEqual([d.lrSchedule, d.locatorStdSchedule, d.curriculum, d.lrStepFactor, 'baseline' in d.config], [{ kind: 'linear' }, null, null, 0.1, false], 'sgd: linear, constant σ, no curriculum, scalar baseline');
  t.deepEqual(parse('--optim', 'adam').lrSchedule, { kind: 'plateau' }, 'adam: plateau (halving with --lr-patience)');
  const o = parse('--dataset', 'cluttered-mnist-60', '--lr-schedule', 'step:10,20', '--lr-step-factor', '0.3', '--locator-std', '0.1', '--locator-std-final', '0.03',
    '--locator-std-epochs', '50', '--baseline', 'per-step', '--curriculum', 'translated-mnist:5', '--rho', '8', '--glimpse-patch-size', '12', '--glimpse-depth', '3');
  t.deepEqual([o.lrSchedule, o.lrStepFactor, o.locatorStdSchedule, o.config.baseline, o.curriculum], [{ kind: 'step', epochs: [10, 20] }, 0.3, { start: 0.1, final: 0.03, epochs: 50 }, 'per-step', { dataset: 'translated-mnist', epochs: 5 }]);
  const cases: Array<[string[], RegExp]> = [
    [['--locator-std-final', '0.05'], /give both/],
    [['--locator-std-final', '0', '--locator-std-epochs', '3'], /--locator-std-final: expected a number > 0/],
    [['--locator-std-final', '0.05', '--locator-std-epochs', '0'], /--locator-std-epochs: expected an integer ≥ 1/],
    [['--baseline', 'learned'], /--baseline: expected constant or per-step, got 'learned'/],
    [['--lr-step-factor', '0'], /--lr-step-factor: expected a number > 0/],
    [['--curriculum', 'translated-mnist'], /--curriculum: expected DATASET:E/],
    [['--curriculum', 'translated-mnist:2'], /translated-mnist has 60-pixel images, --dataset 28-pixel ones/],
  ];
  for (const [argv, re] of cases) t.throws(() => parse(...argv), re, argv.join(' '));
  t.end();
});

test('--help lists the recipe options with their defaults', (t) => {
  for (const line of ['--lr-schedule NAME', '(default: linear (sgd), plateau (adam))', '--lr-step-factor X', '(default: 0.1)', '--locator-std-final X', '--locator-std-epochs N',
    '--baseline NAME', '(default: constant)', '--curriculum D:E', '(default: none)']) t.ok(trainHelp.includes(line), line);
  t.end();
});

const small: RamConfig = { ...defaultRamConfig, nGlimpses: 3, hiddenSize: 16, imageHiddenSize: 16, glimpseHiddenSize: 8, locatorHiddenSize: 8 };

test('--resume continues the σ and learning-rate schedules from the checkpoint (equal to an uninterrupted run)', async (t) => {
  const base = { ...parse('--optim', 'adam', '--learning-rate', '0.002', '--lr-schedule', 'cosine', '--saturate-epoch', '3', '--train-limit', '60', '--eval-limit', '20', '--quiet', '--seed', '4'),
    config: { ...small, locatorStd: 0.2 }, locatorStdSchedule: { start: 0.2, final: 0.05, epochs: 2 } };
  const a = join(dir, 'a.safetensors'), b = join(dir, 'b.safetensors');
  const stds: number[] = [];
  const full = await trainRam({ ...base, maxEpoch: 3, checkpoint: a });
  await trainRam({ ...base, maxEpoch: 1, checkpoint: b });
  const rest = await trainRam({ ...base, maxEpoch: 3, checkpoint: b, resume: true, locatorStdSchedule: null }, () => {
    stds.push(Number(readSafetensors(b.replace('.safetensors', '.last.safetensors')).metadata.locatorStd));
  });
  const strip = (r: EpochReport) => ({ ...r, seconds: 0, examplesPerSecond: 0 });
  t.deepEqual(rest.reports.map(strip), full.reports.slice(1).map(strip), 'epochs 2 and 3 as in the uninterrupted run');
  t.ok(full.reports.every((r, i) => close(r.locatorStd!, [0.2, 0.125, 0.05][i]!)), 'the epochs report the annealed --locator-std');
  t.deepEqual(full.reports.map((r) => r.learningRate), [1, 2, 3].map((e) => scheduledLR({ kind: 'cosine' }, { ...base, lrStepFactor: 0.1 }, e)), 'cosine rates reported');
  t.ok(stds.length === 2 && close(stds[0]!, 0.125) && close(stds[1]!, 0.05), `the resumed run's --locator-std per epoch, as the checkpoints record it: ${stds.join(', ')}`);
  const stdevs = reinforceModules(rest.ram.agent).map((r) => (r as nn.ReinforceNormal).stdev!);
  t.ok(stdevs.length === 3 && stdevs.every((s) => close(s, 0.1)), `every step's ReinforceNormal at σ = 2·0.05: ${stdevs.join(', ')}`);
  const [ta, tb] = [a, b].map((p) => ramTensors(loadRam(p.replace('.safetensors', '.last.safetensors')).ram));
  t.ok([...ta!].every(([k, v]) => Array.from(v.toArray()).every((x, i) => x === tb!.get(k)!.data[i])), 'the same parameters');
  t.end();
});

/** A per-step RAM's forward on 6 digits with the same sampled locations each time (seeded). */
function stepRam() {
  nn.manualSeed(2);
  const ram = buildRam({ ...small, baseline: 'per-step' });
  const x = nn.Tensor.zeros([6, 1, 28, 28]), y = nn.Tensor.zeros([6]);
  fillBatch(loadDataset('mnist-small').train, Uint32Array.from({ length: 6 }, (_, i) => i), 0, 6, x, y);
  const run = () => {
    nn.manualSeed(3);
    const out = ram.agent.forward(x) as nn.Activity[];
    return [out, (out[1] as nn.Tensor[])[1]!] as const;
  };
  return { ram, x, y, run };
}

test('--baseline per-step: b_t = β + w·h_{t−1}; rewards (R − b_t)/B per step; gradient = closed form = finite differences; none into the core', (t) => {
  const { ram, x, y, run } = stepRam();
  const [out, b] = run();
  const T = 3, B = 6, w = ram.parts.stepBaseline!, beta = ram.parts.baseline.bias!.get(0);
  t.deepEqual(b.shape, [B, T]);
  const h = (s: number, i: number, j: number) => (s < 0 ? 0 : nn.asTensor(ram.attention.output[s]!).get(i, j));
  const bt = (i: number, s: number) => beta + Array.from(w.weight.toArray()).reduce((acc, wj, j) => acc + wj * h(s - 1, i, j), 0);
  t.ok([...Array(B * T).keys()].every((k) => close(b.get(Math.floor(k / T), k % T), bt(Math.floor(k / T), k % T), 1e-5)), 'b_t = β + w·h_{t−1} (b_0 = β)');
  ram.criterion.forward(out, y);
  const crit = (ram.criterion.criterions[1] as nn.ModuleCriterion).criterion as VRClassStepReward;
  const R = Array.from(crit.reward.toArray());
  ram.agent.zeroGradParameters();
  const g = ram.criterion.backward(out, y);
  for (let s = 0; s < T; s++) {
    const rn = reinforceModules(ram.attention.action.getStepModule(s))[0]!;
    t.ok(R.every((r, i) => close(rn.reward!.get(i), (r - b.get(i, s)) / B, 1e-6)), `step ${s}'s ReinforceNormal got (R − b_${s})/B`);
  }
  ram.agent.backward(x, g);
  const lossB = (bb: nn.Tensor) => R.reduce((acc, r, i) => acc + [0, 1, 2].reduce((q, s) => q + (bb.get(i, s) - r) ** 2, 0), 0) / B;
  const closed = (j: number) => [0, 1, 2].reduce((acc, s) => acc + R.reduce((q, r, i) => q + (2 * (b.get(i, s) - r) * h(s - 1, i, j)) / B, 0), 0);
  const gw = Array.from(w.gradWeight.toArray());
  t.ok(gw.every((v, j) => close(v, closed(j), 1e-5)), 'w\'s gradient = Σ_t Σ_i 2(b_t − R)/B·h_{t−1}');
  let worst = 0;
  for (let j = 0; j < gw.length; j++) {
    const w0 = w.weight.get(0, j), eps = 0.05;
    w.weight.set([0, j], w0 + eps);
    const up = lossB(run()[1]);
    w.weight.set([0, j], w0 - eps);
    const down = lossB(run()[1]);
    w.weight.set([0, j], w0);
    worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - gw[j]!));
  }
  t.ok(worst < 1e-4, `central differences of Σ_t MSE(b_t, R) agree (max error ${worst.toExponential(2)})`);
  const core = Array.from(ram.parts.recurrentFeedback.gradWeight.toArray());
  const [out2] = run();
  ram.criterion.forward(out2, y);
  const g2 = ram.criterion.backward(out2, y) as nn.Tensor[][];
  nn.backend().fill(g2[1]![1]!, 0);
  ram.agent.zeroGradParameters();
  ram.agent.backward(x, g2);
  t.ok(Array.from(ram.parts.recurrentFeedback.gradWeight.toArray()).every((v, i) => v === core[i]), 'the core\'s gradient does not depend on the baseline\'s');
  t.end();
});

test('checkpoints: per-step tensors under new names; older (scalar-baseline) files load as before', (t) => {
  const { ram, run } = stepRam();
  const p = join(dir, 'step.safetensors');
  saveRam(p, ram, { dataset: 'mnist-small' });
  const [, b] = run();
  const loaded = loadRam(p);
  t.equal(loaded.ram.config.baseline, 'per-step');
  t.deepEqual([...ramTensors(loaded.ram).keys()].slice(-2), ['baseline.bias', 'stepBaseline.weight']);
  t.ok(ramTensors(loaded.ram).get('stepBaseline.weight')!.toArray().every((v, i) => v === ram.parts.stepBaseline!.weight.data[i]), 'w read back');
  t.deepEqual(b.shape, [6, 3]);
  const old = loadRam('models/ram-mnist.safetensors');
  t.throws(() => checkSameModel(loaded.ram.config, { ...loaded.ram.config, baseline: undefined }, p), /holds a model with baseline = per-step, but constant was asked for/, '--resume refuses another baseline');
  t.doesNotThrow(() => checkSameModel(defaultRamConfig, { ...defaultRamConfig, baseline: 'constant' }, p), 'no baseline entry = constant');
  t.ok(old.ram.config.baseline === undefined && old.ram.parts.stepBaseline === undefined && ramTensors(old.ram).has('baseline.bias'), 'the shipped MNIST model loads with its scalar baseline');
  t.end();
});
