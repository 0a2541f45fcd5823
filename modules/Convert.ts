/**
 * dpnn nn.Convert(inputShape = 'b*', outputShape = inputShape): converts between axis layouts named
 * by letters (b batch, c channel, h height, w width, f feature, …): a permutation of the input's
 * letters transposes (e.g. 'bhwc' → 'bchw'), 'bf' flattens all but the batch, '*' keeps the rest as
 * it is. An input with one dimension fewer than inputShape is a single example (no 'b'). Backward
 * applies the inverse. Ref: dpnn Convert.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class Convert extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private perm: number[] | null = null;

  constructor(readonly inputShape = 'b*', readonly outputShape = inputShape) {
    super();
    const letters = /^[a-z*]+$/;
    if (!letters.test(inputShape) || !letters.test(outputShape)) {
      throw new ArgumentError(`Convert.constructor: expected axis letters such as 'bchw', got '${inputShape}' and '${outputShape}'`);
    }
    const sameLetters = [...inputShape].sort().join('') === [...outputShape].sort().join('');
    if (!sameLetters && outputShape !== 'bf' && outputShape !== inputShape) {
      throw new ArgumentError(`Convert.constructor: cannot convert '${inputShape}' to '${outputShape}' (a permutation of the letters, or 'bf')`);
    }
    if (sameLetters && !inputShape.includes('*')) this.perm = [...outputShape].map((c) => inputShape.indexOf(c));
  }

  /** The input's layout letters for this input (dropping 'b' for a single example). */
  private layout(method: string, x: Tensor): string {
    const full = this.inputShape;
    if (full.includes('*')) return full;
    if (x.dim() === full.length) return full;
    if (full.includes('b') && x.dim() === full.length - 1) return full.replace('b', '');
    throw new ShapeError(`${this.where(method)}: expected an input of ${full.length} dimensions ('${full}'), got ${shapeStr(x.shape)}`);
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [1, 2, 3, 4, 5]);
    const from = this.layout('updateOutput', x);
    if (this.perm) {
      const to = from === this.inputShape ? this.outputShape : this.outputShape.replace('b', '');
      const view = x.permute([...to].map((c) => from.indexOf(c)));
      this.output.resizeAs(x).resize(view.shape).copy(view);
    } else if (this.outputShape === 'bf' && this.outputShape !== this.inputShape) {
      const batch = from.includes('b');
      this.output.resizeAs(x).resize(batch ? [x.size(0), x.numel() / x.size(0)] : [x.numel()]).copy(x.contiguous().view(batch ? [x.size(0), -1] : [-1]));
    } else {
      this.output.resizeAs(x).copy(x);
    }
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const from = this.layout('updateGradInput', input);
    this.gradInput.resizeAs(input);
    if (this.perm) {
      const to = from === this.inputShape ? this.outputShape : this.outputShape.replace('b', '');
      this.gradInput.permute([...to].map((c) => from.indexOf(c))).copy(g); // scatter back through the same permutation
    } else {
      this.gradInput.copy(g.contiguous().view(input.shape));
    }
    return this.gradInput;
  }

  override toString(): string {
    return `Convert('${this.inputShape}' -> '${this.outputShape}')`;
  }
}
