/**
 * Deep copy of a module graph (Torch's clone-by-serialisation): prototypes, arrays, maps and
 * typed arrays are copied; storage shared between tensors stays shared within the copy.
 * Objects already in `memo` are reused as they are — that is how `sharedClone` keeps parameters.
 */
import { Storage } from './Storage.js';
import { Tensor } from './Tensor.js';

export function deepCopy<T>(value: T, memo: Map<unknown, unknown> = new Map()): T {
  return copyValue(value, memo) as T;
}

function copyValue(v: unknown, memo: Map<unknown, unknown>): unknown {
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  if (v instanceof Storage) {
    const s = Storage.allocate(v.dtype, v.length);
    if (v.length > 0) new Tensor(s, 0, [v.length]).copy(new Tensor(v, 0, [v.length])); // on the device for device storage
    memo.set(v, s);
    return s;
  }
  if (v instanceof Tensor) {
    const t = new Tensor(copyValue(v.storage, memo) as Storage, v.offset, v.shape, v.strides);
    memo.set(v, t);
    return t;
  }
  if (ArrayBuffer.isView(v)) {
    const copy = (v as unknown as { slice(): unknown }).slice();
    memo.set(v, copy);
    return copy;
  }
  if (Array.isArray(v)) {
    const a: unknown[] = [];
    memo.set(v, a);
    for (const x of v) a.push(copyValue(x, memo));
    return a;
  }
  if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    memo.set(v, m);
    for (const [k, x] of v) m.set(k, copyValue(x, memo));
    return m;
  }
  const o = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
  memo.set(v, o);
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = copyValue(x, memo);
  return o;
}
