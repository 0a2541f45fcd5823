/**
 * Activities are what flows between modules: a tensor, or a table (an array, nested at will)
 * of activities, as Lua tables were in Torch: `[image, location]`.
 */
import { Tensor } from './Tensor.js';
import { shapeStr } from './errors.js';

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

/** `[4, 12]` for a tensor, `{[4, 12], [4, 2]}` for a table. */
export function describe(a: Activity | undefined | null | number): string {
  if (a === undefined || a === null) return String(a);
  if (typeof a === 'number') return `number ${a}`;
  if (a instanceof Tensor) return shapeStr(a.shape);
  return `{${a.map((x) => describe(x)).join(', ')}}`;
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
