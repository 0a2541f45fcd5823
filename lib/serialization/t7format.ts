/**
 * The primitives of Torch7's `torch.File` as `torch.save`/`torch.load` use them, in both encodings:
 *
 * - binary (the default): little-endian int32 for ints, float64 for numbers, 8-byte longs (Linux
 *   x86-64, as the files Lua Torch wrote there), raw elements for storages;
 * - ascii: every write call prints its elements separated by a space and ends with a newline
 *   (ints `%d`, longs `%ld`, floats `%.9g`, doubles `%.17g`); chars and bytes (strings, Char and
 *   Byte storages) are raw bytes followed by the newline.
 *
 * Readers check every length against the bytes left before allocating, so a truncated or foreign
 * file gives one SerializationError naming the byte offset and what was expected. The ascii reader
 * is stricter than Torch's fscanf in one way: a number must be followed by whitespace and a string
 * by its newline (Torch always writes them), so that a truncated ascii file is detected too.
 * The writers are in t7output.ts. Ref: torch7 File.lua, lib/TH/THDiskFile.c, lib/TH/THMemoryFile.c.
 */
import { SerializationError } from '../errors.js';
import type { TypedArray } from '../Storage.js';

export type T7Format = 'binary' | 'ascii';

/** The type tags of File.lua's writeObject. */
export const TAG = { nil: 0, number: 1, string: 2, table: 3, torch: 4, boolean: 5, function: 6, legacyRecurFunction: 7, recurFunction: 8 } as const;

/** How storage elements are encoded (their width in binary). */
export type ElementKind = 'f64' | 'f32' | 'f16' | 'i64' | 'i32' | 'i16' | 'i8' | 'u8';
export const ELEMENT_BYTES: Readonly<Record<ElementKind, number>> = { f64: 8, f32: 4, f16: 2, i64: 8, i32: 4, i16: 2, i8: 1, u8: 1 };

export interface T7Reader {
  /** The byte offset of the next read. */
  readonly pos: number;
  readonly remaining: number;
  /** The fewest bytes one serialized object takes (a table of n entries needs 2n of them). */
  readonly minObjectBytes: number;
  int(what: string): number;
  /** The next int without consuming it; null at the end of the file. */
  peekInt(): number | null;
  long(what: string): number;
  double(what: string): number;
  bytes(n: number, what: string): Uint8Array;
  /** Reads n elements of `kind` into dst; `name` (a storage class) is for messages. */
  elements(kind: ElementKind, n: number, dst: TypedArray, name: string): void;
  fail(message: string, at?: number): never;
}

export function readerFor(bytes: Uint8Array, format: T7Format): T7Reader {
  return format === 'ascii' ? new AsciiReader(bytes) : new BinaryReader(bytes);
}

/** Ascii when the file starts like a printed number (binary files start with a tag byte 0–8). */
export function detectFormat(bytes: Uint8Array): T7Format {
  const c = bytes[0];
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x20 || c === 0x0a) ? 'ascii' : 'binary';
}

abstract class BaseReader {
  pos = 0;
  protected readonly view: DataView;

  constructor(protected readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  fail(message: string, at = this.pos): never {
    throw new SerializationError(`torch.load: at byte ${at}: ${message}`);
  }

  protected need(n: number, what: string): void {
    if (n > this.buf.length - this.pos) this.fail(`unexpected end of file reading ${what} (${this.remaining} bytes left)`);
  }

  /** A LongStorage element must fit the Int32Array dpnn-ts holds longs in. */
  protected longTooBig(name: string, i: number, value: bigint, at: number): never {
    return this.fail(`element ${i} of a ${name} is ${value}, beyond the ±2^31 range of dpnn-ts longs (held in an Int32Array)`, at);
  }
}

class BinaryReader extends BaseReader implements T7Reader {
  readonly minObjectBytes = 4;

