/**
 * Writes JS values as Torch7 objects, as File.lua's writeObject does: null/undefined → nil,
 * numbers (float64), strings (UTF-8 bytes), booleans; arrays → tables with keys 1..n, Maps →
 * tables with their keys, plain objects → tables with string keys (a plain object with a string
 * `__typename` → a Torch object of that class with the other keys as its fields); tensors,
 * storages and dpnn-ts modules and criteria → Torch objects (t7registry.ts). Every table and
 * Torch object gets a reference index when first written; a shared object (or a cycle) is written
 * once and referenced by its index after. A Torch object's field table is a fresh table with its own index.
 *
 * Tensors: nDimension, sizes, strides, 1-based storage offset, then the storage object; a tensor
 * without elements is written with nDimension 0 (as Torch's empty tensor) and a 0-dimensional one
 * as a 1-element vector (Torch7 has no scalars). Storages: size, then the raw elements (longs as
 * 8 bytes). Nil values in tables are dropped (Lua tables cannot hold nil).
 * Ref: torch7 File.lua, generic/Tensor.c, generic/Storage.c.
 */
import { Storage, type DType } from '../Storage.js';
import { Tensor, TYPE_NAMES } from '../Tensor.js';
import { SerializationError } from '../errors.js';
import { TAG, type ElementKind } from './t7format.js';
import type { T7Writer } from './t7output.js';
import { toT7 } from './t7registry.js';

const STORAGE: Readonly<Record<DType, [name: string, kind: ElementKind]>> = {
  float32: ['torch.FloatStorage', 'f32'], float64: ['torch.DoubleStorage', 'f64'], long: ['torch.LongStorage', 'i64'],
  int32: ['torch.IntStorage', 'i32'], uint8: ['torch.ByteStorage', 'u8'],
};

type Entries = Array<[key: unknown, value: unknown]>;

export class T7Encoder {
  private readonly refs = new Map<object, number>();
  private next = 0;
  private readonly path: string[] = ['value'];

  constructor(private readonly w: T7Writer, private readonly warn: (message: string) => void) {}

  value(v: unknown): void {
    const w = this.w;
    if (v === null || v === undefined) return w.int(TAG.nil);
    switch (typeof v) {
      case 'number': w.int(TAG.number); w.double(v); return;
      case 'boolean': w.int(TAG.boolean); w.int(v ? 1 : 0); return;
      case 'string': w.int(TAG.string); this.string(v); return;
      case 'object': return this.object(v);
      default: this.unwritable(typeof v);
    }
  }

  private unwritable(what: string): never {
    throw new SerializationError(`torch.save: cannot write ${what} at ${this.path.join('')}: Torch files hold nil, numbers, strings, booleans, tables, tensors, storages and modules`);
  }

  private string(s: string): void {
    const b = new TextEncoder().encode(s);
    this.w.int(b.length);
    this.w.bytes(b);
  }

  /** Writes the tag and the reference index; true when the object was written before. */
  private ref(tag: number, obj: object): boolean {
    this.w.int(tag);
    const seen = this.refs.get(obj);
    if (seen !== undefined) {
      this.w.int(seen);
      return true;
    }
    this.refs.set(obj, ++this.next);
    this.w.int(this.next);
    return false;
  }

  private torchHeader(className: string): void {
    this.string('V 1');
    this.string(className);
  }

  private object(v: object): void {
    if (v instanceof Tensor) {
      if (!this.ref(TAG.torch, v)) this.tensor(v);
      return;
    }
    if (v instanceof Storage) {
      if (!this.ref(TAG.torch, v)) this.storage(v);
      return;
    }
    if (Array.isArray(v)) {
      if (!this.ref(TAG.table, v)) this.entries(v.map((x: unknown, i) => [i + 1, x]));
      return;
    }
    if (v instanceof Map) {
      if (!this.ref(TAG.table, v)) this.entries([...(v as Map<unknown, unknown>).entries()]);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto === Object.prototype || proto === null) {
      const rec = v as Record<string, unknown>, typename = rec.__typename;
      if (typeof typename !== 'string') {
        if (!this.ref(TAG.table, v)) this.entries(Object.entries(rec));
      } else if (!this.ref(TAG.torch, v)) {
        this.torchHeader(typename);
        this.freshTable(Object.entries(rec).filter(([k]) => k !== '__typename'));
      }
      return;
    }
    const t = toT7(v, this.warn);
    if (!t) this.unwritable(`an object of class ${v.constructor?.name ?? 'unknown'}`);
    if (this.ref(TAG.torch, v)) return;
    this.torchHeader(t.className);
    this.freshTable(t.fields);
  }

  private freshTable(entries: Entries): void {
    this.w.int(TAG.table);
    this.w.int(++this.next);
    this.entries(entries);
  }

  private entries(all: Entries): void {
    const kept = all.filter(([, x]) => x !== null && x !== undefined);
    this.w.int(kept.length);
    for (const [k, x] of kept) {
      if (k === null || k === undefined || (typeof k === 'number' && Number.isNaN(k))) this.unwritable(`a table key ${String(k)}`);
      this.value(k);
      this.path.push(typeof k === 'number' ? `[${k}]` : typeof k === 'string' ? `.${k}` : '[?]');
      this.value(x);
      this.path.pop();
    }
  }

  private tensor(t: Tensor): void {
    const w = this.w;
    this.torchHeader(TYPE_NAMES[t.dtype]);
    if (t.numel() === 0) {
      w.int(0);
      w.long(1);
      this.value(t.storage.length > 0 ? t.storage : null);
      return;
    }
    const scalar = t.shape.length === 0;
    w.int(scalar ? 1 : t.shape.length);
    w.longs(scalar ? [1] : t.shape);
    w.longs(scalar ? [1] : t.strides);
    w.long(t.offset + 1);
    this.value(t.storage);
  }

  private storage(s: Storage): void {
    const [name, kind] = STORAGE[s.dtype];
    this.torchHeader(name);
    this.w.long(s.length);
    this.w.elements(kind, s.data, s.length);
  }
}
