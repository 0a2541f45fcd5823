/**
 * Torch7's `.t7` serialization (`torch.save` / `torch.load`), binary (the default) and ascii.
 *
 * Format (File.lua): each object is an int32 type tag — 0 nil, 1 number (float64), 2 string
 * (int32 length + bytes), 3 table, 4 Torch object, 5 boolean (int32), 6/7/8 Lua functions.
 * Tables, Torch objects and functions 7/8 carry an int32 reference index: the first occurrence
 * holds the payload, later ones only the index, so shared and cyclic references come back as the
 * same object. A table is its entry count then key/value objects; a Torch object is a version
 * string `V 1`, its class name, then its payload: for tensors and storages their data (see
 * t7read.ts), for other classes the table of its fields. Binary files use 8-byte longs,
 * little-endian; ascii files print the same values (see t7format.ts).
 *
 * What values load as:
 * - nil → `null`; numbers, booleans; strings as UTF-8 when valid, else latin1.
 * - tables: keys exactly 1..n (the empty table too) → an array; string keys only → a plain
 *   object; any other keys (0, booleans, tables, …) → a Map.
 * - tensors and storages of every Torch type (Cuda* as their CPU type: CudaTensor = float32) →
 *   Tensor / Storage sharing one Storage per file storage; LongStorage → 'long' (Int32Array: a
 *   value beyond ±2^31 is a SerializationError naming its byte), Short/Char → 'int32',
 *   Half → 'float32', Byte → 'uint8'; an empty tensor (nDimension 0) → `Tensor.empty(dtype)`.
 * - Torch objects: a class registered with the codec (t7registry.ts; the nn / dpnn / rnn table
 *   t7/nnClasses.ts of the modules layer, registered by the package's index.ts) → the dpnn-ts
 *   module or criterion built with its constructor; a class named in `options.classes` (or a
 *   registered dpnn-ts class written without an entry, e.g. LSTMStep) → an object of that class
 *   with the fields; any other class → a plain object `{ __typename: 'nngraph.Node', ...fields }`,
 *   with one warning per class name (writing such an object gives back a Torch object of that
 *   class). Classes that write their own
 *   payload (tds.Hash, tds.Vec, torch.Generator) are refused with a SerializationError.
 * - functions: skipped with a warning and returned as null (their bytecode and upvalues are
 *   parsed, so the rest of the file reads on).
 *
 * Bad input (truncated, foreign) gives one SerializationError naming the byte offset and what was
 * expected. Loading never draws from the random generator (modules' constructors that initialise
 * weights run with the generator's state restored afterwards). Ref: torch7 File.lua.
 */
import { readBytes, writeFileAtomic } from '../files.js';
import { Storage } from '../Storage.js';
import { Tensor } from '../Tensor.js';
import { SerializationError } from '../errors.js';
import { getRNGState, setRNGState } from '../random.js';
import { detectFormat, readerFor, type T7Format } from './t7format.js';
import { writerFor } from './t7output.js';
import { LuaFunction, LuaTable, T7Parser, type LuaObject, type Raw } from './t7read.js';
import { T7Encoder } from './t7write.js';
import { readEntry, t7ClassesByName, t7EntryByTorchName, type Ctor, type T7Entry, type T7Fields } from './t7registry.js';

export type { T7Format } from './t7format.js';

export interface T7ReadOptions {
  /** 'auto' (the default) tells ascii from binary by the first byte. */
  format?: T7Format | 'auto';
  /** Receives the warnings (skipped functions, classes loaded as plain objects); default console.warn. */
  onWarning?: (message: string) => void;
  /** Classes to revive objects of by their Torch class name (fields assigned, no constructor run). */
  classes?: Readonly<Record<string, Ctor>>;
}

export interface T7WriteOptions {
  /** Receives the warnings (fields of a module that cannot be written); default console.warn. */
  onWarning?: (message: string) => void;
}

const defaultWarn = (message: string): void => console.warn(message);

/** The bytes of a `.t7` file holding `value`. */
export function serialize(value: unknown, format: T7Format = 'binary', options: T7WriteOptions = {}): Uint8Array {
  const w = writerFor(format);
  new T7Encoder(w, options.onWarning ?? defaultWarn).value(value);
  return w.finish();
}

/** The value a `.t7` file holds. */
export function deserialize(bytes: Uint8Array, options: T7ReadOptions = {}): unknown {
  const warn = options.onWarning ?? defaultWarn;
  const format = !options.format || options.format === 'auto' ? detectFormat(bytes) : options.format;
  const raw = new T7Parser(readerFor(bytes, format), warn).object();
  const classes = new Map<string, Ctor>([...t7ClassesByName(), ...Object.entries(options.classes ?? {})]);
  const state = getRNGState();
  try {
    return new Decoder(warn, classes).value(raw);
  } finally {
    setRNGState(state);
  }
}

