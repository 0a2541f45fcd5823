/**
 * Lua torch/optim's first-order algorithms (optim/functional/*) against transcriptions of the Lua
 * update rules written here with plain numbers over Float64Arrays, independent of the tensor
 * library: side by side for 10 steps on a 5-dimensional convex quadratic with cross terms, in
 * float64, x compared after every step to 1e-12 relative, the state's buffers (names and values)
 * at the end; f decreasing with the defaults; state stored in config when omitted; typed errors.
 */
import test from 'tape';
import type { Test } from 'tape';
import { torch, Tensor, ArgumentError, ShapeError } from '../../index.js';
import type { Feval } from '../../optim/functional/types.js';
import { sgd } from '../../optim/functional/sgd.js';
import { asgd } from '../../optim/functional/asgd.js';
import { nag } from '../../optim/functional/nag.js';
import { adagrad } from '../../optim/functional/adagrad.js';
import { adadelta } from '../../optim/functional/adadelta.js';
import { adam } from '../../optim/functional/adam.js';
import { adamax } from '../../optim/functional/adamax.js';
import { rmsprop } from '../../optim/functional/rmsprop.js';
import { rprop } from '../../optim/functional/rprop.js';

// ---- the problem: f(x) = Σ aᵢ(xᵢ − cᵢ)² + Σ bᵢ·xᵢ·xᵢ₊₁ (Hessian diagonally dominant: convex) ----

const A = [1, 2, 1.5, 3, 2.5];
const C = [0.5, -1, 2, 0.3, -0.7];
const B = [0.3, -0.2, 0.4, 0.1];
const X0 = [0, 0.5, -0.5, 1, 0.2];
const N = A.length;
const LRS = [0.5, 1, 2, 1.5, 0.8];
const WDS = [0.1, 0, 0.3, 0.05, 0.2];

type Vec = Float64Array;
type FG = (x: Vec) => [number, Vec];

const fg: FG = (x) => {
  let f = 0;
  const g = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const d = x[i]! - C[i]!;
    f += A[i]! * d * d;
    g[i] = 2 * A[i]! * d;
  }
  for (let i = 0; i < N - 1; i++) {
    f += B[i]! * x[i]! * x[i + 1]!;
    g[i] = g[i]! + B[i]! * x[i + 1]!; // ∂(bᵢxᵢxᵢ₊₁)/∂xᵢ
    g[i + 1] = g[i + 1]! + B[i]! * x[i]!;
  }
  return [f, g];
};

/** The library's opfunc: f and df/dx written into one reused gradient tensor, as nn's flat gradParameters. */
function libFeval(): Feval {
  const grad = torch.DoubleTensor(N);
  return (x) => {
    const [f, g] = fg(Float64Array.from(x.toArray()));
    grad.copy(Tensor.from(g, [N], 'float64'));
    return [f, grad];
  };
}

// ---- the reference side: plain numbers ---------------------------------------------------------

type Cfg = Record<string, number | boolean | number[]>;
type RefCfg = Record<string, number | boolean | Vec>;
type RefState = Record<string, number | Vec>;
type RefStep = (fgx: FG, x: Vec, c: RefCfg, s: RefState) => number[];

const num = (c: RefCfg | RefState, k: string, d: number): number => {
  const v = c[k];
  return typeof v === 'number' ? v : d;
};
const vec = (c: RefCfg | RefState, k: string): Vec | undefined => {
  const v = c[k];
  return v instanceof Float64Array ? v : undefined;
};
/** The state buffer k, made (zeros, or `init`) on first use. */
const buf = (s: RefState, k: string, init?: Vec): Vec => {
  let v = vec(s, k);
  if (!v) s[k] = v = init ?? new Float64Array(N);
  return v;
};
const sign = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

