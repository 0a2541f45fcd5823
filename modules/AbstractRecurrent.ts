/**
 * rnn nn.AbstractRecurrent(rho): a container that processes one time step per forward call and
 * keeps one shared clone of its step module per step (shared parameters and gradients, private
 * buffers), so that backward calls made in reverse time order perform back-propagation through
 * time. `forget()` starts a new sequence. Every step has its own output tensor, in evaluate mode
 * too. At most `rho` steps can be back-propagated. maskZero(nInputDim = 1) wraps every step module
 * in a MaskZero (rnn's way): batch rows whose x_t is all zeros, or whose setZeroMask((T, B) mask)
 * entry is 1, output zeros and pass no gradient. The hidden-state API (getHiddenState(t),
 * setHiddenState(t, s), getGradHiddenState(t), setGradHiddenState(t, g)) is each subclass's; here
 * it raises a StateError. Ref: rnn AbstractRecurrent.lua.
 */
import { Container } from '../lib/Container.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { MaskZero } from './MaskZero.js';

export abstract class AbstractRecurrent extends Container<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();
  /** Forward calls since the last forget(). */
  step = 0;
  /** The output of every step of the current sequence. */
  outputs: Activity[] = [];
  /** The gradInput of every step back-propagated so far. */
  gradInputs: Activity[] = [];
  /** Step modules, one per time step (shared clones of the step module). */
  sharedClones: Module[] = [];
  /** Marks a recurrent module: a step clone of an enclosing recurrent module shares it (sharedClone's stepClone). */
  readonly dpnn_stepclone = true;
  /** The total gradOutput of each step, kept by updateGradInput for accGradParameters. */
  protected gradOutputs: Activity[] = [];
  private gradStep = 0;
  private accStep = 0;
  maskzero = false;
  /** (T, B) ByteTensor of padding steps (setZeroMask), or null to find the zero rows of each x_t. */
  zeroMask: Tensor | null = null;
  /** The nInputDim of the MaskZero around each step module (maskZero()), or null. */
  private stepMaskDim: number | null = null;
  /** The step that row 0 of zeroMask belongs to. */
  private maskStart = 0;

  constructor(public rho = 99999) {
    super();
    if (!(Number.isInteger(rho) && rho > 0)) throw new ArgumentError(`${new.target.name}.constructor: expected rho ≥ 1, got ${rho}`);
  }

  /** Forward of step t (0-based) on this step's input. */
  protected abstract stepForward(t: number, input: Activity): Activity;
  /** updateGradInput of step t; the subclass adds any gradient carried from step t + 1. */
  protected abstract stepGradInput(t: number, input: Activity, gradOutput: Activity): Activity;
  /** accGradParameters of step t with the gradOutput stored by stepGradInput. */
  protected abstract stepAccGrad(t: number, input: Activity, scale: number): void;
  /** The module whose shared clones serve as step modules. */
  protected abstract get stepPrototype(): Module;

  /** The first step whose module may move to a later step (Recurrent keeps its modules of steps 0 and 1 in place). */
  protected readonly firstRecyclable: number = 0;

  /**
   * The module of step t (step modules share parameters): on first use, the module of step
   * t − rho − 1 when there is one (no backward reaches that far back: rnn's recycling, which keeps
   * rho + 1 step modules however long a remembered sequence runs), else a new shared clone.
   */
  getStepModule(t: number): Module {
    let m = this.sharedClones[t];
    if (!m) {
      // a recurrent module inside the step module stays one instance across the steps (it keeps its own time)
      m = this.recycled(t) ?? this.wrapStep(t === 0 ? this.stepPrototype : this.stepPrototype.sharedClone(true, true, true));
      this.sharedClones[t] = m;
    }
    return m;
  }

  /** Step t − rho − 1's module and gradOutput buffer, moved to step t; undefined when there is none. */
  private recycled(t: number): Module | undefined {
    const old = t - this.rho - 1, m = old >= this.firstRecyclable ? this.sharedClones[old] : undefined;
    if (!m) return undefined;
    delete this.sharedClones[old];
    const g = this.gradOutputs[old];
    if (g !== undefined && this.gradOutputs[t] === undefined) this.gradOutputs[t] = g;
    delete this.gradOutputs[old];
    delete this.outputs[old];
    delete this.gradInputs[old];
    return m;
  }

  /** The step modules in use (sharedClones has holes once modules were recycled). */
  stepModules(): Module[] {
    return this.sharedClones.filter((m) => m !== undefined);
  }

  /** rnn's maxBPTTstep: at most `rho` steps back-propagate (a Sequencer sets its sequence length); nested recurrent modules too. */
  override maxBPTTstep(rho: number): this {
    if (!(Number.isInteger(rho) && rho > 0)) throw new ArgumentError(`${this.where('maxBPTTstep')}: expected rho ≥ 1, got ${rho}`);
    this.rho = rho;
    for (const m of this.modules) m.maxBPTTstep(rho);
    return this;
  }

  /** A new step module in this module's mode, in a MaskZero after maskZero(). */
  protected wrapStep(m: Module): Module {
    const w = this.stepMaskDim === null ? m : new MaskZero(m, this.stepMaskDim);
    return this.train ? w.training() : w.evaluate();
  }

  /** Zero-masks the steps from now on (see the banner); call it before the first forward. */
  override maskZero(nInputDim: number | boolean = 1): this {
    if (this.stepMaskDim !== null) return this;
    this.maskzero = true;
    this.stepMaskDim = typeof nInputDim === 'number' ? nInputDim : 1; // torch/rnn's maskZero(v1) flag: the default
    this.sharedClones = [];
    return this;
  }

  /** A (T, B) ByteTensor (1 = padding): row i masks the i-th step from now (from step 0 after forget()); null: from the inputs. */
  override setZeroMask(mask: Tensor | null | false): this {
    this.zeroMask = mask || null;
    this.maskStart = this.step;
    return this;
  }

  /** The state after step t (t = −1: the one the sequence starts from). */
  override getHiddenState(_t: number, _input?: Activity): Activity {
    throw new StateError(`${this.where('getHiddenState')}: ${this.constructor.name} has no hidden state API`);
  }

  /** t = −1: the state the following sequences start from (null: zeros); t = step − 1: replaces the last state. */
  override setHiddenState(_t: number, _state: Activity | null): this {
    throw new StateError(`${this.where('setHiddenState')}: ${this.constructor.name} has no hidden state API`);
  }

  /** ∂L/∂(state after step t) as far as BPTT has gone (t = −1: of the starting state). */
  override getGradHiddenState(_t: number): Activity {
    throw new StateError(`${this.where('getGradHiddenState')}: ${this.constructor.name} has no hidden state API`);
  }

  /** A gradient added to ∂L/∂(last state) at the next backward of the last step (null: none). */
  override setGradHiddenState(_t: number, _grad: Activity | null): this {
    throw new StateError(`${this.where('setGradHiddenState')}: ${this.constructor.name} has no hidden state API`);
  }

  /** Starts a new sequence (the next forward is step 0). */
  override forget(): this {
    // a recurrent module inside the step module (one instance shared by every step) forgets too
    for (const m of this.modules) m.forget();
    // the step modules (and gradOutput buffers) move back to the first steps, where the next sequence looks for them
    const compact = <T>(list: T[]): T[] => [...list.slice(0, this.firstRecyclable), ...list.slice(this.firstRecyclable).filter((v) => v !== undefined)];
    this.sharedClones = compact(this.sharedClones);
    this.gradOutputs = compact(this.gradOutputs);
    this.step = 0;
    this.gradStep = 0;
    this.accStep = 0;
    this.maskStart = 0;
    this.outputs.length = 0;
    this.gradInputs.length = 0;
    return this;
  }

  /**
   * rnn's setOutputStep: `output` and `gradInput` become step t's. An enclosing Recursor calls it
   * before step t's backward, so that the modules after this one in a step module see this step's
   * output, not the latest. It does not go further down.
   */
  override setOutputStep(t: number): this {
    const out = this.outputs[t];
    if (out === undefined) throw new StateError(`${this.where('setOutputStep')}: no output for step ${t} (${this.step} steps forwarded)`);
    this.output = out;
    const g = this.gradInputs[t];
    if (g !== undefined) this.gradInput = g;
    return this;
  }

  override updateOutput(input: Activity): Activity {
    if (this.stepMaskDim !== null) {
      const m = this.getStepModule(this.step), mask = this.zeroMask;
      if (m instanceof MaskZero) m.setZeroMask(mask ? mask.select(0, this.step - this.maskStart) : null);
    }
    const out = this.stepForward(this.step, input);
    this.outputs[this.step] = out;
    this.step++;
    this.gradStep = this.step;
    this.accStep = this.step;
    this.output = out;
    return out;
  }

  private nextBackwardStep(method: string, counter: number): number {
    if (counter <= 0) {
      throw new StateError(`${this.where(method)}: called more often than forward (${this.step} steps); backward must be called once per step, in reverse time order`);
    }
    const t = counter - 1;
    if (this.step - t > this.rho) {
      throw new StateError(`${this.where(method)}: step ${t} is more than rho = ${this.rho} steps back; raise rho to back-propagate further`);
    }
    return t;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const t = this.nextBackwardStep('updateGradInput', this.gradStep);
    this.gradStep = t;
    this.gradInput = this.stepGradInput(t, input, gradOutput);
    this.gradInputs[t] = this.gradInput;
    return this.gradInput;
  }

  override accGradParameters(input: Activity, _gradOutput: Activity, scale = 1): void {
    const t = this.nextBackwardStep('accGradParameters', this.accStep);
    if (t < this.gradStep) throw new StateError(`${this.where('accGradParameters')}: step ${t} has no updateGradInput yet; call updateGradInput (or backward) first`);
    this.accStep = t;
    this.stepAccGrad(t, input, scale);
  }

  /** Stores the total gradOutput of step t (a copy: callers may reuse their buffers). */
  protected keepGradOutput(t: number, g: Activity): Activity {
    this.gradOutputs[t] = copyLike(this.gradOutputs[t], g);
    return this.gradOutputs[t]!;
  }

  /** Every module used by some step: the children and the step clones. */
  protected allStepModules(): Module[] {
    return [...this.modules, ...this.stepModules()];
  }

  override training(): this {
    super.training();
    for (const m of this.stepModules()) m.training();
    return this;
  }

  override evaluate(): this {
    super.evaluate();
    for (const m of this.stepModules()) m.evaluate();
    return this;
  }

  /**
   * A 1-D reward (B) goes to every step; a 2-D reward (T, B) gives row i to step step − T + i
   * (the latest step gets the last row).
   */
  override reinforce(reward: Tensor): void {
    if (reward.dim() === 2) {
      const T = reward.size(0);
      for (let i = 0; i < T; i++) this.getStepModule(this.step - T + i).reinforce(reward.select(0, i));
      return;
    }
    const seen = new Set<Module>();
    for (const m of this.allStepModules()) {
      if (seen.has(m)) continue;
      seen.add(m);
      m.reinforce(reward);
    }
  }

  override clearState(): this {
    super.clearState();
    for (const m of this.stepModules()) m.clearState();
    this.gradOutputs = [];
    this.outputs = [];
    this.gradInputs = [];
    return this;
  }
}