/** Writes `value` to `path` atomically (a temporary file in the same directory, renamed over the target). */
export function save(path: string, value: unknown, format: T7Format = 'binary', options: T7WriteOptions = {}): void {
  const bytes = serialize(value, format, options);
  writeFileAtomic(path, bytes);
}

export function load(path: string, format: T7Format | 'auto' = 'auto', options: T7ReadOptions = {}): unknown {
  return deserialize(readBytes('torch.load', path), { ...options, format });
}

function setField(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Turns the parsed tree into JS values; each node once, so shared nodes stay shared. */
class Decoder {
  private readonly memo = new Map<object, unknown>();
  /** Placeholders of Torch objects under construction, and those already handed to a field (a cycle). */
  private readonly pending = new Set<unknown>();
  private readonly handedOut = new Set<unknown>();
  private readonly warned = new Set<string>();

  constructor(private readonly warn: (message: string) => void, private readonly classes: ReadonlyMap<string, Ctor>) {}

  value(raw: Raw): unknown {
    if (raw === null || typeof raw !== 'object' || raw instanceof Tensor || raw instanceof Storage) return raw;
    if (raw instanceof LuaFunction) return null;
    if (this.memo.has(raw)) {
      const v = this.memo.get(raw);
      if (this.pending.has(v)) this.handedOut.add(v);
      return v;
    }
    return raw instanceof LuaTable ? this.table(raw) : this.object(raw);
  }

  private table(raw: LuaTable): unknown {
    const keys = raw.entries.map(([k]) => k), n = keys.length;
    if (keys.every((k) => typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= n) && new Set(keys).size === n) {
      const a = new Array<unknown>(n);
      this.memo.set(raw, a);
      for (const [k, v] of raw.entries) a[(k as number) - 1] = this.value(v);
      return a;
    }
    if (keys.every((k) => typeof k === 'string')) {
      const o = {};
      this.memo.set(raw, o);
      for (const [k, v] of raw.entries) setField(o, k as string, this.value(v));
      return o;
    }
    const m = new Map<unknown, unknown>();
    this.memo.set(raw, m);
    for (const [k, v] of raw.entries) m.set(this.value(k), this.value(v));
    return m;
  }

  private fields(raw: LuaObject): T7Fields {
    const byName = new Map<string, Raw>();
    for (const [k, v] of raw.fields?.entries ?? []) {
      if (typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean') byName.set(String(k), v);
    }
    return {
      className: raw.className,
      get: (name) => (byName.has(name) ? this.value(byName.get(name)!) : undefined),
      all: () => [...byName].map(([k, v]) => [k, this.value(v)]),
    };
  }

  private object(raw: LuaObject): unknown {
    const f = this.fields(raw);
    const entry = t7EntryByTorchName(raw.className);
    if (entry) return this.build(raw, entry, f);
    const cls = this.classes.get(raw.className);
    if (cls) {
      const o = Object.create(cls.prototype as object) as object;
      this.memo.set(raw, o);
      for (const [k, v] of f.all()) setField(o, k, v);
      return o;
    }
    return this.plain(raw, f, {}, `class ${raw.className} is not in dpnn-ts: loaded as a plain object`);
  }

  /** Builds a mapped class; a cycle through the object is closed by filling the placeholder it got. */
  private build(raw: LuaObject, entry: T7Entry, f: T7Fields): unknown {
    const ph = Object.create(entry.cls.prototype as object) as object;
    this.memo.set(raw, ph);
    this.pending.add(ph);
    try {
      const obj = readEntry(entry, f);
      const result = this.handedOut.has(ph) ? Object.defineProperties(ph, Object.getOwnPropertyDescriptors(obj)) : obj;
      this.memo.set(raw, result);
      return result;
    } catch (e) {
      if (e instanceof SerializationError) throw e;
      Object.setPrototypeOf(ph, Object.prototype);
      const why = e instanceof Error ? e.message : String(e);
      return this.plain(raw, f, ph, `class ${raw.className} could not be built as dpnn-ts ${entry.cls.name} (${why}): loaded as a plain object`);
    } finally {
      this.pending.delete(ph);
    }
  }

  private plain(raw: LuaObject, f: T7Fields, into: object, warning: string): object {
    setField(into, '__typename', raw.className);
    this.memo.set(raw, into);
    if (!this.warned.has(raw.className)) {
      this.warned.add(raw.className);
      this.warn(warning);
    }
    for (const [k, v] of f.all()) setField(into, k, v);
    return into;
  }
}
