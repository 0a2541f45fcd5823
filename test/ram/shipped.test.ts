/**
 * The shipped models: `dpnn ram eval --checkpoint F --json` on each models/ram-*.safetensors that
 * docs/results.md lists in its table of shipped models gives the deterministic test error stated there.
 */
import test from 'tape';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const rows = readFileSync('docs/results.md', 'utf8').split('\n')
  .map((l) => /^\| ([\w-]+) \| `(models\/ram-[\w-]+\.safetensors)` \| \*\*([\d.]+)%\*\* \|/.exec(l))
  .filter((m): m is RegExpExecArray => m !== null);

test('docs/results.md lists the shipped MNIST model', (t) => {
  t.ok(rows.some((m) => m[2] === 'models/ram-mnist.safetensors'), `shipped rows: ${rows.map((m) => m[2]).join(', ')}`);
  t.end();
});

for (const [, dataset, model, stated] of rows) {
  if (!existsSync(model!)) {
    console.log(`# SKIP ${model} is not in this checkout`);
    test(`shipped model ${model}`, { skip: true }, () => {});
    continue;
  }
  test(`shipped model ${model}: under 2 MB, its eval matches docs/results.md`, (t) => {
    t.ok(statSync(model!).size < 2 * 2 ** 20, `${statSync(model!).size} bytes`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/dpnn.ts', 'ram', 'eval', '--checkpoint', model!, '--json'], { encoding: 'utf8' });
    t.equal(r.status, 0, r.stderr.split('\n')[0]);
    const got = (JSON.parse(r.stdout) as { testError: number; examples: number; dataset?: string });
    t.equal(got.examples, 10000, `the whole standard test set of ${dataset}`);
    t.equal(got.testError.toFixed(2), Number(stated).toFixed(2), `eval ${got.testError.toFixed(2)}% = results.md ${stated}%`);
    t.end();
  });
}
