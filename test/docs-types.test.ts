/**
 * Every ```ts block of README.md and docs/*.md type-checks under `tsc --strict`, as a user's
 * project compiles it: each block is a module in a scratch folder whose tsconfig maps 'dpnn-ts'
 * and 'dpnn-ts/testing' onto the repository's sources (`paths`); one tsc run checks them all.
 */
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve('.');
const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f))];
const snippets = files.flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({ file, index: i + 1, code: m[1]! })));

test('every ts example of README.md and docs/*.md compiles under tsc --strict (no casts needed)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-docs-types-'));
  try {
    const names = snippets.map((s) => {
      const name = `${s.file.replace(/[/.]/g, '_')}_${s.index}.ts`;
      writeFileSync(join(dir, name), `${s.code}\nexport {};\n`);
      return name;
    });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true,
        noImplicitOverride: true, skipLibCheck: true, noEmit: true, types: ['node'], typeRoots: [join(repo, 'node_modules/@types')],
        paths: { 'dpnn-ts': [join(repo, 'index.ts')], 'dpnn-ts/testing': [join(repo, 'lib/testing/index.ts')] },
      },
      files: names,
    }));
    let out = '';
    try {
      execFileSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '--pretty', 'false', '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe', timeout: 180_000 });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      out = `${err.stdout ?? ''}${err.stderr ?? ''}` || String(e);
    }
    const errors = out.split('\n').filter((l) => /error TS\d+/.test(l));
    const bySnippet = new Map<string, string[]>();
    for (const line of errors) {
      const file = line.split('(')[0]!, name = file.slice(file.lastIndexOf('/') + 1);
      const s = snippets[names.indexOf(name)];
      const key = s ? `${s.file} example ${s.index}` : 'the library (reached from an example)';
      bySnippet.set(key, [...(bySnippet.get(key) ?? []), line.slice(line.indexOf('error TS'))]);
    }
    t.ok(snippets.length > 20, `${snippets.length} examples found`);
    t.equal(out === '' ? 0 : Math.max(errors.length, 1), 0, out === '' ? `${snippets.length} examples compile` : [...bySnippet].map(([k, v]) => `${k}: ${v.join('; ')}`).join('\n') || out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});
