/**
 * Lua torch/optim's line-search and second-order algorithms (lbfgs, cg, polyinterp, lswolfe, fista,
 * checkgrad) on Rosenbrock, quadratics and lasso, against hand-computed values, an independent
 * transcription of Lua's lbfgs rule, and minimize.m's published Rosenbrock trajectory.
 */
import test from 'tape';
import { torch, Tensor } from '../../index.js';
import { ArgumentError, ShapeError } from '../../lib/errors.js';
import { lbfgs, type LbfgsConfig, type LbfgsState } from '../../optim/functional/lbfgs.js';
import { cg } from '../../optim/functional/cg.js';
import { lswolfe } from '../../optim/functional/lswolfe.js';
import { polyinterp } from '../../optim/functional/polyinterp.js';
import { fista, FistaLS, type FistaParams } from '../../optim/functional/fista.js';
import { checkgrad } from '../../optim/functional/checkgrad.js';
import type { Feval } from '../../optim/functional/lineSearchTypes.js';

const T = (v: number[]): Tensor => Tensor.from(v, [v.length], 'float64');
const arr = (x: Tensor): number[] => Array.from(x.toArray());
const maxErr = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};
const ones = (n: number): number[] => new Array<number>(n).fill(1);

/** The chained Rosenbrock function Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², as optim/test/rosenbrock.lua, counting its calls. */
function rosenbrock(): { f: Feval; calls: () => number } {
  let calls = 0;
  const f: Feval = (x) => {
    calls++;
    const a = x.toArray();
    const g = new Float64Array(a.length);
    let v = 0;
    for (let i = 0; i + 1 < a.length; i++) {
      const xi = a[i]!;
      const u = a[i + 1]! - xi * xi;
      v += 100 * u * u + (1 - xi) ** 2;
      g[i] = g[i]! - 400 * xi * u - 2 * (1 - xi);
      g[i + 1] = g[i + 1]! + 200 * u;
    }
    return [v, Tensor.from(g, [a.length], x.dtype)];
  };
  return { f, calls: () => calls };
}
/** The standard start: (−1.2, 1) in 2-D, (−1.2, 1, −1.2, 1, …) in more (Moré, Garbow & Hillstrom's extended start). */
const rosenStart = (n: number): Tensor => T(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1)));

// ---- a transcription of Lua's lbfgs rule with a fixed step, on plain Float64Arrays ---------------
const dot = (a: Float64Array, b: Float64Array): number => a.reduce((s, ai, i) => s + ai * b[i]!, 0);

/** x after each of `steps` iterations of Lua's lbfgs without line search (tolFun = tolX = 0), and the last Hdiag. */
function luaLbfgsFixedStep(grad: (x: Float64Array) => Float64Array, x0: Float64Array, steps: number, lr: number, nCorrection: number): { xs: Float64Array[]; Hdiag: number; kept: number; skipped: number } {
  const x = Float64Array.from(x0);
  const dirs: Float64Array[] = []; // Lua's old_dirs: the s = t·d
  const stps: Float64Array[] = []; // Lua's old_stps: the y = g − g_old
  let d: Float64Array = new Float64Array(x.length);
  let gOld: Float64Array = new Float64Array(x.length);
  let t = 0;
  let Hdiag = 1;
  let skipped = 0;
  const xs: Float64Array[] = [];
  for (let it = 1; it <= steps; it++) {
    const g = grad(x);
    if (it === 1) {
      d = g.map((v) => -v);
    } else {
      const y = g.map((v, i) => v - gOld[i]!);
      const s = d.map((v) => v * t);
      const ys = dot(y, s);
      if (ys > 1e-10) {
        if (dirs.length === nCorrection) {
          dirs.shift();
          stps.shift();
        }
        dirs.push(s);
        stps.push(y);
        Hdiag = ys / dot(y, y);
      } else {
        skipped++;
      }
      const k = dirs.length;
      const ro = dirs.map((s_, i) => 1 / dot(stps[i]!, s_));
      const al = new Float64Array(k);
      const q = g.map((v) => -v);
      for (let i = k - 1; i >= 0; i--) {
        al[i] = dot(dirs[i]!, q) * ro[i]!;
        for (let j = 0; j < q.length; j++) q[j] = q[j]! - al[i]! * stps[i]![j]!;
      }
      d = q.map((v) => v * Hdiag);
      for (let i = 0; i < k; i++) {
        const be = dot(stps[i]!, d) * ro[i]!;
        for (let j = 0; j < d.length; j++) d[j] = d[j]! + (al[i]! - be) * dirs[i]![j]!;
      }
    }
    gOld = g;
    if (dot(g, d) > 0) break;
    t = it === 1 ? Math.min(1, 1 / g.reduce((s, v) => s + Math.abs(v), 0)) * lr : lr;
    for (let j = 0; j < x.length; j++) x[j] = x[j]! + t * d[j]!;
    xs.push(Float64Array.from(x));
  }
  return { xs, Hdiag, kept: dirs.length, skipped };
}

