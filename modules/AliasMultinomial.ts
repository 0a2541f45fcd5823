/**
 * torchx torch.AliasMultinomial(probs): Walker's alias method for drawing many samples from one
 * fixed categorical distribution in O(1) each (the sampler of NCEModule). Setup is O(n): `q[i]`
 * is the probability of keeping bucket i, `J[i]` its alias (both Lua's names). A draw picks a
 * bucket k uniformly and returns k with probability q[k], else J[k]. Indices are 0-based; the
 * seeded generator of lib/random.ts drives the draws. Ref: torchx AliasMultinomial.lua;
 * Walker 1977, Vose 1991.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Generator, rng } from '../lib/random.js';
import { ArgumentError } from '../lib/errors.js';

export class AliasMultinomial {
  /** The alias of each bucket (0-based indices). */
  readonly J: Tensor;
  /** The probability of keeping each bucket. */
  readonly q: Tensor;

  constructor(probs: Tensor) {
    const p = probs.contiguous(), n = p.numel();
    if (p.dim() !== 1 || n === 0) throw new ArgumentError(`AliasMultinomial.constructor: expected a non-empty 1-D tensor of probabilities, got ${p.dim()} dimensions`);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const v = p.data[p.offset + i]!;
      if (!(v >= 0 && Number.isFinite(v))) throw new ArgumentError(`AliasMultinomial.constructor: expected probabilities ≥ 0, got ${v} at ${i}`);
      total += v;
    }
    if (total <= 0) throw new ArgumentError('AliasMultinomial.constructor: expected a positive total probability, got 0');
    this.J = Tensor.zeros([n], 'long');
    this.q = Tensor.zeros([n], 'float64');
    const q = this.q.data, J = this.J.data, small: number[] = [], large: number[] = [];
    for (let i = 0; i < n; i++) {
      q[i] = (n * p.data[p.offset + i]!) / total; // scaled so that the mean bucket is 1
      (q[i]! < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop(), l = large.pop();
      if (s === undefined || l === undefined) break;
      J[s] = l; // bucket s is topped up by l
      q[l] = q[l]! - (1 - q[s]!);
      (q[l]! < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) {
      q[i] = 1; // rounding leftovers keep their own bucket
      J[i] = i;
    }
  }

  /** One draw (a 0-based index). */
  draw(gen: Generator = rng): number {
    const n = this.q.numel(), k = Math.min(n - 1, Math.floor(gen.random() * n));
    return gen.random() < this.q.data[k]! ? k : this.J.data[k]!;
  }

  /** Fills `output` (of every shape; long or float) with independent draws and returns it. */
  batchdraw(output: Tensor, gen: Generator = rng): Tensor {
    const out = output.contiguous(), d = out.data;
    for (let i = 0; i < out.numel(); i++) d[out.offset + i] = this.draw(gen);
    if (out !== output) output.copy(out);
    return output;
  }
}
