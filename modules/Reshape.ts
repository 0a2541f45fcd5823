/**
 * nn.Reshape(...sizes, batchMode?): reshapes a contiguous input to `sizes`, or to (B, ...sizes) when
 * the input is a batch. Without batchMode, the input counts as a batch unless it holds exactly
 * prod(sizes) elements and its first size is not 1. Ref: torch/nn Reshape.lua.
 */
import { Reindex } from '../lib/Reindex.js';
import type { Tensor } from '../lib/Tensor.js';
import { numelOf } from '../lib/Tensor.js';
import { ArgumentError } from '../lib/errors.js';

export class Reshape extends Reindex {
  readonly size: number[];
  readonly batchMode: boolean | undefined;

  constructor(...args: Array<number | boolean>) {
    super();
    const last = args[args.length - 1];
    this.batchMode = typeof last === 'boolean' ? last : undefined;
    this.size = args.filter((a): a is number => typeof a === 'number');
    if (this.size.length === 0 || !this.size.every((s) => Number.isInteger(s) && s > 0)) {
      throw new ArgumentError(`Reshape.constructor: expected positive integer sizes, got (${args.join(', ')})`);
    }
  }

  protected outputShape(input: Tensor): number[] {
    const flat = this.batchMode === false ||
      (this.batchMode === undefined && input.numel() === numelOf(this.size) && input.size(0) !== 1);
    return flat ? this.size : [input.size(0), ...this.size];
  }

  override toString(): string {
    return `Reshape(${this.size.join('x')})`;
  }
}
