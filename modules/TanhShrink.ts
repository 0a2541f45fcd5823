/**
 * nn.TanhShrink: y = x − tanh(x), every shape; dy/dx = tanh²(x). Holds Torch's inner `tanh` module.
 * Ref: torch/nn TanhShrink.lua.
 */
import { Pointwise } from '../lib/Pointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { Tanh } from './Tanh.js';

export class TanhShrink extends Pointwise {
  readonly tanh = new Tanh();

  protected apply_(out: Tensor, x: Tensor): void {
    out.csub(x, this.tanh.updateOutput(x));
  }

  protected applyBackward(gradIn: Tensor, x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.csub(gradOut, this.tanh.updateGradInput(x, gradOut)); // g − (1 − tanh²)·g
  }
}
