/**
 * The gpu backend in a real browser, in both gpu.js modes: test/backends/browserCheck.ts bundled
 * with esbuild into one page and run by headless Chromium on SwiftShader (WebGL through ANGLE, and
 * WebGPU through Vulkan: no GPU needed). Without a Chromium the file is a printed skip, unless
 * DPNN_REQUIRE_GPU is 1 or names 'webgl'.
 */
import test from 'tape';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const required = process.env.DPNN_REQUIRE_GPU === '1' || (process.env.DPNN_REQUIRE_GPU ?? '').split(',').includes('webgl');
const browser = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);

interface Check { name: string; err: number; tol: number }

/** Chromium's switches for each mode: SwiftShader behind WebGL (ANGLE) or behind WebGPU (Vulkan). */
const modeFlags = {
  webgl: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  webgpu: ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'],
} as const;

async function runPage(exe: string, mode: keyof typeof modeFlags): Promise<{ adapter: string; checks: Check[]; error: string; done: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-browser-'));
  try {
    const bundle = await build({ entryPoints: ['test/backends/browserCheck.ts'], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'error' });
    const js = bundle.outputFiles[0]!.text.replaceAll('</script>', '<\\/script>');
    writeFileSync(join(dir, 'page.html'), `<!doctype html><html><body><script type="module">${js}</script></body></html>`);
    const args = ['--headless', '--no-sandbox', ...modeFlags[mode], '--enable-logging=stderr', '--v=0',
      `--user-data-dir=${join(dir, 'profile')}`, `file://${join(dir, 'page.html')}#${mode}`];
    const res = { adapter: '', checks: [] as Check[], error: '', done: false };
    await new Promise<void>((resolve) => {
      const p = spawn(exe, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const timer = setTimeout(() => { res.error ||= 'timed out after 300 s'; p.kill('SIGKILL'); }, 300_000);
      let buf = '';
      p.stderr.on('data', (d: Buffer) => {
        buf += d.toString();
        let nl;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          const m = /"DPNN-(\w+) ?(.*)", source:/.exec(line);
          if (!m) continue;
          const body = m[2]!.replaceAll('\\"', '"');
          if (m[1] === 'CHECK') res.checks.push(JSON.parse(body) as Check);
          else if (m[1] === 'ADAPTER') res.adapter = body;
          else if (m[1] === 'ERROR') { res.error = body; p.kill(); }
          else if (m[1] === 'DONE') { res.done = true; p.kill(); }
        }
      });
      p.on('close', () => { clearTimeout(timer); resolve(); });
    });
    return res;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!browser) {
  if (required) test('gpu backend in a browser: Chromium available', (t) => { t.fail('no chromium on PATH (apt-get install chromium)'); t.end(); });
  else {
    console.log('# SKIP gpu backend in a browser unavailable: no chromium on PATH (apt-get install chromium)');
    test('gpu backend in a browser: skipped (no chromium)', { skip: true }, () => {});
  }
} else {
  for (const mode of ['webgl', 'webgpu'] as const) {
    test(`gpu backend (${mode}) in headless ${browser} on SwiftShader: parity with the js backend`, async (t) => {
      const r = await runPage(browser, mode);
      console.log(`# adapter: ${r.adapter}`);
      t.equal(r.error, '', 'the page ran without an error');
      t.ok(r.done, 'the page finished');
      t.ok(r.checks.length > 200, `${r.checks.length} checks reported`);
      for (const c of r.checks) t.ok(c.err <= c.tol, `${c.name}: relative error ${c.err.toExponential(2)} ≤ ${c.tol}`);
    });
  }
}
