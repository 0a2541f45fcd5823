/**
 * The writing half of Torch7's `torch.File` primitives (see t7format.ts for the encodings):
 * binary little-endian with 8-byte longs, or ascii with each write call's elements separated by a
 * space and ended by a newline (ints and longs in decimal, floats `%.9g`, doubles `%.17g`, so
 * that every value reads back exactly; chars and bytes raw). Ref: torch7 lib/TH/THDiskFile.c.
 */
import { SerializationError } from '../errors.js';
import type { TypedArray } from '../Storage.js';
import { ELEMENT_BYTES, type ElementKind, type T7Format } from './t7format.js';

export interface T7Writer {
  int(v: number): void;
  long(v: number): void;
  longs(vs: readonly number[]): void;
  double(v: number): void;
  bytes(b: Uint8Array): void;
  elements(kind: ElementKind, data: TypedArray, n: number): void;
  finish(): Uint8Array;
}

export function writerFor(format: T7Format): T7Writer {
  return format === 'ascii' ? new AsciiWriter() : new BinaryWriter();
}

class BinaryWriter implements T7Writer {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  int(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.len, v, true);
    this.len += 4;
  }

  long(v: number): void {
    this.ensure(8);
    this.view.setBigInt64(this.len, BigInt(v), true);
    this.len += 8;
  }

  longs(vs: readonly number[]): void {
    for (const v of vs) this.long(v);
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v, true);
    this.len += 8;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  elements(kind: ElementKind, data: TypedArray, n: number): void {
    const w = ELEMENT_BYTES[kind];
    this.ensure(n * w);
    const v = this.view;
    let p = this.len;
    for (let i = 0; i < n; i++, p += w) {
      const x = data[i]!;
      switch (kind) {
        case 'f64': v.setFloat64(p, x, true); break;
        case 'f32': v.setFloat32(p, x, true); break;
        case 'i64': v.setInt32(p, x, true); v.setInt32(p + 4, x < 0 ? -1 : 0, true); break;
        case 'i32': v.setInt32(p, x, true); break;
        case 'u8': v.setUint8(p, x); break;
        default: throw new SerializationError(`torch.save: cannot write elements of kind ${kind}`);
      }
    }
    this.len = p;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** C's `%.<p>g`: p significant digits, trailing zeros dropped, exponent form outside [1e-4, 10^p). */
export function formatG(x: number, p: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expPart] = x.toExponential(p - 1).split('e') as [string, string];
  const e = Number(expPart);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (e < -4 || e >= p) return `${strip(mant)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return strip(x.toFixed(p - 1 - e));
}

class AsciiWriter implements T7Writer {
  private readonly chunks: Uint8Array[] = [];
  private text = '';

  private flushText(): void {
    if (this.text) this.chunks.push(new TextEncoder().encode(this.text));
    this.text = '';
  }

  private line(tokens: readonly string[]): void {
    if (tokens.length > 0) this.text += tokens.join(' ') + '\n';
  }

  int(v: number): void {
    this.text += `${v}\n`;
  }

  long(v: number): void {
    this.text += `${v}\n`;
  }

  longs(vs: readonly number[]): void {
    this.line(vs.map(String));
  }

  double(v: number): void {
    this.text += `${formatG(v, 17)}\n`;
  }

  bytes(b: Uint8Array): void {
    if (b.length === 0) return;
    this.flushText();
    this.chunks.push(b.slice());
    this.text = '\n';
  }

  elements(kind: ElementKind, data: TypedArray, n: number): void {
    if (kind === 'u8' || kind === 'i8') {
      this.bytes(Uint8Array.from(data.subarray(0, n)));
      return;
    }
    const out: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const x = data[i]!;
      out[i] = kind === 'f64' ? formatG(x, 17) : kind === 'f32' ? formatG(Math.fround(x), 9) : String(x);
    }
    this.line(out);
  }

  finish(): Uint8Array {
    this.flushText();
    const total = this.chunks.reduce((a, c) => a + c.length, 0);
    const out = new Uint8Array(total);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
