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