test('lbfgs: Rosenbrock to [1, …, 1] with and without lswolfe; Lua\'s fixed-step rule step by step; state; errors', (t) => {
  for (const n of [2, 10]) {
    for (const withLs of [false, true]) {
      const { f, calls } = rosenbrock();
      const config: LbfgsConfig & LbfgsState = { maxIter: 1000, tolFun: 1e-12, tolX: 1e-15, ...(withLs ? { lineSearch: lswolfe } : {}) };
      const [x, fHist, evals] = lbfgs(f, rosenStart(n), config);
      const err = maxErr(arr(x), ones(n));
      t.ok(err < 1e-6, `${n}-D ${withLs ? 'with lswolfe' : 'fixed step'}: |x − 1|∞ = ${err.toExponential(2)} after ${config.nIter} iterations, ${evals} evaluations`);
      t.equal(evals, calls(), 'evalCount counts every opfunc call');
      t.equal(config.funcEval, calls(), 'state.funcEval too');
      if (withLs) t.ok(fHist.length === config.nIter! + 1 || fHist.length === config.nIter!, 'f history: the start and one value per line search (none when the last iteration found no descent)');
      else t.equal(fHist.length, calls(), 'f history: the start and one value per step');
      t.ok(fHist.at(-1)! < 1e-12, `final f ${fHist.at(-1)!.toExponential(2)}`);
    }
  }

  {
    const { f } = rosenbrock();
    const x = rosenStart(2).float();
    lbfgs(f, x, { maxIter: 200, lineSearch: lswolfe });
    t.ok(maxErr(arr(x), [1, 1]) < 1e-2, `float32 x with lswolfe: ${arr(x).map((v) => v.toFixed(5))}`);
  }

  // f = ½xᵀAx − bᵀx: ∇f = Ax − b
  const A = [[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 0.5], [0, 0, 0.5, 1]];
  const b = [1, 2, 3, 4];
  const grad = (x: ArrayLike<number>): Float64Array => Float64Array.from(A, (row, i) => row.reduce((s, a, j) => s + a * x[j]!, 0) - b[i]!);
  const quad: Feval = (x) => {
    const a = x.toArray();
    const g = grad(a);
    return [g.reduce((s, gi, i) => s + 0.5 * a[i]! * (gi - b[i]!), 0), Tensor.from(g, [4], 'float64')];
  };
  const x0 = [0.5, -1, 2, 0];
  const ref = luaLbfgsFixedStep(grad, Float64Array.from(x0), 15, 1, 3);
  t.equal(ref.xs.length, 15, 'the transcription ran 15 iterations');
  t.ok(ref.skipped > 0 && ref.kept === 3, 'both memory branches are exercised: pairs kept (history full) and pairs with y·s ≤ 1e-10 skipped');
  const cfg: LbfgsConfig & LbfgsState = { maxIter: 1, learningRate: 1, nCorrection: 3, tolFun: 0, tolX: 0 };
  const x = T(x0);
  let worst = 0;
  for (let it = 0; it < 15; it++) {
    const [xr] = lbfgs(quad, x, cfg);
    t.equal(xr, x, 'x is updated in place');
    worst = Math.max(worst, maxErr(arr(x), ref.xs[it]!));
  }
  t.ok(worst < 1e-10, `one call per step, 15 calls (nCorrection 3, ${ref.skipped} pairs skipped): max |Δx| ${worst.toExponential(2)}`);
  t.equal(cfg.nIter, 15, 'state.nIter counts across calls');
  t.equal(cfg.funcEval, 15, 'state.funcEval: one evaluation per call');
  t.equal(cfg.old_dirs!.length, ref.kept, `history holds ${ref.kept} pairs (nCorrection 3)`);
  t.ok(Math.abs(cfg.Hdiag! - ref.Hdiag) < 1e-10, `Hdiag ${cfg.Hdiag} as the transcription's`);
  t.equal(cfg.dir_bufs!.length + cfg.old_dirs!.length, 4, 'buffer pool + history = nCorrection + 1');

  const one = T(x0);
  const single: LbfgsConfig = { maxIter: 15, learningRate: 1, nCorrection: 3, tolFun: 0, tolX: 0 };
  const [, fh, evals] = lbfgs(quad, one, single);
  t.ok(maxErr(arr(one), ref.xs[14]!) < 1e-10, 'one call of maxIter 15 ends at the same x');
  t.equal(evals, 15, 'no re-evaluation after the last fixed step');
  t.equal(fh.length, 15, 'f before the first step and after steps 1..14');

  const [xo, fo, eo] = lbfgs(quad, T(x0), { tolFun: 1e3 });
  t.deepEqual([fo.length, eo], [1, undefined], 'already optimal: returns [x, [f]], as Lua');
  t.ok(xo instanceof Tensor);

  t.throws(() => lbfgs(quad, torch.DoubleTensor(2, 2)), ShapeError, '2-D x');
  t.throws(() => lbfgs(quad, T(x0), { nCorrection: 0 }), /optim\.lbfgs: expected config\.nCorrection to be a positive integer/);
  t.throws(() => lbfgs(quad, T(x0), { maxIter: Number.NaN }), ArgumentError);
  t.throws(() => lbfgs((() => [1, 2]) as unknown as Feval, T(x0)), /optim\.lbfgs: expected df\/dx to be a tensor/);
  t.end();
});

