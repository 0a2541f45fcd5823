/** Every ```ts block of README.md and docs/*.md runs without error (docs are executable). */
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const files = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => join('docs', f))];
const dir = '.docs-run';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);

for (const file of files) {
  const blocks = [...readFileSync(file, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  blocks.forEach((code, i) => {
    test(`${file} example ${i + 1} runs`, (t) => {
      const name = `${file.replace(/[/.]/g, '_')}_${i}.ts`, path = join(dir, name);
      writeFileSync(path, code);
      try {
        execFileSync(process.execPath, ['--import', 'tsx', name], { encoding: 'utf8', stdio: 'pipe', timeout: 60000, cwd: dir }); // files an example writes stay in the scratch folder
        t.pass('ran');
      } catch (e) {
        t.fail(`${(e as { stderr?: string }).stderr ?? String(e)}`);
      }
      t.end();
    });
  });
}
test.onFinish(() => rmSync(dir, { recursive: true, force: true }));
