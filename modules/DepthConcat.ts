/**
 * nn.DepthConcat(dimension): Concat whose children's outputs may differ in size outside `dimension`
 * (0-based): the output takes the largest size in every other dimension and each child's output sits
 * centred in its window, zero-padded ((big − small)/2 rounded down before, the rest after), e.g. the
 * feature maps of an inception block. gradInput = Σ_i m_i.gradInput(input, the window of i in gradOutput).
 * Ref: torch/nn DepthConcat.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
import { Concat } from './Concat.js';

export class DepthConcat extends Concat {
  /** The output's sizes (Torch's LongStorage `outputSize`). */
  outputSize: number[] = [];

  /** The window of `t` (sized as the output) where the child's output `cur` lies, at `offset` along the dimension. */
  windowNarrow(t: Tensor, cur: Tensor, offset: number): Tensor {
    let w = t.narrow(this.dimension, offset, cur.size(this.dimension));
    for (let d = 0; d < this.outputSize.length; d++) {
      const size = cur.size(d), full = this.outputSize[d]!;
      if (d !== this.dimension && size !== full) w = w.narrow(d, Math.floor((full - size) / 2), size);
    }
    return w;
  }

  private run<T>(i: number, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.childFailed(i, e);
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const outs = this.modules.map((m, i) => asTensor(this.run(i, () => m.forward(input)), `${this.where('updateOutput')}: output of module ${i}`));
    const first = outs[0];
    if (!first) throw new ShapeError(`${this.where('updateOutput')}: no modules to run`);
    if (this.dimension >= first.dim()) throw new ShapeError(`${this.where('updateOutput')}: dimension ${this.dimension} out of range for the outputs ${shapeStr(first.shape)}`);
    this.outputSize = first.shape.slice();
    for (const o of outs.slice(1)) {
      if (o.dim() !== first.dim()) throw new ShapeError(`${this.where('updateOutput')}: expected outputs of ${first.dim()} dimensions, got ${shapeStr(o.shape)}`);
      for (let d = 0; d < o.dim(); d++) {
        this.outputSize[d] = d === this.dimension ? this.outputSize[d]! + o.size(d) : Math.max(this.outputSize[d]!, o.size(d));
      }
    }
    this.output.resize(this.outputSize).zero(); // zeros: the padding
    let offset = 0;
    for (const o of outs) {
      this.windowNarrow(this.output, o, offset).copy(o);
      offset += o.size(this.dimension);
    }
    return this.output;
  }

  /** Runs `fn(i, window of gradOutput for child i)` for each child; sums the gradInputs it returns. */
  private windows(method: string, input: Tensor, gradOutput: Tensor, fn: (i: number, g: Tensor) => Activity | void, sum = true): Tensor {
    if (!gradOutput.sameShape(this.output)) {
      throw new ShapeError(`${this.where(method)}: expected gradOutput shaped like the output ${shapeStr(this.output.shape)}, got ${shapeStr(gradOutput.shape)}`);
    }
    if (sum) this.gradInput.resizeAs(input).zero();
    let offset = 0;
    this.modules.forEach((m, i) => {
      const cur = asTensor(m.output);
      const gi = this.run(i, () => fn(i, this.windowNarrow(gradOutput, cur, offset)));
      if (sum && gi) this.gradInput.add(asTensor(gi));
      offset += cur.size(this.dimension);
    });
    return this.gradInput;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    return this.windows('updateGradInput', input, gradOutput, (i, g) => this.modules[i]!.updateGradInput(input, g));
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.windows('accGradParameters', input, gradOutput, (i, g) => { this.modules[i]!.accGradParameters(input, g, scale); }, false);
  }

  override backward(input: Tensor, gradOutput: Tensor, scale = 1): Tensor {
    return this.windows('backward', input, gradOutput, (i, g) => this.modules[i]!.backward(input, g, scale));
  }
}
