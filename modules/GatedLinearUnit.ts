/**
 * nn.GatedLinearUnit(dim = last): splits the input in halves a, b along dim (even size) and gives
 * y = a ⊙ σ(b), half as large along dim; ∂y/∂a = σ(b), ∂y/∂b = a·σ(b)(1 − σ(b)). dim is 0-based
 * (negative counts from the end). Ref: torch/nn GatedLinearUnit.lua; Dauphin et al. 2016.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class GatedLinearUnit extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private gate = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly dim?: number) {
    super();
    if (dim !== undefined && !Number.isInteger(dim)) throw new ArgumentError(`GatedLinearUnit.constructor: expected an integer dimension, got ${dim}`);
  }

  /** [halves a and b, the dimension]. */
  private halves(method: string, input: Tensor): [Tensor, Tensor, number] {
    const x = this.checkTensor(method, input, [1, 2, 3, 4, 5]);
    const d0 = this.dim ?? x.dim() - 1, d = d0 < 0 ? d0 + x.dim() : d0;
    if (d < 0 || d >= x.dim()) throw new ShapeError(`${this.where(method)}: dimension ${d0} out of range for input ${shapeStr(x.shape)}`);
    const n = x.size(d);
    if (n % 2 !== 0) throw new ShapeError(`${this.where(method)}: expected an even size in dimension ${d}, got input ${shapeStr(x.shape)}`);
    return [x.narrow(d, 0, n / 2), x.narrow(d, n / 2, n / 2), d];
  }

  override updateOutput(input: Tensor): Tensor {
    const [a, b] = this.halves('updateOutput', input);
    this.output.resizeAs(b).sigmoid(b).cmul(a);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [a, b, d] = this.halves('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const s = this.gate.resizeAs(b).sigmoid(b), n = a.size(d);
    const gb = this.buf.resizeAs(b).mul(s, -1).add(1).cmul(s).cmul(g).cmul(a); // a·σ(1 − σ)·g
    this.gradInput.resizeAs(input);
    this.gradInput.narrow(d, n, n).copy(gb);
    this.gradInput.narrow(d, 0, n).copy(s.cmul(g));
    return this.gradInput;
  }

  override toString(): string {
    return `GatedLinearUnit(${this.dim ?? 'last'})`;
  }
}