const refSgd: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 1e-3), lrd = num(c, 'learningRateDecay', 0), wd = num(c, 'weightDecay', 0);
  const mom = num(c, 'momentum', 0), damp = num(c, 'dampening', mom), nesterov = c.nesterov === true;
  const lrs = vec(c, 'learningRates'), wds = vec(c, 'weightDecays');
  s.evalCounter = num(s, 'evalCounter', 0);
  const nevals = s.evalCounter;
  const [fx, g] = fgx(x);
  if (wd !== 0) for (let i = 0; i < N; i++) g[i] = g[i]! + wd * x[i]!;
  else if (wds) {
    const dp = buf(s, 'decayParameters');
    for (let i = 0; i < N; i++) {
      dp[i] = wds[i]! * x[i]!;
      g[i] = g[i]! + dp[i]!;
    }
  }
  let d = g;
  if (mom !== 0) {
    const had = vec(s, 'dfdx');
    const v = buf(s, 'dfdx', had ?? g.slice());
    if (had) for (let i = 0; i < N; i++) v[i] = v[i]! * mom + (1 - damp) * g[i]!;
    if (nesterov) for (let i = 0; i < N; i++) g[i] = g[i]! + mom * v[i]!;
    else d = v;
  }
  const clr = lr / (1 + nevals * lrd);
  if (lrs) {
    const dp = buf(s, 'deltaParameters');
    for (let i = 0; i < N; i++) {
      dp[i] = lrs[i]! * d[i]!;
      x[i] = x[i]! + -clr * dp[i]!;
    }
  } else for (let i = 0; i < N; i++) x[i] = x[i]! + -clr * d[i]!;
  s.evalCounter += 1;
  return [fx];
};

const refAsgd: RefStep = (fgx, x, c, s) => {
  const eta0 = num(c, 'eta0', 1e-4), lambda = num(c, 'lambda', 1e-4), alpha = num(c, 'alpha', 0.75), t0 = num(c, 't0', 1e6);
  const eta = num(s, 'eta_t', eta0), mu = num(s, 'mu_t', 1), t = num(s, 't', 0);
  const [fx, g] = fgx(x);
  for (let i = 0; i < N; i++) x[i] = x[i]! * (1 - lambda * eta) + -eta * g[i]!;
  const ax = buf(s, 'ax'), tmp = buf(s, 'tmp');
  for (let i = 0; i < N; i++) {
    if (mu !== 1) {
      tmp[i] = (x[i]! + -1 * ax[i]!) * mu;
      ax[i] = ax[i]! + tmp[i]!;
    } else ax[i] = x[i]!;
  }
  s.t = t + 1;
  s.eta_t = eta0 / Math.pow(1 + lambda * eta0 * s.t, alpha);
  s.mu_t = 1 / Math.max(1, s.t - t0);
  return [fx];
};

const refNag: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 1e-3), lrd = num(c, 'learningRateDecay', 0), wd = num(c, 'weightDecay', 0);
  const mom = num(c, 'momentum', 0.9), lrs = vec(c, 'learningRates');
  s.evalCounter = num(s, 'evalCounter', 0);
  const nevals = s.evalCounter;
  const had = vec(s, 'dfdx');
  if (had) for (let i = 0; i < N; i++) x[i] = x[i]! + mom * had[i]!;
  const [fx, g] = fgx(x);
  if (wd !== 0) for (let i = 0; i < N; i++) g[i] = g[i]! + wd * x[i]!;
  const clr = lr / (1 + nevals * lrd);
  const v = buf(s, 'dfdx');
  if (had) for (let i = 0; i < N; i++) v[i] = v[i]! * mom;
  const d = lrs ? buf(s, 'deltaParameters') : g;
  for (let i = 0; i < N; i++) {
    if (lrs) d[i] = lrs[i]! * g[i]!;
    x[i] = x[i]! + -clr * d[i]!;
    v[i] = v[i]! + -clr * d[i]!;
  }
  s.evalCounter += 1;
  return [fx];
};

