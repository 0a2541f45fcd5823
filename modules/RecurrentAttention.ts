/**
 * rnn nn.RecurrentAttention(rnn, action, nStep, hiddenSize): the Recurrent Attention Model's
 * sequencer. Input x (the image batch, the same at every step); output a table of nStep hidden
 * states (B, hiddenSize). Step t: l_t = action(h_{t−1}) (action(zeros) at t = 0), h_t = rnn([x, l_t]).
 * Backward: the gradient w.r.t. l_t coming out of the rnn's sensors is dropped (the glimpse is not
 * differentiable w.r.t. its location); the action's own gradient (its Reinforce term) flows into
 * h_{t−1}, and so into the core and glimpse network. Ref: rnn RecurrentAttention.lua; Mnih et al. 2014.
 */
import { Container } from '../lib/Container.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, asTensor, describe, zeroLike } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { AbstractRecurrent } from './AbstractRecurrent.js';
import { Recursor } from './Recursor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class RecurrentAttention extends Container<Tensor, Table> {
  override output: Table = [];
  override gradInput = Tensor.empty();
  readonly rnn: AbstractRecurrent;
  readonly action: AbstractRecurrent;
  readonly hiddenSize: number;
  /** l_t of the last forward, one per step. */
  actions: Activity[] = [];
  private zeroHidden = Tensor.empty();
  /** ∂L/∂h_t per step (gradOutput[t] + the action's gradient from step t + 1). */
  private gradHidden: Tensor[] = [];
  private zeroAction: Activity[] = [];

  constructor(rnn: Module, action: Module, readonly nStep: number, hiddenSize: number | readonly [number]) {
    super();
    if (!(Number.isInteger(nStep) && nStep >= 1)) throw new ArgumentError(`RecurrentAttention.constructor: expected nStep ≥ 1, got ${nStep}`);
    this.hiddenSize = typeof hiddenSize === 'number' ? hiddenSize : hiddenSize[0];
    if (!(Number.isInteger(this.hiddenSize) && this.hiddenSize > 0)) throw new ArgumentError(`RecurrentAttention.constructor: expected a positive hiddenSize, got ${String(hiddenSize)}`);
    this.rnn = rnn instanceof AbstractRecurrent ? rnn : new Recursor(rnn);
    this.action = action instanceof AbstractRecurrent ? action : new Recursor(action);
    this.modules = [this.rnn, this.action];
  }

  /** The action's input at step t: zeros for t = 0, else h_{t−1}. */
  private actionInput(t: number): Tensor {
    return t === 0 ? this.zeroHidden : asTensor(this.output[t - 1]!);
  }

  override updateOutput(input: Tensor): Table {
    if (!(input instanceof Tensor)) throw new ShapeError(`${this.where('updateOutput')}: expected the input batch as a tensor, got ${describe(input)}`);
    this.rnn.forget();
    this.action.forget();
    const B = input.dim() >= 4 ? input.size(0) : 1;
    if (this.zeroHidden.dtype !== input.dtype) this.zeroHidden.retype(input.dtype);
    this.zeroHidden.resize(input.dim() >= 4 ? [B, this.hiddenSize] : [this.hiddenSize]).zero();
    this.output.length = this.nStep;
    this.actions.length = this.nStep;
    for (let t = 0; t < this.nStep; t++) {
      this.actions[t] = this.action.forward(this.actionInput(t));
      const h = asTensor(this.rnn.forward([input, this.actions[t]!]), `${this.where('updateOutput')}: rnn output`);
      if (h.size(-1) !== this.hiddenSize) throw new ShapeError(`${this.where('updateOutput')}: expected rnn outputs of size [*, ${this.hiddenSize}], got ${shapeStr(h.shape)}`);
      this.output[t] = h;
    }
    return this.output;
  }

  private gradOutputs(method: string, gradOutput: Activity): readonly Tensor[] {
    if (gradOutput instanceof Tensor || gradOutput.length !== this.nStep || !gradOutput.every((g) => g instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected gradOutput to be a table of ${this.nStep} tensors, got ${describe(gradOutput)}`);
    }
    return gradOutput as Tensor[];
  }

  /** Walks the steps backwards; `acc` also accumulates parameter gradients (scale), `grad` computes gradInput. */
  private backwardSteps(method: string, input: Tensor, gradOutput: Activity, grad: boolean, acc: boolean, scale: number): void {
    const gs = this.gradOutputs(method, gradOutput);
    const k = backend();
    for (let t = this.nStep - 1; t >= 0; t--) {
      const gh = (this.gradHidden[t] ??= Tensor.empty(input.dtype));
      const za = (this.zeroAction[t] = zeroLike(this.zeroAction[t], this.actions[t]!));
      const aIn = this.actionInput(t);
      const rIn = [input, this.actions[t]!];
      if (grad) {
        if (t === this.nStep - 1) gh.resizeAs(gs[t]!).copy(gs[t]!);
        else k.axpby(gh, 1, gh, 1, gs[t]!.contiguous()); // ∂L/∂h_t = gradOutput[t] + action's gradient (set at step t + 1)
        const ga = this.action.updateGradInput(aIn, za); // the Reinforce gradient, w.r.t. h_{t−1}
        if (acc) this.action.accGradParameters(aIn, za, scale);
        if (t > 0) (this.gradHidden[t - 1] ??= Tensor.empty(input.dtype)).resizeAs(asTensor(ga)).copy(asTensor(ga));
        const [gx] = this.rnn.updateGradInput(rIn, gh) as Activity[]; // ∂/∂l_t from the sensors is dropped
        if (acc) this.rnn.accGradParameters(rIn, gh, scale);
        if (t === this.nStep - 1) this.gradInput.resizeAs(asTensor(gx!)).copy(asTensor(gx!));
        else k.axpby(this.gradInput, 1, this.gradInput, 1, asTensor(gx!).contiguous());
      } else {
        this.action.accGradParameters(aIn, za, scale);
        this.rnn.accGradParameters(rIn, gh, scale);
      }
    }
  }

  override updateGradInput(input: Tensor, gradOutput: Table): Tensor {
    this.backwardSteps('updateGradInput', input, gradOutput, true, false, 1);
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, gradOutput: Table, scale = 1): void {
    this.backwardSteps('accGradParameters', input, gradOutput, false, true, scale);
  }

  override backward(input: Tensor, gradOutput: Table, scale = 1): Tensor {
    this.backwardSteps('backward', input, gradOutput, true, true, scale);
    return this.gradInput;
  }

  override toString(): string {
    const ind = (m: Module) => m.toString().replace(/\n/g, '\n  ');
    return `RecurrentAttention(${this.nStep} steps, hidden ${this.hiddenSize}) {\n  action: ${ind(this.action)}\n  rnn: ${ind(this.rnn)}\n}`;
  }
}
