import test from 'tape';
import * as nn from '../index.js';
import { criterionCases, moduleCases, noCheck } from './gradcheck-cases.js';

test('every exported module and criterion has a gradient check or a stated reason', (t) => {
  const checked = new Set([...moduleCases, ...criterionCases].map((c) => c.name));
  for (const [name, value] of Object.entries(nn)) {
    if (typeof value !== 'function') continue;
    const proto: unknown = value.prototype;
    const isModule = proto instanceof nn.Module || value === nn.Module;
    const isCriterion = proto instanceof nn.Criterion || value === nn.Criterion;
    if (!isModule && !isCriterion) continue;
    t.ok(checked.has(name) || name in noCheck, `${name}: ${checked.has(name) ? 'gradient-checked' : noCheck[name] ?? 'NO CHECK'}`);
  }
  t.end();
});
