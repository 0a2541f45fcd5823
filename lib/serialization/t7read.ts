/**
 * Parses a `.t7` byte stream (File.lua's readObject) into an intermediate tree: Lua tables and
 * Torch objects as LuaTable / LuaObject nodes (so that shared and cyclic references, keys
 * included, resolve before any JS container kind is chosen), tensors and storages already built
 * as dpnn-ts Tensor / Storage objects, functions as LuaFunction markers (their payload parsed and
 * skipped with a warning). Every table, Torch object and function carries a reference index; a
 * second occurrence of an index is the same node.
 *
 * Tensors: int32 nDimension, int64 sizes, int64 strides, int64 1-based storage offset, then the
 * storage object (or nil). Storages: int64 size, then the raw elements. Torch classes map to
 * dtypes as Storage.ts has them; Short and Char read into 'int32', Half into 'float32', and the
 * Cuda* types as their CPU types (CudaTensor = float). Ref: torch7 File.lua, generic/Tensor.c,
 * generic/Storage.c.
 */
import { Storage, type DType } from '../Storage.js';
import { Tensor } from '../Tensor.js';
import { TAG, type ElementKind, type T7Reader } from './t7format.js';

export class LuaTable {
  readonly entries: Array<[key: Raw, value: Raw]> = [];
  constructor(readonly at: number) {}
}

export class LuaObject {
  fields: LuaTable | null = null;
  constructor(readonly className: string, readonly at: number) {}
}

export class LuaFunction {
  constructor(readonly at: number) {}
}

export type Raw = null | number | string | boolean | LuaTable | LuaObject | LuaFunction | Tensor | Storage;

interface TypeInfo { dtype: DType; kind: ElementKind }

const BASE_TYPES: Readonly<Record<string, TypeInfo>> = {
  Double: { dtype: 'float64', kind: 'f64' }, Float: { dtype: 'float32', kind: 'f32' }, Half: { dtype: 'float32', kind: 'f16' },
  Long: { dtype: 'long', kind: 'i64' }, Int: { dtype: 'int32', kind: 'i32' }, Short: { dtype: 'int32', kind: 'i16' },
  Char: { dtype: 'int32', kind: 'i8' }, Byte: { dtype: 'uint8', kind: 'u8' },
};

/** torch.DoubleTensor, torch.CudaTensor (float), torch.CudaLongStorage, … → [dtype, kind, 'Tensor' | 'Storage']. */
function torchType(className: string): [TypeInfo, 'Tensor' | 'Storage'] | null {
  const m = /^torch\.(Cuda)?(Double|Float|Half|Long|Int|Short|Char|Byte)?(Tensor|Storage)$/.exec(className);
  if (!m || (!m[1] && !m[2])) return null;
  return [BASE_TYPES[m[2] ?? 'Float']!, m[3] as 'Tensor' | 'Storage'];
}

/** Classes whose Lua `write` method writes a payload of its own instead of a field table. */
const CUSTOM_PAYLOAD = new Set(['torch.Generator', 'torch.Allocator', 'tds.Hash', 'tds.Vec', 'tds.AtomicCounter']);

const MAX_DEPTH = 1000;

function decodeString(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let s = '';
    for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
    return s;
  }
}

export class T7Parser {
  private readonly refs = new Map<number, Raw>();
  private depth = 0;

  constructor(private readonly r: T7Reader, private readonly warn: (message: string) => void) {}

  object(): Raw {
    const r = this.r, at = r.pos;
    const tag = r.int('a type tag');
    switch (tag) {
      case TAG.nil: return null;
      case TAG.number: return r.double('a number');
      case TAG.string: return this.string('a string');
      case TAG.boolean: return r.int('a boolean') === 1;
      case TAG.function: return this.nested(() => this.func(at, null));
      case TAG.table: case TAG.torch: case TAG.legacyRecurFunction: case TAG.recurFunction: {
        const index = r.int('a reference index');
        if (this.refs.has(index)) return this.refs.get(index)!;
        return this.nested(() => tag === TAG.table ? this.table(index, at) : tag === TAG.torch ? this.torch(index, at) : this.func(at, index));
      }
      default: return r.fail(`expected a type tag (0–8), got ${tag}`, at);
    }
  }

