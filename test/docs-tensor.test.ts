/** docs/tensor.md lists every op of the table (regenerated from the rows) and every method of the Tensor class. */
import test from 'tape';
import { readFileSync } from 'node:fs';
import { Tensor } from '../index.js';
import { currentBlock, renderOpTable } from './helpers/tensorDoc.js';

const text = readFileSync('docs/tensor.md', 'utf8');

test('docs/tensor.md: the op table is current', (t) => {
  t.equal(currentBlock(text), renderOpTable(), 'regenerate with: node --import tsx test/helpers/tensorDoc.ts --write');
  t.end();
});

test('docs/tensor.md: every public method of Tensor is documented', (t) => {
  const internal = new Set(['constructor', 'checkDim', 'checkIndex', 'sameShape', 'setView', 'to', 'retype', 'nd', 'inferShape', 'offsetOf']);
  const own = Object.getOwnPropertyNames(Tensor.prototype).filter((n) => !internal.has(n) && !n.startsWith('_'));
  const missing = own.filter((n) => !text.includes(`\`${n}(`) && !text.includes(`\`${n}\``) && !text.includes(`.${n}(`));
  t.deepEqual(missing, [], `${own.length} methods; undocumented: ${missing.join(', ') || 'none'}`);
  t.end();
});