test('cg: minimize.m\'s Rosenbrock trajectory from [0, 0]; [1, …, 1] from the standard start; errors', (t) => {
  // Rasmussen's published example (minimize([0 0]', 'rosenbrock', 25) and -25), the f after each line search
  const published = [0.78251060908545, 0.39556533940410, 0.21891183735928, 0.08594362786359, 0.08167279250615, 0.04803799828332,
    0.03385004042904, 0.01810891772958, 0.01747706436156, 0.01719294050541, 0.00647710313861, 0.00317008743069, 0.00002390064486,
    0.00000859309602, 0.00000859309029, 0.00000076626706, 0.00000000009216, 0, 0, 0];
  {
    const { f } = rosenbrock();
    const [x, fx, i] = cg(f, T([0, 0]), { maxEval: 25 });
    t.equal(i, 25, '25 evaluations');
    t.ok(maxErr(fx, [1, ...published.slice(0, 8)]) < 1e-12, `f after each line search as minimize.m's -25 run: ${fx.length - 1} searches`);
    t.ok(Math.abs(f(x)[0] - published[7]!) < 1e-12, 'x is the last accepted point (the unfinished search is undone)');
  }
  {
    const { f } = rosenbrock();
    const [x, fx] = cg(f, T([0, 0]), { maxEval: 1000 });
    t.ok(maxErr(fx.slice(1, 21), published) < 1e-12, 'the first 20 line searches as minimize.m\'s (to 1e-12: Lua\'s order of operations differs)');
    t.ok(maxErr(arr(x), [1, 1]) < 1e-12, 'at [1, 1]');
  }
  for (const n of [2, 10]) {
    const { f, calls } = rosenbrock();
    const state = {};
    const [x, fx, evals] = cg(f, rosenStart(n), { maxEval: 2000 }, state);
    const err = maxErr(arr(x), ones(n));
    t.ok(err < 1e-6, `${n}-D from the standard start: |x − 1|∞ = ${err.toExponential(2)} after ${fx.length - 1} line searches, ${evals} evaluations`);
    t.equal(evals, calls(), 'the count returned is the evaluations made');
    t.ok(evals < 2000, 'stopped by the failed final line search (Lua\'s ls_failed quirk), not by maxEval');
    t.deepEqual(Object.keys(state).sort(), ['df0', 'df1', 'df2', 'df3', 's', 'x0'], 'state holds Lua\'s buffers');
  }
  {
    const x = rosenStart(2).float();
    cg(rosenbrock().f, x, { maxEval: 500 });
    t.ok(maxErr(arr(x), [1, 1]) < 1e-2, `float32 x: ${arr(x).map((v) => v.toFixed(5))}`);
  }
  t.throws(() => cg(rosenbrock().f, [1, 2] as unknown as Tensor), /optim\.cg: expected x to be a tensor/);
  t.throws(() => cg(rosenbrock().f, T([0, 0]), { rho: Number.NaN }), ArgumentError);
  t.end();
});

