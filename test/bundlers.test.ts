/**
 * docs/backends.md, "In a browser": a tiny page that imports 'dpnn-ts' (the package as installed:
 * a project whose node_modules/dpnn-ts is this repository, so its `exports` and dist/ are what a
 * bundler sees) is bundled by esbuild and by Vite as that section shows, served on 127.0.0.1 and run
 * in headless Chromium, where it trains one step of a small classifier on the wasm backend. The step
 * must run the wasm kernels (no gemm fallback), lower the loss, match the js backend here, and leave
 * the console without a warning. Needs dist/ (npm run build). Without Chromium a printed skip,
 * unless DPNN_REQUIRE_GPU is 1 or names 'webgl'.
 */
import test from 'tape';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { build as esbuild } from 'esbuild';
import * as nn from '../index.js';
import { serveDir } from '../demo/serve.js';
import { chromium, runPage, webglRequired } from './helpers/chromium.js';

/** One SGD step of Linear-ReLU-Linear-LogSoftMax on 4 examples: the loss before and after. */
const step = `
export function trainStep(nn) {
  nn.manualSeed(1);
  const model = new nn.Sequential().add(new nn.Linear(4, 8)).add(new nn.ReLU()).add(new nn.Linear(8, 3)).add(new nn.LogSoftMax());
  const criterion = new nn.ClassNLLCriterion();
  const x = nn.Tensor.from([0.1, 0.5, -0.3, 0.8, 0.9, -0.2, 0.4, 0.1, -0.7, 0.3, 0.6, -0.5, 0.2, 0.2, -0.9, 0.4], [4, 4], 'float32');
  const y = nn.Tensor.from([0, 1, 2, 1], [4], 'float32');
  const before = criterion.forward(model.forward(x), y);
  model.zeroGradParameters();
  model.backward(x, criterion.backward(model.output, y));
  model.updateParameters(0.5);
  return { before, after: criterion.forward(model.forward(x), y) };
}`;

/** The page: as docs/backends.md shows it (the kernels beside the bundle, or inlined with setWasmBytes). */
const page = (inline: boolean): string => `import * as nn from 'dpnn-ts';
${inline ? "import kernels from 'dpnn-ts/kernels.wasm';\nnn.setWasmBytes(kernels);\n" : ''}import { trainStep } from './step.js';

async function main() {
  nn.setBackend('wasm');
  await nn.wasmReady();
  nn.resetWasmFallbacks();
  const losses = trainStep(nn);
  console.log('DPNN-RESULT ' + JSON.stringify({ backend: nn.backend().name, ...losses, fallbacks: nn.wasmFallbacks() }));
}
main().then(() => console.log('DPNN-DONE'), (e) => console.log('DPNN-ERROR ' + (e.stack || e.message)));
`;

const html = (src: string): string => `<!doctype html><html><body><script type="module" src="${src}"></script></body></html>`;

interface Result { backend: string; before: number; after: number; fallbacks: Record<string, number> }

/** A project with node_modules/dpnn-ts linked to this repository and the page's sources. */
function project(inline: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-bundle-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(resolve('.'), join(dir, 'node_modules', 'dpnn-ts'), 'dir');
  writeFileSync(join(dir, 'main.js'), page(inline));
  writeFileSync(join(dir, 'step.js'), step);
  writeFileSync(join(dir, 'index.html'), html('/main.js'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'page', private: true, type: 'module' }));
  return dir;
}

/** Each way of bundling: it builds the project into `out` (served as the page's root). */
const bundlers: Array<{ name: string; inline: boolean; bundle(dir: string, out: string): Promise<void> }> = [
  {
    name: 'esbuild, kernels.wasm copied beside the bundle', inline: false,
    async bundle(dir, out) {
      await esbuild({ absWorkingDir: dir, entryPoints: ['main.js'], bundle: true, format: 'esm', outdir: out, logLevel: 'error' });
      cpSync(createRequire(join(dir, 'main.js')).resolve('dpnn-ts/kernels.wasm'), join(out, 'kernels.wasm'));
      writeFileSync(join(out, 'index.html'), html('main.js'));
    },
  },
  {
    name: 'esbuild, kernels inlined (--loader:.wasm=binary) and given to setWasmBytes', inline: true,
    async bundle(dir, out) {
      await esbuild({ absWorkingDir: dir, entryPoints: ['main.js'], bundle: true, format: 'esm', outdir: out, loader: { '.wasm': 'binary' }, logLevel: 'error' });
      writeFileSync(join(out, 'index.html'), html('main.js'));
    },
  },
  {
    name: 'esbuild as a classic script (--format=iife), kernels.wasm beside it', inline: false,
    async bundle(dir, out) {
      await esbuild({ absWorkingDir: dir, entryPoints: ['main.js'], bundle: true, format: 'iife', outdir: out, logLevel: 'error' });
      cpSync(createRequire(join(dir, 'main.js')).resolve('dpnn-ts/kernels.wasm'), join(out, 'kernels.wasm'));
      writeFileSync(join(out, 'index.html'), '<!doctype html><html><body><script src="main.js"></script></body></html>');
    },
  },
  {
    name: 'Vite (vite build)', inline: false,
    async bundle(dir, out) {
      const { build } = await import('vite');
      await build({ root: dir, configFile: false, logLevel: 'error', build: { outDir: out, emptyOutDir: true } });
    },
  },
];

if (!chromium) {
  if (webglRequired) test('bundlers: Chromium available', (t) => { t.fail('no chromium on PATH (apt-get install chromium)'); t.end(); });
  else {
    console.log('# SKIP bundled pages: no chromium on PATH (apt-get install chromium)');
    test('bundlers: skipped (no chromium)', { skip: true }, () => {});
  }
} else {
  const exe = chromium;
  // the step on the js backend here, before any test is registered (tape starts on the first)
  nn.setBackend('js');
  const { trainStep } = await import(`data:text/javascript,${encodeURIComponent(step)}`) as { trainStep(m: typeof nn): { before: number; after: number } };
  const expected = trainStep(nn);
  test('dist/ is built (npm run build)', (t) => {
    t.ok(existsSync('dist/index.js') && existsSync('dist/lib/kernels/wasm/kernels.wasm'), 'dist/index.js and dist/lib/kernels/wasm/kernels.wasm');
    t.end();
  });
  for (const b of bundlers) {
    test(`a page bundled by ${b.name} trains a step on the wasm backend in headless ${exe}`, async (t) => {
      const dir = project(b.inline), out = join(dir, 'out');
      try {
        await b.bundle(dir, out);
        const { server, url } = await serveDir(out);
        try {
          const run = await runPage(exe, url, { timeoutMs: 60_000 });
          t.equal(run.error, '', 'the page ran without an error');
          const body = run.tags.get('RESULT')?.[0];
          const r = body ? (JSON.parse(body) as Result) : { backend: 'none', before: NaN, after: NaN, fallbacks: {} };
          t.equal(r.backend, 'wasm', 'on the wasm backend');
          t.equal(r.fallbacks.gemm ?? 0, 0, `the wasm kernels ran (fallbacks: ${JSON.stringify(r.fallbacks)})`);
          t.ok(r.after < r.before, `the step lowered the loss: ${r.before.toFixed(5)} → ${r.after.toFixed(5)}`);
          t.ok(Math.abs(r.before - expected.before) < 1e-5 && Math.abs(r.after - expected.after) < 1e-5, `losses match the js backend (${expected.before.toFixed(5)} → ${expected.after.toFixed(5)})`);
          t.deepEqual(run.console, [], 'no console warning or error');
        } finally {
          server.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
