/**
 * Base of the elementwise activations with Torch's in-place flag (ReLU(true), ELU(α, true), …).
 * Without it, as Pointwise. With it, forward overwrites the input and `output` is a view of it;
 * backward overwrites gradOutput and `gradInput` is a view of that (THNN's inplace variants). The
 * backward then sees the overwritten input, so a subclass's gradient must depend only on what the
 * forward keeps (the sign, or the side of a threshold). Subclasses must compute `apply_(x, x)` and
 * `applyBackward(g, x, y, g)` correctly when the output aliases the input.
 */
import { Pointwise } from './Pointwise.js';
import type { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

const DIMS = [0, 1, 2, 3, 4, 5] as const;

/** Runs f on a contiguous version of t and writes the result back into t when that was a copy. */
function inPlace(t: Tensor, f: (c: Tensor) => void): void {
  const c = t.contiguous();
  f(c);
  if (c !== t) t.copy(c);
}

export abstract class InPlacePointwise extends Pointwise {
  constructor(readonly inplace = false) {
    super();
  }

  override updateOutput(input: Tensor): Tensor {
    if (!this.inplace) return super.updateOutput(input);
    const x = this.checkTensor('updateOutput', input, DIMS);
    inPlace(x, (c) => this.apply_(c, c));
    this.output.set(x);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.inplace) return super.updateGradInput(input, gradOutput);
    const x = this.checkTensor('updateGradInput', input, DIMS);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (!x.sameShape(this.output)) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of size ${shapeStr(this.output.shape)} (as in forward), got ${shapeStr(x.shape)}`);
    }
    const xc = x.contiguous(), y = this.output.contiguous();
    inPlace(g, (c) => this.applyBackward(c, xc, y, c));
    this.gradInput.set(g);
    return this.gradInput;
  }
}
