/**
 * Baseline JPEG encoding (T.81 SOF0, JFIF): grey or YCbCr from RGB, chroma 4:4:4 (default) or
 * 4:2:0 (2×2 averages), Annex K's quantisation tables scaled by IJG's quality (1..100, Torch's
 * default 75) and its Huffman tables. Input is planar 8-bit, as decodeJPG's output.
 */
import { ArgumentError } from '../lib/errors.js';
import { AC_CHROMA, AC_LUMA, DC_CHROMA, DC_LUMA, QUANT_CHROMA, QUANT_LUMA, ZIGZAG, canonicalCodes, fdct, scaledQuant, type HuffmanSpec } from './jpegTables.js';

export type Subsampling = '4:4:4' | '4:2:0';

export interface JPGOptions {
  quality?: number;
  subsampling?: Subsampling;
  /** MCUs between restart markers (a DRI segment); 0, the default, writes none. */
  restartInterval?: number;
}

class BitWriter {
  readonly bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }

  /** Pads the last byte with 1 bits. */
  finish(): void {
    while (this.n !== 0) this.write(1, 1);
  }

  /** Byte-aligns and writes restart marker RSTm (m mod 8). */
  restart(m: number): void {
    this.finish();
    this.bytes.push(0xff, 0xd0 + (m % 8));
  }
}

type CodeTable = Map<number, readonly [code: number, length: number]>;
const codeTable = (spec: HuffmanSpec): CodeTable => new Map(canonicalCodes(spec).map((c) => [c.symbol, [c.code, c.length] as const]));

/** The magnitude category of v (bits needed for |v|) and its bits (one's complement when negative). */
function category(v: number): [size: number, bits: number] {
  const a = Math.abs(v);
  const s = a === 0 ? 0 : Math.floor(Math.log2(a)) + 1;
  return [s, v < 0 ? v + (1 << s) - 1 : v];
}

function segment(marker: number, body: readonly number[]): number[] {
  const len = body.length + 2;
  return [0xff, marker, len >> 8, len & 0xff, ...body];
}

const huffSegment = (tc: number, th: number, spec: HuffmanSpec) => [(tc << 4) | th, ...spec.counts, ...spec.symbols];

/** JPEG bytes of a width × height image with 1 (grey) or 3 (RGB) planar 8-bit channels. */
export function encodeJPG(width: number, height: number, channels: number, planes: Uint8Array, options: JPGOptions = {}): Buffer {
  const quality = options.quality ?? 75, sub = options.subsampling ?? '4:4:4';
  if (channels !== 1 && channels !== 3) throw new ArgumentError(`image.compressJPG: expected 1 or 3 channels, got ${channels}`);
  if (!(quality >= 1 && quality <= 100)) throw new ArgumentError(`image.compressJPG: quality must be in 1..100, got ${quality}`);
  const n = width * height;
  // component planes at full resolution (float, level-shifted later)
  const full: Float64Array[] = [];
  if (channels === 1) full.push(Float64Array.from(planes.subarray(0, n)));
  else {
    const Y = new Float64Array(n), Cb = new Float64Array(n), Cr = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = planes[i]!, g = planes[n + i]!, b = planes[2 * n + i]!;
      Y[i] = 0.299 * r + 0.587 * g + 0.114 * b;
      Cb[i] = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
      Cr[i] = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
    }
    full.push(Y, Cb, Cr);
  }
  const f = channels === 3 && sub === '4:2:0' ? 2 : 1; // luma sampling factor
  const comps = full.map((plane, k) => {
    const h = k === 0 ? f : 1, div = f / h, cw = Math.ceil(width / div), ch = Math.ceil(height / div);
    const data = new Float64Array(cw * ch);
    for (let y = 0; y < ch; y++) for (let x = 0; x < cw; x++) {
      let s = 0, c = 0;
      for (let dy = 0; dy < div; dy++) for (let dx = 0; dx < div; dx++) {
        const sx = Math.min(width - 1, x * div + dx), sy = Math.min(height - 1, y * div + dy);
        s += plane[sy * width + sx]!;
        c++;
      }
      data[y * cw + x] = s / c;
    }
    return { h, cw, ch, data, q: scaledQuant(k === 0 ? QUANT_LUMA : QUANT_CHROMA, quality), dc: codeTable(k === 0 ? DC_LUMA : DC_CHROMA), ac: codeTable(k === 0 ? AC_LUMA : AC_CHROMA), pred: 0 };
  });
  const out: number[] = [0xff, 0xd8];
  out.push(...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])); // JFIF 1.01, aspect 1:1
  comps.slice(0, channels === 3 ? 2 : 1).forEach((c, t) => out.push(...segment(0xdb, [t, ...ZIGZAG.map((z) => c.q[z]!)])));
  out.push(...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, channels, ...comps.flatMap((c, k) => [k + 1, (c.h << 4) | c.h, k === 0 ? 0 : 1])]));
  out.push(...segment(0xc4, [...huffSegment(0, 0, DC_LUMA), ...huffSegment(1, 0, AC_LUMA), ...(channels === 3 ? [...huffSegment(0, 1, DC_CHROMA), ...huffSegment(1, 1, AC_CHROMA)] : [])]));
  const restart = options.restartInterval ?? 0;
  if (restart > 0) out.push(...segment(0xdd, [restart >> 8, restart & 0xff]));
  out.push(...segment(0xda, [channels, ...comps.flatMap((_, k) => [k + 1, k === 0 ? 0x00 : 0x11]), 0, 63, 0]));
  const bw = new BitWriter(), block = new Float64Array(64);
  const mcux = Math.ceil(width / (8 * f)), mcuy = Math.ceil(height / (8 * f));
  for (let m = 0; m < mcux * mcuy; m++) {
    const mx = m % mcux, my = Math.floor(m / mcux);
    if (restart > 0 && m > 0 && m % restart === 0) {
      bw.restart(m / restart - 1);
      for (const c of comps) c.pred = 0;
    }
    for (const c of comps) {
    for (let by = 0; by < c.h; by++) for (let bx = 0; bx < c.h; bx++) {
      const x0 = (mx * c.h + bx) * 8, y0 = (my * c.h + by) * 8;
      for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) {
        // edges replicate the last row and column
        block[8 * y + x] = c.data[Math.min(c.ch - 1, y0 + y) * c.cw + Math.min(c.cw - 1, x0 + x)]! - 128;
      }
      fdct(block);
      const zz = ZIGZAG.map((z) => Math.round(block[z]! / c.q[z]!));
      const put = (t: CodeTable, sym: number) => {
        const e = t.get(sym);
        if (!e) throw new ArgumentError(`image.compressJPG: no Huffman code for symbol ${sym}`);
        bw.write(e[0], e[1]);
      };
      const [ds, dbits] = category(zz[0]! - c.pred);
      c.pred = zz[0]!;
      put(c.dc, ds);
      bw.write(dbits, ds);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        const v = zz[k]!;
        if (v === 0) {
          run++;
          continue;
        }
        for (; run > 15; run -= 16) put(c.ac, 0xf0);
        const [s, bits] = category(v);
        put(c.ac, (run << 4) | s);
        bw.write(bits, s);
        run = 0;
      }
      if (run > 0) put(c.ac, 0x00);
    }
    }
  }
  bw.finish();
  return Buffer.from([...out, ...bw.bytes, 0xff, 0xd9]);
}
