/**
 * dpnn's parameter tools, as Module methods call them: damped momentum (updateGradParameters),
 * max-norm constraints (maxParamNorm) and gradient clipping (gradParamClip). Ref: dpnn Module.lua.
 */
import { Tensor } from './Tensor.js';
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
