import test from 'tape';
import { Generator, manualSeed, rng, getRNGState, setRNGState } from '../../index.js';

test('Generator is deterministic for a seed and restorable', (t) => {
  manualSeed(42);
  const a = [rng.random(), rng.normal(), rng.uniform(-1, 1)];
  manualSeed(42);
  t.deepEqual([rng.random(), rng.normal(), rng.uniform(-1, 1)], a);
  const s = getRNGState();
  const next = rng.random();
  setRNGState(s);
  t.equal(rng.random(), next, 'state round-trips');
  t.end();
});

test('Generator statistics: uniform, normal, bernoulli, categorical', (t) => {
  const g = new Generator(7);
  const n = 100000;
  let su = 0, sn = 0, sn2 = 0, sb = 0;
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    su += g.random();
    const z = g.normal(2, 3);
    sn += z;
    sn2 += z * z;
    sb += g.bernoulli(0.3);
    counts[g.categorical([0.2, 0.5, 0.3])]!++;
  }
  const mean = sn / n, std = Math.sqrt(sn2 / n - mean * mean);
  t.ok(Math.abs(su / n - 0.5) < 0.01, `uniform mean ${su / n}`);
  t.ok(Math.abs(mean - 2) < 0.05, `normal mean ${mean}`);
  t.ok(Math.abs(std - 3) < 0.05, `normal std ${std}`);
  t.ok(Math.abs(sb / n - 0.3) < 0.01, `bernoulli mean ${sb / n}`);
  [0.2, 0.5, 0.3].forEach((p, i) => t.ok(Math.abs(counts[i]! / n - p) < 0.01, `categorical ${i}: ${counts[i]! / n}`));
  t.end();
});
