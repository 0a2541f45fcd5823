/** The package as users import it: `dpnn-ts` and `dpnn-ts/testing` (built by npm install / npm test). */
import test from 'tape';
import { execFileSync } from 'node:child_process';

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
