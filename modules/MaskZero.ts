/**
 * rnn nn.MaskZero(module, nInputDim = 1): runs `module`, then zeroes the output rows (and, in
 * backward, the gradOutput and gradInput rows) of the batch samples whose input is all zeros —
 * the padding steps of variable-length sequences. The input's first tensor decides: a batch
 * (nInputDim + 1 dimensions) gets a (B) mask, unless setZeroMask(mask) gave one. A non-batch
 * input is masked as a whole. Ref: rnn MaskZero.lua.
 */
import { Container } from '../lib/Container.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike, leaves } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';
import { maskRows, zeroMaskOf } from './zeroMask.js';

export class MaskZero extends Container<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();
  zeroMask: Tensor | null = null;
  private mask = Tensor.empty('uint8');
  private gradOut: Activity = Tensor.empty();

  constructor(readonly module: Module, readonly nInputDim = 1) {
    super();
    if (!(Number.isInteger(nInputDim) && nInputDim >= 1)) throw new ArgumentError(`MaskZero.constructor: expected nInputDim ≥ 1, got ${nInputDim}`);
    this.modules = [module];
  }

  /** A (B) ByteTensor of the samples to zero at the following calls; null: from the input. */
  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    return this;
  }

  private maskOf(input: Activity): Tensor {
    if (this.zeroMask) return this.zeroMask;
    const x = leaves(input)[0]!;
    return zeroMaskOf(x, Math.min(this.nInputDim, x.dim()), this.mask);
  }

  override updateOutput(input: Activity): Activity {
    this.output = copyLike(this.output, this.module.forward(input));
    maskRows(this.where('updateOutput'), this.output, this.maskOf(input));
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.gradOut = copyLike(this.gradOut, gradOutput);
    const m = this.maskOf(input);
    maskRows(this.where('updateGradInput'), this.gradOut, m);
    this.gradInput = copyLike(this.gradInput, this.module.updateGradInput(input, this.gradOut));
    maskRows(this.where('updateGradInput'), this.gradInput, m);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Activity, scale = 1): void {
    this.module.accGradParameters(input, this.gradOut, scale);
  }

  override toString(): string {
    return `MaskZero(${this.module.toString().replace(/\n/g, '\n  ')})`;
  }
}