test('polyinterp: minimisers of a cubic, a quadratic and a quartic; bounds; no real critical point', (t) => {
  const P = (rows: number[][]): Tensor => Tensor.from(rows.flat(), [rows.length, 3], 'float64');
  // f = x³ − 3x: f′ = 3x² − 3, local minimum at 1 (f = −2)
  const cubic = P([[0, 0, -3], [2, 2, 9]]);
  const [m0, f0] = polyinterp(cubic);
  t.ok(Math.abs(m0 - 1) < 1e-12 && f0 === undefined, `two points, no bounds (Lua's closed form): ${m0}, no fmin`);
  t.ok(Math.abs(polyinterp(P([[2, 2, 9], [0, 0, -3]]))[0] - 1) < 1e-12, 'the rows in either order');
  const [m1, f1] = polyinterp(cubic, 0, 2);
  t.ok(Math.abs(m1 - 1) < 1e-12 && Math.abs(f1! + 2) < 1e-12, `with bounds (the general form): ${m1}, ${f1}`);
  const [m2, f2] = polyinterp(cubic, -3, 0.5);
  t.ok(Math.abs(m2 + 3) < 1e-12 && Math.abs(f2! + 18) < 1e-9, `bounds [−3, 0.5]: the lower bound (f = −18): ${m2}, ${f2}`);

  // f = (x − 0.3)² + 1 from three points: the quintic fit is the quadratic
  const quad = P([[-1, 2.69, -2.6], [0, 1.09, -0.6], [2, 3.89, 3.4]]);
  const [m3, f3] = polyinterp(quad);
  t.ok(Math.abs(m3 - 0.3) < 1e-9 && Math.abs(f3! - 1) < 1e-9, `three points: ${m3}, ${f3}`);
  const [m4, f4] = polyinterp(quad, 0.5, 2);
  t.ok(Math.abs(m4 - 0.5) < 1e-12 && Math.abs(f4! - 1.04) < 1e-9, `bounds [0.5, 2] clip to 0.5: ${m4}, ${f4}`);

  // f = x⁴/4 − x: f′ = x³ − 1, one real root and a complex pair
  const quartic = P([[-1, 1.25, -2], [0, 0, -1], [2, 2, 7]]);
  const [m5, f5] = polyinterp(quartic);
  t.ok(Math.abs(m5 - 1) < 1e-9 && Math.abs(f5! + 0.75) < 1e-9, `quartic: ${m5}, ${f5}`);

  // f = (x² − 1)²(x − 2)² + 0.1x from four points (a degree-7 fit of a sextic, 6×6 companion matrix): against a grid
  const sextic = (x: number): number => (x * x - 1) ** 2 * (x - 2) ** 2 + 0.1 * x;
  const dSextic = (x: number): number => 4 * x * (x * x - 1) * (x - 2) ** 2 + 2 * (x * x - 1) ** 2 * (x - 2) + 0.1;
  const [m7, f7] = polyinterp(P([-1.5, 0, 1, 2.5].map((x) => [x, sextic(x), dSextic(x)])));
  let gridX = 0;
  for (let x = -1.5; x <= 2.5; x += 1e-5) if (sextic(x) < sextic(gridX)) gridX = x;
  t.ok(Math.abs(m7 - gridX) < 1e-5 && Math.abs(f7! - sextic(m7)) < 1e-9, `four points: ${m7} (grid ${gridX.toFixed(5)}), f ${f7}`);

  // secant slope 0.8 between slopes 1 and 1: d1² < g1·g2, no real minimiser → the mean
  t.equal(polyinterp(P([[0, 0, 1], [1, 0.8, 1]]))[0], 0.5, 'no real critical point: the mean of the two x');
  t.equal(polyinterp(P([[0, 0, Number.NaN], [1, 1, 1]]))[0], 0.5, 'a NaN derivative: the mean too (Lua has no unknown-g marker)');
  const [m6, f6] = polyinterp(P([[0, 0, Number.NaN], [1, 1, 1]]), 0, 4);
  t.deepEqual([m6, f6], [2, Infinity], 'NaN coefficients in the general form: the bounds\' midpoint, fmin = Infinity');
  t.throws(() => polyinterp(torch.DoubleTensor(2, 2)), /optim\.polyinterp: expected points of size \[n, 3\]/);
  t.end();
});

