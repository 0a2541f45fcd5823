/**
 * The live RAM page (demo/, `npm run demo`) end to end: built by demo/build.ts, served on 127.0.0.1
 * by demo/serve.ts and run by headless Chromium: on the gpu backend in WebGL mode (SwiftShader), and
 * with WebGL switched off (--disable-3d-apis), where the page falls back to wasm. Its predictions on the first 50 test digits must equal `dpnn ram eval`'s
 * (evaluateRam on the js backend, digit by digit), with no console warning, and its screenshot goes
 * to docs/demo.png. Without Chromium the file is a printed skip, unless DPNN_REQUIRE_GPU is 1 or
 * names 'webgl'.
 */
import test from 'tape';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../index.js';
import { buildDemo, demoModel } from '../demo/build.js';
import { serveDir } from '../demo/serve.js';
import { loadRam } from '../ram/checkpoint.js';
import { loadDataset, type ImageSource } from '../ram/data.js';
import { evaluateRam } from '../ram/evaluate.js';
import { chromium, runPage, swiftShaderWebGL, webglRequired, type PageRun } from './helpers/chromium.js';

const N = 50;

interface Reference { predicted: number[]; labels: number[]; error: number }

/** `dpnn ram eval` on the first n test digits: each digit's prediction (evaluateRam on it alone) and the error over all n. */
async function reference(n: number): Promise<Reference> {
  nn.setBackend('js');
  const { ram } = loadRam(demoModel);
  const set = loadDataset('mnist').test;
  const predicted: number[] = [];
  for (let i = 0; i < n; i++) {
    const one: ImageSource = { ...set, count: 1, label: () => set.label(i), write: (_k, dst, offset) => set.write(i, dst, offset) };
    predicted.push((await evaluateRam(ram, one)).confusion[set.label(i)]!.indexOf(1));
  }
  const labels = Array.from({ length: n }, (_, i) => set.label(i));
  return { predicted, labels, error: (await evaluateRam(ram, set, { limit: n })).error };
}

interface Result { backend: string; notes: string[]; predicted: number[] }

function check(t: test.Test, run: PageRun, wanted: string, ref: Reference): void {
  t.equal(run.error, '', `${wanted}: the page ran without an error`);
  t.ok(run.done, `${wanted}: the page finished`);
  const body = run.tags.get('RESULT')?.[0];
  const r = body ? (JSON.parse(body) as Result) : { backend: 'none', notes: [], predicted: [] };
  t.equal(r.backend, wanted, `the page ran on ${r.backend}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}`);
  if (wanted === 'wasm') t.ok(r.notes.some((n) => n.startsWith('gpu (WebGL): ')), 'it fell back from gpu (WebGL), saying why');
  t.deepEqual(r.predicted, ref.predicted, `${wanted}: predictions on ${N} test digits equal dpnn ram eval's`);
  const wrong = r.predicted.filter((p, i) => p !== ref.labels[i]).length;
  t.equal((100 * wrong) / N, ref.error, `${wanted}: test error ${((100 * wrong) / N).toFixed(1)}% = eval's ${ref.error.toFixed(1)}%`);
  t.deepEqual(run.console, [], `${wanted}: no console warning or error`);
}

if (!chromium) {
  if (webglRequired) test('live RAM page: Chromium available', (t) => { t.fail('no chromium on PATH (apt-get install chromium)'); t.end(); });
  else {
    console.log('# SKIP live RAM page: no chromium on PATH (apt-get install chromium)');
    test('live RAM page: skipped (no chromium)', { skip: true }, () => {});
  }
} else if (!existsSync(demoModel)) {
  console.log(`# SKIP live RAM page: ${demoModel} is not in this checkout`);
  test('live RAM page: skipped (no shipped model)', { skip: true }, () => {});
} else {
  const exe = chromium;
  test(`live RAM page in headless ${exe}: gpu (WebGL), and wasm without WebGL; predictions = dpnn ram eval; screenshot in docs/demo.png`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'dpnn-demo-'));
    try {
      const t0 = Date.now();
      await buildDemo(dir);
      const ref = await reference(N); // before serving: it holds the event loop
      const { server, url } = await serveDir(dir);
      try {
        const shot = join(dir, 'demo.png');
        const gl = await runPage(exe, `${url}?report&still=3&limit=${N}`, { flags: swiftShaderWebGL, screenshot: shot, size: [1100, 720], timeoutMs: 90_000 });
        check(t, gl, 'gpu (WebGL)', ref);
        t.ok(existsSync(shot), 'Chromium took a screenshot');
        if (existsSync(shot) && gl.done) copyFileSync(shot, 'docs/demo.png');
        const wasm = await runPage(exe, `${url}?report&limit=${N}`, { flags: ['--disable-3d-apis'], timeoutMs: 60_000 });
        check(t, wasm, 'wasm', ref);
        console.log(`# ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } finally {
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