const refAdagrad: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 1e-3), lrd = num(c, 'learningRateDecay', 0), wd = num(c, 'weightDecay', 0);
  s.evalCounter = num(s, 'evalCounter', 0);
  const clr = lr / (1 + s.evalCounter * lrd);
  const [fx, g] = fgx(x);
  const varr = buf(s, 'paramVariance'), std = buf(s, 'paramStd');
  for (let i = 0; i < N; i++) {
    if (wd !== 0) g[i] = g[i]! + wd * x[i]!;
    varr[i] = varr[i]! + 1 * g[i]! * g[i]!;
    std[i] = Math.sqrt(varr[i]!) + 1e-10;
    x[i] = x[i]! + -clr * (g[i]! / std[i]!);
  }
  s.evalCounter += 1;
  return [fx];
};

const refAdadelta: RefStep = (fgx, x, c, s) => {
  const rho = num(c, 'rho', 0.9), eps = num(c, 'eps', 1e-6), wd = num(c, 'weightDecay', 0);
  s.evalCounter = num(s, 'evalCounter', 0);
  const [fx, g] = fgx(x);
  const varr = buf(s, 'paramVariance'), std = buf(s, 'paramStd'), delta = buf(s, 'delta'), acc = buf(s, 'accDelta');
  for (let i = 0; i < N; i++) {
    if (wd !== 0) g[i] = g[i]! + wd * x[i]!;
    varr[i] = varr[i]! * rho + (1 - rho) * g[i]! * g[i]!;
    std[i] = Math.sqrt(varr[i]! + eps);
    delta[i] = (Math.sqrt(acc[i]! + eps) / std[i]!) * g[i]!;
    x[i] = x[i]! + -1 * delta[i]!;
    acc[i] = acc[i]! * rho + (1 - rho) * delta[i]! * delta[i]!;
  }
  s.evalCounter += 1;
  return [fx];
};

const refAdam: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 0.001), lrd = num(c, 'learningRateDecay', 0), b1 = num(c, 'beta1', 0.9), b2 = num(c, 'beta2', 0.999);
  const eps = num(c, 'epsilon', 1e-8), wd = num(c, 'weightDecay', 0);
  const [fx, g] = fgx(x);
  const m = buf(s, 'm'), v = buf(s, 'v'), denom = buf(s, 'denom');
  const t = num(s, 't', 0);
  const clr = lr / (1 + t * lrd);
  s.t = t + 1;
  const step = (clr * Math.sqrt(1 - Math.pow(b2, s.t))) / (1 - Math.pow(b1, s.t));
  for (let i = 0; i < N; i++) {
    if (wd !== 0) g[i] = g[i]! + wd * x[i]!;
    m[i] = m[i]! * b1 + (1 - b1) * g[i]!;
    v[i] = v[i]! * b2 + (1 - b2) * g[i]! * g[i]!;
    denom[i] = Math.sqrt(v[i]!) + eps;
    x[i] = x[i]! + -step * (m[i]! / denom[i]!);
  }
  return [fx];
};

const refAdamax: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 0.002), b1 = num(c, 'beta1', 0.9), b2 = num(c, 'beta2', 0.999);
  const eps = num(c, 'epsilon', 1e-38), wd = num(c, 'weightDecay', 0);
  const [fx, g] = fgx(x);
  const m = buf(s, 'm'), u = buf(s, 'u'), max = buf(s, 'max', new Float64Array(2 * N));
  s.t = num(s, 't', 0) + 1;
  const step = lr / (1 - Math.pow(b1, s.t));
  for (let i = 0; i < N; i++) {
    if (wd !== 0) g[i] = g[i]! + wd * x[i]!;
    m[i] = m[i]! * b1 + (1 - b1) * g[i]!;
    max[i] = u[i]! * b2;
    max[N + i] = Math.abs(g[i]!) + eps;
    u[i] = Math.max(max[i]!, max[N + i]!);
    x[i] = x[i]! + -step * (m[i]! / u[i]!);
  }
  return [fx];
};

const refRmsprop: RefStep = (fgx, x, c, s) => {
  const lr = num(c, 'learningRate', 1e-2), alpha = num(c, 'alpha', 0.99), eps = num(c, 'epsilon', 1e-8);
  const wd = num(c, 'weightDecay', 0), mfill = num(c, 'initialMean', 0);
  const [fx, g] = fgx(x);
  const m = buf(s, 'm', new Float64Array(N).fill(mfill)), tmp = buf(s, 'tmp');
  for (let i = 0; i < N; i++) {
    if (wd !== 0) g[i] = g[i]! + wd * x[i]!;
    m[i] = m[i]! * alpha + (1 - alpha) * g[i]! * g[i]!;
    tmp[i] = Math.sqrt(m[i]!) + eps;
    x[i] = x[i]! + -lr * (g[i]! / tmp[i]!);
  }
  return [fx];
};

