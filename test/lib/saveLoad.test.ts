/** nn.save / nn.load (lib/saveLoad.ts): every gradient-check case round-trips through safetensors with the same tree and outputs. */
import test from 'tape';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';
import { decodeModule, encodeModule, load, save } from '../../lib/saveLoad.js';
import { readSafetensors } from '../../lib/safetensors.js';
import { cloneActivity } from '../../lib/Activity.js';
import { criterionCases, moduleCases, type ModuleCase } from '../gradcheck-cases.js';

const vals = (a: unknown): unknown => (a instanceof nn.Tensor ? Array.from(a.toArray()) : Array.isArray(a) ? a.map(vals) : a);
const quiet = () => {};
const back = (m: nn.Module | nn.Criterion): nn.Module | nn.Criterion => decodeModule(encodeModule(m, {}, quiet)).module;
const tree = (m: nn.Module): string => m.listModules().map((x) => x.constructor.name).join();
const values = (a: nn.Activity): number[][] => nn.leaves(a).map((t) => Array.from(t.toArray()));

/** Largest |a − b| relative to the largest |b| (1 when the structures differ), as test/torch-kinds.test.ts. */
function diff(a: number[][], b: number[][]): number {
  if (a.length !== b.length || a.some((x, i) => x.length !== b[i]!.length)) return 1;
  let d = 0, s = 1e-12;
  a.forEach((x, i) => x.forEach((v, j) => {
    const w = b[i]![j]!;
    d = Math.max(d, Number.isNaN(v) !== Number.isNaN(w) ? 1 : Math.abs(v - w) || 0);
    s = Math.max(s, Math.abs(w));
  }));
  return d / Math.max(1, s);
}

/** forward, zeroGradParameters, backward with a fixed gradOutput: outputs, gradInput and parameter gradients (the t7 kind's pass). */
function pass(c: ModuleCase, m: nn.Module, x: nn.Activity): number[][] {
  if (c.opts?.seed !== undefined) nn.manualSeed(c.opts.seed);
  const out = m.forward(x), outValues = values(out);
  c.opts?.beforeBackward?.(m);
  m.zeroGradParameters();
  const g = new nn.Generator(3);
  const mapLeaves = (a: nn.Activity): nn.Activity => (a instanceof nn.Tensor ? nn.Tensor.from(Array.from({ length: a.numel() }, () => g.uniform(-1, 1)), a.shape, 'float64') : a.map(mapLeaves));
  const gi = m.backward(x, mapLeaves(out));
  return [...outValues, ...values(gi), ...m.parameters()[1].map((t) => Array.from(t.toArray()))];
}

