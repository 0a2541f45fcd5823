/**
 * nn.MulConstant(constant_scalar, ip = false): y = c·x, gradInput = c·gradOutput, any shape. With ip
 * (in place) forward multiplies the input itself and `output` is a view of it; backward multiplies
 * gradOutput itself, hands it back as gradInput and divides the input by c again, which restores it
 * (so c must not be 0). Ref: torch/nn MulConstant.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError } from '../lib/errors.js';

const DIMS = [0, 1, 2, 3, 4, 5] as const;

export class MulConstant extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly inplace: boolean;

  constructor(readonly constant_scalar: number, ip = false) {
    super();
    if (!Number.isFinite(constant_scalar)) throw new ArgumentError(`MulConstant.constructor: expected a finite number, got ${constant_scalar}`);
    if (ip && constant_scalar === 0) throw new ArgumentError('MulConstant.constructor: in place needs a nonzero constant (backward divides the input by it to restore it), got 0');
    this.inplace = ip;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, DIMS);
    if (this.inplace) {
      x.mul(this.constant_scalar);
      this.output.set(x);
      return this.output;
    }
    const c = x.contiguous();
    this.output.resizeAs(c);
    backend().axpby(this.output, this.constant_scalar, c, 0, c);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (this.inplace) {
      g.mul(this.constant_scalar);
      this.gradInput.set(g);
      input.div(this.constant_scalar); // the input as it was before forward
      return this.gradInput;
    }
    const c = g.contiguous();
    this.gradInput.resizeAs(input);
    backend().axpby(this.gradInput, this.constant_scalar, c, 0, c);
    return this.gradInput;
  }

  override toString(): string {
    return `MulConstant(${this.constant_scalar}${this.inplace ? ', in place' : ''})`;
  }
}
