/**
 * nn.Parallel(inputDimension, outputDimension): child i gets slice i of the input along inputDimension
 * (0-based; that dimension goes), and the children's outputs are joined along outputDimension (0-based).
 * The input must have exactly as many slices as there are children. Ref: torch/nn Parallel.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import { asTensor } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

export class Parallel extends Container<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(readonly inputDimension: number, readonly outputDimension: number) {
    super();
  }

  private run<T>(i: number, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.childFailed(i, e);
    }
  }

  private slices(method: string, input: Tensor): number {
    if (!(input instanceof Tensor) || this.inputDimension >= input.dim() || input.size(this.inputDimension) !== this.modules.length) {
      throw new ShapeError(`${this.where(method)}: expected an input with ${this.modules.length} slices along dimension ${this.inputDimension} (one per module), got ${input instanceof Tensor ? shapeStr(input.shape) : 'a table'}`);
    }
    return this.modules.length;
  }

  override updateOutput(input: Tensor): Tensor {
    const n = this.slices('updateOutput', input), d = this.outputDimension;
    const outs = this.modules.map((m, i) => asTensor(this.run(i, () => m.forward(input.select(this.inputDimension, i)))));
    const size = outs[0]!.shape.slice();
    if (d >= size.length) throw new ShapeError(`${this.where('updateOutput')}: outputDimension ${d} out of range for the output ${shapeStr(size)} of module 0`);
    size[d] = outs.reduce((s, o) => s + o.size(d), 0);
    this.output.resize(size);
    let offset = 0;
    for (let i = 0; i < n; i++) {
      this.output.narrow(d, offset, outs[i]!.size(d)).copy(outs[i]!);
      offset += outs[i]!.size(d);
    }
    return this.output;
  }

  /** Runs fn(i, slice i of the input, its part of gradOutput) for each child. */
  private each(method: string, input: Tensor, gradOutput: Tensor, fn: (i: number, x: Tensor, g: Tensor) => void): void {
    this.slices(method, input);
    if (!gradOutput.sameShape(this.output)) throw new ShapeError(`${this.where(method)}: expected gradOutput shaped like the output ${shapeStr(this.output.shape)}, got ${shapeStr(gradOutput.shape)}`);
    let offset = 0;
    this.modules.forEach((m, i) => {
      const size = asTensor(m.output).size(this.outputDimension);
      this.run(i, () => fn(i, input.select(this.inputDimension, i), gradOutput.narrow(this.outputDimension, offset, size)));
      offset += size;
    });
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input);
    this.each('updateGradInput', input, gradOutput, (i, x, g) => {
      this.gradInput.select(this.inputDimension, i).copy(asTensor(this.modules[i]!.updateGradInput(x, g)));
    });
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    this.each('accGradParameters', input, gradOutput, (i, x, g) => this.modules[i]!.accGradParameters(x, g, scale));
  }

  override toString(): string {
    return this.childrenString(`input -> {slice i along ${this.inputDimension} -> module i} -> join along ${this.outputDimension}`);
  }
}