  int(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  peekInt(): number | null {
    return this.remaining >= 4 ? this.view.getInt32(this.pos, true) : null;
  }

  long(what: string): number {
    this.need(8, what);
    const v = this.view.getBigInt64(this.pos, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) this.fail(`expected ${what}, got the 64-bit value ${v}`);
    this.pos += 8;
    return Number(v);
  }

  double(what: string): number {
    this.need(8, what);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  elements(kind: ElementKind, n: number, dst: TypedArray, name: string): void {
    const w = ELEMENT_BYTES[kind];
    this.need(n * w, `the ${n} elements of a ${name} (${n * w} bytes)`);
    const v = this.view;
    let p = this.pos;
    for (let i = 0; i < n; i++, p += w) {
      switch (kind) {
        case 'f64': dst[i] = v.getFloat64(p, true); break;
        case 'f32': dst[i] = v.getFloat32(p, true); break;
        case 'f16': dst[i] = halfToFloat(v.getUint16(p, true)); break;
        case 'i64': {
          const lo = v.getInt32(p, true), hi = v.getInt32(p + 4, true);
          if (hi !== (lo < 0 ? -1 : 0)) this.longTooBig(name, i, v.getBigInt64(p, true), p);
          dst[i] = lo;
          break;
        }
        case 'i32': dst[i] = v.getInt32(p, true); break;
        case 'i16': dst[i] = v.getInt16(p, true); break;
        case 'i8': dst[i] = v.getInt8(p); break;
        case 'u8': dst[i] = v.getUint8(p); break;
      }
    }
    this.pos = p;
  }
}

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan(\(\w*\))?)$/i;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

class AsciiReader extends BaseReader implements T7Reader {
  readonly minObjectBytes = 2;

  /** The next whitespace-delimited token (fscanf skips leading whitespace), then one newline. */
  private token(what: string): [string, number] {
    const b = this.buf;
    while (this.pos < b.length && isSpace(b[this.pos]!)) this.pos++;
    const start = this.pos;
    while (this.pos < b.length && !isSpace(b[this.pos]!)) this.pos++;
    if (this.pos >= b.length) this.fail(`unexpected end of file reading ${what}`, start);
    if (this.pos - start > 64) this.fail(`expected ${what}, got a token of ${this.pos - start} characters`, start);
    const tok = String.fromCharCode(...b.subarray(start, this.pos));
    if (b[this.pos] === 0x0a) this.pos++;
    return [tok, start];
  }

  private integer(what: string): number {
    const [tok, at] = this.token(what);
    const v = INT_RE.test(tok) ? Number(tok) : NaN;
    if (!Number.isSafeInteger(v)) this.fail(`expected ${what}, got "${tok}"`, at);
    return v;
  }

  int(what: string): number {
    return this.integer(what);
  }

  peekInt(): number | null {
    const save = this.pos;
    try {
      return this.integer('an int');
    } catch {
      return null;
    } finally {
      this.pos = save;
    }
  }

  long(what: string): number {
    return this.integer(what);
  }

  double(what: string): number {
    const [tok, at] = this.token(what);
    if (FLOAT_RE.test(tok)) return Number(tok);
    const m = SPECIAL_RE.exec(tok);
    if (!m) this.fail(`expected ${what}, got "${tok}"`, at);
    return m[2]!.toLowerCase().startsWith('nan') ? NaN : m[1] === '-' ? -Infinity : Infinity;
  }

  bytes(n: number, what: string): Uint8Array {
    if (n === 0) return new Uint8Array(0);
    this.need(n + 1, what);
    const b = this.buf.slice(this.pos, this.pos + n);
    if (this.buf[this.pos + n] !== 0x0a) this.fail(`expected a newline after ${what}`, this.pos + n);
    this.pos += n + 1;
    return b;
  }

  elements(kind: ElementKind, n: number, dst: TypedArray, name: string): void {
    if (kind === 'u8' || kind === 'i8') {
      const raw = this.bytes(n, `the ${n} elements of a ${name}`);
      for (let i = 0; i < n; i++) dst[i] = kind === 'i8' ? (raw[i]! << 24) >> 24 : raw[i]!;
      return;
    }
    if (2 * n > this.remaining) this.fail(`unexpected end of file reading the ${n} elements of a ${name} (${this.remaining} bytes left)`);
    const float = kind === 'f64' || kind === 'f32' || kind === 'f16';
    for (let i = 0; i < n; i++) {
      const at = this.pos;
      const v = float ? this.double(`element ${i} of a ${name}`) : this.integer(`element ${i} of a ${name}`);
      if (kind === 'i64' && (v > 0x7fffffff || v < -0x80000000)) this.longTooBig(name, i, BigInt(v), at);
      dst[i] = v;
    }
  }
}

/** IEEE 754 half precision (HalfStorage) to a number. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * f * 2 ** -24;
  if (e === 31) return f ? NaN : s * Infinity;
  return s * (1 + f / 1024) * 2 ** (e - 15);
}
