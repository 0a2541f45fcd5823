/**
 * nn.MaskedSelect: input `[x, mask]`, output = x.maskedSelect(mask): the elements of x where the
 * mask (as many elements as x; a ByteTensor of 0 and 1, or a tensor of another type holding 0 and 1) is
 * 1, in row-major order: a 1-D tensor. gradInput = [zeros like x with gradOutput written back at
 * the selected places, zeros like mask]. Both go through the mask's positions (a LongTensor made on
 * the host from the mask) and index/indexCopy, so that on the gpu backend x and the gradients
 * stay on the device. Ref: torch/nn MaskedSelect.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class MaskedSelect extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: [Tensor, Tensor] = [Tensor.empty(), Tensor.empty('uint8')];
  /** The mask as a ByteTensor (a copy when it comes in another type). */
  private _maskByte = Tensor.empty('uint8');

  private parts(method: string, input: Activity): [x: Tensor, mask: Tensor, byteMask: Tensor] {
    const [x, mask] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(x instanceof Tensor) || !(mask instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table {input, mask}, got ${describe(input)}`);
    }
    if (mask.numel() !== x.numel()) {
      throw new ShapeError(`${this.where(method)}: expected a mask of ${x.numel()} elements (as input ${shapeStr(x.shape)}), got ${shapeStr(mask.shape)}`);
    }
    const byteMask = mask.dtype === 'uint8' ? mask : this._maskByte.resize(mask.shape).copy(mask);
    const top = byteMask.numel() > 0 ? byteMask.max() : 0;
    if (top > 1) throw new ArgumentError(`${this.where(method)}: mask values must be 0 or 1, got ${top}`);
    return [x, mask, byteMask];
  }

  /** The 0-based row-major positions where the mask is 1 (a 1-D LongTensor). */
  private static positions(m: Tensor): Tensor {
    return m.contiguous().view(m.numel()).nonzero().select(1, 0);
  }

  override updateOutput(input: Activity): Tensor {
    const [x, , m] = this.parts('updateOutput', input);
    if (this.output.dtype !== x.dtype) this.output = Tensor.empty(x.dtype);
    this.output.index(x.contiguous().view(x.numel()), 0, MaskedSelect.positions(m));
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [x, mask, m] = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [gx, gm] = this.gradInput;
    gx.resizeAs(x).zero().view(x.numel()).indexCopy(0, MaskedSelect.positions(m), g.contiguous().view(g.numel()));
    this.gradInput[1] = (gm.dtype === mask.dtype ? gm : Tensor.empty(mask.dtype)).resize(mask.shape).zero();
    return this.gradInput;
  }
}
