/** torch/optim's Logger: Lua's file format byte for byte, reading it back, the SVG and PNG charts. */
import test from 'tape';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArgumentError } from '../../index.js';
import { Logger } from '../../optim/Logger.js';

function withDir(t: test.Test, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-logger-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
}

const count = (s: string, sub: string) => s.split(sub).length - 1;

test('Logger: setNames then list adds, the file byte for byte', (t) => withDir(t, (dir) => {
  const file = join(dir, 'train.log');
  const log = new Logger(file);
  log.setNames(['train', 'test']);
  log.add([0.5, 0.25]);
  log.add([-1.5, 0.00390625]); // 3.90625e-3 is a tie at 4 decimals: C rounds it to even
  log.add([1e100, 'n/a']);
  log.add([123456, 0]);
  // Logger.lua writes `name .. '\t'` per name then '\n', and per value string.format('%11.4e', v) .. '\t' (strings as they are)
  const expected = 'train\ttest\t\n' +
    ' 5.0000e-01\t 2.5000e-01\t\n' +
    '-1.5000e+00\t 3.9062e-03\t\n' +
    '1.0000e+100\tn/a\t\n' +
    ' 1.2346e+05\t 0.0000e+00\t\n';
  t.equal(readFileSync(file, 'utf8'), expected, 'written and flushed on every add');
  t.deepEqual(log.symbols, [[0.5, -1.5, 1e100, 123456], [0.25, 0.00390625, 'n/a', 0]]);
  t.deepEqual(log.styles, [['+'], ['+']], 'Lua\'s default style');
  t.equal(log.name, file);
  log.close();
}));

test('Logger: a record add takes the names from its keys; later records are written in header order', (t) => withDir(t, (dir) => {
  const file = join(dir, 'keyed.log');
  const log = new Logger(file);
  log.add({ loss: 1, 'accuracy %': 50 });
  log.add({ 'accuracy %': 75, loss: 0.125 });
  log.add([0.0625, 87.5]); // a list in names order works too
  t.equal(readFileSync(file, 'utf8'), 'loss\taccuracy %\t\n 1.0000e+00\t 5.0000e+01\t\n 1.2500e-01\t 7.5000e+01\t\n 6.2500e-02\t 8.7500e+01\t\n');
  t.deepEqual(log.names, ['loss', 'accuracy %']);
  t.throws(() => log.add({ loss: 1 }), ArgumentError, 'a missing name');
  t.throws(() => log.add({ loss: 1, 'accuracy %': 2, extra: 3 }), ArgumentError, 'an unknown name');
  t.throws(() => log.add([1]), ArgumentError, 'too few values');
  t.throws(() => log.add([1, true as unknown as number]), ArgumentError, 'only numbers and strings');
  t.equal(readFileSync(file, 'utf8').split('\n').length, 5, 'nothing written by the failed adds');
  log.close();

  const byPosition = new Logger(join(dir, 'list.log'));
  byPosition.add([1, 2]);
  t.equal(readFileSync(join(dir, 'list.log'), 'utf8'), '0\t1\t\n 1.0000e+00\t 2.0000e+00\t\n', 'a list before setNames: names by 0-based position');
  byPosition.close();
}));

test('Logger.read: the file back as names and columns', (t) => withDir(t, (dir) => {
  const file = join(dir, 'round.log');
  const log = new Logger(file);
  log.setNames(['a', 'b', 'note']);
  log.add([1.5, -0.001, 'start']);
  log.add([NaN, 2e-7, 'x y']);
  log.add([Infinity, 3, 'end']);
  log.close();
  const data = Logger.read(file);
  t.deepEqual(data.names, ['a', 'b', 'note']);
  t.deepEqual(data.columns[0]!.slice(0, 1), [1.5]);
  t.ok(Number.isNaN(data.columns[0]![1]), 'nan reads back as NaN');
  t.equal(data.columns[0]![2], Infinity);
  t.deepEqual(data.columns[1], [-0.001, 2e-7, 3], 'values at %11.4e precision');
  t.deepEqual(data.columns[2], ['start', 'x y', 'end'], 'strings stay strings');
  t.throws(() => Logger.read(join(dir, 'missing.log')), ArgumentError);
}));

