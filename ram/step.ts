/** One mini-batch's forward, criterion and backward (gradients accumulated with `scale`). */
import * as nn from '../index.js';
import type { Ram } from './model.js';

export interface StepResult { loss: number; wrong: number }

export function forwardBackward(ram: Ram, x: nn.Tensor, y: nn.Tensor, scale = 1): StepResult {
  const out = ram.agent.forward(x);
  const loss = ram.criterion.forward(out, y);
  const wrong = countWrong(out, y);
  ram.agent.backward(x, ram.criterion.backward(out, y), scale);
  return { loss, wrong };
}

/**
 * The same step on the gpu backend: the forward runs on the GPU, its outputs (log-probabilities
 * and baseline, B × 11 numbers) come back in the step's one readback, the criteria run on the host
 * (they reduce to a loss and a reward), and the backward runs on the GPU with their gradients.
 */
export async function forwardBackwardGpu(gpu: nn.GpuBackend, ram: Ram, x: nn.Tensor, y: nn.Tensor, scale = 1): Promise<StepResult> {
  const out = ram.agent.forward(x);
  await gpu.sync(out);
  const [result, gradOut] = gpu.host(() => {
    const loss = ram.criterion.forward(out, y);
    return [{ loss, wrong: countWrong(out, y) }, ram.criterion.backward(out, y)] as const;
  });
  ram.agent.backward(x, gradOut, scale);
  return result;
}

/** Examples whose most probable class is not the target. */
function countWrong(out: nn.Activity, y: nn.Tensor): number {
  const logp = nn.asTensor((out as nn.Activity[])[0]!);
  const n = logp.size(0), K = logp.size(1), d = logp.data, o = logp.offset;
  let wrong = 0;
  for (let j = 0; j < n; j++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (d[o + j * K + k]! > d[o + j * K + best]!) best = k;
    if (best !== y.data[y.offset + j]) wrong++;
  }
  return wrong;
}
