/** LSTM cell kernels of the js backend (rnn FastLSTM's cell: gates [i, f, o, z]). */
import type { Tensor } from '../../Tensor.js';

const sigm = (x: number): number => 1 / (1 + Math.exp(-x));

export function lstmCell(gates: Tensor, c: Tensor, h: Tensor, tanhC: Tensor, cPrev: Tensor, B: number, H: number): void {
  const g = gates.data, cd = c.data, hd = h.data, td = tanhC.data, cp = cPrev.data;
  for (let b = 0; b < B; b++) {
    const gb = gates.offset + b * 4 * H;
    for (let j = 0; j < H; j++) {
      const i = sigm(g[gb + j]!), f = sigm(g[gb + H + j]!), o = sigm(g[gb + 2 * H + j]!), z = Math.tanh(g[gb + 3 * H + j]!);
      g[gb + j] = i;
      g[gb + H + j] = f;
      g[gb + 2 * H + j] = o;
      g[gb + 3 * H + j] = z;
      const cv = f * cp[cPrev.offset + b * H + j]! + i * z;
      const tc = Math.tanh(cv);
      cd[c.offset + b * H + j] = cv;
      td[tanhC.offset + b * H + j] = tc;
      hd[h.offset + b * H + j] = o * tc;
    }
  }
}

export function lstmCellBackward(gradGates: Tensor, gradCPrev: Tensor, gates: Tensor, tanhC: Tensor, cPrev: Tensor,
  gradH: Tensor, gradC: Tensor, B: number, H: number): void {
  const dg = gradGates.data, dcp = gradCPrev.data, g = gates.data, td = tanhC.data, cp = cPrev.data, gh = gradH.data, gc = gradC.data;
  for (let b = 0; b < B; b++) {
    const gb = gates.offset + b * 4 * H, db = gradGates.offset + b * 4 * H;
    for (let j = 0; j < H; j++) {
      const k = b * H + j;
      const i = g[gb + j]!, f = g[gb + H + j]!, o = g[gb + 2 * H + j]!, z = g[gb + 3 * H + j]!;
      const tc = td[tanhC.offset + k]!, dh = gh[gradH.offset + k]!;
      const dc = gc[gradC.offset + k]! + dh * o * (1 - tc * tc); // ∂L/∂c through h = o·tanh(c)
      dg[db + j] = dc * z * i * (1 - i);
      dg[db + H + j] = dc * cp[cPrev.offset + k]! * f * (1 - f);
      dg[db + 2 * H + j] = dh * tc * o * (1 - o);
      dg[db + 3 * H + j] = dc * i * (1 - z * z);
      dcp[gradCPrev.offset + k] = dc * f;
    }
  }
}
