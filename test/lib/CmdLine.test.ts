import test from 'tape';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmdLine } from '../../lib/torch/CmdLine.js';
import { Timer } from '../../lib/torch/Timer.js';
import { ArgumentError } from '../../lib/errors.js';

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** A CmdLine whose print goes to `lines` and whose exit throws `Exit`. */
function makeCmd(): { cmd: CmdLine; lines: string[] } {
  const lines: string[] = [];
  const cmd = new CmdLine({
    print: (s) => void lines.push(s),
    exit: (code) => {
      throw new Exit(code);
    },
  });
  cmd.text('Training a simple network');
  cmd.text();
  cmd.text('Options');
  cmd.option('-seed', 123, 'initial random seed');
  cmd.option('-booloption', false, 'boolean option');
  cmd.option('-stroption', 'mystring', 'string option');
  cmd.option('--learning-rate', 0.1, 'learning rate');
  cmd.option('-cuda', true);
  return { cmd, lines };
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x += Math.sin(x);
}

test('CmdLine: defaults, keys without dashes, every value type', (t) => {
  const { cmd } = makeCmd();
  t.deepEqual(cmd.parse([]), { seed: 123, booloption: false, stroption: 'mystring', 'learning-rate': 0.1, cuda: true });
  const p = cmd.parse(['-seed', '456', '-stroption', 'custom', '--learning-rate', '-0.5', '-booloption']);
  t.equal(p.seed, 456);
  t.equal(typeof p.seed, 'number');
  t.equal(p.stroption, 'custom');
  t.equal(p['learning-rate'], -0.5, 'a value starting with a dash is read, as in Torch');
  t.equal(p.booloption, true);
  t.equal(p.cuda, true, 'untouched options keep their default');
  t.equal(cmd.parse(['-seed', '1e3']).seed, 1000);
  t.equal(cmd.parse(['-stroption', '']).stroption, '');
  t.end();
});

test('CmdLine: single- and double-dash spellings, -opt=value', (t) => {
  const { cmd } = makeCmd();
  t.equal(cmd.parse(['--seed', '7']).seed, 7, 'single-dash option given with two dashes');
  t.equal(cmd.parse(['-learning-rate', '0.01'])['learning-rate'], 0.01, 'double-dash option given with one dash');
  t.equal(cmd.parse(['-seed=8']).seed, 8);
  t.equal(cmd.parse(['--seed=9']).seed, 9);
  t.equal(cmd.parse(['-stroption=a=b']).stroption, 'a=b', 'only the first = splits');
  t.equal(cmd.parse(['--learning-rate=-1'])['learning-rate'], -1);
  t.end();
});

test('CmdLine: boolean options set not-default (Torch rule), even when repeated', (t) => {
  const { cmd } = makeCmd();
  t.equal(cmd.parse(['-booloption']).booloption, true, 'false default -> true');
  t.equal(cmd.parse(['-cuda']).cuda, false, 'true default -> false');
  t.equal(cmd.parse(['-cuda', '-cuda']).cuda, false, 'repeating does not toggle back');
  t.throws(() => cmd.parse(['-cuda=true']), /CmdLine\.parse: boolean option -cuda takes no value/);
  t.end();
});

test('CmdLine: positional arguments', (t) => {
  const cmd = new CmdLine();
  cmd.option('-n', 3, 'count');
  cmd.argument('data', 'data file');
  cmd.argument('-size', 'a number', 'number');
  const p = cmd.parse(['-n', '4', 'train.t7', '-12']);
  t.deepEqual(p, { n: 4, data: 'train.t7', size: -12 }, 'negative number is an argument; argument key stripped');
  t.deepEqual(cmd.parse(['a.t7', '--', '-5']), { n: 3, data: 'a.t7', size: -5 }, '-- ends options');
  t.throws(() => cmd.parse(['a.t7']), /CmdLine\.parse: not enough arguments: expected 2 \(<data> <size>\), got 1/);
  t.throws(() => cmd.parse(['a', '1', 'b']), /CmdLine\.parse: invalid argument "b"/);
  t.throws(() => cmd.parse(['a', 'x']), /argument <size> expected a number, got "x"/);
  t.end();
});

test('CmdLine: unknown option and bad number throw ArgumentError naming them', (t) => {
  const { cmd } = makeCmd();
  for (const bad of ['-foo', '--foo=3', '-x', '-sx']) {
    try {
      cmd.parse(['-seed', '1', bad]);
      t.fail(`no error for ${bad}`);
    } catch (e) {
      t.ok(e instanceof ArgumentError, `${bad}: ArgumentError`);
      const name = bad.split('=')[0] ?? bad;
      t.ok(e instanceof Error && e.message.startsWith(`CmdLine.parse: unknown option ${name} (known options: `), `${bad}: message names it`);
      t.ok(e instanceof Error && e.message.includes('-seed, -booloption, -stroption, --learning-rate, -cuda'), 'lists the known ones');
    }
  }
  t.throws(() => cmd.parse(['-seed', 'abc']), (e: unknown) => e instanceof ArgumentError && e.message === 'CmdLine.parse: option -seed expected a number, got "abc"');
  t.throws(() => cmd.parse(['-seed', ' ']), ArgumentError, 'blank is not a number');
  t.throws(() => cmd.parse(['-seed']), /CmdLine\.parse: missing value for option -seed/);
  t.end();
});

