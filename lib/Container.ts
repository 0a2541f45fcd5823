/**
 * nn.Container: a module made of an ordered list of children. `add` appends and returns this.
 * A child's error is re-raised with its position: `In module 2 (Linear) of Sequential: …`.
 * Ref: torch/nn Container.lua.
 */
import { Module } from './Module.js';
import type { Activity } from './Activity.js';
import { ArgumentError, childError } from './errors.js';

export abstract class Container<In extends Activity = Activity, Out extends Activity = Activity> extends Module<In, Out> {
  modules: Module[] = [];

  add(module: Module): this {
    if (!(module instanceof Module)) {
      throw new ArgumentError(`${this.where('add')}: expected a Module, got ${typeof module}`);
    }
    this.modules.push(module);
    return this;
  }

  /** Torch's insert: puts `module` before position `index` (0-based; default: at the end) and returns this. */
  insert(module: Module, index = this.modules.length): this {
    if (!(module instanceof Module)) throw new ArgumentError(`${this.where('insert')}: expected a Module, got ${typeof module}`);
    const i = index < 0 ? this.modules.length + 1 + index : index;
    if (!Number.isInteger(i) || i < 0 || i > this.modules.length) throw new ArgumentError(`${this.where('insert')}: index ${index} out of range for ${this.modules.length} modules (0..${this.modules.length})`);
    this.modules.splice(i, 0, module);
    return this;
  }

  /** Torch's remove: takes out the module at `index` (0-based; default: the last) and returns it. */
  remove(index = this.modules.length - 1): Module {
    const i = index < 0 ? this.modules.length + index : index;
    const m = this.modules[i];
    if (!m) throw new ArgumentError(`${this.where('remove')}: index ${index} out of range for ${this.modules.length} modules`);
    this.modules.splice(i, 1);
    return m;
  }

  /** Torch's replace: every child (depth first) becomes `fn(child)`, then this module becomes `fn(this)`; returns that. */
  override replace(fn: (m: Module) => Module): Module {
    this.modules = this.modules.map((m) => {
      const r = m.replace(fn);
      if (!(r instanceof Module)) throw new ArgumentError(`${this.where('replace')}: expected the callback to return a Module, got ${typeof r}`);
      return r;
    });
    return fn(this);
  }

  get(index: number): Module {
    const m = this.modules[index < 0 ? this.modules.length + index : index];
    if (!m) throw new ArgumentError(`${this.where('get')}: index ${index} out of range for ${this.modules.length} modules`);
    return m;
  }

  size(): number {
    return this.modules.length;
  }

  override children(): readonly Module[] {
    return this.modules;
  }

  /** The error to throw when child `i` failed. */
  protected childFailed(i: number, err: unknown): Error {
    return childError(this.constructor.name, i, this.modules[i]?.constructor.name ?? '?', err);
  }

  protected childrenString(header: string): string {
    const lines = this.modules.map((m, i) => `  (${i}): ${m.toString().replace(/\n/g, '\n  ')}`);
    return `${this.constructor.name} {\n  ${header}\n${lines.join('\n')}\n}`;
  }
}
