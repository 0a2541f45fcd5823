/** The shipped model: `dpnn ram eval` on models/ram-mnist.safetensors gives the test error that docs/results.md states. */
import test from 'tape';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const model = 'models/ram-mnist.safetensors';

if (!existsSync(model)) {
  console.log(`# SKIP ${model} is not in this checkout`);
  test('shipped model', { skip: true }, () => {});
} else {
  test('shipped model: under 2 MB, its eval matches docs/results.md', (t) => {
    t.ok(statSync(model).size < 2 * 2 ** 20, `${statSync(model).size} bytes`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/dpnn.ts', 'ram', 'eval', '--checkpoint', model, '--json'], { encoding: 'utf8' });
    t.equal(r.status, 0, r.stderr.split('\n')[0]);
    const got = (JSON.parse(r.stdout) as { testError: number; examples: number });
    t.equal(got.examples, 10000, 'the whole standard test set');
    const row = readFileSync('docs/results.md', 'utf8').split('\n').find((l) => l.startsWith('| mnist |'));
    const stated = Number(/\*\*([\d.]+)%\*\*/.exec(row ?? '')?.[1]);
    t.equal(got.testError.toFixed(2), stated.toFixed(2), `eval ${got.testError.toFixed(2)}% = results.md ${stated}%`);
    t.end();
  });
}
