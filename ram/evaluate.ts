/**
 * Test error of a RAM: deterministic (mean locations, evaluate mode) by default; stochastic
 * (sampled locations) with `samples` Monte-Carlo passes whose class probabilities are averaged.
 */
import * as nn from '../index.js';
import type { Ram } from './model.js';
import { type ImageSource, fillBatch } from './data.js';

export interface EvalResult {
  /** Percent misclassified. */
  error: number;
  count: number;
  /** confusion[target][predicted]. */
  confusion: number[][];
}

/** Test error of a RAM on a set; on the gpu backend pass it as `gpu` (each batch's log-probabilities are read back). */
export async function evaluateRam(ram: Ram, src: ImageSource, opts: { batchSize?: number; stochastic?: boolean; samples?: number; limit?: number } = {}, gpu: nn.GpuBackend | null = null): Promise<EvalResult> {
  const B = opts.batchSize ?? 20, K = ram.config.nClasses;
  const n = Math.min(src.count, opts.limit ?? src.count);
  const samples = opts.stochastic ? Math.max(1, opts.samples ?? 1) : 1;
  const train = ram.agent.train;
  ram.agent.evaluate();
  if (opts.stochastic) for (const r of reinforceModules(ram.agent)) r.stochastic = true;
  const x = nn.Tensor.zeros([B, src.channels, src.height, src.width]), y = nn.Tensor.zeros([B]);
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const prob = new Float64Array(B * K);
  let wrong = 0;
  for (let i = 0; i < n; i += B) {
    const b = Math.min(B, n - i);
    fillBatch(src, order, i, b, x, y);
    prob.fill(0);
    for (let s = 0; s < samples; s++) {
      const logp = nn.asTensor((ram.agent.forward(x) as nn.Activity[])[0]!);
      await gpu?.sync(logp);
      for (let j = 0; j < b * K; j++) prob[j]! += Math.exp(logp.data[logp.offset + j]!);
    }
    for (let j = 0; j < b; j++) {
      let best = 0;
      for (let k = 1; k < K; k++) if (prob[j * K + k]! > prob[j * K + best]!) best = k;
      const t = y.data[j]!;
      confusion[t]![best]!++;
      if (best !== t) wrong++;
    }
  }
  for (const r of reinforceModules(ram.agent)) r.stochastic = ram.config.stochastic;
  if (train) ram.agent.training();
  return { error: (100 * wrong) / n, count: n, confusion };
}

/** Every Reinforce module below m, step clones of recurrent modules included. */
export function reinforceModules(m: nn.Module, out: nn.Reinforce<nn.Activity>[] = [], seen = new Set<nn.Module>()): nn.Reinforce<nn.Activity>[] {
  if (seen.has(m)) return out;
  seen.add(m);
  if (m instanceof nn.Reinforce) out.push(m as nn.Reinforce<nn.Activity>);
  const subs = m instanceof nn.AbstractRecurrent ? [...m.children(), ...m.sharedClones] : m.children();
  for (const c of subs) reinforceModules(c, out, seen);
  return out;
}
