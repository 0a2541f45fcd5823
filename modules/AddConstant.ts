/**
 * nn.AddConstant(constant_scalar, ip = false): y = x + c, every shape; gradInput = gradOutput. With
 * ip (in place) the input is overwritten by the output, and backward restores it (subtracts c) and
 * hands gradOutput itself back. Ref: torch/nn AddConstant.lua.
 */
import { InPlacePointwise } from '../lib/InPlacePointwise.js';
import type { Tensor } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class AddConstant extends InPlacePointwise {
  constructor(readonly constant_scalar: number, ip = false) {
    super(ip);
    if (!Number.isFinite(constant_scalar)) throw new ArgumentError(`AddConstant.constructor: expected a finite number, got ${constant_scalar}`);
  }

  protected apply_(out: Tensor, x: Tensor): void {
    out.add(x, this.constant_scalar);
  }

  protected applyBackward(gradIn: Tensor, _x: Tensor, _y: Tensor, gradOut: Tensor): void {
    gradIn.copy(gradOut);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const gi = super.updateGradInput(input, gradOutput);
    if (this.inplace) input.add(-this.constant_scalar); // the input as it was before forward
    return gi;
  }

  override toString(): string {
    return `AddConstant(${this.constant_scalar}${this.inplace ? ', in place' : ''})`;
  }
}
