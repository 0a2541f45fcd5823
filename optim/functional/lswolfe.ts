/**
 * Lua torch/optim's `optim.lswolfe(opfunc, x, t, d, f, g, gtd, options)`: a line search along d from
 * x for a step t satisfying the strong Wolfe conditions f(x + t·d) ≤ f + c1·t·gtd and
 * |∇f(x + t·d)·d| ≤ −c2·gtd. A bracketing phase (cubic extrapolation by polyinterp within
 * [t + 0.01(t − t_prev), 10t]) then a zoom phase (cubic interpolation in the bracket, pushed 10%
 * inside it when progress is poor), both counted together against maxIter. Returns
 * `[f_new, g_new, x, t, lsFuncEval]` with x moved in place to x + t·d, t the bracket's lowest point
 * (even when maxIter stops the search), and g_new a row of the bracket's gradients.
 * Options and defaults: c1 = 1e-4, c2 = 0.9, tolX = 1e-9, maxIter = 20, verbose = false.
 * The bracket and the interpolation points are tensors of x's type, as Lua's `x.new{…}`.
 * Ref: torch/optim lswolfe.lua, after minFunc's WolfeLineSearch (Mark Schmidt).
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../../lib/errors.js';
import { polyinterp } from './polyinterp.js';
import { checkFunction, checkNumber, checkVector, evaluate, luaMin, type Feval, type LineSearchOptions } from './lineSearchTypes.js';

const WHERE = 'optim.lswolfe';

export function lswolfe(
  opfunc: Feval, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number, options: LineSearchOptions = {},
): [f: number, g: Tensor, x: Tensor, t: number, lsFuncEval: number] {
  checkFunction(WHERE, 'opfunc', opfunc);
  checkVector(WHERE, 'x', x);
  checkVector(WHERE, 'd', d);
  checkVector(WHERE, 'g', g);
  if (d.numel() !== x.numel() || g.numel() !== x.numel()) {
    throw new ShapeError(`${WHERE}: expected d and g with x's ${x.numel()} elements, got sizes ${shapeStr(d.shape)} and ${shapeStr(g.shape)}`);
  }
  for (const [name, v] of [['t', t], ['f', f], ['gtd', gtd]] as const) checkNumber(WHERE, name, v);
  const c1 = checkNumber(WHERE, 'options.c1', options.c1 ?? 1e-4);
  const c2 = checkNumber(WHERE, 'options.c2', options.c2 ?? 0.9);
  const tolX = checkNumber(WHERE, 'options.tolX', options.tolX ?? 1e-9);
  const maxIter = checkNumber(WHERE, 'options.maxIter', options.maxIter ?? 20, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');
  if (options.verbose !== undefined && typeof options.verbose !== 'boolean') throw new ArgumentError(`${WHERE}: expected options.verbose to be a boolean, got ${typeof options.verbose}`);
  const verbose = (msg: string): void => {
    if (options.verbose) console.log('<optim.lswolfe> ', msg);
  };
  const p = g.numel();
  const vec = (values: number[]): Tensor => Tensor.from(values, [values.length], x.dtype);
  const rows = (gs: Tensor[]): Tensor => {
    const r = Tensor.zeros([gs.length, p], x.dtype);
    gs.forEach((gi, i) => r.select(0, i).copy(gi));
    return r;
  };

  // evaluate the objective and gradient at the initial step
  const xInit = x.clone();
  x.add(t, d);
  let [fNew, gNew] = evaluate(WHERE, opfunc, x);
  let lsFuncEval = 1;
  let gtdNew = gNew.dot(d);

  // bracket an interval containing a point satisfying the Wolfe criteria
  let LSiter = 0;
  let tPrev = 0;
  let done = false;
  let fPrev = f;
  let gPrev = g.clone();
  let gtdPrev = gtd;
  let bracket: Tensor | undefined;
  let bracketFval: Tensor | undefined;
  let bracketGval: Tensor | undefined;
  while (LSiter < maxIter) {
    if (fNew > f + c1 * t * gtd || (LSiter > 1 && fNew >= fPrev)) {
      [bracket, bracketFval, bracketGval] = [vec([tPrev, t]), vec([fPrev, fNew]), rows([gPrev, gNew])];
      break;
    } else if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketFval, bracketGval] = [vec([t]), vec([fNew]), rows([gNew])];
      done = true;
      break;
    } else if (gtdNew >= 0) {
      [bracket, bracketFval, bracketGval] = [vec([tPrev, t]), vec([fPrev, fNew]), rows([gPrev, gNew])];
      break;
    }

    // extrapolate: the cubic's minimiser within [t + 0.01(t − t_prev), 10t]
    const tmp = tPrev;
    tPrev = t;
    const minStep = t + 0.01 * (t - tmp);
    const maxStep = t * 10;
    t = polyinterp(Tensor.from([tmp, fPrev, gtdPrev, t, fNew, gtdNew], [2, 3], x.dtype), minStep, maxStep)[0];

    fPrev = fNew;
    gPrev = gNew.clone();
    gtdPrev = gtdNew;
    x.copy(xInit).add(t, d);
    [fNew, gNew] = evaluate(WHERE, opfunc, x);
    lsFuncEval++;
    gtdNew = gNew.dot(d);
    LSiter++;
  }

  if (LSiter === maxIter) {
    [bracket, bracketFval, bracketGval] = [vec([0, t]), vec([f, fNew]), rows([g, gNew])];
  }
  if (bracket === undefined || bracketFval === undefined || bracketGval === undefined) {
    throw new StateError(`${WHERE}: no bracket after ${LSiter} of ${maxIter} iterations`); // unreachable for an integer maxIter
  }
  const B = bracket;
  const Bf = bracketFval;
  const Bg = bracketGval;
  const lowest = (): number => (Bf.size(0) === 2 && !(Bf.get(1) >= Bf.get(0)) ? 1 : 0); // Torch's min: the first on ties

  // zoom: refine the bracket until a point satisfies the criteria
  let insufProgress = false;
  while (!done && LSiter < maxIter) {
    const LOpos = lowest();
    const fLO = Bf.get(LOpos);
    const HIpos = 1 - LOpos;

    t = polyinterp(Tensor.from([B.get(0), Bf.get(0), Bg.select(0, 0).dot(d), B.get(1), Bf.get(1), Bg.select(0, 1).dot(d)], [2, 3], x.dtype))[0];
    const bMax = Math.max(B.get(0), B.get(1));
    const bMin = Math.min(B.get(0), B.get(1));

    // make sufficient progress: stay 10% inside the bracket after a poor step
    if (luaMin(bMax - t, t - bMin) / (bMax - bMin) < 0.1) {
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - 0.1 * (bMax - bMin) : bMin + 0.1 * (bMax - bMin);
        insufProgress = false;
      } else {
        insufProgress = true;
      }
    } else {
      insufProgress = false;
    }

    x.copy(xInit).add(t, d);
    [fNew, gNew] = evaluate(WHERE, opfunc, x);
    lsFuncEval++;
    gtdNew = gNew.dot(d);
    LSiter++;
    if (fNew > f + c1 * t * gtd || fNew >= fLO) {
      // Armijo fails, or not below the lowest point: the new point replaces HI
      B.set([HIpos], t);
      Bf.set([HIpos], fNew);
      Bg.select(0, HIpos).copy(gNew);
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) {
        done = true; // Wolfe conditions hold
      } else if (gtdNew * (B.get(HIpos) - B.get(LOpos)) >= 0) {
        // the old LO becomes HI
        B.set([HIpos], B.get(LOpos));
        Bf.set([HIpos], Bf.get(LOpos));
        Bg.select(0, HIpos).copy(Bg.select(0, LOpos));
      }
      // the new point becomes LO
      B.set([LOpos], t);
      Bf.set([LOpos], fNew);
      Bg.select(0, LOpos).copy(gNew);
    }
    if (!done && Math.abs((B.get(0) - B.get(1)) * gtdNew) < tolX) break;
  }

  if (LSiter === maxIter) verbose('reached max number of iterations');

  const LOpos = lowest();
  t = B.get(LOpos);
  fNew = Bf.get(LOpos);
  x.copy(xInit).add(t, d);
  return [fNew, Bg.select(0, LOpos), x, t, lsFuncEval];
}
