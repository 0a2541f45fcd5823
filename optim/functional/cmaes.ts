/**
 * CMA-ES (Covariance Matrix Adaptation Evolution Strategy) as torch/optim's cmaes.lua, itself a
 * port of Hansen's barecmaes2: each iteration samples λ candidates m + σ·B·D·N(0, I), moves the
 * mean to the weighted mean of the best μ, and adapts σ (cumulative step-size control) and C
 * (rank-one plus rank-μ update).
 *
 * `cmaes(opfunc, x, config = {}, state = config)` → `[xbest, fHistory, counteval]`. Only the value
 * of `opfunc` is used (a `[f, df/dx]` pair is accepted, df ignored); candidates reach it as views of
 * x's shape and type into a buffer reused every iteration. Every option is read from `state`, as
 * Lua: `sigma` (required, no default in Lua), `maxEval` (1e3·N²), `ftarget`, `popsize`
 * (4 + ⌊3 ln N⌋), `verb_disp` (0: silent; Lua's has no default and fails without it),
 * `min_iterations` (1). It stops on `maxEval`, `ftarget`, condition of C > 1e14, `tolfun` (this
 * iteration's fitness range < 1e-12) or `tolx` (σ·max D < 1e-11). `xbest` is the best candidate, a
 * flat 1-D tensor of N elements in x's type (as Lua's); `fHistory` is [f(x), the best fitness of
 * each iteration…, the best overall]. f(x) is not counted in `counteval`. Lua's quirks kept: μ = λ/2
 * is not floored — ⌊μ⌋ parents, weights ln(μ + ½) − ln(i + 1) with the unfloored μ (differs from
 * barecmaes2 for odd λ). Lua's 1-based loops are internal; nothing here is indexed by the user.
 * The strategy's state is float64 whatever x's type. Randomness: the global generator
 * (`torch.manualSeed`). Ref: Hansen, The CMA Evolution Strategy: A Tutorial (2016).
 */
import { Tensor } from '../../lib/Tensor.js';
import { torch } from '../../lib/torch/index.js';
import { ArgumentError } from '../../lib/errors.js';
import { symeig } from '../../lib/torch/symeig.js';

/** An objective: the value at x, or `[value, gradient]` as torch/optim's opfuncs return. */
export type Opfunc = (x: Tensor) => number | readonly [number, unknown];

export interface CmaesConfig {
  sigma?: number;
  maxEval?: number;
  ftarget?: number;
  popsize?: number;
  verb_disp?: number;
  min_iterations?: number;
}

const WHERE = 'optim.cmaes';

/** The value of an opfunc's result, or an ArgumentError naming the caller. */
export function fvalue(where: string, r: number | readonly [number, unknown]): number {
  const f = typeof r === 'number' ? r : Array.isArray(r) ? r[0] : undefined;
  if (typeof f !== 'number') throw new ArgumentError(`${where}: expected opfunc to return a number or [f, df], got ${typeof r}`);
  return f;
}

