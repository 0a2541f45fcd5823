/** One mini-batch's forward, criterion and backward (gradients accumulated with `scale`). */
import * as nn from '../../index.js';
import type { Ram } from './model.js';

export interface StepResult { loss: number; wrong: number }

export function forwardBackward(ram: Ram, x: nn.Tensor, y: nn.Tensor, scale = 1): StepResult {
  const out = ram.agent.forward(x);
  const loss = ram.criterion.forward(out, y);
  const logp = nn.asTensor((out as nn.Activity[])[0]!);
  const n = logp.size(0), K = logp.size(1), d = logp.data, o = logp.offset;
  let wrong = 0;
  for (let j = 0; j < n; j++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (d[o + j * K + k]! > d[o + j * K + best]!) best = k;
    if (best !== y.data[y.offset + j]) wrong++;
  }
  ram.agent.backward(x, ram.criterion.backward(out, y), scale);
  return { loss, wrong };
}