/** Counts of rprop's branches taken over a run, so the test knows the options were exercised. */
const rpropHits = { up: 0, down: 0, max: 0, min: 0 };

const refRprop: RefStep = (fgx, x, c, s) => {
  const step0 = num(c, 'stepsize', 0.1), up = num(c, 'etaplus', 1.2), down = num(c, 'etaminus', 0.5);
  const smax = num(c, 'stepsizemax', 50), smin = num(c, 'stepsizemin', 1e-6), niter = num(c, 'niter', 1);
  const hfx: number[] = [];
  for (let it = 0; it < niter; it++) {
    const [fx, g] = fgx(x);
    const delta = buf(s, 'delta'), steps = buf(s, 'stepsize', new Float64Array(N).fill(step0)), sg = buf(s, 'sign');
    const ps = buf(s, 'psign'), ns = buf(s, 'nsign'), zs = buf(s, 'zsign'), dm = buf(s, 'dminmax');
    for (let i = 0; i < N; i++) {
      const d = sign(g[i]! * delta[i]!);
      ps[i] = d > 0 ? 1 : 0;
      ns[i] = d < 0 ? 1 : 0;
      zs[i] = d === 0 ? 1 : 0;
      steps[i] = steps[i]! * (d > 0 ? up : d < 0 ? down : 1);
      if (d > 0) rpropHits.up++;
      if (d < 0) rpropHits.down++;
      if (steps[i]! > smax) {
        steps[i] = smax;
        rpropHits.max++;
      }
      dm[i] = steps[i]! < smin ? 1 : 0; // the mask left from the last threshold
      if (steps[i]! < smin) {
        steps[i] = smin;
        rpropHits.min++;
      }
      if (d < 0) g[i] = 0;
      sg[i] = sign(g[i]!);
      x[i] = x[i]! + -1 * sg[i]! * steps[i]!;
      delta[i] = g[i]!;
    }
    hfx.push(fx);
  }
  return hfx;
};

// ---- side by side ---------------------------------------------------------------------------

type LibStep = (op: Feval, x: Tensor, config: Record<string, unknown>, state: Record<string, unknown>) => unknown[];

const libCfg = (c: Cfg): Record<string, unknown> =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.isArray(v) ? Tensor.from(v, [v.length], 'float64') : v]));
const refCfg = (c: Cfg): RefCfg => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Array.isArray(v) ? Float64Array.from(v) : v]));

/** The largest |a − b|/max(|a|, |b|) (0 where both are 0). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    if (d === 0) continue;
    worst = Math.max(worst, d / Math.max(Math.abs(a[i]!), Math.abs(b[i]!)));
  }
  return worst;
}

const TOL = 1e-12;

/** Runs the library and the reference for `steps` calls from X0 with one config; compares x, f and the state. */
function sideBySide(t: Test, name: string, lib: LibStep, ref: RefStep, cfg: Cfg, steps = 10): void {
  const label = `${name} ${JSON.stringify(cfg)}`;
  const op = libFeval();
  const x = Tensor.from(X0, [N], 'float64');
  const xr = Float64Array.from(X0);
  const config = libCfg(cfg), rc = refCfg(cfg);
  const state: Record<string, unknown> = {}, rs: RefState = {};
  let worstX = 0, fSame = true, returnedX = true;
  for (let k = 0; k < steps; k++) {
    const out = lib(op, x, config, state);
    const fr = ref((v) => fg(v), xr, rc, rs);
    returnedX &&= out[0] === x;
    const fl = out[1] as number[];
    fSame &&= fl.length === fr.length && relErr(fl, fr) <= TOL;
    worstX = Math.max(worstX, relErr(x.toArray(), xr));
  }
  t.ok(worstX <= TOL, `${label}: x after each of ${steps} steps within 1e-12 relative (worst ${worstX.toExponential(2)})`);
  t.ok(fSame && returnedX, `${label}: returns x itself and the same f values`);
  t.deepEqual(Object.keys(state).sort(), Object.keys(rs).sort(), `${label}: state fields ${Object.keys(rs).sort().join(', ')}`);
  let worstS = 0;
  const wrong: string[] = [];
  for (const [k, v] of Object.entries(rs)) {
    const l = state[k];
    if (typeof v === 'number') {
      if (typeof l !== 'number' || relErr([l], [v]) > TOL) wrong.push(k);
    } else if (!(l instanceof Tensor) || l.numel() !== v.length || (l.dtype !== 'float64' && l.dtype !== 'uint8')) wrong.push(k);
    else worstS = Math.max(worstS, relErr(l.toArray(), v));
  }
  t.ok(wrong.length === 0 && worstS <= TOL, `${label}: state values match (worst ${worstS.toExponential(2)})${wrong.length ? `; wrong: ${wrong.join(', ')}` : ''}`);
}

