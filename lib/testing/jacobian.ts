/**
 * Gradient checks by central finite differences (Torch's nn.Jacobian, tested through a random
 * projection): for L = ⟨module(x), g⟩ with a fixed random g, backprop's ∂L/∂x and ∂L/∂θ
 * (gradInput and gradParams for gradOutput = g) must match (L(x+ε) − L(x−ε))/2ε for every element
 * of every input leaf and every parameter. Runs in float64.
 */
import { Tensor } from '../Tensor.js';
import { type Activity, cloneActivity, leaves } from '../Activity.js';
import type { Module } from '../Module.js';
import type { Criterion, Target } from '../Criterion.js';
import { Generator, manualSeed } from '../random.js';

export interface GradCheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Reseed the global generator with this before every forward (for stochastic modules such as Dropout). */
  seed?: number;
  /** Check parameter gradients too (default true). */
  params?: boolean;
  /** Seed of the random projection g (default 1). */
  projectionSeed?: number;
  /** Called after the forward that precedes the backward (e.g. to hand a reward to Reinforce modules). */
  beforeBackward?: (module: Module) => void;
}

export interface GradCheckResult {
  /** max |fd − bp| / max(max|fd|, max|bp|) over every input element (0 when both are all zero). */
  inputError: number;
  /** The same over every parameter element. */
  paramError: number;
  /** Number of input and parameter elements checked. */
  checked: number;
}

function relError(fd: ArrayLike<number>, bp: ArrayLike<number>): number {
  let diff = 0, scale = 0;
  for (let i = 0; i < fd.length; i++) {
    diff = Math.max(diff, Math.abs(fd[i]! - bp[i]!));
    scale = Math.max(scale, Math.abs(fd[i]!), Math.abs(bp[i]!));
  }
  return scale === 0 ? 0 : diff / scale;
}

function project(out: Activity, g: readonly Tensor[]): number {
  const ls = leaves(out);
  let s = 0;
  for (let i = 0; i < ls.length; i++) {
    const a = ls[i]!.toArray(), b = g[i]!.toArray();
    for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  }
  return s;
}

function rebuild(template: Activity, flat: Tensor[]): Activity {
  if (template instanceof Tensor) return flat.shift()!;
  return template.map((x) => rebuild(x, flat));
}

/** Checks `module`'s gradInput (and parameter gradients) on `input`. The module is converted to float64. */
export function checkModuleGradients(module: Module, input: Activity, opts: GradCheckOptions = {}): GradCheckResult {
  const eps = opts.eps ?? 1e-6;
  module.double();
  const x = cloneActivity(input, 'float64');
  const xs = leaves(x);
  const run = (): Activity => {
    if (opts.seed !== undefined) manualSeed(opts.seed);
    return module.forward(x);
  };
  const out = run();
  const proj = new Generator(opts.projectionSeed ?? 1);
  const g = leaves(out).map((t) => Tensor.from(Array.from({ length: t.numel() }, () => proj.uniform(-1, 1)), t.shape, 'float64'));
  const gradOutput = rebuild(out, g.slice());

  const [params, grads] = module.parameters();
  module.zeroGradParameters();
  run();
  opts.beforeBackward?.(module);
  const gi = module.backward(x, gradOutput);
  const bpInput = leaves(gi).map((t) => Array.from(t.toArray()));
  const bpParams = grads.map((t) => Array.from(t.toArray()));

  const fdOf = (t: Tensor): number[] => {
    const d = t.data, n = t.numel(), fd: number[] = [];
    if (!t.isContiguous()) throw new Error('checkModuleGradients: inputs and parameters must be contiguous');
    for (let i = 0; i < n; i++) {
      const k = t.offset + i, v = d[k]!;
      d[k] = v + eps;
      const fp = project(run(), g);
      d[k] = v - eps;
      const fm = project(run(), g);
      d[k] = v;
      fd.push((fp - fm) / (2 * eps));
    }
    return fd;
  };

  let inputError = 0, paramError = 0, checked = 0;
  xs.forEach((t, i) => {
    const bp = bpInput[i];
    if (!bp || bp.length !== t.numel()) throw new Error(`checkModuleGradients: gradInput leaf ${i} has ${bp?.length ?? 0} elements, input has ${t.numel()}`);
    inputError = Math.max(inputError, relError(fdOf(t), bp));
    checked += t.numel();
  });
  if (opts.params !== false) {
    params.forEach((p, i) => {
      paramError = Math.max(paramError, relError(fdOf(p), bpParams[i]!));
      checked += p.numel();
    });
  }
  return { inputError, paramError, checked };
}

/** Checks a criterion's gradInput against finite differences of its loss. */
export function checkCriterionGradients(criterion: Criterion, input: Activity, target: Target, opts: GradCheckOptions = {}): GradCheckResult {
  const eps = opts.eps ?? 1e-6;
  criterion.type('float64');
  const x = cloneActivity(input, 'float64');
  const t: Target = target instanceof Tensor || Array.isArray(target) ? cloneActivity(target as Activity, 'float64') : target;
  const loss = (): number => {
    if (opts.seed !== undefined) manualSeed(opts.seed);
    return criterion.forward(x, t);
  };
  loss();
  const bp = leaves(criterion.backward(x, t)).map((g) => Array.from(g.toArray()));
  let inputError = 0, checked = 0;
  leaves(x).forEach((leaf, i) => {
    const d = leaf.data, fd: number[] = [];
    for (let j = 0; j < leaf.numel(); j++) {
      const k = leaf.offset + j, v = d[k]!;
      d[k] = v + eps;
      const fp = loss();
      d[k] = v - eps;
      const fm = loss();
      d[k] = v;
      fd.push((fp - fm) / (2 * eps));
    }
    inputError = Math.max(inputError, relError(fd, bp[i]!));
    checked += leaf.numel();
  });
  return { inputError, paramError: 0, checked };
}