  private nested<T>(read: () => T): T {
    if (++this.depth > MAX_DEPTH) this.r.fail(`objects nested more than ${MAX_DEPTH} deep`);
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private rawString(what: string): Uint8Array {
    const at = this.r.pos;
    const n = this.r.int(`the length of ${what}`);
    if (n < 0) this.r.fail(`expected the length of ${what}, got ${n}`, at);
    return this.r.bytes(n, `${what} of ${n} bytes`);
  }

  private string(what: string): string {
    return decodeString(this.rawString(what));
  }

  private count(what: string, perItem: number): number {
    const at = this.r.pos;
    const n = this.r.int(what);
    if (n < 0 || n * perItem > this.r.remaining) this.r.fail(`expected ${what}, got ${n} (${this.r.remaining} bytes left)`, at);
    return n;
  }

  private table(index: number, at: number): LuaTable {
    const t = new LuaTable(at);
    this.refs.set(index, t);
    const n = this.count('a table size', 2 * this.r.minObjectBytes);
    for (let i = 0; i < n; i++) {
      const k = this.object();
      t.entries.push([k, this.object()]);
    }
    return t;
  }

  private func(at: number, index: number | null): LuaFunction {
    const f = new LuaFunction(at);
    if (index !== null) this.refs.set(index, f);
    this.rawString('Lua bytecode');
    this.object(); // the upvalues
    this.warn(`function at byte ${at} skipped: Lua bytecode cannot run here`);
    return f;
  }

  private torch(index: number, at: number): Raw {
    const version = this.string('a class version');
    const v = /^V (.+)$/.exec(version);
    const className = v && !Number.isNaN(Number(v[1])) ? this.string('a class name') : version; // files before versioning: the name only
    const type = torchType(className);
    if (type) {
      const value = type[1] === 'Tensor' ? this.tensor(className, type[0].dtype) : this.storage(className, type[0]);
      this.refs.set(index, value);
      return value;
    }
    if (CUSTOM_PAYLOAD.has(className) || className.startsWith('tds.') || this.r.peekInt() !== TAG.table) {
      this.r.fail(`class ${className} writes its own payload; dpnn-ts cannot read it`, at);
    }
    const obj = new LuaObject(className, at);
    this.refs.set(index, obj);
    const fields = this.object();
    if (!(fields instanceof LuaTable)) this.r.fail(`expected the field table of class ${className}, got ${describeRaw(fields)}`, at);
    obj.fields = fields;
    return obj;
  }

  private tensor(className: string, dtype: DType): Tensor {
    const r = this.r, at = r.pos;
    const nDim = this.count(`the dimension count of a ${className}`, 2 * r.minObjectBytes);
    const sizes: number[] = [], strides: number[] = [];
    for (let i = 0; i < nDim; i++) sizes.push(r.long(`size ${i} of a ${className}`));
    for (let i = 0; i < nDim; i++) strides.push(r.long(`stride ${i} of a ${className}`));
    const offset = r.long(`the storage offset of a ${className}`) - 1;
    const storageAt = r.pos;
    const found = this.object();
    const storage = found === null || found instanceof Storage ? found : r.fail(`expected the storage of a ${className}, got ${describeRaw(found)}`, storageAt);
    if (storage && storage.dtype !== dtype) r.fail(`a ${className} on a storage of ${storage.dtype} values`, storageAt);
    if (nDim === 0) return Tensor.empty(dtype);
    if (sizes.some((s) => s < 0) || strides.some((s) => s < 0) || offset < 0) {
      r.fail(`a ${className} with sizes [${sizes.join(', ')}], strides [${strides.join(', ')}] and offset ${offset + 1}`, at);
    }
    const numel = sizes.reduce((a, b) => a * b, 1);
    const st = storage ?? Storage.allocate(dtype, 0);
    const last = offset + sizes.reduce((a, s, i) => a + (s - 1) * strides[i]!, 0);
    if (numel > 0 && last >= st.length) {
      r.fail(`a ${className} of sizes [${sizes.join(', ')}], strides [${strides.join(', ')}] and offset ${offset + 1} reaches element ${last + 1} of a storage of ${st.length}`, at);
    }
    return new Tensor(st, offset, sizes, strides);
  }

  private storage(className: string, type: TypeInfo): Storage {
    const at = this.r.pos;
    const n = this.r.long(`the size of a ${className}`);
    if (n < 0) this.r.fail(`expected the size of a ${className}, got ${n}`, at);
    if (n > this.r.remaining) this.r.fail(`unexpected end of file reading the ${n} elements of a ${className} (${this.r.remaining} bytes left)`);
    const s = Storage.allocate(type.dtype, n); // the backend's memory, so that its kernels run on it
    this.r.elements(type.kind, n, s.data, className);
    return s;
  }
}

export function describeRaw(v: Raw): string {
  if (v instanceof LuaObject) return `an object of class ${v.className}`;
  if (v instanceof LuaTable) return 'a table';
  if (v instanceof LuaFunction) return 'a function';
  if (v instanceof Tensor) return 'a tensor';
  return v === null ? 'nil' : `a ${typeof v}`;
}
