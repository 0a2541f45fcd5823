/**
 * Lua torch/optim's `optim.cg(opfunc, x, config, state)`: nonlinear conjugate gradients with
 * Polack-Ribière directions and a line search of quadratic/cubic extrapolation and interpolation
 * under the Wolfe-Powell conditions, a rewrite of Carl E. Rasmussen's minimize.m. Only function
 * evaluations are limited: at most maxEval in all, and min(maxIter, maxEval − used) per line search.
 * Config (defaults): rho 0.01 and sig 0.5 (the Wolfe-Powell constants), int 0.1 (don't re-evaluate
 * within 0.1 of the bracket's ends), ext 3 (extrapolate at most 3× the current step), maxIter 20,
 * ratio 100 (the largest slope ratio for the next initial step), maxEval 1.25·maxIter.
 * Returns `[x, fx, evals]`: x updated in place, fx the f before and after each successful line
 * search. Lua's quirk kept: it tests `ls_failed or i > maxEval` where Lua's ls_failed starts at 0,
 * which is true, so the first failed line search ends the run (at the best point so far), where
 * minimize.m would restart once along −∇f.
 * state (default: config) holds the buffers df0, df1, df2, df3, s and x0.
 * Ref: torch/optim cg.lua (Koray Kavukcuoglu, 2012); minimize.m (Carl E. Rasmussen).
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkFunction, checkNumber, checkVector, evaluate, luaMax, luaMin, type Feval } from './lineSearchTypes.js';

const WHERE = 'optim.cg';

export interface CgConfig { rho?: number; sig?: number; int?: number; ext?: number; maxIter?: number; ratio?: number; maxEval?: number; verbose?: number | boolean }
export interface CgState { df0?: Tensor; df1?: Tensor; df2?: Tensor; df3?: Tensor; s?: Tensor; x0?: Tensor }

const bad = (z: number): boolean => Number.isNaN(z) || z === Infinity || z === -Infinity;

export function cg(opfunc: Feval, x: Tensor, config: CgConfig & CgState = {}, state: CgState = config): [x: Tensor, fx: number[], evals: number] {
  checkFunction(WHERE, 'opfunc', opfunc);
  checkVector(WHERE, 'x', x);
  if (typeof config !== 'object' || config === null) throw new ArgumentError(`${WHERE}: expected config to be an object, got ${config === null ? 'null' : typeof config}`);
  const rho = checkNumber(WHERE, 'config.rho', config.rho ?? 0.01);
  const sig = checkNumber(WHERE, 'config.sig', config.sig ?? 0.5);
  const int = checkNumber(WHERE, 'config.int', config.int ?? 0.1);
  const ext = checkNumber(WHERE, 'config.ext', config.ext ?? 3.0);
  const maxIter = checkNumber(WHERE, 'config.maxIter', config.maxIter ?? 20);
  const ratio = checkNumber(WHERE, 'config.ratio', config.ratio ?? 100);
  const maxEval = checkNumber(WHERE, 'config.maxEval', config.maxEval ?? maxIter * 1.25);
  const red = 1;

  let i = 0;
  const fx: number[] = [];

  // three points for the interpolation/extrapolation
  let z1 = 0, z2 = 0, z3 = 0;
  let d1 = 0, d2 = 0, d3 = 0;
  let f1 = 0, f2 = 0, f3 = 0;
  let tdf: Tensor;

  const df1 = (state.df1 ?? Tensor.empty(x.dtype)).resizeAs(x);
  const df2 = (state.df2 ?? Tensor.empty(x.dtype)).resizeAs(x);
  const df3 = (state.df3 ?? Tensor.empty(x.dtype)).resizeAs(x);
  const s = (state.s ?? Tensor.empty(x.dtype)).resizeAs(x); // the search direction
  const x0 = (state.x0 ?? Tensor.empty(x.dtype)).resizeAs(x);
  let f0 = 0;
  const df0 = (state.df0 ?? Tensor.empty(x.dtype)).resizeAs(x);

  [f1, tdf] = evaluate(WHERE, opfunc, x);
  fx.push(f1);
  df1.copy(tdf);
  i++;

  /** x += z·s, then f2, df2 and the slope d2 there (one evaluation). */
  const probe = (z: number): void => {
    x.add(z, s);
    [f2, tdf] = evaluate(WHERE, opfunc, x);
    df2.copy(tdf);
    i++;
    d2 = df2.dot(s);
  };

  s.copy(df1).mul(-1); // steepest descent first
  d1 = -s.dot(s); // the slope
  z1 = red / (1 - d1); // the initial step

  while (i < Math.abs(maxEval)) {
    x0.copy(x);
    f0 = f1;
    df0.copy(df1);

    probe(z1);
    [f3, d3, z3] = [f1, d1, -z1]; // point 3 starts at point 1
    let m = luaMin(maxIter, maxEval - i);
    let success = false;
    let limit = -1;

    for (;;) {
      while ((f2 > f1 + z1 * rho * d1 || d2 > -sig * d1) && m > 0) {
        // tighten the bracket: quadratic fit when f went up, else cubic
        limit = z1;
        if (f2 > f1) {
          z2 = z3 - (0.5 * d3 * z3 * z3) / (d3 * z3 + f2 - f3);
        } else {
          const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3);
          const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
          z2 = (Math.sqrt(B * B - A * d2 * z3 * z3) - B) / A;
        }
        if (bad(z2)) z2 = z3 / 2; // bisect when the fit fails
        z2 = luaMax(luaMin(z2, int * z3), (1 - int) * z3);
        z1 += z2;
        probe(z2);
        m--;
        z3 -= z2;
      }
      if (f2 > f1 + z1 * rho * d1 || d2 > -sig * d1) break; // failure
      else if (d2 > sig * d1) {
        success = true;
        break;
      } else if (m === 0) break;

      // extrapolate by a cubic fit, kept within ext and the bracket
      const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3);
      const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
      z2 = (-d2 * z3 * z3) / (B + Math.sqrt(B * B - A * d2 * z3 * z3));
      if (bad(z2) || z2 < 0) {
        z2 = limit < -0.5 ? z1 * (ext - 1) : (limit - z1) / 2;
      } else if (limit > -0.5 && z2 + z1 > limit) {
        z2 = (limit - z1) / 2;
      } else if (limit < -0.5 && z2 + z1 > z1 * ext) {
        z2 = z1 * (ext - 1);
      } else if (z2 < -z3 * int) {
        z2 = -z3 * int;
      } else if (limit > -0.5 && z2 < (limit - z1) * (1 - int)) {
        z2 = (limit - z1) * (1 - int);
      }
      [f3, d3, z3] = [f2, d2, -z2];
      z1 += z2;
      probe(z2);
      m--;
    }

    if (success) {
      f1 = f2;
      fx.push(f1);
      // Polack-Ribière: s = (df2·df2 − df2·df1)/(df1·df1)·s − df2
      const ss = (df2.dot(df2) - df2.dot(df1)) / df1.dot(df1);
      s.mul(ss).add(-1, df2);
      const tmp = df1.clone();
      df1.copy(df2);
      df2.copy(tmp);
      d2 = df1.dot(s);
      if (d2 > 0) {
        // not a descent direction: back to steepest descent
        s.copy(df1).mul(-1);
        d2 = -s.dot(s);
      }
      z1 *= luaMin(ratio, d1 / (d2 - 1e-320)); // the slope ratio, at most `ratio`
      d1 = d2;
    } else {
      // back to the best point; Lua's `ls_failed or …` is always true here, so stop
      x.copy(x0);
      f1 = f0;
      df1.copy(df0);
      break;
    }
  }
  state.df0 = df0;
  state.df1 = df1;
  state.df2 = df2;
  state.df3 = df3;
  state.x0 = x0;
  state.s = s;
  return [x, fx, i];
}