/** f at the end of 10 default steps is below f at X0, and the first f returned is f(X0). */
function decreases(t: Test, name: string, lib: LibStep): void {
  const op = libFeval();
  const x = Tensor.from(X0, [N], 'float64');
  const config = {};
  const out = lib(op, x, config, config);
  for (let k = 1; k < 10; k++) lib(op, x, config, config);
  const f0 = fg(Float64Array.from(X0))[0], f10 = fg(Float64Array.from(x.toArray()))[0];
  t.equal((out[1] as number[])[0], f0, `${name}: the f returned is f before the update`);
  t.ok(f10 < f0, `${name}: defaults decrease f on the convex quadratic (${f0.toFixed(6)} → ${f10.toFixed(6)})`);
}

/** x not a tensor: ArgumentError; df/dx of another size: ShapeError; both name the algorithm. */
function badInput(t: Test, name: string, lib: LibStep): void {
  const where = `optim.${name}`;
  t.throws(() => lib(libFeval(), 3 as unknown as Tensor, {}, {}), (e: unknown) => e instanceof ArgumentError && e.message.startsWith(`${where}: expected x to be a tensor, got number`), `${name}: x a number → ArgumentError`);
  const short: Feval = () => [0, torch.DoubleTensor(N - 1)];
  t.throws(() => lib(short, Tensor.from(X0, [N], 'float64'), {}, {}), (e: unknown) => e instanceof ShapeError && e.message.includes(where) && e.message.includes('[5]') && e.message.includes('[4]'), `${name}: df/dx of size [4] for x of [5] → ShapeError`);
  const float: Feval = () => [0, torch.FloatTensor(N)];
  t.throws(() => lib(float, Tensor.from(X0, [N], 'float64'), {}, {}), (e: unknown) => e instanceof ArgumentError && e.message.includes(where) && e.message.includes('torch.FloatTensor'), `${name}: df/dx of another type → ArgumentError`);
}

/** With state omitted, Lua keeps the state in the config table: so does the library. */
function stateInConfig(t: Test, name: string, lib: (op: Feval, x: Tensor, config: Record<string, unknown>) => unknown[], fields: readonly string[], counter?: string, initial: Cfg = {}): void {
  const op = libFeval();
  const x = Tensor.from(X0, [N], 'float64');
  const config = libCfg(initial);
  for (let k = 0; k < 3; k++) lib(op, x, config);
  t.ok(fields.every((f) => f in config), `${name}: state omitted → ${fields.join(', ')} stored in config`);
  const buffers = fields.filter((f) => config[f] instanceof Tensor);
  t.ok(buffers.length > 0 && buffers.every((f) => {
    const b = config[f] as Tensor;
    return (b.dtype === 'float64' || b.dtype === 'uint8') && b.numel() % N === 0;
  }), `${name}: buffers ${buffers.join(', ')} are tensors of x's type (masks: ByteTensors)`);
  if (counter) t.equal(config[counter], 3, `${name}: ${counter} counts the 3 calls`);
  const before = buffers.map((f) => config[f]);
  lib(op, x, config);
  t.ok(buffers.every((f, i) => config[f] === before[i]), `${name}: buffers are allocated once`);
}

