/**
 * The state every convolution class keeps (not a Torch class; never instantiated): weight and bias
 * with their gradients, allocated zero once by the constructor, Torch's finput buffer, output and
 * gradInput, and Torch's reset: U(−1/√fanIn, 1/√fanIn), or U(±stdv·√3) when stdv is given.
 * A subclass checks its arguments before calling super, and calls reset() once its own fields are
 * set; one whose bias is always there narrows `bias` and `gradBias` to Tensor. OptionalBiasConvolution
 * adds Torch's noBias() and the toString that says a bias was dropped.
 * Ref: torch/nn SpatialConvolution.lua (the pattern the convolution classes repeat).
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { resetUniform } from './convolutionCore.js';

export abstract class AbstractConvolution extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor | null;
  gradBias: Tensor | null;
  finput = Tensor.empty();
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  protected constructor(weightSize: readonly number[], biasSize: readonly number[]) {
    super();
    this.weight = Tensor.zeros(weightSize);
    this.gradWeight = Tensor.zeros(weightSize);
    this.bias = Tensor.zeros(biasSize);
    this.gradBias = Tensor.zeros(biasSize);
  }

  /** The number of inputs one output element sums over (what the default reset scales by). */
  protected abstract fanIn(): number;

  /** U(−1/√fanIn, 1/√fanIn) on weight and bias unless stdv is given. */
  override reset(stdv?: number): this {
    resetUniform(stdv, 1 / Math.sqrt(this.fanIn()), this.weight, this.bias);
    return this;
  }
}

/** A convolution whose bias Torch's noBias() may drop (then toString says `without bias`). */
export abstract class OptionalBiasConvolution extends AbstractConvolution {
  noBias(): this {
    this.bias = null;
    this.gradBias = null;
    return this;
  }

  /** What toString shows between the parentheses after the class name. */
  protected abstract describe(): string;

  override toString(): string {
    return `${this.constructor.name}(${this.describe()})${this.bias ? '' : ' without bias'}`;
  }
}
