/** docs/catalog.md is current, and every class of Torch's catalog is exported or has a reason. */
import test from 'tape';
import { readFileSync } from 'node:fs';
import { catalogRows, NOT_PORTED, renderCatalog } from './helpers/catalogDoc.js';

test('docs/catalog.md is generated from the catalog and the exports', (t) => {
  t.equal(readFileSync('docs/catalog.md', 'utf8'), renderCatalog(), 'regenerate with: node --import tsx test/helpers/catalogDoc.ts --write');
  t.end();
});

test('every catalog class is exported, or not ported with a reason', (t) => {
  const rows = catalogRows();
  const silent = rows.filter((r) => !r.ported && !NOT_PORTED[r.name]).map((r) => r.name);
  const stale = Object.keys(NOT_PORTED).filter((n) => rows.some((r) => r.name === n && r.ported));
  t.deepEqual(silent, [], `${rows.filter((r) => r.ported).length} of ${rows.length} ported; without export or reason: ${silent.join(', ') || 'none'}`);
  t.deepEqual(stale, [], 'no reason left for a class that is exported');
  t.end();
});