test('CmdLine.option validates its declaration', (t) => {
  const cmd = new CmdLine();
  cmd.option('-a', 1, 'a');
  t.throws(() => cmd.option('--a', 2, 'again'), /option --a is already defined/);
  t.throws(() => cmd.option('b', 2, 'no dash'), ArgumentError);
  t.throws(() => cmd.option('-c', 2, 'typed', 'string'), /wrong default type value/);
  t.throws(() => cmd.option('-d', undefined as unknown as number, 'none'), /has no default value/);
  t.end();
});

test('CmdLine: -h / -help / --help print Torch layout and exit(0)', (t) => {
  for (const flag of ['-h', '-help', '--help']) {
    const { cmd, lines } = makeCmd();
    cmd.argument('data', 'data file');
    t.throws(() => cmd.parse(['-seed', '1', flag]), (e: unknown) => e instanceof Exit && e.code === 0, `${flag} exits 0`);
    t.deepEqual(lines, [
      'Usage: [options] <data>',
      'Training a simple network',
      '',
      'Options',
      '  -seed           initial random seed [123]',
      '  -booloption     boolean option [false]',
      '  -stroption      string option [mystring]',
      '  --learning-rate learning rate [0.1]',
      '  -cuda           [true]',
      '  <data>          data file',
    ]);
  }
  const lines: string[] = [];
  const cmd = new CmdLine({ print: (s) => void lines.push(s), program: 'train.ts' });
  cmd.option('-n', 1, 'n');
  cmd.help();
  t.deepEqual(lines, ['Usage: train.ts [options]', '  -n n [1]']);
  t.end();
});

test('CmdLine.string builds a directory name from non-default options', (t) => {
  const { cmd, lines } = makeCmd();
  const params = cmd.parse(['-seed', '456', '-stroption', 'mycustomstring']);
  t.equal(cmd.string('experiment', params, {}), 'experiment,seed=456,stroption=mycustomstring');
  t.equal(cmd.string('experiment', cmd.parse([]), {}), 'experiment', 'all defaults: the prefix alone');
  const withBool = cmd.parse(['-cuda', '-booloption']);
  t.equal(cmd.string('exp', withBool, {}), 'exp,booloption=t,cuda=f', 'booleans as t/f, sorted');
  t.equal(cmd.string('exp', { ...params, rundir: 'x' }, { seed: true, cuda: false }), 'exp,cuda=t,stroption=mycustomstring', 'ignore: true drops, false forces');
  t.ok(lines.includes('-- ignore option seed'));
  t.ok(lines.includes('WARNING: unknown option/argument: rundir IGNORING for DIRECTORY NAME'));
  const c2 = new CmdLine('_', ':', { print: () => undefined });
  c2.option('-lr', 1, 'lr');
  c2.argument('data', 'data');
  t.equal(c2.string('run', c2.parse(['-lr', '2', 'mnist']), {}), 'run_data:mnist_lr:2', 'arguments first; custom separators');
  t.end();
});

test('CmdLine.log writes the params; print tees; silent / addTime', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'cmdline-'));
  try {
    const { cmd, lines } = makeCmd();
    const file = join(dir, 'log');
    cmd.log(file, { seed: 1, rundir: 'exp' });
    cmd.print('epoch', 1, 0.5);
    cmd.silent();
    cmd.addTime('proj', '%F %T');
    cmd.print('quiet');
    const log = readFileSync(file, 'utf8').split('\n');
    t.match(log[0] ?? '', /^\[program started on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\]$/);
    t.deepEqual(log.slice(1, 6), ['[command line arguments]', 'seed 1', 'rundir exp', '[----------------------]', 'epoch 1 0.5']);
    t.match(log[6] ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\[proj\]:  quiet$/);
    t.ok(lines.includes('seed\t1') && lines.includes('epoch\t1\t0.5'), 'console lines are tab-separated');
    t.notOk(lines.includes('quiet'), 'silent keeps it off the console');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});

test('Timer: monotonic; stop freezes; resume counts on; reset', (t) => {
  const t0 = performance.now() / 1000;
  const timer = new Timer();
  t.equal(String(timer), 'torch.Timer [status: running]');
  busyWait(20);
  const a = timer.time();
  t.ok(a.real > 0 && a.user >= 0 && a.sys >= 0, 'positive times');
  busyWait(5);
  const b = timer.time();
  t.ok(b.real >= a.real && b.user >= a.user, 'monotonic while running');
  t.equal(timer.stop(), timer, 'stop returns the timer');
  const stopStart = performance.now() / 1000;
  const s1 = timer.time();
  busyWait(20);
  const s2 = timer.stop().time();
  const stopEnd = performance.now() / 1000;
  t.deepEqual(s2, s1, 'stopped time does not grow (and stop twice is a no-op)');
  t.equal(timer.toString(), 'torch.Timer [status: stopped]');
  timer.resume();
  busyWait(5);
  const r = timer.resume().time();
  t.ok(r.real >= s1.real, 'resume counts on from the stored time');
  const tNow = performance.now() / 1000;
  t.ok(r.real <= stopStart - t0 + (tNow - stopEnd) + 1e-6, 'the stopped interval is not counted');
  timer.stop().reset();
  t.deepEqual(timer.time(), { real: 0, user: 0, sys: 0 }, 'reset while stopped: zero, stays stopped');
  t.notOk(timer.isRunning);
  timer.resume();
  busyWait(5);
  t.ok(timer.time().real > 0);
  t.end();
});
