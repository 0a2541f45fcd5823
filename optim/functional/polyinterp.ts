/**
 * Lua torch/optim's `optim.polyinterp(points, xminBound, xmaxBound)`: the minimiser of the polynomial
 * that interpolates n points (x, f, f′), the rows of an n×3 tensor, within [xminBound, xmaxBound]
 * (default: the points' span). Returns `[minPos]` in Lua's closed-form case (two points, no bounds:
 * the cubic's minimiser clipped to the points, or their mean when the cubic has no real critical
 * point) and `[minPos, fmin]` otherwise (the degree-(2n−1) Hermite polynomial fitted by least squares,
 * its critical points from the companion matrix's eigenvalues, the best real one in the bounds, the
 * midpoint of the bounds when none is; fmin = Infinity then).
 * Lua reads no unknown-derivative marker: a NaN f′ makes the closed form return the mean and the
 * general form the midpoint. Where Lua's general form fails by accident (NaN or +∞ coefficients, a
 * constant polynomial) this one tests the bounds and the points only, as its code means to.
 * Ref: torch/optim polyinterp.lua, after minFunc's polyinterp (Mark Schmidt).
 */
import '../../lib/torch/index.js';
import type { Tensor } from '../../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../../lib/errors.js';
import { checkVector, luaMax, luaMin } from './lineSearchTypes.js';
import { leastSquares, roots } from './polynomial.js';

const WHERE = 'optim.polyinterp';

export function polyinterp(points: Tensor, xminBound?: number, xmaxBound?: number): [minPos: number, fmin?: number] {
  checkVector(WHERE, 'points', points);
  if (points.dim() !== 2 || points.size(1) !== 3 || points.size(0) < 1) {
    throw new ShapeError(`${WHERE}: expected points of size [n, 3] (rows x, f, g), got ${shapeStr(points.shape)}`);
  }
  for (const [name, b] of [['xminBound', xminBound], ['xmaxBound', xmaxBound]] as const) {
    if (b !== undefined && typeof b !== 'number') throw new ArgumentError(`${WHERE}: expected ${name} to be a number, got ${typeof b}`);
  }
  const nPoints = points.size(0);
  const order = nPoints * 2 - 1;
  const px = (i: number): number => points.get(i, 0);
  const pf = (i: number): number => points.get(i, 1);
  const pg = (i: number): number => points.get(i, 2);

  if (nPoints === 2 && xminBound === undefined && xmaxBound === undefined) {
    // lo = the point of smaller x (the first on ties, as Torch's min); d1 = g1 + g2 − 3(f1 − f2)/(x1 − x2), d2 = √(d1² − g1·g2)
    const lo = !(px(1) >= px(0)) ? 1 : 0;
    const hi = 1 - lo;
    const d1 = pg(lo) + pg(hi) - 3 * (pf(lo) - pf(hi)) / (px(lo) - px(hi));
    const d2 = Math.sqrt(d1 * d1 - pg(lo) * pg(hi));
    if (!Number.isNaN(d2)) {
      const t = px(hi) - (px(hi) - px(lo)) * ((pg(hi) + d2 - d1) / (pg(hi) - pg(lo) + 2 * d2));
      return [luaMin(luaMax(t, px(lo)), px(hi))];
    }
    return [(px(0) + px(1)) / 2];
  }

  let xmin = Infinity;
  let xmax = -Infinity;
  for (let i = 0; i < nPoints; i++) {
    xmin = Math.min(xmin, px(i));
    xmax = Math.max(xmax, px(i));
  }
  const lower = xminBound ?? xmin;
  const upper = xmaxBound ?? xmax;

  // Rows i: p(x_i) = f_i; rows n + i: p′(x_i) = g_i, for p(x) = Σ_k params[k]·x^(order − k).
  const A: number[][] = [];
  const b: number[] = [];
  for (let i = 0; i < nPoints; i++) {
    A.push(Array.from({ length: order + 1 }, (_, k) => px(i) ** (order - k)));
    b.push(pf(i));
  }
  for (let i = 0; i < nPoints; i++) {
    A.push(Array.from({ length: order + 1 }, (_, k) => (k < order ? (order - k) * px(i) ** (order - k - 1) : 0)));
    b.push(pg(i));
  }
  const params = leastSquares(A, b).map((p) => (Math.abs(p) <= 1e-12 ? 0 : p));
  const dParams = params.slice(0, order).map((p, k) => p * (order - k));
  const nans = dParams.some((p) => Number.isNaN(p) || p === Infinity); // Lua tests +∞ only

  const candidates: [re: number, im: number][] = [[lower, 0], [upper, 0]];
  for (let i = 0; i < nPoints; i++) candidates.push([px(i), 0]);
  if (!nans) candidates.push(...roots(dParams));

  let fmin = Infinity;
  let minPos = (lower + upper) / 2; // bisection when no critical point is valid
  for (const [re, im] of candidates) {
    if (im === 0 && re >= lower && re <= upper) {
      const fCP = polyval(params, re);
      if (fCP < fmin) {
        minPos = re;
        fmin = fCP;
      }
    }
  }
  return [minPos, fmin];
}

/** Σ_k p[k]·x^(n − 1 − k), term by term as Lua's polyval. */
function polyval(p: readonly number[], x: number): number {
  let val = 0;
  p.forEach((pc, k) => {
    val += pc * x ** (p.length - 1 - k);
  });
  return val;
}
