/**
 * Activities are what flows between modules: a tensor, or a table (an array, nested at will)
 * of activities, as Lua tables were in Torch: `[image, location]`.
 */
import { Tensor } from './Tensor.js';
import { ArgumentError, shapeStr } from './errors.js';

export type Activity = Tensor | readonly Activity[];
/** A table being built in place by its owner. */
export type Table = Activity[];

export function isTable(a: Activity): a is readonly Activity[] {
  return Array.isArray(a);
}

/** Every tensor of an activity, depth-first, left to right. */
export function leaves(a: Activity, out: Tensor[] = []): Tensor[] {
  if (a instanceof Tensor) out.push(a);
  else for (const x of a) leaves(x, out);
  return out;
}

/** `[4, 12]` for a tensor, `{[4, 12], [4, 2]}` for a table; every other value by its kind. */
export function describe(a: Activity | undefined | null | number): string {
  if (a === undefined || a === null) return String(a);
  if (typeof a === 'number') return `number ${a}`;
  if (a instanceof Tensor) return shapeStr(a.shape);
  if (!Array.isArray(a)) return valueKind(a);
  return `{${a.map((x) => describe(x)).join(', ')}}`;
}

/** What a value that is not an activity is: `a plain array of 3 numbers`, `string 'x'`, `an object of class Foo`. */
export function valueKind(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (v instanceof Tensor) return `a tensor ${shapeStr(v.shape)}`;
  if (typeof v === 'string') return `string '${v.length > 20 ? `${v.slice(0, 20)}…` : v}'`;
  if (typeof v === 'function') return `a function ${v.name || '(anonymous)'}`;
  if (typeof v !== 'object') return `${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return v.length > 0 && v.every((x) => typeof x === 'number') ? `a plain array of ${v.length} numbers` : `an array {${v.map(valueKind).join(', ')}}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? `a plain object {${Object.keys(v).join(', ')}}` : `an object of class ${v.constructor.name}`;
}

function isActivity(v: unknown, leafOk: (x: unknown) => boolean): boolean {
  return v instanceof Tensor || leafOk(v) || (Array.isArray(v) && v.every((x) => isActivity(x, leafOk)));
}

const hint = (v: unknown): string =>
  Array.isArray(v) || ArrayBuffer.isView(v) ? ' (make a tensor: nn.Tensor.from(values, shape), or nested rows nn.Tensor.from([[1, 2], [3, 4]]))' : '';

/** An ArgumentError unless `v` is a tensor or a table of them: what a module's forward and backward take. */
export function checkActivity(where: string, what: string, v: unknown): void {
  if (v instanceof Tensor || isActivity(v, () => false)) return;
  throw new ArgumentError(`${where}: expected ${what} to be a Tensor or a table (array) of Tensors, got ${valueKind(v)}${hint(v)}`);
}

/** An ArgumentError unless `v` is a criterion target: a tensor, a number, or a table of them. */
export function checkTarget(where: string, v: unknown): void {
  if (v instanceof Tensor || typeof v === 'number' || isActivity(v, (x) => typeof x === 'number')) return;
  throw new ArgumentError(`${where}: expected target to be a Tensor, a number or a table of them, got ${valueKind(v)}${hint(v)}`);
}

/** Narrows an activity to a tensor (the common case of a module's output). */
export function asTensor(a: Activity, where = 'asTensor'): Tensor {
  if (!(a instanceof Tensor)) throw new TypeError(`${where}: expected a tensor, got a table ${describe(a)}`);
  return a;
}

/**
 * Makes `dst` (reused when its structure fits) a zero-filled activity shaped like `src`:
 * the gradInput of table modules.
 */
export function zeroLike(dst: Activity | undefined, src: Activity): Activity {
  if (src instanceof Tensor) {
    const t = dst instanceof Tensor ? dst : Tensor.empty(src.dtype);
    return t.resizeAs(src).zero();
  }
  const table: Activity[] = dst && !(dst instanceof Tensor) ? (dst as Activity[]) : [];
  table.length = src.length;
  for (let i = 0; i < src.length; i++) table[i] = zeroLike(table[i], src[i]!);
  return table;
}

/** Makes `dst` a copy of `src` (structure and values), reusing dst's tensors where it can. */
export function copyLike(dst: Activity | undefined, src: Activity): Activity {
  if (src instanceof Tensor) {
    const t = dst instanceof Tensor ? dst : Tensor.empty(src.dtype);
    return t.resizeAs(src).copy(src);
  }
  const table: Activity[] = dst && !(dst instanceof Tensor) ? (dst as Activity[]) : [];
  table.length = src.length;
  for (let i = 0; i < src.length; i++) table[i] = copyLike(table[i], src[i]!);
  return table;
}

/** Deep copy into fresh tensors (float64 or float32 as asked). */
export function cloneActivity(a: Activity, dtype?: Tensor['dtype']): Activity {
  if (a instanceof Tensor) return dtype ? Tensor.from(a.toArray(), a.shape, dtype) : a.clone();
  return a.map((x) => cloneActivity(x, dtype));
}
