import test from 'tape';
import { checkModuleGradients, checkCriterionGradients } from '../lib/testing/index.js';
import { criterionCases, moduleCases } from './gradcheck-cases.js';
import * as nn from '../index.js';
import { manualSeed } from '../index.js';
import { rand } from './helpers/random.js';

const TOL = 1e-5;

for (const c of moduleCases) {
  test(`gradient check: ${c.name} (${c.label})`, (t) => {
    manualSeed(1);
    const r = checkModuleGradients(c.build(), c.input(), c.opts);
    t.ok(r.inputError < TOL, `gradInput relative error ${r.inputError.toExponential(2)} < ${TOL}`);
    t.ok(r.paramError < TOL, `gradParams relative error ${r.paramError.toExponential(2)} < ${TOL}`);
    t.ok(r.checked > 0, `${r.checked} elements checked`);
    t.end();
  });
}

for (const c of criterionCases) {
  test(`gradient check: ${c.name} (${c.label})`, (t) => {
    const r = checkCriterionGradients(c.build(), c.input(), c.target());
    t.ok(r.inputError < TOL, `gradInput relative error ${r.inputError.toExponential(2)} < ${TOL}`);
    t.end();
  });
}

test('the checker catches a wrong gradient', (t) => {
  // A Linear whose gradInput is scaled by 1.01 must fail the check.
  const m = new nn.Linear(5, 3), input = rand([4, 5]);
  const orig = m.updateGradInput.bind(m);
  m.updateGradInput = (x, g) => {
    const gi = orig(x, g);
    const d = (gi as import('../index.js').Tensor).data;
    for (let i = 0; i < d.length; i++) d[i]! *= 1.01;
    return gi;
  };
  const r = checkModuleGradients(m, input);
  t.ok(r.inputError > 1e-3, `a 1% error is detected (${r.inputError.toExponential(2)})`);
  t.end();
});
