/**
 * rnn nn.Recurrence(stepmodule, outputSize, nInputDim, rho = 9999): a general recurrence. Each
 * step runs a shared clone of `stepmodule` on [x_t, s_{t−1}] and outputs s_t (a tensor, or a table
 * of them); s_{−1} is zeros of `outputSize` (a size, a list of sizes, or a nested list for a table
 * state), with a leading batch dimension when x_t (its first tensor) has nInputDim + 1 dimensions.
 * setHiddenState(−1, s) starts every sequence from s instead (until set to null); getHiddenState(t)
 * is s_t; after BPTT, getGradHiddenState(−1) is ∂L/∂s_{−1}; setGradHiddenState(T − 1, g) adds g to
 * the last step's gradient. maskZero(): batch rows whose x_t is all zeros (or whose setZeroMask
 * entry (T, B) is 1) output and pass on zeros. Ref: rnn Recurrence.lua, AbstractRecurrent.lua.
 */
import { AbstractRecurrent } from './AbstractRecurrent.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike, describe, leaves } from '../lib/Activity.js';
import { ArgumentError, ShapeError, StateError } from '../lib/errors.js';
import { maskRows, zeroMaskOf } from './zeroMask.js';

/** A state's sizes: one tensor's (without the batch dimension), or a list of those. */
export type StateSize = readonly number[] | readonly StateSize[];

const isSizes = (s: StateSize): s is readonly number[] => s.every((v) => typeof v === 'number');

export class Recurrence extends AbstractRecurrent {
  /** The sizes as given to the constructor (Lua's field). */
  outputSize: number | StateSize;
  /** The state's sizes, a number made a one-tensor size. */
  protected readonly stateSize: StateSize;
  /** s_t of every step of the sequence. */
  protected states: Activity[] = [];
  protected userPrevState: Activity | null = null;
  protected userNextGradState: Activity | null = null;
  /** ∂L/∂s_{t} from step t + 1, then ∂L/∂s_{−1} once step 0 is done. */
  protected gradStates: Activity[] = [];
  protected zeroState: Activity = Tensor.empty();
  private masks: (Tensor | null)[] = [];
  /** The step that row 0 of zeroMask belongs to (the step at setZeroMask; 0 after forget()). */
  private zeroMaskStart = 0;

  constructor(readonly stepmodule: Module, outputSize: number | StateSize, readonly nInputDim: number, rho = 9999) {
    super(rho);
    this.outputSize = outputSize;
    this.stateSize = typeof outputSize === 'number' ? [outputSize] : outputSize;
    if (!Number.isInteger(nInputDim) || nInputDim < 0) throw new ArgumentError(`${new.target.name}.constructor: expected nInputDim ≥ 0, got ${nInputDim}`);
    this.modules = [stepmodule];
  }

  protected get stepPrototype(): Module {
    return this.stepmodule;
  }

  /** The step module's input for x_t and s_{t−1}. */
  protected pack(x: Activity, state: Activity): Activity {
    return [x, state];
  }

  /** [∂L/∂x_t, ∂L/∂s_{t−1}] from the step module's gradInput. */
  protected unpack(gradInput: Activity): [Activity, Activity] {
    const [gx, gs] = gradInput as Activity[];
    return [gx!, gs!];
  }

  /** The module's output of step t from s_t. */
  protected outputOf(state: Activity): Activity {
    return state;
  }

  /** ∂L/∂s_t from the gradOutput of step t (a zero-filled state but for the output's part). */
  protected embedGrad(t: number, gradOutput: Activity): Activity {
    return copyLike(this.gradOutputs[t], gradOutput);
  }

  private batchOf(x: Activity): number | null {
    const first = leaves(x)[0];
    if (!first) throw new ShapeError(`${this.where('updateOutput')}: expected a tensor input, got ${describe(x)}`);
    if (first.dim() === this.nInputDim) return null;
    if (first.dim() === this.nInputDim + 1) return first.size(0);
    throw new ShapeError(`${this.where('updateOutput')}: expected an input of ${this.nInputDim} or ${this.nInputDim + 1} dimensions (nInputDim = ${this.nInputDim}), got ${describe(x)}`);
  }

