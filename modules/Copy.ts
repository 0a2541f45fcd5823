/**
 * nn.Copy(intype?, outtype?, forceCopy = false, dontCast = false): output = input converted to
 * `outtype`, gradInput = gradOutput converted to `intype` (Torch type names such as
 * 'torch.DoubleTensor', or dtypes; both default to the default tensor type). With equal types and
 * no forceCopy, output and gradInput are views of input and gradOutput (no copy). With dontCast,
 * `type()` leaves the module alone, so it keeps converting between its two types. Any shape.
 * Ref: torch/nn Copy.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor, TYPE_NAMES } from '../lib/Tensor.js';
import { getDefaultDtype, type DType } from '../lib/Storage.js';
import { dtypeOf } from '../lib/torch/convert.js';

const isDtype = (t: string): t is DType => Object.hasOwn(TYPE_NAMES, t);
const dtypeFrom = (t: string | undefined): DType =>
  t === undefined ? getDefaultDtype() : isDtype(t) ? t : dtypeOf('Copy.constructor', t);

export class Copy extends Module<Tensor, Tensor> {
  override output: Tensor;
  override gradInput: Tensor;
  readonly forceCopy: boolean;
  readonly dontCast: boolean;

  constructor(intype?: DType | string, outtype?: DType | string, forceCopy = false, dontCast = false) {
    super();
    this.gradInput = Tensor.empty(dtypeFrom(intype));
    this.output = Tensor.empty(dtypeFrom(outtype));
    this.forceCopy = forceCopy;
    this.dontCast = dontCast;
  }

  /** Views instead of copies: equal types and no forceCopy (decided by the current types, as after `type()`). */
  private get viewOnly(): boolean {
    return !this.forceCopy && this.output.dtype === this.gradInput.dtype;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [0, 1, 2, 3, 4, 5, 6]);
    if (this.viewOnly) return this.output.setView(x);
    return this.output.resize(x.shape).copy(x);
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (this.viewOnly) return this.gradInput.setView(g);
    return this.gradInput.resize(g.shape).copy(g);
  }

  override type(dtype: DType | string): this {
    return this.dontCast ? this : super.type(dtype);
  }

  override toString(): string {
    return `Copy(${Tensor.typeName(this.gradInput.dtype)} -> ${Tensor.typeName(this.output.dtype)})`;
  }
}