test('nn.save/nn.load: every module case loads back as the same class and tree, with the same forward and backward', (t) => {
  const failures: string[] = [];
  let n = 0;
  nn.setBackend('js');
  nn.setDefaultDtype('float64');
  try {
    for (const c of moduleCases) {
      if (c.skip?.t7) continue; // the cases torch.save cannot round-trip either, with their reason
      try {
        nn.manualSeed(7);
        const m = c.build().double(), x = cloneActivity(c.input(), 'float64');
        const first = pass(c, m, x);
        m.clearState();
        const loaded = back(m);
        if (!(loaded instanceof nn.Module) || loaded.constructor !== m.constructor) throw new Error(`loaded as ${loaded.constructor.name}`);
        if (tree(loaded) !== tree(m)) throw new Error(`tree ${tree(loaded)}, expected ${tree(m)}`);
        const e = diff(pass(c, loaded, x), first);
        if (!(e < 1e-8)) throw new Error(`forward/backward differ by ${e}`);
        n++;
      } catch (e) {
        failures.push(`${c.name} (${c.label}): ${(e as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    nn.setDefaultDtype('float32');
  }
  t.deepEqual(failures, [], `${n} module cases round-trip`);
  t.end();
});

test('nn.save/nn.load: every criterion case gives the same loss and gradient after the round trip', (t) => {
  const failures: string[] = [];
  nn.setDefaultDtype('float64');
  try {
    for (const c of criterionCases) {
      if (c.skip?.t7) continue;
      try {
        const x = cloneActivity(c.input(), 'float64'), target = c.target(), m = c.build();
        const run = (k: nn.Criterion) => [[k.forward(x, target)], ...values(k.backward(x, target))];
        const first = run(m), loaded = back(m);
        if (!(loaded instanceof nn.Criterion) || loaded.constructor !== m.constructor) throw new Error(`loaded as ${loaded.constructor.name}`);
        const e = diff(run(loaded), first);
        if (!(e < 1e-8)) throw new Error(`loss or gradient differ by ${e}`);
      } catch (e) {
        failures.push(`${c.name} (${c.label}): ${(e as Error).message.split('\n')[0]}`);
      }
    }
  } finally {
    nn.setDefaultDtype('float32');
  }
  t.deepEqual(failures, [], `${criterionCases.length} criterion cases round-trip`);
  t.end();
});

test('nn.save writes one atomic safetensors file; nn.load types and checks the class; state that is not stored', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-save-'));
  try {
    const shared = new nn.Linear(3, 3);
    const m = new nn.Sequential().add(new nn.Linear(2, 3).double()).add(new nn.Tanh()).add(shared).add(shared).add(new nn.LogSoftMax());
    m.double();
    m.forward(nn.Tensor.from([[1, 2]], undefined, 'float64'));
    m.evaluate();
    const path = join(dir, 'model.safetensors');
    save(path, m, { note: 'mine' });
    t.deepEqual(readdirSync(dir), ['model.safetensors'], 'one file, no temporary left');
    const file = readSafetensors(path);
    t.equal(file.metadata.note, 'mine', 'metadata of your own is kept');
    t.ok([...file.tensors.keys()].length === 4, 'weights and biases stored once each (the shared Linear once), no outputs or gradients');
    const seq: nn.Sequential = load(path, nn.Sequential);
    t.equal(seq.toString(), m.toString(), 'the same tree');
    t.equal(seq.get(2), seq.get(3), 'a module added twice is one module after loading');
    t.equal(seq.train, false, 'evaluate mode kept');
    t.equal((seq.get(0) as nn.Linear).weight.dtype, 'float64', 'float64 parameters stay float64');
    t.equal(asArray(seq.output).length, 0, 'the output is not stored');
    const x = nn.Tensor.from([[0.5, -1]], undefined, 'float64');
    t.deepEqual(vals(seq.forward(x)), vals(m.forward(x)), 'same output');
    t.ok(load(path) instanceof nn.Sequential, 'without a class: a Module');
    t.throws(() => load(path, nn.Linear), /nn\.load: expected .*model\.safetensors to hold a Linear, got Sequential/, 'the wrong class is an error');
    const state = nn.getRNGState().join();
    load(path);
    t.equal(nn.getRNGState().join(), state, 'loading leaves the random generator alone');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

class Scale extends nn.Module<nn.Tensor, nn.Tensor> {
  constructor(public factor = 2) {
    super();
    this.output = nn.Tensor.empty();
    this.gradInput = nn.Tensor.empty();
  }
  override updateOutput(x: nn.Tensor): nn.Tensor {
    return (this.output = x.clone().mul(this.factor));
  }
  override updateGradInput(_x: nn.Tensor, g: nn.Tensor): nn.Tensor {
    return (this.gradInput = g.clone().mul(this.factor));
  }
}

test('nn.load: a class of your own comes back when named in options.classes, and is an error otherwise', (t) => {
  const bytes = encodeModule(new nn.Sequential().add(new Scale(3)), {}, quiet);
  t.throws(() => decodeModule(bytes), /class Scale is not in dpnn-ts.*; pass the class: nn\.load\(path, \{ classes: \{ Scale \} \}\)/, 'names the class and the fix');
  const m = decodeModule(bytes, { classes: { Scale } }).module as nn.Sequential;
  t.ok(m.get(0) instanceof Scale && (m.get(0) as Scale).factor === 3, 'revived with its fields');
  t.deepEqual(vals(m.forward(nn.Tensor.from([1, 2]))), [3, 6], 'and runs');
  t.throws(() => decodeModule(new TextEncoder().encode('garbage!garbage!')), /not a valid safetensors file/, 'not safetensors');
  t.end();
});

function asArray(a: nn.Activity): unknown[] {
  return a instanceof nn.Tensor ? Array.from(a.toArray()) : [...a];
}
