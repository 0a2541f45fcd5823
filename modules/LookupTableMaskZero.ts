/**
 * rnn nn.LookupTableMaskZero(nIndex, nOutput, ...LookupTable's options): a LookupTable whose index
 * −1 (Lua's index 0) is padding: it reads a row of zeros. Real indices are 0..nIndex−1 (Lua's
 * 1..nIndex). The weight has nIndex + 1 rows, as in Lua: row 0 is the padding row (zeroed before
 * every forward), row k + 1 is index k's embedding. Ref: rnn LookupTableMaskZero.lua.
 */
import { LookupTable } from './LookupTable.js';
import type { Tensor } from '../lib/Tensor.js';

export class LookupTableMaskZero extends LookupTable {
  protected override indexShift = 1;

  constructor(nIndex: number, nOutput: number, paddingValue?: number, maxNorm?: number, normType?: number) {
    super(nIndex + 1, nOutput, paddingValue, maxNorm, normType);
  }

  /** N(0, stdv²) rows, the padding row 0 zero. */
  override reset(stdv?: number): this {
    super.reset(stdv);
    this.weight.select(0, 0).zero();
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    this.weight.select(0, 0).zero();
    return super.updateOutput(input);
  }

  override toString(): string {
    return `LookupTableMaskZero(${this.nIndex - 1}, ${this.nOutput})`;
  }
}
