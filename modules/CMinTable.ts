/**
 * nn.CMinTable: input a table of tensors (same sizes), y = the elementwise minimum over the
 * table; gradInput[i] = gradOutput where input[i] held the minimum (the first one on ties), zeros
 * elsewhere. `minIdx` keeps, per element, the 0-based position of the winning input (the body:
 * CExtremumTable.ts). Ref: torch/nn CMinTable.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { CExtremumTable } from './CExtremumTable.js';

export class CMinTable extends CExtremumTable {
  minIdx = Tensor.empty();
  /** i where input i won, else 0. */
  private minVals = Tensor.empty();

  protected override get largest(): boolean {
    return false;
  }

  protected override get idx(): Tensor {
    return this.minIdx;
  }

  protected override get vals(): Tensor {
    return this.minVals;
  }
}
