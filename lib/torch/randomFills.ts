/**
 * Random-fill rows of the op table: `x.uniform(a, b)`, `normal`, `bernoulli`, `random`,
 * `exponential`, `geometric`, `cauchy`, `logNormal` fill x in place from the seeded generator
 * (`torch.manualSeed`). Integer draws are 0-based: `random(n)` is uniform on 0..n−1 (Torch's is
 * 1..n); `random(a, b)` keeps Torch's inclusive a..b. Ref: torch7 TensorRandom.lua, THRandom.c.
 */
import type { Tensor } from '../Tensor.js';
import { ArgumentError } from '../errors.js';
import { backend } from '../kernels/backend.js';
import { rng } from '../random.js';
import { declareOps, implementOps, type Res } from './opTable.js';
import { into, one } from './util.js';

type T = Tensor;
const F = { self: 'result', fn: false, full: false } as const;

export const randomDecls = declareOps({
  uniform: { ...F, forms: ['t', 'tn', 'tnn'], doc: 'fills with U(a, b) (default a = 0, b = 1)' },
  normal: { ...F, forms: ['t', 'tn', 'tnn'], doc: 'fills with N(mean, std²) (default 0, 1)' },
  bernoulli: { ...F, forms: ['t', 'tn', 'tt'], doc: 'fills with 1 with probability p (default 0.5; a tensor: elementwise), else 0' },
  random: { ...F, forms: ['t', 'tn', 'tnn'], doc: 'integers: `random(n)` uniform on 0..n−1 (0-based; Torch: 1..n), `random(a, b)` on a..b inclusive, `random()` on 0..2³²−1' },
  exponential: { ...F, forms: ['t', 'tn'], doc: 'fills with Exp(λ) (default λ = 1)' },
  geometric: { ...F, forms: ['tn'], doc: 'fills with the number of Bernoulli(p) trials up to the first success (1, 2, …)' },
  cauchy: { ...F, forms: ['t', 'tn', 'tnn'], doc: 'fills with Cauchy(median, σ) (default 0, 1)' },
  logNormal: { ...F, forms: ['t', 'tn', 'tnn'], doc: 'fills with a log-normal of the given mean and std (default 1, 2), as Torch parametrises it' },
});

/** Fills res in row-major order with draws. */
function draws(res: Res, draw: () => number): T {
  const out = one(res)!;
  return into(out, (o) => {
    const d = o.data, off = o.offset, n = o.numel();
    for (let i = 0; i < n; i++) d[off + i] = draw();
  });
}

export const randomImpls = implementOps(randomDecls, {
  uniform: (res: Res, _x: T, a = 0, b = 1) => into(one(res)!, (o) => backend().randomUniform(o, rng, a, b)),
  normal: (res: Res, _x: T, mean = 0, std = 1) => into(one(res)!, (o) => backend().randomNormal(o, rng, mean, std)),
  bernoulli: (res: Res, _x: T, p: number | T = 0.5) => {
    if (typeof p === 'number') return into(one(res)!, (o) => backend().randomBernoulli(o, rng, p));
    const pc = p.contiguous();
    return into(one(res)!, (o) => backend().bernoulliFrom(o, pc, rng));
  },
  random: (res: Res, _x: T, a?: number, b?: number) => {
    if (a === undefined) return draws(res, () => rng.nextUint32());
    const [lo, hi] = b === undefined ? [0, a - 1] : [a, b];
    if (!(hi >= lo)) throw new ArgumentError(`Tensor.random: expected a non-empty range, got ${lo}..${hi}`);
    return draws(res, () => lo + rng.randint(hi - lo + 1));
  },
  exponential: (res: Res, _x: T, lambda = 1) => draws(res, () => -Math.log(1 - rng.random()) / lambda),
  geometric: (res: Res, _x: T, p: number) => {
    if (!(p > 0 && p <= 1)) throw new ArgumentError(`Tensor.geometric: expected a probability in (0, 1], got ${p}`);
    return draws(res, () => (p === 1 ? 1 : Math.floor(Math.log(1 - rng.random()) / Math.log(1 - p)) + 1));
  },
  cauchy: (res: Res, _x: T, median = 0, sigma = 1) => draws(res, () => median + sigma * Math.tan(Math.PI * (rng.random() - 0.5))),
  logNormal: (res: Res, _x: T, mean = 1, std = 2) => {
    const zm = mean * mean, zs = std * std;
    const mu = Math.log(zm / Math.sqrt(zs + zm)), sigma = Math.sqrt(Math.log(zs / zm + 1));
    return draws(res, () => Math.exp(rng.normal(mu, sigma)));
  },
});
