/** dpnn ram train / eval / glimpses from the command line: resume equals an uninterrupted run; bad input fails in one line. */
import test from 'tape';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from '../../lib/safetensors.js';

const dir = mkdtempSync(join(tmpdir(), 'dpnn-cli-'));
const dpnn = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/dpnn.ts', ...args], { encoding: 'utf8' });
const quick = ['--train-limit', '60', '--eval-limit', '20', '--seed', '3', '--json', '--quiet', '--rho', '3', '--hidden-size', '32', '--image-hidden-size', '32', '--glimpse-hidden-size', '16', '--locator-hidden-size', '16'];

test('--resume continues an interrupted run exactly (same parameters, same epoch report)', (t) => {
  const a = join(dir, 'a.safetensors'), b = join(dir, 'b.safetensors');
  const full = dpnn('ram', 'train', ...quick, '--max-epoch', '2', '--checkpoint', a);
  t.equal(full.status, 0, full.stderr.split('\n')[0]);
  const first = dpnn('ram', 'train', ...quick, '--max-epoch', '1', '--checkpoint', b);
  t.equal(first.status, 0);
  const rest = dpnn('ram', 'train', ...quick, '--max-epoch', '2', '--checkpoint', b, '--resume');
  t.equal(rest.status, 0, rest.stderr.split('\n')[0]);
  const strip = (line: string) => { const o = JSON.parse(line) as Record<string, unknown>; delete o.seconds; delete o.examplesPerSecond; return o; };
  const fullLines = full.stdout.trim().split('\n'), restLines = rest.stdout.trim().split('\n');
  t.equal(restLines.length, 1, 'the resumed run trains only epoch 2');
  t.deepEqual(strip(restLines[0]!), strip(fullLines[1]!), 'epoch 2 reports agree');
  const fa = readSafetensors(a.replace('.safetensors', '.last.safetensors')), fb = readSafetensors(b.replace('.safetensors', '.last.safetensors'));
  let same = fa.tensors.size === fb.tensors.size;
  for (const [k, v] of fa.tensors) same &&= Array.from(v.toArray()).every((x, i) => x === fb.tensors.get(k)!.data[i]);
  t.ok(same, `all ${fa.tensors.size} tensors (model and optimizer state) identical`);
  const keys = Object.keys(JSON.parse(fullLines[0]!) as object);
  for (const k of ['epoch', 'examples', 'seconds', 'examplesPerSecond', 'trainError', 'validError', 'testError']) t.ok(keys.includes(k), `JSON line has ${k}`);
  t.end();
});

test('--threads 2: deterministic for a seed, and --resume continues it exactly', (t) => {
  const a = join(dir, 'p.safetensors'), b = join(dir, 'q.safetensors');
  const full = dpnn('ram', 'train', ...quick, '--threads', '2', '--max-epoch', '2', '--checkpoint', a);
  t.equal(full.status, 0, full.stderr.split('\n')[0]);
  t.equal(dpnn('ram', 'train', ...quick, '--threads', '2', '--max-epoch', '1', '--checkpoint', b).status, 0);
  const rest = dpnn('ram', 'train', ...quick, '--threads', '2', '--max-epoch', '2', '--checkpoint', b, '--resume');
  t.equal(rest.status, 0, rest.stderr.split('\n')[0]);
  const fa = readSafetensors(a.replace('.safetensors', '.last.safetensors')), fb = readSafetensors(b.replace('.safetensors', '.last.safetensors'));
  let same = true;
  for (const [k, v] of fa.tensors) same &&= Array.from(v.toArray()).every((x, i) => x === fb.tensors.get(k)!.data[i]);
  t.ok(same, 'interrupted and resumed two-thread run = uninterrupted one');
  t.end();
});

test('dpnn ram eval and glimpses on a checkpoint', (t) => {
  const a = join(dir, 'a.safetensors');
  const r = dpnn('ram', 'eval', '--checkpoint', a, '--json', '--eval-limit', '40', '--confusion');
  t.equal(r.status, 0, r.stderr.split('\n')[0]);
  const o = JSON.parse(r.stdout) as { testError: number; examples: number; confusion: number[][] };
  t.equal(o.examples, 40);
  t.equal(o.confusion.flat().reduce((s, x) => s + x, 0), 40, 'confusion matrix counts every example');
  const s = dpnn('ram', 'eval', '--checkpoint', a, '--json', '--eval-limit', '40', '--stochastic', '--samples', '3');
  t.equal(s.status, 0, s.stderr.split('\n')[0]);
  const g = dpnn('ram', 'glimpses', '--checkpoint', a, '--count', '2', '--out', join(dir, 'pics'));
  t.equal(g.status, 0, g.stderr.split('\n')[0]);
  const pngs = readdirSync(join(dir, 'pics')).filter((f) => f.endsWith('.png'));
  t.equal(pngs.length, 2);
  t.deepEqual(Array.from(readFileSync(join(dir, 'pics', pngs[0]!)).subarray(1, 4)), [0x50, 0x4e, 0x47], 'PNG files');
  t.end();
});

test('bad input: one line on stderr, a non-zero exit, no stack trace, no half-written file', (t) => {
  const garbage = join(dir, 'garbage.safetensors');
  writeFileSync(garbage, 'this is not a checkpoint');
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown option', ['ram', 'train', '--bogus'], /Unknown option '--bogus'/],
    ['negative size', ['ram', 'train', '--glimpse-patch-size=-3'], /--glimpse-patch-size: expected an integer ≥ 1, got '-3'/],
    ['not a number', ['ram', 'train', '--learning-rate', 'fast'], /--learning-rate: expected a number > 0, got 'fast'/],
    ['glimpse larger than the canvas', ['ram', 'train', '--glimpse-patch-size', '40'], /a 40-pixel glimpse is larger than the 28×28 images of mnist/],
    ['unknown dataset', ['ram', 'train', '--dataset', 'cifar'], /--dataset: expected one of mnist/],
    ['missing checkpoint', ['ram', 'eval', '--checkpoint', join(dir, 'nope.safetensors')], /cannot read .*nope.safetensors \(ENOENT\)/],
    ['corrupted checkpoint', ['ram', 'eval', '--checkpoint', garbage], /is not a valid safetensors file/],
    ['resume with another model', ['ram', 'train', ...quick, '--hidden-size', '64', '--checkpoint', join(dir, 'a.safetensors'), '--resume', '--max-epoch', '3'], /holds a model with hiddenSize = 32, but 64 was asked for/],
    ['unknown command', ['ram', 'fly'], /unknown command 'fly'/],
  ];
  for (const [what, args, message] of cases) {
    const r = dpnn(...args);
    const lines = r.stderr.trim().split('\n');
    t.ok(r.status !== 0 && lines.length === 1 && message.test(lines[0]!) && !/\n\s+at /.test(r.stderr), `${what}: ${lines[0]}`);
  }
  t.notOk(readdirSync(dir).some((f) => f.includes('.tmp-')), 'no temporary checkpoint left behind');
  t.ok(existsSync(join(dir, 'a.last.safetensors')));
  t.end();
});
