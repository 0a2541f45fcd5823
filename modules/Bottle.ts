/**
 * nn.Bottle(module, nInputDim = 2, nOutputDim = nInputDim): applies a module made for nInputDim-D input
 * to input with more dimensions, by folding the leading ones into the first: a B1 × B2 × … × n input
 * runs as (B1·B2·…) × n and the output is unfolded back (e.g. Bottle(Linear(n, m)) on T × B × n gives
 * T × B × m). The module's output must have nOutputDim dimensions. Ref: torch/nn Bottle.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, asTensor } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { Decorator } from './Decorator.js';

export class Bottle extends Decorator {
  readonly nInputDim: number;
  readonly nOutputDim: number;
  readonly dimDelta: number;
  /** The sizes the module sees (input) and gives (output) when folding. */
  inShape: number[] = [];
  outShape: number[] = [];
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(module: Module, nInputDim = 2, nOutputDim = nInputDim) {
    super(module);
    if (!(Number.isInteger(nInputDim) && nInputDim > 0 && Number.isInteger(nOutputDim) && nOutputDim > 0)) {
      throw new ArgumentError(`Bottle.constructor: expected positive integer nInputDim and nOutputDim, got ${nInputDim}, ${nOutputDim}`);
    }
    this.nInputDim = nInputDim;
    this.nOutputDim = nOutputDim;
    this.dimDelta = nInputDim - nOutputDim;
  }

  private tensor(method: string, a: Activity, what: string): Tensor {
    if (!(a instanceof Tensor)) throw new ShapeError(`${this.where(method)}: expected ${what} to be a tensor`);
    return a;
  }

  override updateOutput(input: Activity): Tensor {
    const x = this.tensor('updateOutput', input, 'input');
    if (x.dim() < this.nInputDim) throw new ShapeError(`${this.where('updateOutput')}: expected input of at least ${this.nInputDim} dimensions, got ${shapeStr(x.shape)}`);
    const lead = x.dim() - this.nInputDim; // the folded dimensions (besides the first of the module's)
    if (lead === 0) {
      this.output.set(asTensor(this.inner((m) => m.updateOutput(x))));
      return this.output;
    }
    const outer = x.shape.slice(0, lead + 1).reduce((a, b) => a * b, 1);
    this.inShape = [outer, ...x.shape.slice(lead + 1)];
    const y = asTensor(this.inner((m) => m.updateOutput(x.contiguous().view(this.inShape))));
    if (y.dim() !== this.nOutputDim) throw new ShapeError(`${this.where('updateOutput')}: expected the module's output to have ${this.nOutputDim} dimensions, got ${shapeStr(y.shape)}`);
    this.outShape = y.shape.slice();
    const leading = x.shape.slice(0, lead), n = leading.reduce((a, b) => a * b, 1);
    this.output.set(y.contiguous().view([...leading, y.size(0) / n, ...y.shape.slice(1)]));
    return this.output;
  }

  private folded(input: Tensor, gradOutput: Tensor): [Tensor, Tensor] {
    if (input.dim() <= this.nInputDim) return [input, gradOutput];
    return [input.contiguous().view(this.inShape), gradOutput.contiguous().view(this.outShape)];
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Tensor {
    const x = this.tensor('updateGradInput', input, 'input'), g = this.tensor('updateGradInput', gradOutput, 'gradOutput');
    const [xi, gi] = this.folded(x, g);
    const r = asTensor(this.inner((m) => m.updateGradInput(xi, gi)));
    this.gradInput.set(x.dim() > this.nInputDim ? r.contiguous().view(x.shape) : r);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    const [xi, gi] = this.folded(this.tensor('accGradParameters', input, 'input'), this.tensor('accGradParameters', gradOutput, 'gradOutput'));
    this.inner((m) => m.accGradParameters(xi, gi, scale));
  }
}
