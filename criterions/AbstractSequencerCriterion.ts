/**
 * rnn nn.AbstractSequencerCriterion(criterion, sizeAverage = false): the base of SequencerCriterion
 * and RepeaterCriterion. It keeps one clone of `criterion` per time step (`clones[0]` is the
 * criterion itself; getStepCriterion(step) makes the others on demand, 0-based), divides the summed
 * loss and the gradients by the number of steps when sizeAverage, and hands a (seqlen × B) zero
 * mask to its steps with setZeroMask (row `step` to step `step`; false switches masking off).
 * Abstract: subclasses say which target each step gets. Input: a table of steps or a seqlen × …
 * tensor; gradInput has the input's form. Ref: torch/rnn AbstractSequencerCriterion.lua.
 */
import { Criterion, type Target } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike, describe } from '../lib/Activity.js';
import { deepCopy } from '../lib/clone.js';
import type { DType } from '../lib/Storage.js';
import { ArgumentError, ShapeError, childError, shapeStr } from '../lib/errors.js';
import { ModuleCriterion } from './ModuleCriterion.js';

/** A criterion that takes a zero mask (MaskZeroCriterion, or a decorator of steps). */
interface ZeroMaskable { setZeroMask(zeroMask: Tensor | false): void }
const maskable = (c: Criterion): c is Criterion & ZeroMaskable => typeof (c as Partial<ZeroMaskable>).setZeroMask === 'function';

function scale(a: Activity, w: number): void {
  if (a instanceof Tensor) a.mul(w);
  else for (const x of a) scale(x, w);
}

export abstract class AbstractSequencerCriterion extends Criterion<Activity, Target> {
  override gradInput: Activity = [];
  readonly clones: Criterion[];

  constructor(criterion: Criterion, public sizeAverage = false) {
    super();
    if (criterion instanceof ModuleCriterion) {
      throw new ArgumentError(`${new.target.name}: cannot decorate a ModuleCriterion; let the ModuleCriterion decorate the ${new.target.name} instead (its modules can be wrapped in a Sequencer)`);
    }
    this.clones = [criterion];
  }

  /** The decorated criterion (the clone of step 0). */
  get criterion(): Criterion {
    return this.clones[0]!;
  }

  /** The step's criterion (0-based), cloned from the first one when new. */
  getStepCriterion(step: number): Criterion {
    let c = this.clones[step];
    if (!c) {
      c = deepCopy(this.clones[0]!);
      this.clones[step] = c;
    }
    return c;
  }

  /** The target of step i (0-based). */
  protected abstract stepTarget(method: string, target: Target, i: number, seqlen: number): Target;

  /** The number of steps of the input. */
  protected seqlen(method: string, input: Activity): number {
    if (input instanceof Tensor) {
      if (input.dim() < 1) throw new ShapeError(`${this.where(method)}: expected a seqlen × … input, got ${shapeStr(input.shape)}`);
      return input.size(0);
    }
    return input.length;
  }

  private step(input: Activity, i: number): Activity {
    return input instanceof Tensor ? input.select(0, i) : input[i]!;
  }

  override updateOutput(input: Activity, target: Target): number {
    const n = this.seqlen('updateOutput', input);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const t = this.stepTarget('updateOutput', target, i, n), c = this.getStepCriterion(i);
      try {
        loss += c.forward(this.step(input, i), t);
      } catch (e) {
        throw childError(this.constructor.name, i, c.constructor.name, e);
      }
    }
    this.output = this.sizeAverage && n > 0 ? loss / n : loss;
    return this.output;
  }

  override updateGradInput(input: Activity, target: Target): Activity {
    const n = this.seqlen('updateGradInput', input);
    const steps: Activity[] = [];
    for (let i = 0; i < n; i++) {
      const t = this.stepTarget('updateGradInput', target, i, n), c = this.getStepCriterion(i);
      try {
        steps.push(c.backward(this.step(input, i), t));
      } catch (e) {
        throw childError(this.constructor.name, i, c.constructor.name, e);
      }
    }
    const w = this.sizeAverage ? 1 / n : 1;
    if (input instanceof Tensor) {
      const g = this.gradInput instanceof Tensor ? this.gradInput : Tensor.empty(input.dtype);
      g.resizeAs(input);
      steps.forEach((s, i) => {
        if (!(s instanceof Tensor)) throw new ArgumentError(`${this.where('updateGradInput')}: step ${i} returned a table ${describe(s)} for a tensor input`);
        g.select(0, i).copy(s);
      });
      if (w !== 1) g.mul(w);
      this.gradInput = g;
    } else {
      const table: Activity[] = Array.isArray(this.gradInput) ? (this.gradInput as Activity[]) : [];
      table.length = n;
      steps.forEach((s, i) => {
        table[i] = copyLike(table[i], s);
        if (w !== 1) scale(table[i]!, w);
      });
      this.gradInput = table;
    }
    return this.gradInput;
  }

  /** zeroMask: seqlen × B (× …), row `step` going to step `step`; false: no masking. */
  setZeroMask(zeroMask: Tensor | false): this {
    if (zeroMask === false) {
      for (const c of this.clones) if (maskable(c)) c.setZeroMask(false);
      return this;
    }
    if (zeroMask.dim() < 2) throw new ShapeError(`${this.where('setZeroMask')}: expected a zeroMask of seqlen × batchsize, got ${shapeStr(zeroMask.shape)}`);
    for (let s = 0; s < zeroMask.size(0); s++) {
      const c = this.getStepCriterion(s);
      if (!maskable(c)) throw new ArgumentError(`${this.where('setZeroMask')}: the step criterion ${c.constructor.name} takes no zero mask (decorate it with MaskZeroCriterion)`);
      c.setZeroMask(zeroMask.select(0, s));
    }
    return this;
  }

  override type(dtype: DType): this {
    for (const c of this.clones) c.type(dtype);
    return this;
  }

  override toString(): string {
    return `${this.constructor.name}(${this.criterion})`;
  }
}