/** x as a float tensor with at least one element, or an ArgumentError. */
export function checkFloatTensor(where: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`${where}: expected x to be a Tensor, got ${x === null ? 'null' : typeof x}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new ArgumentError(`${where}: unsupported tensor ${x.type()}, use a FloatTensor or DoubleTensor for x`);
  if (x.numel() === 0) throw new ArgumentError(`${where}: expected x with at least one element, got an empty tensor`);
  return x;
}

export function cmaes(opfunc: Opfunc, x: Tensor, config: CmaesConfig = {}, state: CmaesConfig = config): [xbest: Tensor, fHistory: number[], counteval: number] {
  checkFloatTensor(WHERE, x);
  const N = x.numel();
  const sigma0 = state.sigma;
  if (typeof sigma0 !== 'number' || !(sigma0 > 0) || !Number.isFinite(sigma0)) throw new ArgumentError(`${WHERE}: expected config.sigma, a positive initial step size (Lua has no default), got ${sigma0}`);
  let sigma = sigma0;
  const maxEval = state.maxEval ?? 1e3 * N * N;
  const { ftarget } = state;
  const verbDisp = state.verb_disp ?? 0;
  const minIterations = state.min_iterations ?? 1;
  const lambda = state.popsize ?? 4 + Math.floor(3 * Math.log(N));
  if (!Number.isInteger(lambda) || lambda < 2) throw new ArgumentError(`${WHERE}: expected popsize to be an integer >= 2, got ${lambda}`);

  // selection: μ = λ/2 unfloored (Lua); torch.range(0, μ−1) gives ⌊μ⌋ weights
  const mu = lambda / 2, nParents = Math.floor(mu);
  const w = new Float64Array(nParents).map((_, i) => Math.log(mu + 0.5) - Math.log(i + 1));
  const wsum = w.reduce((s, v) => s + v, 0);
  w.forEach((v, i) => (w[i] = v / wsum));
  const mueff = 1 / w.reduce((s, v) => s + v * v, 0); // (Σw)² / Σw² with Σw = 1
  const weights = Tensor.from(w, [nParents], 'float64');

  // adaptation
  const cc = (4 + mueff / N) / (N + 4 + (2 * mueff) / N);
  const cs = (mueff + 2) / (N + mueff + 5);
  const c1 = 2 / ((N + 1.3) ** 2 + mueff);
  const cmu = Math.min(1 - c1, (2 * (mueff - 2 + 1 / mueff)) / ((N + 2) ** 2 + mueff));
  const damps = (2 * mueff) / lambda + 0.3 + cs;

  const xmean = x.clone().view(-1).double();
  let pc = Tensor.zeros([N], 'float64'), ps = Tensor.zeros([N], 'float64');
  let B = torch.eye(N).double(), D = Tensor.zeros([N], 'float64').fill(1), invsqrtC = torch.eye(N).double();
  const C = torch.eye(N).double();
  const candidates = Tensor.zeros([lambda, N], x.dtype);
  const rows = Array.from({ length: lambda }, (_, k) => candidates.select(0, k).viewAs(x));
  let eigeneval = 0, counteval = 0, iteration = 0;
  const fHistory = [fvalue(WHERE, opfunc(x))];
  let fitvals = new Float64Array(lambda);
  let best: { x: Tensor; f: number; evals: number } | undefined;

  const ask = (): void => {
    if (counteval - eigeneval > lambda / (c1 + cmu) / N / 10) { // postponed to keep O(N²) per evaluation
      eigeneval = counteval;
      for (let i = 0; i < N; i++) for (let j = 0; j < i; j++) C.set([i, j], C.get(j, i)); // triu(C) + triu(C, 1)ᵀ
      const [e, V] = symeig(C);
      B = V;
      D = e.sqrt(); // standard deviations along the eigenvectors
      invsqrtC = torch.cmul(B, torch.pow(D, -1).view(1, N).expand(N, N)).mm(B.t()); // B·diag(1/D)·Bᵀ
    }
    const z = Tensor.zeros([N], 'float64');
    for (let k = 0; k < lambda; k++) {
      z.normal(0, 1).cmul(D);
      candidates.select(0, k).copy(torch.add(xmean, sigma, B.mv(z))); // m + σ·B·D·N(0, I)
    }
  };

  const tell = (): void => {
    counteval += lambda;
    const xold = xmean.clone();
    const [sorted, order] = Tensor.from(fitvals, [lambda], 'float64').sort();
    fitvals = Float64Array.from(sorted.toArray());
    const arx = candidates.index(0, order.narrow(0, 0, nParents)); // the best ⌊μ⌋, best first
    const f0 = fitvals[0]!;
    fHistory.push(f0);
    if (best === undefined || f0 < best.f) best = { x: arx.select(0, 0).clone(), f: f0, evals: counteval };
    const arxd = arx.double();
    xmean.zero().addmv(arxd.t(), weights);

    // cumulation: the evolution paths
    const y = torch.csub(xmean, xold);
    const z = invsqrtC.mv(y); // C^(-1/2)·(m_new − m_old)
    ps = ps.mul(1 - cs).add(Math.sqrt(cs * (2 - cs) * mueff) / sigma, z);
    const ps2 = ps.dot(ps);
    const hsig = ps2 / (1 - (1 - cs) ** ((2 * counteval) / lambda)) / N < 2 + 4 / (N + 1) ? 1 : 0;
    pc = pc.mul(1 - cc).add((Math.sqrt(cc * (2 - cc) * mueff) / sigma) * hsig, y);

    // covariance: C += (−c1a − cμ)·C + c1·pc·pcᵀ + cμ·Σ w_k y_k y_kᵀ / σ², y_k = x_k − m_old
    const c1a = c1 - (1 - hsig * hsig) * c1 * cc * (2 - cc); // variance lost by hsig = 0
    const Y = torch.add(arxd, -1, xold.view(1, N).expand(nParents, N));
    const Yw = torch.cmul(Y, weights.view(nParents, 1).expand(nParents, N));
    C.mul(1 - c1a - cmu).addr(c1, pc, pc).addmm(cmu / sigma ** 2, Yw.t(), Y);

    // step size, by a factor of at most exp(0.6)
    sigma = sigma * Math.exp(Math.min(0.6, ((cs / damps) * (ps2 / N - 1)) / 2));
  };

  const stop = (): Record<string, number> => {
    const res: Record<string, number> = {};
    if (counteval > 0) {
      if (counteval >= maxEval) res['evals'] = maxEval;
      if (ftarget !== undefined && fitvals[0]! <= ftarget) res['ftarget'] = ftarget;
      if (D.max() > 1e7 * D.min()) res['condition'] = 1e7;
      if (fitvals[lambda - 1]! - fitvals[0]! < 1e-12) res['tolfun'] = 1e-12;
      if (sigma * D.max() < 1e-11) res['tolx'] = 1e-11;
    }
    return res;
  };

  const disp = (): void => {
    const it = counteval / lambda;
    if (it === 1 || it % (10 * verbDisp) === 0) console.log('evals:\t ax-ratio max(std)   f-value');
    if (it <= 2 || it % verbDisp === 0) {
      let maxVar = -Infinity;
      for (let i = 0; i < N; i++) maxVar = Math.max(maxVar, C.get(i, i));
      const maxStd = Math.sqrt(maxVar);
      console.log(`${counteval}:  ${(D.max() / D.min()).toFixed(1).padStart(6)} ${(sigma * maxStd).toExponential(1).padStart(8)} ${fitvals[0]}`);
    }
  };

  while (Object.keys(stop()).length === 0 || iteration < minIterations) {
    iteration++;
    ask();
    for (let i = 0; i < lambda; i++) fitvals[i] = fvalue(WHERE, opfunc(rows[i]!));
    tell();
    if (verbDisp > 0) disp();
  }

  const b = best!;
  if (verbDisp > 0) {
    for (const [k, v] of Object.entries(stop())) console.log('termination by', k, '=', v);
    console.log('best f-value =', b.f);
    console.log('solution = ');
    console.log(String(b.x));
    console.log('best found at iteration: ', b.evals / lambda, ' , total iterations: ', iteration);
  }
  fHistory.push(b.f);
  return [b.x, fHistory, counteval];
}