test('lswolfe: strong Wolfe steps on Rosenbrock (zoom and extrapolation), an exact first step, counts', (t) => {
  const c1 = 1e-4;
  for (const [t0, c2] of [[1, 0.9], [1, 0.1], [1e-6, 0.9], [1e-6, 0.1]] as const) {
    const { f, calls } = rosenbrock();
    const x0 = T([-1.2, 1]);
    const [fx, gx] = f(x0);
    const d = gx.clone().mul(-1);
    const gtd = gx.dot(d);
    const x = x0.clone();
    const [fNew, gNew, xNew, step, evals] = lswolfe(f, x, t0, d, fx, gx, gtd, { c2 });
    const armijo = fNew <= fx + c1 * step * gtd;
    const curvature = Math.abs(gNew.dot(d)) <= -c2 * gtd;
    t.ok(armijo && curvature, `t0 = ${t0}, c2 = ${c2}: t = ${step.toPrecision(6)} after ${evals} evaluations satisfies strong Wolfe`);
    t.equal(xNew, x, 'x moved in place');
    t.ok(maxErr(arr(x), arr(x0.clone().add(step, d))) < 1e-15, 'x = x0 + t·d');
    const [fc, gc] = f(x);
    t.ok(fc === fNew && maxErr(arr(gc), arr(gNew)) === 0, 'f and g are those at x');
    t.equal(evals, calls() - 2, 'lsFuncEval counts the evaluations');
  }
  // f = ½‖x‖² along −x: t = 1 lands on the minimum at once
  const half: Feval = (x) => [0.5 * x.dot(x), x.clone()];
  const x = T([3, -4]);
  const g = x.clone();
  const d = g.clone().mul(-1);
  const [fNew, , , step, evals] = lswolfe(half, x, 1, d, 12.5, g, g.dot(d));
  t.deepEqual([fNew, step, evals, ...arr(x)], [0, 1, 1, 0, 0], 'an exact first step: one evaluation, t unchanged');
  t.throws(() => lswolfe(half, T([1, 2]), 1, T([1]), 2.5, T([1, 2]), -1), /optim\.lswolfe: expected d and g with x's 2 elements/);
  t.throws(() => lswolfe(half, T([1, 2]), 1, T([-1, -2]), 2.5, T([1, 2]), -5, { maxIter: 1.5 }), /options\.maxIter to be a non-negative integer/);
  t.end();
});

test('fista: lasso with an orthogonal design reaches the soft-threshold solution (FISTA and Lua\'s default ISTA)', (t) => {
  // min ½‖Ax − b‖² + λ‖x‖₁ with AᵀA = I: x* = soft(Aᵀb, λ)
  const H = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]].map((r) => r.map((v) => v / 2));
  const A = Tensor.from(H.flat(), [4, 4], 'float64');
  const b = T([3, -1, 0.5, 2]);
  const lambda = 0.5;
  const Atb = A.t().mv(b);
  const expected = arr(Atb).map((v) => Math.sign(v) * Math.max(Math.abs(v) - lambda, 0));
  t.ok(expected.some((v) => v === 0) && expected.some((v) => v !== 0), `x* = ${expected} has zero and non-zero entries`);
  const smooth = (x: Tensor, mode?: 'dx'): [number, Tensor?] => {
    const r = A.mv(x).add(-1, b);
    return [0.5 * r.dot(r), mode === 'dx' ? A.t().mv(r) : undefined];
  };
  const l1 = (x: Tensor): number => lambda * x.clone().abs().sum();
  const prox = (x: Tensor, L: number): void => {
    const th = lambda / L;
    const v = x.toArray().map((xi) => Math.sign(xi) * Math.max(Math.abs(xi) - th, 0));
    x.copy(Tensor.from(v, [v.length], 'float64'));
  };
  for (const doFistaUpdate of [true, undefined]) {
    const xinit = T([9, 9, 9, 9]);
    const params: FistaParams = { maxiter: 500, errthres: 1e-14, ...(doFistaUpdate ? { doFistaUpdate } : {}) };
    const [x, history] = fista(smooth, l1, prox, xinit, params);
    const name = doFistaUpdate ? 'FISTA' : 'ISTA (Lua\'s default)';
    // to 1e-6 (about √ε): the stop |ΔF| ≤ errthres and the test F(p) ≤ Q are decided at F's rounding
    t.ok(maxErr(arr(x), expected) < 1e-6, `${name}: |x − x*|∞ = ${maxErr(arr(x), expected).toExponential(2)} after ${history.length} iterations`);
    t.ok(history.length < 500, 'stopped by errthres');
    t.equal(x, params.y, 'returns the params.y buffer');
    t.deepEqual(arr(xinit), arr(x), 'and copies it into xinit');
    t.equal(history[0]!.L, 0.1 * 1.5 ** 6, 'L backtracked from 0.1 by 1.5 past the Lipschitz constant 1 in the first iteration');
    t.equal(history[0]!.nline, 7, 'in seven line-search trials');
    t.equal(params.L, history.at(-1)!.L, `params.L keeps the last L (${params.L})`);
    const early = fista(smooth, l1, prox, T([0, 0, 0, 0]), doFistaUpdate ? { doFistaUpdate } : {});
    t.ok(early[1].length < 50 && maxErr(arr(early[0]), expected) < 1e-2, `default errthres 1e-4: stops after ${early[1].length} iterations, |x − x*|∞ = ${maxErr(arr(early[0]), expected).toExponential(2)}`);
    t.ok(Math.abs(history.at(-1)!.F - (smooth(x)[0] + l1(x))) < 1e-12, 'history F = F + G at the solution');
  }
  t.equal(FistaLS, fista, 'Lua\'s name FistaLS');
  t.throws(() => fista(smooth, l1, prox, T([0, 0, 0, 0]), { maxiter: 0 }), /optim\.fista: expected params\.maxiter to be a positive number/);
  t.end();
});

