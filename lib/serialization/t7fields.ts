/**
 * The vocabulary of the Torch-class table (t7/nnClasses.ts and t7/rnnClasses.ts of the modules
 * layer, registered with the codec in t7registry.ts): an entry's shape, the typed accessors entries read Lua fields
 * with (a wrong or missing field is an ArgumentError naming it, which makes the reader fall back
 * to a plain object with a warning), and the small Torch values entries write (LongStorages, the
 * fresh state of a Lua module).
 */
import { Module } from '../Module.js';
import { Criterion } from '../Criterion.js';
import { Tensor, TYPE_NAMES } from '../Tensor.js';
import { Storage, type DType } from '../Storage.js';
import { ArgumentError } from '../errors.js';

export type Ctor<T extends object = object> = abstract new (...args: never[]) => T;

/** The Lua fields of a Torch object, converted to JS values on demand. */
export interface T7Fields {
  readonly className: string;
  /** A field (undefined when the file has none). */
  get(name: string): unknown;
  /** Every string-keyed field, converted. */
  all(): Array<[string, unknown]>;
}

export interface T7Entry<T extends object = object> {
  /** Torch's class name (written and read); `aliases` are read as this class too. */
  torch: string;
  aliases?: readonly string[];
  cls: Ctor<T>;
  /** Lua fields holding 1-based indices or dimensions. */
  oneBased?: readonly string[];
  /** Tensor fields set from the file after construction and written under the same names. */
  tensors?: readonly string[];
  /** Constructs the object with its constructor from the Lua fields (indices already 0-based). */
  read(f: T7Fields): T;
  /** Torch's own fields of this object, besides the tensors and the common ones (indices 0-based). */
  write?(m: T): Record<string, unknown>;
}

/** A type-checked entry, widened for the table. */
export function def<T extends object>(e: T7Entry<T>): T7Entry {
  return e;
}

function kind(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null || typeof v !== 'object') return `${typeof v} ${String(v)}`;
  const typename = (v as { __typename?: unknown }).__typename;
  return typeof typename === 'string' ? `an object of class ${typename}` : `a ${v.constructor?.name ?? 'table'}`;
}

function bad(name: string, what: string, v: unknown): never {
  throw new ArgumentError(`field ${name}: expected ${what}, got ${kind(v)}`);
}

export function num(f: T7Fields, name: string, fallback?: number): number {
  const v = f.get(name);
  if (typeof v === 'number') return v;
  return v === undefined && fallback !== undefined ? fallback : bad(name, 'a number', v);
}

export function optNum(f: T7Fields, name: string): number | undefined {
  const v = f.get(name);
  return v === undefined || typeof v === 'number' ? v : bad(name, 'a number or nil', v);
}

/** Lua's truthiness for optional flags: nil is the fallback. */
export function bool(f: T7Fields, name: string, fallback: boolean): boolean {
  const v = f.get(name);
  return v === undefined ? fallback : typeof v === 'boolean' ? v : bad(name, 'a boolean', v);
}

export function str(f: T7Fields, name: string, fallback: string): string {
  const v = f.get(name);
  return v === undefined ? fallback : typeof v === 'string' ? v : bad(name, 'a string', v);
}

export function tensor(f: T7Fields, name: string): Tensor {
  const v = f.get(name);
  return v instanceof Tensor ? v : bad(name, 'a tensor', v);
}

export function mod(f: T7Fields, name: string): Module {
  const v = f.get(name);
  return v instanceof Module ? v : bad(name, 'a dpnn-ts module', v);
}

export function crit(f: T7Fields, name: string): Criterion {
  const v = f.get(name);
  return v instanceof Criterion ? v : bad(name, 'a dpnn-ts criterion', v);
}

/** A Lua list (keys 1..n) of instances of `cls`. */
export function list<T>(f: T7Fields, name: string, cls: abstract new (...args: never[]) => T, what: string): T[] {
  const v = f.get(name);
  if (v === undefined) return [];
  if (!Array.isArray(v)) return bad(name, `a list of ${what}s`, v);
  return v.map((x: unknown, i) => (x instanceof cls ? x : bad(`${name}[${i + 1}]`, what, x)));
}

/** Sizes held in a LongStorage (or a list of numbers). */
export function sizes(f: T7Fields, name: string): number[] {
  const v = f.get(name);
  if (v instanceof Storage) return Array.from(v.data);
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  return typeof v === 'number' ? [v] : bad(name, 'sizes in a LongStorage', v);
}

export const longStorage = (values: readonly number[]): Storage => new Storage(Int32Array.from(values), 'long');

/** The fresh state a Lua module carries, for helper objects written as Torch objects. */
export const moduleState = (dtype: DType) => ({ output: Tensor.empty(dtype), gradInput: Tensor.empty(dtype), train: true, _type: TYPE_NAMES[dtype] });
