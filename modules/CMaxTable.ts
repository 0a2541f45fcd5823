/**
 * nn.CMaxTable: input a table of tensors (same sizes), y = the elementwise maximum over the
 * table; gradInput[i] = gradOutput where input[i] held the maximum (the first one on ties), zeros
 * elsewhere. `maxIdx` keeps, per element, the 0-based position of the winning input (the body:
 * CExtremumTable.ts). Ref: torch/nn CMaxTable.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { CExtremumTable } from './CExtremumTable.js';

export class CMaxTable extends CExtremumTable {
  maxIdx = Tensor.empty();
  /** i where input i won, else 0. */
  private maxVals = Tensor.empty();

  protected override get largest(): boolean {
    return true;
  }

  protected override get idx(): Tensor {
    return this.maxIdx;
  }

  protected override get vals(): Tensor {
    return this.maxVals;
  }
}