test('checkgrad: small for a correct gradient, large for a wrong one', (t) => {
  // f = Σ x_i⁴/4 + Σ sin(x_i)·x_{i+1}
  const value = (a: ArrayLike<number>): number => {
    let v = 0;
    for (let i = 0; i < a.length; i++) v += a[i]! ** 4 / 4 + (i + 1 < a.length ? Math.sin(a[i]!) * a[i + 1]! : 0);
    return v;
  };
  const gradient = (a: ArrayLike<number>, wrong: boolean): Tensor =>
    T(Array.from(a, (ai, i) => ai ** 3 + (i + 1 < a.length ? Math.cos(ai) * a[i + 1]! : 0) + (i > 0 && !wrong ? Math.sin(a[i - 1]!) : 0)));
  const x = T([0.3, -1.2, 0.8, 2.0, -0.5]);
  const before = arr(x);
  const [diff, dC, dCEst] = checkgrad((z) => [value(z.toArray()), gradient(z.toArray(), false)], x);
  t.ok(diff < 1e-7, `correct gradient: diff = ${diff.toExponential(2)}`);
  t.ok(maxErr(arr(dC), arr(dCEst)) < 1e-6, 'dC_est ≈ dC');
  t.deepEqual(arr(x), before, 'x restored');
  const [bad] = checkgrad((z) => [value(z.toArray()), gradient(z.toArray(), true)], x, 1e-6);
  t.ok(bad > 0.05, `a gradient missing a term: diff = ${bad.toExponential(2)}`);
  t.throws(() => checkgrad((z) => [0, z], torch.DoubleTensor(2, 2)), /optim\.checkgrad: expected x to be a 1-D tensor/);
  t.end();
});
