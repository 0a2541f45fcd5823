/**
 * dpnn nn.Constant(value, nInputDim?): outputs a constant, ignoring the input's values. With nInputDim
 * and an input of more dimensions, the value is replicated over the batch: (B, …value's shape).
 * gradInput is zeros shaped like the input. Ref: dpnn Constant.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';

export class Constant extends Module<Tensor, Tensor> {
  readonly value: Tensor;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(value: number | Tensor, readonly nInputDim?: number) {
    super();
    this.value = typeof value === 'number' ? Tensor.from([value], [1]) : value.clone();
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5]);
    const k = backend();
    if (this.value.dtype !== x.dtype) this.value.retype(x.dtype);
    if (this.nInputDim !== undefined && x.dim() > this.nInputDim) {
      const B = x.size(0), n = this.value.numel();
      this.output.resizeAs(x).resize([B, ...this.value.shape]);
      k.fill(this.output, 0);
      k.addRowVector(this.output, this.value, B, n, 1);
    } else {
      this.output.resizeAs(this.value);
      k.copy(this.output, this.value);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input);
    backend().fill(this.gradInput, 0);
    return this.gradInput;
  }

  override toString(): string {
    return `Constant(${this.value.numel() === 1 ? this.value.get(...this.value.shape.map(() => 0)) : `[${this.value.shape.join('x')}]`})`;
  }
}
