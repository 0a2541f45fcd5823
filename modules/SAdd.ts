/**
 * rnn nn.SAdd(addend, negate = false): y = x + addend, or −(x + addend) when negate; every shape.
 * gradInput = gradOutput (negated with negate). Ref: rnn SAdd.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError } from '../lib/errors.js';
import { describe } from '../lib/Activity.js';

export class SAdd extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();

  constructor(public addend: number, public negate = false) {
    super();
    if (!Number.isFinite(addend)) throw new ArgumentError(`SAdd.constructor: expected a finite number addend, got ${addend}`);
  }

  override updateOutput(input: Tensor): Tensor {
    if (!(input instanceof Tensor)) throw new ShapeError(`${this.where('updateOutput')}: expected a tensor, got a table ${describe(input)}`);
    const x = input;
    this.output.resizeAs(x).copy(x).add(this.addend);
    if (this.negate) this.output.mul(-1);
    return this.output;
  }

  override updateGradInput(_input: Tensor, gradOutput: Tensor): Tensor {
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput.resizeAs(g).copy(g);
    if (this.negate) this.gradInput.mul(-1);
    return this.gradInput;
  }

  override toString(): string {
    return `SAdd(${this.addend}${this.negate ? ', negate' : ''})`;
  }
}
