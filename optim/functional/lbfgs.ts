/**
 * Lua torch/optim's `optim.lbfgs(opfunc, x, config, state)`: limited-memory BFGS, after minFunc.
 * Each iteration takes the direction d = −H·g from the two-loop recursion over the last nCorrection
 * pairs (s = t·d, y = g − g_old; a pair is kept only when y·s > 1e-10), with the initial inverse
 * Hessian Hdiag·I, Hdiag = y·s / y·y; the first iteration ever steps along −g with
 * t = min(1, 1/Σ|g|)·learningRate, later ones with t = learningRate. A `lineSearch` (e.g. lswolfe)
 * then picks the step; without one x moves by t·d and f is re-evaluated except after the last
 * iteration. It stops at maxIter iterations, maxEval evaluations, Σ|g| ≤ tolFun, Σ|t·d| ≤ tolX,
 * |Δf| < tolX, or when d is not a descent direction (g·d > −tolX).
 * Returns `[x, fHistory, evalCount]` (x updated in place; fHistory the f before and after each
 * step), or `[x, [f]]` when x already satisfies tolFun, as Lua's. Defaults: maxIter 20,
 * maxEval 1.25·maxIter, tolFun 1e-5, tolX 1e-9, nCorrection 100, learningRate 1.
 * state (default: config) keeps Lua's fields across calls, so one call of maxIter 1 per step
 * continues the same history: funcEval, nIter, d, t, old_dirs (the s's), old_stps (the y's), Hdiag,
 * g_old, f_old, the buffer pools dir_bufs/stp_bufs, tmp1, and ro/al (DoubleTensors: Lua's default type).
 * Ref: torch/optim lbfgs.lua (Clement Farabet, 2012); minFunc (Mark Schmidt).
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError, StateError } from '../../lib/errors.js';
import { checkFunction, checkNumber, checkVector, evaluate, type Feval, type LineSearch, type LineSearchOptions } from './lineSearchTypes.js';

const WHERE = 'optim.lbfgs';

export interface LbfgsConfig {
  maxIter?: number; maxEval?: number; tolFun?: number; tolX?: number; nCorrection?: number;
  lineSearch?: LineSearch; lineSearchOptions?: LineSearchOptions; learningRate?: number; verbose?: boolean;
}
export interface LbfgsState {
  funcEval?: number; nIter?: number; tmp1?: Tensor; dir_bufs?: Tensor[]; stp_bufs?: Tensor[];
  d?: Tensor; t?: number; old_dirs?: Tensor[]; old_stps?: Tensor[]; Hdiag?: number; g_old?: Tensor; f_old?: number;
  ro?: Tensor; al?: Tensor;
}

function need<T>(v: T | undefined, field: string): T {
  if (v === undefined) throw new StateError(`${WHERE}: state.nIter is past the first iteration but state.${field} is missing; pass a fresh state to start over`);
  return v;
}

export function lbfgs(
  opfunc: Feval, x: Tensor, config: LbfgsConfig & LbfgsState = {}, state: LbfgsState = config,
): [x: Tensor, fHistory: number[], evalCount?: number] {
  checkFunction(WHERE, 'opfunc', opfunc);
  checkVector(WHERE, 'x', x, 1);
  if (typeof config !== 'object' || config === null) throw new ArgumentError(`${WHERE}: expected config to be an object, got ${config === null ? 'null' : typeof config}`);
  const positive = (n: number): boolean => n > 0;
  const maxIter = checkNumber(WHERE, 'config.maxIter', config.maxIter ?? 20, (n) => n >= 0, 'a non-negative number');
  const maxEval = checkNumber(WHERE, 'config.maxEval', config.maxEval ?? maxIter * 1.25);
  const tolFun = checkNumber(WHERE, 'config.tolFun', config.tolFun ?? 1e-5);
  const tolX = checkNumber(WHERE, 'config.tolX', config.tolX ?? 1e-9);
  const nCorrection = checkNumber(WHERE, 'config.nCorrection', config.nCorrection ?? 100, (n) => Number.isInteger(n) && positive(n), 'a positive integer');
  const lineSearch = config.lineSearch;
  if (lineSearch !== undefined) checkFunction(WHERE, 'config.lineSearch', lineSearch);
  const lineSearchOpts = config.lineSearchOptions;
  const learningRate = checkNumber(WHERE, 'config.learningRate', config.learningRate ?? 1);
  const verbose = (msg: string): void => {
    if (config.verbose) console.log('<optim.lbfgs> ', msg);
  };

  state.funcEval = state.funcEval ?? 0;
  state.nIter = state.nIter ?? 0;

  // evaluate the initial f(x) and df/dx
  let [f, g] = evaluate(WHERE, opfunc, x);
  const fHist = [f];
  let currentFuncEval = 1;
  state.funcEval += 1;
  const p = x.numel();

  // is the initial point optimal already?
  const tmp1 = (state.tmp1 ??= Tensor.zeros(g.shape, g.dtype));
  if (tmp1.copy(g).abs().sum() <= tolFun) {
    verbose('optimality condition below tolFun');
    return [x, fHist];
  }

  if (!state.dir_bufs || !state.stp_bufs) {
    // recyclable buffers for the y's and s's and their histories: nCorrection + 1 rows each
    verbose('creating recyclable direction/step/history buffers');
    state.dir_bufs = Tensor.zeros([nCorrection + 1, p], g.dtype).split(1, 0).map((r) => r.squeeze(0));
    state.stp_bufs = Tensor.zeros([nCorrection + 1, p], g.dtype).split(1, 0).map((r) => r.squeeze(0));
  }
  const dirBufs = state.dir_bufs;
  const stpBufs = state.stp_bufs;

  let d = state.d;
  let t = state.t;
  let oldDirs = state.old_dirs;
  let oldStps = state.old_stps;
  let Hdiag = state.Hdiag;
  let gOld = state.g_old;
  let fOld = state.f_old;

  let nIter = 0;
  while (nIter < maxIter) {
    nIter++;
    state.nIter++;

    // the descent direction
    if (state.nIter === 1) {
      d = g.clone().mul(-1);
      oldDirs = [];
      oldStps = [];
      Hdiag = 1;
    } else {
      const dirs = need(oldDirs, 'old_dirs');
      const stps = need(oldStps, 'old_stps');
      const dd = need(d, 'd');
      // update the memory with y = g − g_old, s = t·d
      const y = need(dirBufs.pop(), 'dir_bufs');
      const s = need(stpBufs.pop(), 'stp_bufs');
      y.add(g, -1, need(gOld, 'g_old'));
      s.mul(dd, need(t, 't'));
      const ys = y.dot(s);
      if (ys > 1e-10) {
        if (dirs.length === nCorrection) {
          // drop the oldest pair, its buffers back to the pools
          dirBufs.push(dirs.shift()!);
          stpBufs.push(stps.shift()!);
        }
        dirs.push(s);
        stps.push(y);
        Hdiag = ys / y.dot(y); // scale of the initial inverse Hessian
      } else {
        dirBufs.push(y);
        stpBufs.push(s);
      }

      // two-loop recursion: d = −H·g
      const k = dirs.length;
      const ro = (state.ro ??= Tensor.zeros([nCorrection], 'float64'));
      for (let i = 0; i < k; i++) ro.set([i], 1 / stps[i]!.dot(dirs[i]!));
      const q = tmp1;
      const al = (state.al ??= Tensor.zeros([nCorrection], 'float64'));
      q.mul(g, -1);
      for (let i = k - 1; i >= 0; i--) {
        al.set([i], dirs[i]!.dot(q) * ro.get(i));
        q.add(-al.get(i), stps[i]!);
      }
      const r = dd; // d's buffer: the old d is no longer needed
      r.mul(q, need(Hdiag, 'Hdiag'));
      for (let i = 0; i < k; i++) {
        const beI = stps[i]!.dot(r) * ro.get(i);
        r.add(al.get(i) - beI, dirs[i]!);
      }
    }
    gOld ??= g.clone();
    gOld.copy(g);
    fOld = f;
    const dir = d!;

    // the directional derivative: can progress be made along d?
    const gtd = g.dot(dir);
    if (gtd > -tolX) break;

    // the initial guess for the step size
    if (state.nIter === 1) t = Math.min(1, 1 / tmp1.copy(g).abs().sum()) * learningRate;
    else t = learningRate;

    let lsFuncEval = 0;
    if (typeof lineSearch === 'function') {
      [f, g, x, t, lsFuncEval] = lineSearch(opfunc, x, t, dir, f, g, gtd, lineSearchOpts);
      fHist.push(f);
    } else {
      // a fixed step; f is not re-evaluated after the last iteration (of no use in a stochastic setting)
      x.add(t, dir);
      if (nIter !== maxIter) {
        [f, g] = evaluate(WHERE, opfunc, x);
        lsFuncEval = 1;
        fHist.push(f);
      }
    }
    currentFuncEval += lsFuncEval;
    state.funcEval += lsFuncEval;

    // stopping conditions
    if (nIter === maxIter) {
      verbose('reached max number of iterations');
      break;
    }
    if (currentFuncEval >= maxEval) {
      verbose('max nb of function evals');
      break;
    }
    if (tmp1.copy(g).abs().sum() <= tolFun) {
      verbose('optimality condition below tolFun');
      break;
    }
    if (tmp1.copy(dir).mul(t).abs().sum() <= tolX) {
      verbose('step size below tolX');
      break;
    }
    if (Math.abs(f - fOld) < tolX) {
      verbose('function value changing less than tolX');
      break;
    }
  }

  state.old_dirs = oldDirs;
  state.old_stps = oldStps;
  state.Hdiag = Hdiag;
  state.g_old = gOld;
  state.f_old = fOld;
  state.t = t;
  state.d = d;
  return [x, fHist, currentFuncEval];
}