  private zeros(size: StateSize, into: Activity | undefined, batch: number | null, dtype: Tensor['dtype']): Activity {
    if (isSizes(size)) {
      const t = into instanceof Tensor ? into : Tensor.empty(dtype);
      return t.resize(batch === null ? [...size] : [batch, ...size]).zero();
    }
    const old = Array.isArray(into) ? into : [];
    return size.map((s, i) => this.zeros(s, old[i], batch, dtype));
  }

  /** s_t (t = −1: the state the sequence starts from). */
  override getHiddenState(t: number, input?: Activity): Activity {
    if (t >= 0) {
      const s = this.states[t];
      if (!s) throw new StateError(`${this.where('getHiddenState')}: no step ${t} yet (${this.step} steps forwarded)`);
      return s;
    }
    if (this.userPrevState) return this.userPrevState;
    if (input) {
      const first = leaves(input)[0]!;
      this.zeroState = this.zeros(this.stateSize, this.zeroState, this.batchOf(input), first.dtype);
    }
    return this.zeroState;
  }

  /** t = −1: the state every following sequence starts from (null: zeros again); t = step − 1: replaces the last state. */
  override setHiddenState(t: number, state: Activity | null): this {
    if (t === -1) this.userPrevState = state;
    else if (t === this.step - 1 && state) this.states[t] = state;
    else throw new ArgumentError(`${this.where('setHiddenState')}: expected step −1 or the last step ${this.step - 1}, got ${t}`);
    return this;
  }

  /** ∂L/∂s_t as far as BPTT has gone (t = −1: the gradient of the starting state). */
  override getGradHiddenState(t: number): Activity {
    const g = this.gradStates[t + 1];
    if (!g) throw new StateError(`${this.where('getGradHiddenState')}: no gradient for step ${t} yet; run backward through step ${t + 1} first`);
    return g;
  }

  /** Adds `grad` to ∂L/∂s_{T−1} at the next backward of the last step (null: nothing). */
  override setGradHiddenState(_t: number, grad: Activity | null): this {
    this.userNextGradState = grad;
    return this;
  }

  override maskZero(): this {
    this.maskzero = true;
    return this;
  }

  /** A (T, B) ByteTensor: row i masks the i-th step from now (from step 0 after a forget()); null: from the inputs. */
  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    this.zeroMaskStart = this.step;
    return this;
  }

  protected stepForward(t: number, x: Activity): Activity {
    const prev = t === 0 ? this.getHiddenState(-1, x) : this.states[t - 1]!;
    const out = this.getStepModule(t).forward(this.pack(x, prev));
    this.masks[t] = null;
    if (this.maskzero) {
      const x0 = leaves(x)[0]!;
      this.masks[t] = this.zeroMask ? this.zeroMask.select(0, t - this.zeroMaskStart) : zeroMaskOf(x0, this.nInputDim);
      if (this.batchOf(x) !== null) maskRows(this.where('updateOutput'), out, this.masks[t]!);
    }
    this.states[t] = out;
    return this.outputOf(out);
  }

  protected stepGradInput(t: number, x: Activity, gradOutput: Activity): Activity {
    const g = this.embedGrad(t, gradOutput);
    this.gradOutputs[t] = g;
    const carry = t === this.step - 1 ? this.userNextGradState : this.gradStates[t + 1];
    if (carry) {
      const gl = leaves(g), cl = leaves(carry);
      gl.forEach((gt, i) => gt.add(cl[i]!)); // ∂L/∂s_t += from step t + 1
    }
    const mask = this.masks[t];
    if (mask && this.batchOf(x) !== null) maskRows(this.where('updateGradInput'), g, mask);
    const prev = t === 0 ? this.getHiddenState(-1) : this.states[t - 1]!;
    const [gx, gs] = this.unpack(this.getStepModule(t).updateGradInput(this.pack(x, prev), g));
    this.gradStates[t] = gs;
    return gx;
  }

  protected stepAccGrad(t: number, x: Activity, scale: number): void {
    const prev = t === 0 ? this.getHiddenState(-1) : this.states[t - 1]!;
    this.getStepModule(t).accGradParameters(this.pack(x, prev), this.gradOutputs[t]!, scale);
  }

  override forget(): this {
    this.states.length = 0;
    this.gradStates.length = 0;
    this.zeroMaskStart = 0;
    return super.forget();
  }

  override toString(): string {
    return `${this.constructor.name}(${this.stepmodule.toString().replace(/\n/g, '\n  ')})`;
  }
}
