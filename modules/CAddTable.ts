/**
 * nn.CAddTable(ip = false): y = Σ_i input[i] (same shapes); gradInput[i] = a copy of gradOutput.
 * With ip (in place) the sum is accumulated into input[0], which `output` then views, and every
 * gradInput[i] is gradOutput itself. Ref: torch/nn CAddTable.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CAddTable extends Module<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Table = [];

  constructor(readonly inplace = false) {
    super();
  }

  private parts(method: string, input: Activity): Tensor[] {
    if (input instanceof Tensor || input.length === 0 || !input.every((x) => x instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a non-empty table of tensors, got ${describe(input)}`);
    }
    const parts = input as Tensor[];
    for (const [i, p] of parts.entries()) {
      if (p.numel() !== parts[0]!.numel()) {
        throw new ShapeError(`${this.where(method)}: expected input ${i} of size ${shapeStr(parts[0]!.shape)} (as input 0), got ${shapeStr(p.shape)}`);
      }
    }
    return parts;
  }

  override updateOutput(input: Activity): Tensor {
    const parts = this.parts('updateOutput', input);
    const k = backend();
    if (this.inplace) {
      const first = parts[0]!;
      for (let i = 1; i < parts.length; i++) {
        const p = parts[i]!;
        first.add(p.sameShape(first) ? p : p.contiguous().view(first.shape));
      }
      this.output.set(first);
      return this.output;
    }
    this.output.resizeAs(parts[0]!);
    k.copy(this.output, parts[0]!.contiguous());
    for (let i = 1; i < parts.length; i++) k.axpby(this.output, 1, this.output, 1, parts[i]!.contiguous());
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Table {
    const parts = this.parts('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.length = parts.length;
    if (this.inplace) {
      for (let i = 0; i < parts.length; i++) {
        const prev = this.gradInput[i];
        this.gradInput[i] = (prev instanceof Tensor ? prev : Tensor.empty(gradOutput.dtype)).set(gradOutput);
      }
      return this.gradInput;
    }
    for (let i = 0; i < parts.length; i++) {
      const prev = this.gradInput[i];
      const t = (prev instanceof Tensor ? prev : Tensor.empty(g.dtype)).resizeAs(parts[i]!);
      backend().copy(t, g);
      this.gradInput[i] = t;
    }
    return this.gradInput;
  }

  override toString(): string {
    return this.inplace ? 'CAddTable(true)' : 'CAddTable';
  }
}