// ---- one tape test per algorithm ---------------------------------------------------------------

const asLib = <C, S>(f: (op: Feval, x: Tensor, c: C, s: S) => unknown[]): LibStep => (op, x, c, s) => f(op, x, c as C, s as S);
const omitted = <C>(f: (op: Feval, x: Tensor, c: C) => unknown[]) => (op: Feval, x: Tensor, c: Record<string, unknown>) => f(op, x, c as C);

test('optim.sgd: Lua rule for every option; dampening defaults to momentum; Nesterov needs dampening 0', (t) => {
  const lib = asLib(sgd);
  for (const cfg of [
    {},
    { learningRate: 0.05, weightDecay: 0.1 },
    { learningRate: 0.05, weightDecays: WDS, learningRates: LRS },
    { learningRate: 0.05, weightDecay: 0.1, weightDecays: WDS }, // Lua: weightDecay wins, weightDecays unused
    { learningRate: 0.03, momentum: 0.9 }, // dampening = 0.9
    { learningRate: 0.03, momentum: 0.8, dampening: 0.1, learningRateDecay: 0.1 },
    { learningRate: 0.03, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0.01, learningRates: LRS },
  ] as Cfg[]) sideBySide(t, 'sgd', lib, refSgd, cfg);
  decreases(t, 'sgd', lib);
  badInput(t, 'sgd', lib);
  stateInConfig(t, 'sgd', omitted(sgd), ['evalCounter', 'dfdx', 'decayParameters', 'deltaParameters'], 'evalCounter', { momentum: 0.5, weightDecays: WDS, learningRates: LRS });
  const cfgWithState = { learningRate: 0.1, momentum: 0.5 };
  const st: Record<string, unknown> = {};
  sgd(libFeval(), Tensor.from(X0, [N], 'float64'), cfgWithState, st);
  t.deepEqual(Object.keys(cfgWithState), ['learningRate', 'momentum'], 'sgd: a separate state leaves config untouched');
  t.equal(st.evalCounter, 1, 'sgd: evalCounter in the given state');
  const [x1] = sgd(libFeval(), Tensor.from(X0, [N], 'float64'));
  t.equal(x1.numel(), N, 'sgd: config and state may both be omitted');
  t.throws(() => sgd(libFeval(), Tensor.from(X0, [N], 'float64'), { momentum: 0.9, nesterov: true }),
    (e: unknown) => e instanceof ArgumentError && /optim\.sgd: Nesterov momentum requires a momentum and zero dampening, got momentum 0.9 and dampening 0.9/.test(e.message),
    'sgd: Nesterov with the default dampening (= momentum) → ArgumentError');
  t.throws(() => sgd(libFeval(), Tensor.from(X0, [N], 'float64'), { nesterov: true, dampening: 0 }), ArgumentError, 'sgd: Nesterov without momentum → ArgumentError');
  t.throws(() => sgd(libFeval(), Tensor.from(X0, [N], 'float64'), { learningRates: torch.DoubleTensor(3) }), ShapeError, 'sgd: learningRates of 3 elements for x of 5 → ShapeError');
  t.end();
});

test('optim.asgd: decay, step and averaging after t0; defaults written into config; ax returned', (t) => {
  const lib = asLib(asgd);
  for (const cfg of [{}, { eta0: 0.05, lambda: 0.01, alpha: 0.6, t0: 3 }] as Cfg[]) sideBySide(t, 'asgd', lib, refAsgd, cfg);
  decreases(t, 'asgd', lib);
  badInput(t, 'asgd', lib);
  stateInConfig(t, 'asgd', omitted(asgd), ['eta_t', 'mu_t', 't', 'ax', 'tmp'], 't');
  const config: Record<string, unknown> = {};
  const st: Record<string, unknown> = {};
  const [, , ax] = asgd(libFeval(), Tensor.from(X0, [N], 'float64'), config, st);
  t.deepEqual(config, { eta0: 1e-4, lambda: 1e-4, alpha: 0.75, t0: 1e6 }, 'asgd: Lua writes the defaults into config even with a separate state');
  t.equal(ax, st.ax, 'asgd: the third value is state.ax');
  t.end();
});

