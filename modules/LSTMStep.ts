/**
 * One step of rnn's FastLSTM: input [x (B, in), hPrev (B, H), cPrev (B, H)], output [h, c] with
 * gates = i2g(x) + o2g(hPrev) in the order [input, forget, output, candidate];
 * c = σ(f) ⊙ cPrev + σ(i) ⊙ tanh(z), h = σ(o) ⊙ tanh(c). FastLSTM keeps one per time step.
 * Ref: rnn FastLSTM.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { Linear } from './Linear.js';
import { ArgumentError } from '../lib/errors.js';

export class LSTMStep extends Module<Activity, Table> {
  readonly i2g: Linear;
  readonly o2g: Linear;
  override output: Table = [Tensor.empty(), Tensor.empty()];
  override gradInput: Table = [Tensor.empty(), Tensor.empty(), Tensor.empty()];
  private gates = Tensor.empty();
  private tanhC = Tensor.empty();
  private gradGates = Tensor.empty();

  constructor(readonly inputSize: number, readonly outputSize: number) {
    super();
    this.i2g = new Linear(inputSize, 4 * outputSize);
    this.o2g = new Linear(outputSize, 4 * outputSize, false);
  }

  override children(): readonly Module[] {
    return [this.i2g, this.o2g];
  }

  private parts(method: string, input: Activity): [Tensor, Tensor, Tensor, number] {
    if (input instanceof Tensor || input.length !== 3 || !input.every((x) => x instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x, hPrev, cPrev], got ${describe(input)}`);
    }
    const [x, h, c] = input as [Tensor, Tensor, Tensor];
    return [x, h.contiguous(), c.contiguous(), x.dim() === 2 ? x.size(0) : 1];
  }

  override updateOutput(input: Activity): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateOutput', input);
    const k = backend(), H = this.outputSize;
    const a = this.i2g.forward(x), b = this.o2g.forward(hPrev);
    this.gates.resizeAs(a);
    k.axpby(this.gates, 1, a, 1, b);
    const [h, c] = this.output as [Tensor, Tensor];
    for (const t of [h, c, this.tanhC]) t.resizeAs(hPrev);
    k.lstmCell(this.gates, c, h, this.tanhC, cPrev, B, H);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Table): Table {
    const [x, hPrev, cPrev, B] = this.parts('updateGradInput', input);
    const [gh, gc] = gradOutput as [Tensor, Tensor];
    const gcPrev = (this.gradInput[2] as Tensor).resizeAs(cPrev);
    this.gradGates.resizeAs(this.gates);
    backend().lstmCellBackward(this.gradGates, gcPrev, this.gates, this.tanhC, cPrev, gh.contiguous(), gc.contiguous(), B, this.outputSize);
    this.gradInput[0] = this.i2g.updateGradInput(x, this.gradGates);
    this.gradInput[1] = this.o2g.updateGradInput(hPrev, this.gradGates);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Table, scale = 1): void {
    const [x, hPrev] = this.parts('accGradParameters', input);
    this.i2g.accGradParameters(x, this.gradGates, scale);
    this.o2g.accGradParameters(hPrev, this.gradGates, scale);
  }

  override toString(): string {
    return `LSTMStep(${this.inputSize} -> ${this.outputSize})`;
  }
}
