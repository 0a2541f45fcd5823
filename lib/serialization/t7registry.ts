/**
 * The registry of Torch classes the `.t7` codec maps to dpnn-ts modules and criteria. lib/ knows
 * no module class: the tables live in the modules layer (t7/nnClasses.ts, t7/rnnClasses.ts there)
 * and register their entries here (`registerNnClasses()`, called from the package's index.ts),
 * so the arrows keep pointing down (modules → lib).
 *
 * Lookups: by Torch name (and alias) for reading, by dpnn-ts constructor for writing, and the
 * dpnn-ts classes read back by their own names when written without an entry (LSTMStep, …).
 * Registering again is harmless: a later entry for the same Torch name, alias, constructor or
 * class name replaces the earlier one.
 *
 * Reading an entry (readEntry): build → set the listed tensors → zero gradients missing from the
 * file → `train` from the Lua field → retype the module's fresh buffers to its parameters' dtype.
 * Writing (toT7): the common fields Lua modules carry (`output`, `gradInput`, `train`, `_type`;
 * criteria `output`, `gradInput`), the tensors, then the entry's own fields. A Module or
 * Criterion class without an entry is written under its own class name with its own enumerable
 * fields, and read back by that name (see T7ReadOptions.classes).
 */
import { Module } from '../Module.js';
import { Criterion } from '../Criterion.js';
import { Tensor, TYPE_NAMES } from '../Tensor.js';
import { Storage, getDefaultDtype, isFloatDtype, type DType } from '../Storage.js';
import { ArgumentError } from '../errors.js';
import type { Ctor, T7Entry, T7Fields } from './t7fields.js';

export type { Ctor, T7Entry, T7Fields } from './t7fields.js';

const byTorchName = new Map<string, T7Entry>();
const byClass = new Map<unknown, T7Entry>();
const byClassName = new Map<string, Ctor>();

/**
 * Adds table entries (read by their Torch names and aliases, written for their constructors) and
 * `classes` without an entry, read back by their own names (`cls.name`) when written under them.
 * Every entry's class is read back by its own name too.
 */
export function registerT7Classes(entries: readonly T7Entry[], classes: readonly Ctor[] = []): void {
  for (const c of classes) byClassName.set(c.name, c);
  for (const e of entries) {
    for (const n of [e.torch, ...(e.aliases ?? [])]) byTorchName.set(n, e);
    byClass.set(e.cls, e);
    byClassName.set(e.cls.name, e.cls);
  }
}

/** The entry reading Torch class `name` (or an alias of it); undefined when none is registered. */
export function t7EntryByTorchName(name: string): T7Entry | undefined {
  return byTorchName.get(name);
}

/** The entry writing objects made by `cls`; undefined when none is registered. */
export function t7EntryByClass(cls: unknown): T7Entry | undefined {
  return byClass.get(cls);
}

/** The registered dpnn-ts classes by their own names (a fresh copy). */
export function t7ClassesByName(): Map<string, Ctor> {
  return new Map(byClassName);
}

const toLua = (i: unknown) => (typeof i === 'number' && i >= 0 ? i + 1 : i);
const fromLua = (i: unknown) => (typeof i === 'number' && i > 0 ? i - 1 : i);

/** The Torch type name of a module's tensors: its parameters', else its output's, else the default. */
function typeName(m: Module): string {
  const p = m.parameters()[0][0];
  const dtype: DType = p?.dtype ?? (m.output instanceof Tensor ? m.output.dtype : getDefaultDtype());
  return TYPE_NAMES[dtype];
}

/** Builds the dpnn-ts object of `entry` from the Lua fields. */
export function readEntry(entry: T7Entry, fields: T7Fields): object {
  const oneBased = new Set(entry.oneBased ?? []);
  const f: T7Fields = { className: fields.className, get: (n) => (oneBased.has(n) ? fromLua(fields.get(n)) : fields.get(n)), all: () => fields.all() };
  const obj = entry.read(f);
  const rec = obj as Record<string, unknown>;
  for (const name of entry.tensors ?? []) {
    const t = f.get(name), cur = rec[name];
    if (!(t instanceof Tensor)) continue;
    if ((name === 'weight' || name === 'bias') && cur instanceof Tensor && !cur.sameShape(t)) {
      throw new ArgumentError(`field ${name}: expected a tensor of size [${cur.shape.join(', ')}], got [${t.shape.join(', ')}]`);
    }
    rec[name] = t;
  }
  for (const [p, g] of [['weight', 'gradWeight'], ['bias', 'gradBias']] as const) {
    const pt = rec[p], gt = rec[g];
    if (pt instanceof Tensor && !(gt instanceof Tensor && gt.sameShape(pt) && gt.dtype === pt.dtype)) rec[g] = Tensor.zeros(pt.shape, pt.dtype);
  }
  if (obj instanceof Module) {
    const train = f.get('train');
    if (typeof train === 'boolean') obj.train = train;
    const p = obj.parameters()[0][0];
    if (p && isFloatDtype(p.dtype) && obj.output instanceof Tensor && obj.output.dtype !== p.dtype) obj.type(p.dtype);
  }
  return obj;
}

export interface T7Object { className: string; fields: Array<[string, unknown]> }

function writable(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
  const proto: unknown = Object.getPrototypeOf(v);
  return v instanceof Tensor || v instanceof Storage || v instanceof Module || v instanceof Criterion || Array.isArray(v) || v instanceof Map || proto === Object.prototype || proto === null;
}

/** Torch's class name and fields for a dpnn-ts module or criterion; null for other objects. */
export function toT7(obj: object, warn: (message: string) => void): T7Object | null {
  const entry = byClass.get(obj.constructor);
  const common: Record<string, unknown> = obj instanceof Module ? { output: obj.output, gradInput: obj.gradInput, train: obj.train, _type: typeName(obj) }
    : obj instanceof Criterion ? { output: obj.output, gradInput: obj.gradInput } : {};
  if (entry) {
    const rec = obj as Record<string, unknown>;
    const fields: Record<string, unknown> = { ...common };
    for (const name of entry.tensors ?? []) fields[name] = rec[name];
    Object.assign(fields, entry.write?.(obj));
    for (const name of entry.oneBased ?? []) fields[name] = toLua(fields[name]);
    return { className: entry.torch, fields: Object.entries(fields) };
  }
  if (!(obj instanceof Module || obj instanceof Criterion)) return null;
  const name = obj.constructor.name;
  const fields = Object.entries(obj).filter(([k, v]) => {
    if (v === undefined || v === null || writable(v)) return true;
    warn(`torch.save: field ${k} of ${name} (${Object.prototype.toString.call(v).slice(8, -1)}) cannot be written: skipped`);
    return false;
  });
  return { className: name, fields };
}