test('Logger: a timestamp appends Lua\'s os.date(\'%Y_%m_%d_%X\') to the name, and the folder is made', (t) => withDir(t, (dir) => {
  const file = join(dir, 'sub', 'deep', 't.log');
  const log = new Logger(file, true);
  log.setNames(['x']);
  log.close();
  const [only, ...rest] = readdirSync(join(dir, 'sub', 'deep'));
  t.equal(rest.length, 0);
  t.match(only ?? '', /^t\.log-\d{4}_\d\d_\d\d_\d\d:\d\d:\d\d$/);
  t.equal(log.name, file, 'name stays the name given, as Lua');
  t.equal(log.path, join(dir, 'sub', 'deep', only ?? ''));
  t.notOk(existsSync(file));
}));

test('Logger.plotSVG: one path per series and style, names in the legend, axes with ticks', (t) => withDir(t, (dir) => {
  const log = new Logger(join(dir, 'p.log'));
  log.setNames(['train error', 'test error', 'lr <x>']);
  const svgFile = join(dir, 'p.svg');
  log.add([0.9, 0.95, 0.1]);
  t.notOk(log.plotSVG(svgFile), 'a series with one entry is not plotted, as Lua: nothing written');
  t.notOk(existsSync(svgFile));
  for (let i = 1; i < 12; i++) log.add([0.9 / (i + 1), 0.95 / (i + 1) + 0.05, 0.1]);
  t.ok(log.plotSVG(svgFile));
  const svg = readFileSync(svgFile, 'utf8');
  t.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  t.equal(count(svg, '<path '), 3, 'one path per series (the default style \'+\')');
  t.ok(svg.includes('>train error</text>') && svg.includes('>test error</text>') && svg.includes('>lr &lt;x&gt;</text>'), 'the names, escaped');
  t.ok(svg.includes(`&lt;Logger::${join(dir, 'p.log')}&gt;`), 'Lua\'s title');
  t.ok(svg.includes('>10</text>') && svg.includes('>2</text>'), 'x ticks at entries 2, 4, …, 10');
  t.ok(count(svg, '<line ') > 10, 'axes, ticks and grid lines');

  log.style({ 'train error': ['+', '-'], 'test error': '-' });
  log.plotSVG(svgFile, ['train error', 'test error']);
  const two = readFileSync(svgFile, 'utf8');
  t.equal(count(two, '<path '), 3, 'the named series only: train with two styles, test with one');
  t.notOk(two.includes('lr &lt;x&gt;'));
  t.ok(/<path d="M[^"]*L/.test(two), 'a line style draws a polyline');
  log.style(['|', '.', '+-']);
  t.deepEqual(log.styles, [['|'], ['.'], ['+-']], 'styles by position');
  t.throws(() => log.style({ nope: '-' }), ArgumentError, 'an unknown series');
  t.throws(() => log.style(['*' as '-']), ArgumentError, 'an unknown style');
  t.throws(() => log.plotSVG(svgFile, ['nope']), ArgumentError, 'plotting an unknown series');
  log.setlogscale(true);
  t.ok(log.plotSVG(svgFile));
  t.ok(readFileSync(svgFile, 'utf8').includes('>0.1</text>'), 'log scale: ticks at powers of ten');
  log.display(false);
  t.equal(log.showPlot, false, 'display is recorded only');

  const past = Logger.svg(Logger.read(join(dir, 'p.log')), { names: ['test error'] });
  t.equal(count(past ?? '', '<path '), 1, 'a past run\'s log plotted from its file');
  log.close();
}));

test('Logger.plotPNG: a raster chart written with lib/png.ts', (t) => withDir(t, (dir) => {
  const log = new Logger(join(dir, 'q.log'));
  log.setNames(['loss']);
  for (let i = 0; i < 5; i++) log.add([1 / (i + 1)]);
  log.style(['-']);
  const file = join(dir, 'q.png');
  t.ok(log.plotPNG(file));
  const png = readFileSync(file);
  t.deepEqual(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  t.equal(png.toString('ascii', 12, 16), 'IHDR');
  t.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]], [640, 400, 8, 2], '640×400 8-bit RGB');
  log.close();
}));
