/**
 * nn.MaskedSelect: input `[x, mask]`, output = x.maskedSelect(mask): the elements of x where the
 * mask (as many elements as x; a ByteTensor of 0 and 1, or a tensor of another type holding 0 and 1) is
 * 1, in row-major order: a 1-D tensor. gradInput = [zeros like x with gradOutput written back at
 * the selected places, zeros like mask]. Ref: torch/nn MaskedSelect.lua.
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
    return [x, mask, byteMask];
  }

  override updateOutput(input: Activity): Tensor {
    const [x, , m] = this.parts('updateOutput', input);
    if (this.output.dtype !== x.dtype) this.output = Tensor.empty(x.dtype);
    this.output.maskedSelect(x, m);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): [Tensor, Tensor] {
    const [x, mask, m] = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const [gx, gm] = this.gradInput;
    gx.resizeAs(x).zero().maskedCopy(m, g.contiguous());
    this.gradInput[1] = (gm.dtype === mask.dtype ? gm : Tensor.empty(mask.dtype)).resize(mask.shape).zero();
    return this.gradInput;
  }
}
