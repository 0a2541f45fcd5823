/**
 * torch/optim's derivative-free optimizers, cmaes and de, and the Jacobi symeig behind cmaes.
 * Budgets and results are those measured with `node --import tsx test/optim/functional-evolution.test.ts`
 * and a probe over seeds 1–20 (each run right after torch.manualSeed): cmaes (sigma 0.5) reaches
 * f < 1e-10 on the shifted 10-D sphere in 1530–1750 evaluations and on 2-D Rosenbrock in 468–804;
 * de with popsize 10·D reaches f < 1e-10 on the sphere by evaluation 5917–6840 in 19 of 20 seeds, and
 * with Lua's test_de.lua settings on Rosenbrock by 1504–2519 in 15 of 20 (DE/best/1 stagnates in
 * the rest).
 */
import test from 'tape';
import { torch, Tensor, ArgumentError } from '../../index.js';
import { cmaes, type Opfunc } from '../../optim/functional/cmaes.js';
import { de } from '../../optim/functional/de.js';
import { symeig } from '../../lib/torch/symeig.js';

const D64 = (v: number[] | number[][]) => torch.DoubleTensor(v);
const shift = Array.from({ length: 10 }, (_, i) => i / 10 - 0.45);
const sphere = (x: Tensor): number => shift.reduce((s, c, i) => s + (x.get(i) - c) ** 2, 0);
const sphere2 = (x: Tensor): number => x.dot(x);
const rosenbrock = (x: Tensor): number => 100 * (x.get(1) - x.get(0) ** 2) ** 2 + (1 - x.get(0)) ** 2;
const distTo = (x: Tensor, target: number[]) => Math.hypot(...Array.from(x.toArray(), (v, i) => v - target[i]!));
const throwsArg = (f: () => unknown, where: string) => {
  try {
    f();
  } catch (e) {
    return e instanceof ArgumentError && e.message.startsWith(`${where}: `);
  }
  return false;
};

/** ‖A·V − V·diag(e)‖_max and ‖VᵀV − I‖_max. */
function eigResiduals(a: Tensor, e: Tensor, V: Tensor): [number, number] {
  const n = a.size(0);
  const AV = a.mm(V), VtV = V.t().mm(V);
  let r = 0, o = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      r = Math.max(r, Math.abs(AV.get(i, k) - V.get(i, k) * e.get(k)));
      o = Math.max(o, Math.abs(VtV.get(i, k) - (i === k ? 1 : 0)));
    }
  }
  return [r, o];
}

