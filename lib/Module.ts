/**
 * nn.Module: Torch's contract. `forward` = `updateOutput`; `backward` = `updateGradInput` then
 * `accGradParameters` (which accumulates `scale`·∂L/∂θ and never zeroes). `output` and `gradInput`
 * are allocated once and resized in place. Ref: torch/nn Module.lua, dpnn Module.lua.
 */
import { Tensor } from './Tensor.js';
import { type Activity, checkActivity } from './Activity.js';
import { ModuleRnn } from './ModuleRnn.js';
import { backend } from './kernels/backend.js';
import { deepCopy } from './clone.js';
import type { DType } from './Storage.js';
import { checkGradOutput, checkTensor, emptied, retypeTree } from './moduleWalk.js';
import { dtypeOf } from './torch/convert.js';
import * as tools from './paramTools.js';

export type ModuleClass = abstract new (...args: never[]) => Module;

export type { RememberMode } from './ModuleRnn.js';

export abstract class Module<In extends Activity = Activity, Out extends Activity = Activity> extends ModuleRnn {
  output!: Out;
  gradInput!: In;
  /** Torch's `train` flag: true after `training()`, false after `evaluate()`. */
  train = true;

  abstract updateOutput(input: In): Out;
  abstract updateGradInput(input: In, gradOutput: Out): In;

  /** Adds scale·∂L/∂θ to the gradient parameters. No parameters: nothing to do. */
  accGradParameters(_input: In, _gradOutput: Out, _scale = 1): void {}

  forward(input: In): Out {
    checkActivity(this.where('forward'), 'input', input);
    return this.updateOutput(input);
  }

  backward(input: In, gradOutput: Out, scale = 1): In {
    checkActivity(this.where('backward'), 'input', input);
    checkActivity(this.where('backward'), 'gradOutput', gradOutput);
    this.updateGradInput(input, gradOutput);
    this.accGradParameters(input, gradOutput, scale);
    return this.gradInput;
  }

  /** The module's children (containers); leaves have none. */
  override children(): readonly Module[] {
    return [];
  }

  /** `[params, gradParams]`, in matching order (weight then bias for a leaf; children in order for containers). */
  parameters(): [Tensor[], Tensor[]] {
    const params: Tensor[] = [], grads: Tensor[] = [];
    const self = this as unknown as Record<string, unknown>;
    for (const [p, g] of [['weight', 'gradWeight'], ['bias', 'gradBias']] as const) {
      const pt = self[p], gt = self[g];
      if (pt instanceof Tensor && gt instanceof Tensor) {
        params.push(pt);
        grads.push(gt);
      }
    }
    for (const child of this.children()) {
      const [p, g] = child.parameters();
      params.push(...p);
      grads.push(...g);
    }
    return [params, grads];
  }

  /**
   * Torch's getParameters: every parameter (and every gradient) moved into one contiguous storage,
   * returned as two flat 1-D tensors whose elements are the parameters' — the vector `optim.sgd`
   * and friends work on. Shared parameters stay shared and appear once. Each call flattens anew
   * (as Torch, call it once: earlier flat tensors no longer alias the parameters after another call).
   */
  getParameters(): [flatParameters: Tensor, flatGradParameters: Tensor] {
    const [params, grads] = this.parameters();
    return [tools.flatten(`${this.constructor.name}.getParameters`, params), tools.flatten(`${this.constructor.name}.getParameters`, grads)];
  }

  /**
   * Torch's accUpdateGradParameters: θ ← θ − lr·∂L/∂θ straight into the parameters, without touching
   * the gradient tensors (after updateGradInput, as backward leaves the module): this pass's
   * gradient is accumulated into zeroed gradient tensors, stepped on, and the old gradients restored.
   */
  accUpdateGradParameters(input: In, gradOutput: Out, lr: number): void {
    tools.accUpdateWithGradients(this, lr, () => this.accGradParameters(input, gradOutput, 1));
  }

  /**
   * Torch's share: this module's fields `names` (e.g. 'weight', 'bias', 'gradWeight', 'gradBias')
   * become views of `other`'s, in this module and, pairwise, in its children. Returns this.
   */
  share(other: Module, ...names: string[]): this {
    tools.shareFields(this, other, names, this.where('share'));
    return this;
  }

  zeroGradParameters(): void {
    for (const g of this.parameters()[1]) backend().fill(g, 0);
  }

  /** θ ← θ − lr·∂L/∂θ for every parameter. */
  updateParameters(learningRate: number): void {
    const [params, grads] = this.parameters();
    for (let i = 0; i < params.length; i++) backend().axpby(params[i]!, 1, params[i]!, -learningRate, grads[i]!);
  }

  /**
   * dpnn momentum on the gradients: mom = momFactor·mom + (1 − momDamp)·grad (first call: mom = grad),
   * then grad := mom (or grad + momFactor·mom with Nesterov). With the defaults an EMA of gradients.
   */
  updateGradParameters(momFactor: number, momDamp = momFactor, nesterov = false): void {
    tools.updateGradParameters(this.parameters()[1], momFactor, momDamp, nesterov);
  }