test('optim.nag: look-ahead step along the momentum, lrs, decay; momentum must be positive', (t) => {
  const lib = asLib(nag);
  for (const cfg of [
    {},
    { learningRate: 0.02, momentum: 0.7, weightDecay: 0.05, learningRateDecay: 0.2 },
    { learningRate: 0.02, learningRates: LRS, dampening: 0.5 }, // dampening: read and ignored, as Lua
  ] as Cfg[]) sideBySide(t, 'nag', lib, refNag, cfg);
  decreases(t, 'nag', lib);
  badInput(t, 'nag', lib);
  stateInConfig(t, 'nag', omitted(nag), ['evalCounter', 'dfdx', 'deltaParameters'], 'evalCounter', { learningRates: LRS });
  t.throws(() => nag(libFeval(), Tensor.from(X0, [N], 'float64'), { momentum: 0 }),
    (e: unknown) => e instanceof ArgumentError && e.message.startsWith('optim.nag: Momentum must be positive'), 'nag: momentum 0 → ArgumentError');
  t.end();
});

test('optim.adagrad: accumulated squares, √Σ + 1e-10 kept in paramStd, lr decay, weight decay', (t) => {
  const lib = asLib(adagrad);
  for (const cfg of [{}, { learningRate: 0.1, learningRateDecay: 0.05, weightDecay: 0.02 }] as Cfg[]) sideBySide(t, 'adagrad', lib, refAdagrad, cfg);
  decreases(t, 'adagrad', lib);
  badInput(t, 'adagrad', lib);
  stateInConfig(t, 'adagrad', omitted(adagrad), ['evalCounter', 'paramVariance', 'paramStd'], 'evalCounter');
  t.end();
});

test('optim.adadelta: running E[g²] and E[Δ²], eps in both roots, weight decay', (t) => {
  const lib = asLib(adadelta);
  for (const cfg of [{}, { rho: 0.7, eps: 1e-3, weightDecay: 0.05 }] as Cfg[]) sideBySide(t, 'adadelta', lib, refAdadelta, cfg);
  decreases(t, 'adadelta', lib);
  badInput(t, 'adadelta', lib);
  stateInConfig(t, 'adadelta', omitted(adadelta), ['evalCounter', 'paramVariance', 'paramStd', 'delta', 'accDelta'], 'evalCounter');
  t.end();
});

test('optim.adam: bias-corrected step, ε outside, lr decay by t, weight decay; buffers of x\'s type', (t) => {
  const lib = asLib(adam);
  for (const cfg of [{}, { learningRate: 0.05, learningRateDecay: 0.1, beta1: 0.8, beta2: 0.9, epsilon: 1e-4, weightDecay: 0.03 }] as Cfg[]) {
    sideBySide(t, 'adam', lib, refAdam, cfg);
  }
  decreases(t, 'adam', lib);
  badInput(t, 'adam', lib);
  stateInConfig(t, 'adam', omitted(adam), ['t', 'm', 'v', 'denom'], 't');
  const xf = torch.FloatTensor(N).fill(1);
  const st: { m?: Tensor } = {};
  adam(() => [0, torch.FloatTensor(N).fill(1)], xf, {}, st);
  t.equal(st.m?.type(), 'torch.FloatTensor', 'adam: a FloatTensor x gets FloatTensor buffers');
  t.end();
});

