/** nn.save / nn.load (lib/saveLoad.ts): every gradient-check case round-trips through safetensors with the same tree and outputs. */
import test from 'tape';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';
import { decodeModule, encodeModule, load, save } from '../../lib/saveLoad.js';
import { readSafetensors } from '../../lib/safetensors.js';
import { criterionCases, moduleCases } from '../gradcheck-cases.js';

const vals = (a: unknown): unknown => (a instanceof nn.Tensor ? Array.from(a.toArray()) : Array.isArray(a) ? a.map(vals) : a);
const seeded = <T>(f: () => T): T => {
  nn.manualSeed(7);
  return f();
};
const quiet = () => {};
const back = <T extends nn.Module | nn.Criterion>(m: T): nn.Module | nn.Criterion => decodeModule(encodeModule(m, {}, quiet)).module;
const tree = (m: nn.Module): string[] => m.listModules().map((x) => x.constructor.name);

test('nn.save/nn.load: every module case loads back as the same class and tree, with the same parameters and outputs', (t) => {
  const failures: string[] = [];
  let n = 0;
  for (const c of moduleCases) {
    const label = `${c.name} (${c.label})`;
    try {
      const m = seeded(() => c.build()), input = seeded(() => c.input());
      const loaded = back(m);
      if (!(loaded instanceof nn.Module) || loaded.constructor !== m.constructor) throw new Error(`loaded as ${loaded.constructor.name}`);
      if (tree(loaded).join() !== tree(m).join()) throw new Error(`tree ${tree(loaded).join()} vs ${tree(m).join()}`);
      const [p0] = m.parameters(), [p1] = loaded.parameters();
      if (p0.length !== p1.length || p0.some((p, i) => p.dtype !== p1[i]!.dtype || JSON.stringify(vals(p)) !== JSON.stringify(vals(p1[i]!)))) throw new Error('parameters differ');
      const a = JSON.stringify(seeded(() => vals(m.forward(input)))), b = JSON.stringify(seeded(() => vals(loaded.forward(input))));
      if (a !== b) throw new Error('outputs differ');
      n++;
    } catch (e) {
      failures.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  t.deepEqual(failures, [], `${n} of ${moduleCases.length} module cases round-trip`);
  t.end();
});

test('nn.save/nn.load: every criterion case gives the same loss and gradient after the round trip', (t) => {
  const failures: string[] = [];
  for (const c of criterionCases) {
    try {
      const m = seeded(() => c.build()), input = seeded(() => c.input()), target = seeded(() => c.target());
      const loaded = back(m);
      if (!(loaded instanceof nn.Criterion) || loaded.constructor !== m.constructor) throw new Error(`loaded as ${loaded.constructor.name}`);
      const run = (x: nn.Criterion) => JSON.stringify(seeded(() => [x.forward(input, target), vals(x.backward(input, target))]));
      if (run(m) !== run(loaded)) throw new Error('loss or gradient differ');
    } catch (e) {
      failures.push(`${c.name} (${c.label}): ${(e as Error).message.split('\n')[0]}`);
    }
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
  t.throws(() => decodeModule(bytes), /class Scale is not a dpnn-ts class; pass it as nn\.load\(path, \{ classes: \{ Scale \} \}\)/, 'names the class and the fix');
  const m = decodeModule(bytes, { classes: { Scale } }).module as nn.Sequential;
  t.ok(m.get(0) instanceof Scale && (m.get(0) as Scale).factor === 3, 'revived with its fields');
  t.deepEqual(vals(m.forward(nn.Tensor.from([1, 2]))), [3, 6], 'and runs');
  t.throws(() => decodeModule(new TextEncoder().encode('garbage!garbage!')), /not a valid safetensors file/, 'not safetensors');
  t.end();
});

function asArray(a: nn.Activity): unknown[] {
  return a instanceof nn.Tensor ? Array.from(a.toArray()) : [...a];
}
