/**
 * One module case run forward and backward on the current backend, its outputs, input gradients
 * and parameter gradients read back (through `sync` on a gpu backend), and the relative error
 * between two runs. Shared by the CPU parity suite, the gpu suite and the browser check.
 */
import * as nn from '../../index.js';
import type { moduleCases } from '../gradcheck-cases.js';
import { cloneActivity, leaves } from '../../lib/Activity.js';

export interface Run { out: Float64Array[]; gradIn: Float64Array[]; gradParams: Float64Array[] }

export const flat = (ts: nn.Tensor[]): Float64Array[] => ts.map((t) => Float64Array.from(t.toArray()));

/** `wrap` runs each synchronous phase (build and forward, then backward): gpu.host to keep a case on the host mirrors. */
export async function runCase(c: (typeof moduleCases)[number], input: nn.Activity, dtype: nn.FloatDType, gpu: nn.GpuBackend | null,
  wrap: <T>(phase: () => T) => T = (phase) => phase()): Promise<Run> {
  nn.setDefaultDtype(dtype);
  try {
    const [m, x, out] = wrap(() => {
      nn.manualSeed(7);
      const m = c.build();
      const x = cloneActivity(input, dtype);
      if (c.opts?.seed !== undefined) nn.manualSeed(c.opts.seed);
      return [m, x, m.forward(x)] as const;
    });
    await gpu?.sync(out);
    const outs = flat(leaves(out));
    const g = leaves(out).map((t) => {
      const r = new nn.Generator(3);
      return nn.Tensor.from(Array.from({ length: t.numel() }, () => r.uniform(-1, 1)), t.shape, dtype);
    });
    const rebuild = (a: nn.Activity, f: nn.Tensor[]): nn.Activity => (a instanceof nn.Tensor ? f.shift()! : a.map((v) => rebuild(v, f)));
    const [gi, gp] = wrap(() => {
      c.opts?.beforeBackward?.(m);
      m.zeroGradParameters();
      return [m.backward(x, rebuild(out, g.slice())), m.parameters()[1]] as const;
    });
    await gpu?.sync(gi, gp);
    return { out: outs, gradIn: flat(leaves(gi)), gradParams: flat(gp) };
  } finally {
    nn.setDefaultDtype('float32');
  }
}

export function relErr(a: Float64Array[], b: Float64Array[]): number {
  let diff = 0, scale = 1e-6;
  a.forEach((x, i) => x.forEach((v, j) => {
    diff = Math.max(diff, Math.abs(v - b[i]![j]!));
    scale = Math.max(scale, Math.abs(b[i]![j]!));
  }));
  return diff / scale;
}