test('optim.adamax: exponentially weighted infinity norm through the [2, n] max buffer', (t) => {
  const lib = asLib(adamax);
  for (const cfg of [{}, { learningRate: 0.05, beta1: 0.7, beta2: 0.8, epsilon: 1e-3, weightDecay: 0.03 }] as Cfg[]) sideBySide(t, 'adamax', lib, refAdamax, cfg);
  decreases(t, 'adamax', lib);
  badInput(t, 'adamax', lib);
  stateInConfig(t, 'adamax', omitted(adamax), ['t', 'm', 'u', 'max'], 't');
  const st: { u?: Tensor; max?: Tensor } = {};
  adamax(libFeval(), Tensor.from(X0, [N], 'float64'), {}, st);
  t.deepEqual([st.u?.size(), st.max?.size()], [[N], [2, N]], 'adamax: u keeps x\'s size; max is [2, ...size]');
  t.end();
});

test('optim.rmsprop: leaky mean square from initialMean, ε outside the root, weight decay', (t) => {
  const lib = asLib(rmsprop);
  for (const cfg of [{}, { learningRate: 0.02, alpha: 0.8, epsilon: 1e-4, weightDecay: 0.05, initialMean: 0.5 }] as Cfg[]) sideBySide(t, 'rmsprop', lib, refRmsprop, cfg);
  decreases(t, 'rmsprop', lib);
  badInput(t, 'rmsprop', lib);
  stateInConfig(t, 'rmsprop', omitted(rmsprop), ['m', 'tmp']);
  t.end();
});

test('optim.rprop: sign-driven step sizes with limits, niter evaluations, config.stepsize replaced when state is omitted', (t) => {
  const lib = asLib(rprop);
  sideBySide(t, 'rprop', lib, refRprop, {});
  rpropHits.up = rpropHits.down = rpropHits.max = rpropHits.min = 0;
  sideBySide(t, 'rprop', lib, refRprop, { stepsize: 0.3, etaplus: 1.5, etaminus: 0.3, stepsizemax: 0.5, stepsizemin: 0.05, niter: 3 });
  t.ok(rpropHits.up > 0 && rpropHits.down > 0 && rpropHits.max > 0 && rpropHits.min > 0, `rprop: the run grew, shrank and clamped step sizes at both limits (${JSON.stringify(rpropHits)})`);
  decreases(t, 'rprop', lib);
  badInput(t, 'rprop', lib);
  stateInConfig(t, 'rprop', omitted(rprop), ['delta', 'stepsize', 'sign', 'psign', 'nsign', 'zsign', 'dminmax']);
  const [, hfx] = rprop(libFeval(), Tensor.from(X0, [N], 'float64'), { niter: 4 }, {});
  t.equal(hfx.length, 4, 'rprop: niter 4 → four f values');
  const config: { stepsize?: number | Tensor } = { stepsize: 0.2 };
  rprop(libFeval(), Tensor.from(X0, [N], 'float64'), config, {});
  t.equal(config.stepsize, 0.2, 'rprop: with a separate state config.stepsize stays the number');
  rprop(libFeval(), Tensor.from(X0, [N], 'float64'), config);
  t.ok(config.stepsize instanceof Tensor && config.stepsize.get(0) === 0.2, 'rprop: with state omitted config.stepsize becomes the step-size tensor, as Lua');
  t.throws(() => rprop(libFeval(), Tensor.from(X0, [N], 'float64'), config, {}),
    (e: unknown) => e instanceof ArgumentError && e.message.startsWith('optim.rprop: expected config.stepsize to be a number'), 'rprop: that config with a fresh state → ArgumentError (Lua: fill with a tensor)');
  const g = torch.DoubleTensor(N);
  const op: Feval = (x) => {
    g.copy(Tensor.from(fg(Float64Array.from(x.toArray()))[1], [N], 'float64'));
    return [0, g];
  };
  const st: { nsign?: Tensor } = {};
  const xr = Tensor.from(X0, [N], 'float64');
  let zeroed = false;
  for (let k = 0; k < 10 && !zeroed; k++) {
    rprop(op, xr, { stepsize: 0.5 }, st);
    zeroed = st.nsign !== undefined && st.nsign.sum() > 0 && g.maskedSelect(st.nsign).abs().sum() === 0;
  }
  t.ok(zeroed, 'rprop: like Lua, df/dx is zeroed in place where its sign flipped');
  t.end();
});