test('symeig: hand-computed 2×2 and 3×3, A·V = V·diag(e) on random symmetric matrices, upper triangle read', (t) => {
  const [e2, V2] = symeig(D64([[2, 1], [1, 2]]));
  t.deepEqual(Array.from(e2.toArray(), (v) => +v.toFixed(12)), [1, 3], '[[2, 1], [1, 2]]: eigenvalues 1, 3, ascending');
  t.ok(Math.abs(Math.abs(V2.get(0, 0)) - Math.SQRT1_2) < 1e-12 && Math.abs(V2.get(0, 0) + V2.get(1, 0)) < 1e-12, 'λ = 1: ±[1, −1]/√2');
  t.ok(Math.abs(V2.get(0, 1) - V2.get(1, 1)) < 1e-12 && Math.abs(Math.abs(V2.get(0, 1)) - Math.SQRT1_2) < 1e-12, 'λ = 3: ±[1, 1]/√2');

  const a3 = D64([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
  const [e3, V3] = symeig(a3);
  const want = [2 - Math.SQRT2, 2, 2 + Math.SQRT2];
  t.ok(want.every((w, k) => Math.abs(e3.get(k) - w) < 1e-12), 'tridiagonal [2, −1]: 2 − √2, 2, 2 + √2');
  const v0 = [0.5, Math.SQRT1_2, 0.5], s = Math.sign(V3.get(0, 0));
  t.ok(v0.every((v, i) => Math.abs(s * V3.get(i, 0) - v) < 1e-12), 'its first eigenvector ±[1, √2, 1]/2');
  t.ok(Math.abs(V3.get(1, 1)) < 1e-12, 'the middle eigenvector ±[1, 0, −1]/√2 has a zero middle');

  const [eI, VI] = symeig(torch.eye(3).double());
  t.deepEqual([Array.from(eI.toArray()), Array.from(VI.toArray())], [[1, 1, 1], Array.from(torch.eye(3).double().toArray())], 'identity: no rotation');
  const [ez] = symeig(torch.DoubleTensor(2, 2));
  t.deepEqual(Array.from(ez.toArray()), [0, 0], 'zero matrix');
  const [eu] = symeig(D64([[1, 5], [-7, 1]]));
  t.ok(Math.abs(eu.get(0) + 4) < 1e-12 && Math.abs(eu.get(1) - 6) < 1e-12, 'reads the upper triangle only (as LAPACK "U"): [[1, 5], [·, 1]] → −4, 6');
  t.equal(symeig(torch.FloatTensor([[3]]))[1].dtype, 'float64', 'a FloatTensor in, DoubleTensors out');

  torch.manualSeed(3);
  let worst = 0, worstOrth = 0, ascending = true;
  for (const n of [2, 3, 5, 8, 12]) {
    const r = torch.randn(n, n).double();
    const a = torch.add(r, r.t().contiguous());
    const [e, V] = symeig(a);
    const [res, orth] = eigResiduals(a, e, V);
    worst = Math.max(worst, res / a.abs().max());
    worstOrth = Math.max(worstOrth, orth);
    for (let k = 1; k < n; k++) ascending &&= e.get(k - 1) <= e.get(k);
  }
  t.ok(worst < 1e-13, `random symmetric n = 2…12: max |A·V − V·diag(e)| / max |A| < 1e-13 (got ${worst.toExponential(1)})`);
  t.ok(worstOrth < 1e-13, `VᵀV = I to 1e-13 (got ${worstOrth.toExponential(1)})`);
  t.ok(ascending, 'eigenvalues ascending');
  t.ok(throwsArg(() => symeig(torch.DoubleTensor(2, 3)), 'torch.symeig'), 'non-square: ArgumentError');
  t.end();
});

test('optim.cmaes: sphere and Rosenbrock within budget, seeded repeatability, covariance adapts, Lua contract', (t) => {
  torch.manualSeed(1);
  const [xs, fs, ns] = cmaes(sphere, torch.DoubleTensor(10), { sigma: 0.5, ftarget: 1e-10 });
  t.ok(ns <= 2000 && fs.at(-1)! < 1e-10, `shifted 10-D sphere: f < 1e-10 within 2000 evaluations (seed 1: ${ns}; seeds 1–20: 1530–1750)`);
  t.ok(distTo(xs, shift) < 1e-4, `…at the shift to 1e-4 (got ${distTo(xs, shift).toExponential(1)})`);
  t.deepEqual(xs.size(), [10], 'xbest is flat, of x\'s size');

  torch.manualSeed(1);
  const [xr, fr, nr] = cmaes(rosenbrock, torch.DoubleTensor(2), { sigma: 0.5, ftarget: 1e-10 });
  t.ok(nr <= 1000 && fr.at(-1)! < 1e-10, `2-D Rosenbrock: f < 1e-10 within 1000 evaluations (seed 1: ${nr}; seeds 1–20: 468–804)`);
  t.ok(distTo(xr, [1, 1]) < 1e-4, `…at (1, 1) to 1e-4 (got ${distTo(xr, [1, 1]).toExponential(1)})`);
  t.equal(fr[0], 1, 'fHistory[0] = f(x0) = f(0, 0) = 1');
  t.equal(fr.length, nr / 6 + 2, 'fHistory: f(x0), one best per iteration (λ = 6 in 2-D), the best overall');
  t.equal(fr.at(-1), Math.min(...fr.slice(1, -1)), 'the last entry is the best of the iterations');

  torch.manualSeed(5);
  const a = cmaes(rosenbrock, torch.DoubleTensor(2), { sigma: 0.5, maxEval: 300 });
  torch.manualSeed(5);
  const b = cmaes(rosenbrock, torch.DoubleTensor(2), { sigma: 0.5, maxEval: 300 });
  t.deepEqual([Array.from(a[0].toArray()), a[1], a[2]], [Array.from(b[0].toArray()), b[1], b[2]], 'same seed, same run');
  torch.manualSeed(6);
  t.notDeepEqual(cmaes(rosenbrock, torch.DoubleTensor(2), { sigma: 0.5, maxEval: 300 })[1], a[1], 'another seed, another run');
  t.equal(a[2], 300, 'maxEval = 300 with λ = 6: 50 iterations, 300 evaluations');

  // covariance: after the ill-conditioned ellipsoid Σ 10^(4i/3)·x_i² (N = 4, Hessian condition 1e4), the
  // trace-normalised scatter of each iteration's λ = 8 candidates, pooled over 25 iterations, estimates C's shape
  const N = 4, lambda = 8, coef = Array.from({ length: N }, (_, i) => 10 ** ((4 * i) / (N - 1)));
  const axisRatio = (seen: number[][], from: number, to: number) => {
    const S = torch.DoubleTensor(N, N);
    for (let it = from; it < to; it++) {
      const rows = seen.slice(it * lambda, (it + 1) * lambda);
      const m = Array.from({ length: N }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / lambda);
      const M = torch.DoubleTensor(N, N);
      for (const r of rows) { const d = D64(r.map((v, j) => v - m[j]!)); M.addr(d, d); }
      let tr = 0;
      for (let j = 0; j < N; j++) tr += M.get(j, j);
      S.add(1 / tr, M);
    }
    const [e] = symeig(S);
    return e.get(N - 1) / e.get(0);
  };
  const early: number[] = [], late: number[] = [];
  for (let seed = 1; seed <= 5; seed++) {
    torch.manualSeed(seed);
    const seen: number[][] = [];
    let calls = 0;
    const ellipsoid: Opfunc = (x) => {
      const v = Array.from(x.toArray()); // candidates are views into a reused buffer: copy now
      if (calls++ > 0) seen.push(v); // call 0 is f(x0)
      return v.reduce((s, xi, i) => s + coef[i]! * xi * xi, 0);
    };
    cmaes(ellipsoid, torch.DoubleTensor(N).fill(1), { sigma: 0.5, ftarget: 1e-10 });
    const iters = seen.length / lambda;
    early.push(axisRatio(seen, 0, 25));
    late.push(axisRatio(seen, iters - 25, iters));
  }
  t.ok(Math.max(...early) < 10, `C = I at first: the first 25 iterations' eigenvalue ratio < 10 (seeds 1–5: ${early.map((r) => r.toFixed(1)).join(', ')})`);
  t.ok(Math.min(...late) > 1e3 && Math.max(...late) < 1e5, `C ∝ H⁻¹ at the end: the last 25 iterations' ratio in (1e3, 1e5), the Hessian's being 1e4 (${late.map((r) => r.toExponential(1)).join(', ')})`);

  const shapes: string[] = [];
  torch.manualSeed(1);
  const [x2, , n2] = cmaes((x) => { shapes.push(x.size().join('x')); return [torch.pow(x, 2).sum(), null]; }, torch.FloatTensor(2, 3).fill(1), { sigma: 1, maxEval: 18 });
  t.ok(shapes.every((s) => s === '2x3') && shapes.length === 1 + n2, 'opfunc sees x\'s shape; a [f, df] result is accepted; f(x0) is not counted');
  t.deepEqual([x2.size(), x2.dtype], [[6], 'float32'], 'xbest flat, in x\'s type (as Lua)');

  t.ok(throwsArg(() => cmaes(sphere, [1, 2] as unknown as Tensor, { sigma: 1 }), 'optim.cmaes'), 'x not a tensor: ArgumentError');
  t.ok(throwsArg(() => cmaes(sphere, torch.LongTensor([1, 2]), { sigma: 1 }), 'optim.cmaes'), 'LongTensor x: ArgumentError');
  t.ok(throwsArg(() => cmaes(sphere, torch.DoubleTensor(2)), 'optim.cmaes'), 'no sigma (Lua has no default): ArgumentError');
  t.ok(throwsArg(() => cmaes(sphere, torch.DoubleTensor(2), { sigma: 1, popsize: 1 }), 'optim.cmaes'), 'popsize 1: ArgumentError');
  t.ok(throwsArg(() => cmaes(() => 'a' as unknown as number, torch.DoubleTensor(2), { sigma: 1 }), 'optim.cmaes'), 'opfunc not returning a number: ArgumentError');
  t.end();
});

test('optim.de: sphere and Rosenbrock within budget, seeded repeatability, Lua quirks', (t) => {
  torch.manualSeed(1);
  const [xs, fs] = de(sphere, torch.DoubleTensor(10), { scaleFactor: 0.5, crossoverRate: 0.9, maxFEs: 10000 });
  t.equal(fs.size(0), 10000, 'fHistory holds all maxFEs evaluations (default popsize 10·D = 100)');
  t.ok(sphere(xs) < 1e-10 && distTo(xs, shift) < 1e-5, `shifted 10-D sphere: f < 1e-10 within 10000 evaluations (seed 1: ${sphere(xs).toExponential(1)}; seeds 1–20: below 1e-10 by evaluation 5917–6840 in 19)`);

  torch.manualSeed(1);
  const lua = { popsize: 50, scaleFactor: 0.5, crossoverRate: 0.9, maxFEs: 3000 }; // torch/optim's test_de.lua
  const [xr, fr] = de(rosenbrock, torch.DoubleTensor(2), lua);
  t.ok(distTo(xr, [1, 1]) < 1e-6, `2-D Rosenbrock, Lua's test settings: at (1, 1) to 1e-6 within 3000 evaluations (seed 1: ${distTo(xr, [1, 1]).toExponential(1)})`);
  t.equal(fr.dtype, 'float64', 'fHistory is a tensor of x\'s type');
  let solved = 0;
  for (let seed = 1; seed <= 20; seed++) {
    torch.manualSeed(seed);
    if (distTo(de(rosenbrock, torch.DoubleTensor(2), lua)[0], [1, 1]) < 1e-6) solved++;
  }
  t.ok(solved >= 12, `…in at least 12 of seeds 1–20 (got ${solved}; DE/best/1 stagnates in the others)`);

  torch.manualSeed(4);
  const a = de(rosenbrock, torch.DoubleTensor(2), lua);
  torch.manualSeed(4);
  const b = de(rosenbrock, torch.DoubleTensor(2), lua);
  t.deepEqual([Array.from(a[0].toArray()), Array.from(a[1].toArray())], [Array.from(b[0].toArray()), Array.from(b[1].toArray())], 'same seed, same run');
  torch.manualSeed(5);
  t.notDeepEqual(Array.from(de(rosenbrock, torch.DoubleTensor(2), lua)[1].toArray()), Array.from(a[1].toArray()), 'another seed, another run');

  // Lua's quirks
  const seen: Tensor[] = [];
  torch.manualSeed(2);
  const [w, fw] = de((x) => { seen.push(x.clone()); return x.sum(); }, torch.DoubleTensor(2, 3).fill(100), { popsize: 5, scaleFactor: 0.5, crossoverRate: 0.5, maxFEs: 5, minRegion: -1, maxRegion: 1 });
  t.ok(seen.every((s) => s.dim() === 1 && s.size(0) === 6 && s.abs().max() <= 1), 'opfunc sees flat rows; the population is uniform on [minRegion, maxRegion], whatever x');
  t.equal(w.sum(), fw.max(), 'with no generation run, xbest is the *worst* member (Lua\'s fitness:max)');
  // crossoverRate 0 leaves only Lua's forced crossover, `i == jrand`: member i (< D) takes the mutant
  // in every dimension with probability 1/D, members i >= D never change; the test replays selection
  const P = 6, Dim = 3, args: number[][] = [];
  torch.manualSeed(2);
  de((x) => { args.push(Array.from(x.toArray())); return sphere2(x); }, torch.DoubleTensor(Dim), { popsize: P, scaleFactor: 0.5, crossoverRate: 0, maxFEs: 20 * P });
  const parents = args.slice(0, P), f2 = (v: number[]) => v.reduce((s, u) => s + u * u, 0);
  let frozen = true, allOrNone = true, whole = 0;
  for (let g = 1; g < 20; g++) {
    const children = args.slice(g * P, (g + 1) * P);
    children.forEach((c, i) => {
      const same = c.filter((v, j) => v === parents[i]![j]).length;
      if (i >= Dim) frozen &&= same === Dim;
      else { allOrNone &&= same === 0 || same === Dim; if (same === 0) whole++; }
    });
    children.forEach((c, i) => { if (f2(c) <= f2(parents[i]!)) parents[i] = c; });
  }
  t.ok(frozen, 'crossoverRate 0: members i >= D are never mutated (Lua tests i == jrand, not j == jrand)');
  t.ok(allOrNone && whole > 0, `…members i < D are mutated in all D dimensions or none (${whole} whole mutants of ${19 * Dim}, about 1/D expected)`);
  t.equal(de(sphere2, torch.DoubleTensor(2), { popsize: 10, scaleFactor: 0.5, crossoverRate: 0.9, maxFEs: 25 })[1].size(0), 30, 'maxFEs not a multiple of popsize (Lua overruns its history): every evaluation kept');

  t.ok(throwsArg(() => de(sphere, {} as unknown as Tensor, lua), 'optim.de'), 'x not a tensor: ArgumentError');
  t.ok(throwsArg(() => de(sphere, torch.DoubleTensor(2), { ...lua, popsize: 2 }), 'optim.de'), 'popsize 2 (r1, r2, i cannot differ): ArgumentError');
  t.ok(throwsArg(() => de(sphere, torch.DoubleTensor(2), { popsize: 10, crossoverRate: 0.9, maxFEs: 100 }), 'optim.de'), 'no scaleFactor: ArgumentError');
  t.ok(throwsArg(() => de(sphere, torch.DoubleTensor(2), { scaleFactor: 0.5, crossoverRate: 0.9 }), 'optim.de'), 'no maxFEs: ArgumentError');
  t.end();
});