  /** dpnn: rows of every 2+-D parameter renormalised to L2 ≤ maxOutNorm (columns to maxInNorm). */
  maxParamNorm(maxOutNorm?: number, maxInNorm?: number): void {
    tools.maxParamNorm(this.parameters()[0], maxOutNorm, maxInNorm);
  }

  /**
   * dpnn: when the joint L2 norm n of all gradients exceeds cutoffNorm, scales them by cutoffNorm/n
   * (moduleLocal: per leaf module). Returns n (before clipping).
   */
  gradParamClip(cutoffNorm: number, moduleLocal = false): number {
    if (!moduleLocal) return tools.gradParamClip(this.parameters()[1], cutoffNorm);
    let total = 0;
    this.apply((m) => {
      if (m.children().length === 0) total += tools.gradParamClip(m.parameters()[1], cutoffNorm) ** 2;
    });
    return Math.sqrt(total);
  }

  training(): this {
    this.train = true;
    for (const c of this.children()) c.training();
    return this;
  }

  evaluate(): this {
    this.train = false;
    for (const c of this.children()) c.evaluate();
    return this;
  }

  /** Re-initialises parameters (module specific); containers reset their children. */
  reset(stdv?: number): this {
    for (const c of this.children()) c.reset(stdv);
    return this;
  }

  /** dpnn: hands the reward to every Reinforce module below; containers recurse. */
  reinforce(reward: Tensor): void {
    for (const c of this.children()) c.reinforce(reward);
  }

  /**
   * Converts parameters, gradients and floating-point buffers to `dtype` ('float64', or Torch's
   * 'torch.DoubleTensor') in place; integer buffers (indices, masks) keep their type, and shared
   * tensors stay shared.
   */
  type(dtype: DType | string): this {
    const d = dtype.startsWith('torch.') ? dtypeOf('Module.type', dtype) : (dtype as DType);
    retyping.add(this);
    // a descendant module with its own type() (DontCast, Copy, gModule, …) is converted by calling it
    const own = (x: object): boolean => {
      if (!(x instanceof Module) || x === this || x.type === Module.prototype.type) return false;
      if (!retyping.has(x)) x.type(d);
      return true;
    };
    try {
      retypeTree(this, d, own);
    } finally {
      retyping.delete(this);
    }
    return this;
  }

  float(): this { return this.type('float32'); }
  double(): this { return this.type('float64'); }

  /** A deep copy with its own parameters and buffers. */
  clone(): this {
    return deepCopy(this);
  }

  /**
   * A copy whose parameter (and gradient) tensors are the very same objects as this module's;
   * outputs and buffers are its own (dpnn sharedClone). With `stepClone`, descendants marked
   * `dpnn_stepclone` (the recurrent modules) are not copied: the copy uses the same instance, as
   * dpnn does when a recurrent module's step module holds another recurrent module.
   */
  sharedClone(shareParams = true, shareGradParams = true, stepClone = false): this {
    const memo = new Map<unknown, unknown>();
    if (stepClone) this.apply((m) => { if (m !== this && (m as { dpnn_stepclone?: boolean }).dpnn_stepclone === true) memo.set(m, m); });
    const [params, grads] = this.parameters();
    if (shareParams) for (const p of params) memo.set(p, p);
    if (shareGradParams) for (const g of grads) memo.set(g, g);
    return deepCopy(this, memo);
  }

  /** Frees output, gradInput and buffers (they are re-allocated by the next call); a table keeps its layout, with empty tensors. */
  clearState(): this {
    const self = this as unknown as Record<string, unknown>;
    for (const key of ['output', 'gradInput']) {
      const v = self[key];
      self[key] = emptied(v);
    }
    for (const c of this.children()) c.clearState();
    return this;
  }

  /** Torch's replace: the module that `fn` returns for this one (containers first replace their children); e.g. `m.replace((x) => x instanceof nn.Dropout ? new nn.Identity() : x)`. */
  replace(fn: (m: Module) => Module): Module {
    return fn(this);
  }

  /** Calls fn on this module and every descendant, pre-order. */
  apply(fn: (m: Module) => void): void {
    fn(this);
    for (const c of this.children()) c.apply(fn);
  }

  listModules(): Module[] {
    const out: Module[] = [];
    this.apply((m) => out.push(m));
    return out;
  }

  /** Descendants (self included) of a class, or whose class is named `typename`. */
  findModules<T extends Module>(type: string | (abstract new (...args: never[]) => T)): T[] {
    return this.listModules().filter((m): m is T =>
      typeof type === 'string' ? m.constructor.name === type : m instanceof type);
  }

  override toString(): string {
    return this.constructor.name;
  }

  // --- helpers for subclasses: checks with messages that name Class.method (lib/moduleWalk.ts) ---
  protected override where(method: string): string {
    return `${this.constructor.name}.${method}`;
  }

  protected checkTensor(method: string, input: Activity, dims: readonly number[], what = 'input'): Tensor {
    return checkTensor(this.where(method), input, dims, what);
  }

  protected checkGradOutput(method: string, gradOutput: Activity, output: Tensor): Tensor {
    return checkGradOutput(this.where(method), gradOutput, output);
  }
}

/** The modules whose Module.type walk is under way (so that a cycle back to one of them stops). */
const retyping = new Set<Module>();
