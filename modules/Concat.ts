/**
 * nn.Concat(dimension): every child gets the same tensor input; their outputs are joined along
 * `dimension` (0-based). gradInput = Σ_i m_i.gradInput(input, slice i of gradOutput). Ref: torch/nn Concat.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { joinInto, joinedShape, sliceInto } from '../lib/join.js';
import { ShapeError } from '../lib/errors.js';

export class Concat extends Container<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private gradSlices: Tensor[] = [];

  constructor(readonly dimension: number) {
    super();
  }

  private outputs(method: string): Tensor[] {
    return this.modules.map((m, i) => asTensor(m.output, `${this.where(method)}: output of module ${i}`));
  }

  override updateOutput(input: Tensor): Tensor {
    for (let i = 0; i < this.modules.length; i++) {
      try {
        this.modules[i]!.forward(input);
      } catch (e) {
        throw this.childFailed(i, e);
      }
    }
    const outs = this.outputs('updateOutput');
    this.output.resize(joinedShape(this.where('updateOutput'), outs, this.dimension));
    joinInto(this.output, outs, this.dimension);
    return this.output;
  }

  /** Runs `fn(i, slice of gradOutput for child i)` for each child and sums their gradInputs. */
  private perChild(method: string, gradOutput: Tensor, fn: (i: number, g: Tensor) => Activity | void, sum: boolean): void {
    if (!gradOutput.sameShape(this.output)) {
      throw new ShapeError(`${this.where(method)}: expected gradOutput shaped like the output [${this.output.shape.join(', ')}], got [${gradOutput.shape.join(', ')}]`);
    }
    let offset = 0;
    for (let i = 0; i < this.modules.length; i++) {
      const n = asTensor(this.modules[i]!.output).shape[this.dimension]!;
      const g = sliceInto(this.gradSlices[i] ??= Tensor.empty(gradOutput.dtype), gradOutput, this.dimension, offset, n);
      offset += n;
      let gi: Activity | void;
      try {
        gi = fn(i, g);
      } catch (e) {
        throw this.childFailed(i, e);
      }
      if (!sum || !gi) continue;
      const t = asTensor(gi);
      if (i === 0) this.gradInput.resizeAs(t).copy(t);
      else backend().axpby(this.gradInput, 1, this.gradInput, 1, t.contiguous());
    }
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.perChild('updateGradInput', gradOutput, (i, g) => this.modules[i]!.updateGradInput(input, g), true);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.perChild('accGradParameters', gradOutput, (i, g) => this.modules[i]!.accGradParameters(input, g, scale), false);
  }

  override backward(input: Tensor, gradOutput: Tensor, scale = 1): Tensor {
    this.perChild('backward', gradOutput, (i, g) => this.modules[i]!.backward(input, g, scale), true);
    return this.gradInput;
  }

  override toString(): string {
    return this.childrenString(`input -> {each child} -> join along dimension ${this.dimension}`);
  }
}
