/**
 * `npm run docs` builds the API reference with TypeDoc (tools/apidoc, with its own TypeScript 5:
 * TypeDoc needs TypeScript's JavaScript compiler API, which the repository's TypeScript 7 lacks).
 * Built here into a temporary folder; the pages of the main classes must exist and carry their
 * file banners, and the repository's own tsc must stay TypeScript 7.
 */
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** A page's visible text, tags and entities dropped. */
function text(file: string): string {
  return readFileSync(file, 'utf8').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');
}

test('npm run docs builds the API reference', (t) => {
  const out = mkdtempSync(join(tmpdir(), 'dpnn-apidoc-'));
  try {
    const t0 = Date.now();
    let log = '', ok = true;
    try {
      log = execFileSync(npm, ['run', 'docs', '--', '--out', out], { encoding: 'utf8', stdio: 'pipe', timeout: 180000, env: { ...process.env, FORCE_COLOR: '0' } });
    } catch (e) {
      ok = false;
      log = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? String(e)}`;
    }
    t.ok(ok, ok ? `typedoc ran in ${((Date.now() - t0) / 1000).toFixed(1)} s` : log.slice(-3000));
    t.notOk(/\[error\]/.test(log), 'no TypeDoc error');
    const pages: [file: string, expected: string][] = [
      ['index.html', 'dpnn-ts'],
      ['modules/dpnn-ts.html', "Torch7's nn + dpnn + rnn in TypeScript"],
      ['classes/dpnn-ts.Linear.html', 'Ref: torch/nn Linear.lua'],
      ['classes/dpnn-ts.Sequential.html', 'Ref: torch/nn Sequential.lua'],
      ['classes/dpnn-ts.Tensor.html', 'Storage'],
      ['classes/dpnn-ts.ClassNLLCriterion.html', 'ClassNLLCriterion.lua'],
      ['modules/dpnn-ts_testing.html', 'checkModuleGradients'],
    ];
    for (const [file, expected] of pages) {
      const path = join(out, file);
      t.ok(existsSync(path) && text(path).includes(expected), `${file} exists and says '${expected}'`);
    }
    const linear = existsSync(join(out, 'classes/dpnn-ts.Linear.html')) ? text(join(out, 'classes/dpnn-ts.Linear.html')) : '';
    t.ok(/Defined in modules\/Linear\.ts:\d+/.test(linear), 'Linear names its source file');
    t.ok(/updateOutput/.test(linear) && /inputSize : number/.test(linear), "Linear's page lists its constructor and methods");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  t.end();
});

test("the repository's tsc stays TypeScript 7 (TypeDoc's TypeScript 5 is nested in tools/apidoc)", (t) => {
  t.equal(execFileSync('node_modules/.bin/tsc', ['--version'], { encoding: 'utf8' }).trim(), 'Version 7.0.2', 'node_modules/.bin/tsc --version');
  const nested = JSON.parse(readFileSync('tools/apidoc/node_modules/typescript/package.json', 'utf8')) as { version: string };
  t.ok(/^5\./.test(nested.version), `tools/apidoc/node_modules/typescript is ${nested.version}`);
  t.end();
});
