/**
 * Lua torch/optim's `optim.FistaLS(f, g, pl, xinit, params)`: FISTA (or ISTA) with backtracking for
 * min F(x) + G(x), F smooth, G not. Each iteration steps from y along −∇F(y)/L, applies the proximal
 * map `pl(ply, L)` (in place), and multiplies L by Lstep until F(p) ≤ Q(p, y) = F(y) + ⟨p − y, ∇F(y)⟩
 * + L/2‖p − y‖² (at most maxline times; then x_k = x_{k−1}); FISTA then sets
 * y = x_k + (t_k − 1)/t_{k+1}·(x_k − x_{k−1}), t_{k+1} = (1 + √(1 + 4t_k²))/2, ISTA y = x_k.
 * It stops when F + G changes by at most errthres between iterations, or after maxiter.
 * `f(x, 'dx')` returns [F(x), ∇F(x)]; `f(x)` [F(x)] (a gradient may come too, unused); `g(x)` G(x).
 * Returns `[y, history]` (history[k]: nline, L, F = F + G, Fply, Gply, Q, and xk, y when verbose),
 * and copies y into xinit. params (defaults): L 0.1, Lstep 1.5, maxiter 50, maxline 20,
 * errthres 1e-4, doFistaUpdate, verbose; params.L keeps the last L, params.xkm, y, ply the buffers.
 * Lua's quirks kept: doFistaUpdate is read as given, so it defaults to ISTA (Lua's doc says FISTA);
 * the iteration starts from y = 0, whatever xinit holds (xinit is the x_k buffer); in ISTA x_{k−1}
 * stays 0, so a failed line search resets x_k to 0. The buffers take xinit's type (Lua's take the
 * default tensor type, double in Lua).
 * Ref: torch/optim fista.lua; Beck & Teboulle, SIAM J. Imaging Sci. 2(1):183–202, 2009.
 */
import '../../lib/torch/index.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { checkFunction, checkNumber, checkVector } from './lineSearchTypes.js';

const WHERE = 'optim.fista';

/** The smooth part: F(x), and ∇F(x) when mode is 'dx'. */
export type FistaSmooth = (x: Tensor, mode?: 'dx') => readonly [f: number, gradient?: Tensor];
/** The non-smooth part G(x). */
export type FistaNonSmooth = (x: Tensor) => number;
/** The minimiser of the intermediate problem: maps x (in place) to argmin_p G(p) + L/2‖p − x‖². */
export type FistaProx = (x: Tensor, L: number) => void;

export interface FistaParams {
  L?: number; Lstep?: number; maxiter?: number; maxline?: number; errthres?: number; doFistaUpdate?: boolean; verbose?: boolean;
  xkm?: Tensor; y?: Tensor; ply?: Tensor;
}
export interface FistaHistory { nline: number; L: number; F: number; Fply: number; Gply: number; Q: number; xk?: Tensor; y?: Tensor }

export function fista(f: FistaSmooth, g: FistaNonSmooth, pl: FistaProx, xinit: Tensor, params: FistaParams = {}): [x: Tensor, history: FistaHistory[]] {
  checkFunction(WHERE, 'f', f);
  checkFunction(WHERE, 'g', g);
  checkFunction(WHERE, 'pl', pl);
  checkVector(WHERE, 'xinit', xinit);
  if (typeof params !== 'object' || params === null) throw new ArgumentError(`${WHERE}: expected params to be an object, got ${params === null ? 'null' : typeof params}`);
  let L = checkNumber(WHERE, 'params.L', params.L ?? 0.1);
  const Lstep = checkNumber(WHERE, 'params.Lstep', params.Lstep ?? 1.5);
  const maxiter = checkNumber(WHERE, 'params.maxiter', params.maxiter ?? 50, (n) => n > 0, 'a positive number (Lua fails with "not supposed to be here")');
  const maxline = checkNumber(WHERE, 'params.maxline', params.maxline ?? 20);
  const errthres = checkNumber(WHERE, 'params.errthres', params.errthres ?? 1e-4);
  const doFistaUpdate = params.doFistaUpdate;
  const verbose = params.verbose;
  const smooth = (x: Tensor, mode?: 'dx'): readonly [number, Tensor?] => {
    const r: unknown = f(x, mode);
    if (!Array.isArray(r) || typeof r[0] !== 'number') throw new ArgumentError(`${WHERE}: expected f to return [F(x)] or [F(x), ∇F(x)], got ${typeof r}`);
    return r as [number, Tensor?];
  };

  const xkm = (params.xkm ??= Tensor.empty(xinit.dtype)); // the previous iterate
  const y = (params.y ??= Tensor.empty(xinit.dtype)); // the FISTA point
  const ply = (params.ply ??= Tensor.empty(xinit.dtype)); // pl(y − ∇F(y)/L)

  // we start from all zeros
  const xk = xinit;
  xkm.resizeAs(xk).zero();
  ply.resizeAs(xk).zero();
  y.resizeAs(xk).zero();

  const history: FistaHistory[] = [];
  let niter = 0;
  let tk = 1;
  let tkp = 0;

  g(y); // Lua evaluates G(0) here and keeps nothing
  let fval = Infinity;
  for (;;) {
    const [fy, gfy] = smooth(y, 'dx');
    if (!(gfy instanceof Tensor)) throw new ArgumentError(`${WHERE}: expected f(x, 'dx') to return [F(x), ∇F(x)], got no gradient`);
    let fply = 0;
    let gply = 0;
    let Q = 0;

    // line search from y
    let nline = 0;
    for (let done = false; !done;) {
      ply.copy(y).add(-1 / L, gfy); // a gradient step on F
      pl(ply, L); // the proximal map
      xk.copy(ply); // the candidate iterate
      fply = smooth(ply)[0];
      ply.add(-1, y);
      const Q2 = gfy.dot(ply); // ⟨p − y, ∇F(y)⟩
      const Q3 = (L / 2) * ply.dot(ply); // L/2‖p − y‖²
      Q = fy + Q2 + Q3;
      if (verbose) console.log(`nline=${nline} L=${L} fply=${fply} Q=${Q} fy=${fy} Q2=${Q2} Q3=${Q3}`);
      if (fply <= Q) {
        done = true;
      } else if (nline >= maxline) {
        done = true;
        xk.copy(xkm); // no better point: keep the previous iterate
      } else {
        L *= Lstep;
      }
      nline++;
    }

    if (doFistaUpdate) {
      tkp = (1 + Math.sqrt(1 + 4 * tk * tk)) / 2;
      xkm.add(-1, xk); // x_{k−1} − x_k
      y.copy(xk).add((1 - tk) / tkp, xkm); // y = x_k + (1 − t_k)/t_{k+1}·(x_{k−1} − x_k)
      xkm.copy(xk);
    } else {
      y.copy(xk);
    }
    tk = tkp;
    fply = smooth(y)[0];
    gply = g(y);
    if (verbose) console.log(`iter=${niter} eold=${fval} enew=${fply + gply}`);
    niter++;

    fval = fply + gply;
    const h: FistaHistory = { nline, L, F: fval, Fply: fply, Gply: gply, Q };
    if (verbose) {
      h.xk = xk.clone();
      h.y = y.clone();
    }
    history.push(h);
    params.L = L;

    const prev = history[niter - 2];
    if ((prev !== undefined && Math.abs(h.F - prev.F) <= errthres) || niter >= maxiter) {
      xinit.copy(y);
      return [y, history];
    }
  }
}

/** Lua's name. */
export const FistaLS = fista;
