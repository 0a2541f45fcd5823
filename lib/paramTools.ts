/**
 * dpnn's parameter tools, as Module methods call them: damped momentum (updateGradParameters),
 * max-norm constraints (maxParamNorm), gradient clipping (gradParamClip); and nn's flattening of all
 * parameters into one storage (getParameters). Ref: dpnn Module.lua, nn Module.lua.
 */
import { Tensor } from './Tensor.js';
import { Storage, getDefaultDtype } from './Storage.js';
import { ArgumentError, ShapeError } from './errors.js';
import type { Module } from './Module.js';
import { backend } from './kernels/backend.js';

/** Momentum buffers, keyed by gradient tensor (shared clones share their gradient, hence their buffer). */
const momentum = new WeakMap<Tensor, Tensor>();

/**
 * mom = momFactor·mom + (1 − momDamp)·grad (the buffer starts as a copy of the first gradient);
 * then grad := mom, or grad := grad + momFactor·mom with Nesterov. A no-op when momFactor ≤ 0.
 */
export function updateGradParameters(grads: readonly Tensor[], momFactor: number, momDamp = momFactor, nesterov = false): void {
  if (!(momFactor > 0)) return;
  const k = backend();
  for (const g of grads) {
    let mom = momentum.get(g);
    if (!mom || mom.numel() !== g.numel() || mom.dtype !== g.dtype) {
      mom = Tensor.zeros(g.shape, g.dtype);
      k.copy(mom, g);
      momentum.set(g, mom);
    } else {
      k.axpby(mom, momFactor, mom, 1 - momDamp, g);
    }
    if (nesterov) k.axpby(g, 1, g, momFactor, mom);
    else k.copy(g, mom);
  }
}

/** Forgets the momentum of these gradients (the next updateGradParameters starts afresh). */
export function resetMomentum(grads: readonly Tensor[]): void {
  for (const g of grads) momentum.delete(g);
}

/** The momentum buffer of a gradient tensor, if any (for checkpoints). */
export function momentumOf(grad: Tensor): Tensor | undefined {
  return momentum.get(grad);
}

export function setMomentum(grad: Tensor, values: Tensor): void {
  momentum.set(grad, values.clone());
}

/** Renormalises rows (maxOutNorm) and columns (maxInNorm) of every parameter with 2+ dimensions. */
export function maxParamNorm(params: readonly Tensor[], maxOutNorm?: number, maxInNorm?: number): void {
  const k = backend();
  for (const p of params) {
    if (p.dim() < 2) continue;
    const rows = p.size(0), cols = p.numel() / rows;
    if (maxOutNorm !== undefined && maxOutNorm > 0) k.renorm(p, rows, cols, true, maxOutNorm);
    if (maxInNorm !== undefined && maxInNorm > 0) {
      const last = p.size(-1);
      k.renorm(p, p.numel() / last, last, false, maxInNorm);
    }
  }
}

/** Scales all gradients by cutoff/n when their joint L2 norm n exceeds cutoff; returns n. */
export function gradParamClip(grads: readonly Tensor[], cutoffNorm: number): number {
  if (!(cutoffNorm > 0)) return 0;
  const k = backend();
  let n2 = 0;
  for (const g of grads) n2 += k.dot(g, g);
  const n = Math.sqrt(n2);
  if (n > cutoffNorm) for (const g of grads) k.axpby(g, cutoffNorm / n, g, 0, g);
  return n;
}

/**
 * Torch's Module.flatten, behind getParameters: moves the tensors' numbers into one new storage
 * (from the current backend's allocator) and re-points every tensor into it, keeping sharing —
 * tensors on one storage (shared clones, views) stay on one region of the new one — and returns
 * the flat 1-D view of it all. Each distinct storage's used span is copied once, gaps included.
 */
export function flatten(where: string, tensors: readonly Tensor[]): Tensor {
  const unique = [...new Set(tensors)];
  const dtype = unique[0]?.dtype ?? getDefaultDtype();
  const groups = new Map<Storage, { lo: number; hi: number; members: Tensor[] }>();
  for (const t of unique) {
    if (t.dtype !== dtype) throw new ArgumentError(`${where}: expected parameters of one type, got ${Tensor.typeName(dtype)} and ${Tensor.typeName(t.dtype)}`);
    if (t.strides.some((s) => s < 0)) throw new ArgumentError(`${where}: a parameter has negative strides ${JSON.stringify(t.strides)}`);
    const span = t.numel() === 0 ? 0 : t.shape.reduce((s, n, i) => s + (n - 1) * t.strides[i]!, 0) + 1;
    const g = groups.get(t.storage);
    if (g) {
      g.lo = Math.min(g.lo, t.offset);
      g.hi = Math.max(g.hi, t.offset + span);
      g.members.push(t);
    } else {
      groups.set(t.storage, { lo: t.offset, hi: t.offset + span, members: [t] });
    }
  }
  let total = 0;
  for (const g of groups.values()) total += g.hi - g.lo;
  const flat = Storage.allocate(dtype, total);
  let base = 0;
  for (const [storage, g] of groups) {
    const src = storage.data, dst = flat.data;
    for (let i = g.lo; i < g.hi; i++) dst[base + i - g.lo] = src[i]!;
    for (const t of g.members) t.set(flat, base + t.offset - g.lo, t.shape, t.strides);
    base += g.hi - g.lo;
  }
  return new Tensor(flat, 0, [total]);
}

/**
 * Torch's accUpdateGradParameters for every module tree: the gradients are set aside, `accumulate`
 * (accGradParameters with scale 1) fills them with this pass's gradient, each distinct
 * (parameter, gradient) pair takes the step θ ← θ − lr·g once (shared pairs appear once), and the
 * set-aside gradients are put back. Works for modules whose parameters live in internal clones
 * (recurrent steps), which a swap of weight and gradWeight fields would miss.
 */
export function accUpdateWithGradients(root: Module, lr: number, accumulate: () => void): void {
  const [params, grads] = root.parameters();
  const saved = grads.map((g) => g.clone());
  for (const g of grads) g.fill(0);
  try {
    accumulate();
    const done: Array<[Tensor, Tensor]> = [];
    params.forEach((p, i) => {
      const g = grads[i]!;
      const same = (a: Tensor, b: Tensor) => a.storage === b.storage && a.offset === b.offset;
      if (done.some(([q, h]) => same(p, q) && same(g, h))) return;
      done.push([p, g]);
      p.add(-lr, g);
    });
  } finally {
    grads.forEach((g, i) => g.copy(saved[i]!));
  }
}

/** Torch's share: the fields `names` of `mine` become views of `theirs`'s, and pairwise in their children. */
export function shareFields(mine: Module, theirs: Module, names: readonly string[], where: string): void {
  const a = mine as unknown as Record<string, unknown>, b = theirs as unknown as Record<string, unknown>;
  for (const name of names) {
    const x = a[name], y = b[name];
    if (x instanceof Tensor && y instanceof Tensor) x.set(y);
  }
  const kids = mine.children(), others = theirs.children();
  if (kids.length !== others.length) throw new ShapeError(`${where}: ${kids.length} children here, ${others.length} in ${theirs.constructor.name}`);
  kids.forEach((k, i) => k.share(others[i]!, ...names));
}
