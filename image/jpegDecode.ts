/**
 * Baseline JPEG decoding (T.81 SOF0/SOF1: 8-bit, Huffman, sequential), any sampling factors
 * (4:4:4, 4:2:2, 4:2:0, …), restart intervals, one component (grey) or three (JFIF YCbCr → RGB).
 * Chroma is upsampled by replication (libjpeg's default "fancy" upsampling differs by a few levels
 * at chroma edges). Progressive and arithmetic-coded files are refused. The result is planar 8-bit,
 * as decodePNG's: channel k of pixel (x, y), 0-based, is at (k·height + y)·width + x.
 */
import { ArgumentError } from '../lib/errors.js';
import type { DecodedImage } from './png.js';
import { ZIGZAG, canonicalCodes, idct } from './jpegTables.js';

interface Huffman {
  /** lookup.get(length << 16 | code) = symbol */
  lookup: Map<number, number>;
}

interface Component {
  id: number;
  h: number;
  v: number;
  tq: number;
  td: number;
  ta: number;
  pred: number;
  /** Blocks per line and per column of this component's padded plane. */
  bw: number;
  bh: number;
  samples: Uint8Array;
}

const fail = (msg: string) => new ArgumentError(`image.decompressJPG: ${msg}`);

export function isJPG(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function decodeJPG(bytes: Uint8Array): DecodedImage {
  if (!isJPG(bytes)) throw fail('not a JPEG (no SOI marker)');
  const quant: number[][] = [];
  const dc: Huffman[] = [], ac: Huffman[] = [];
  let comps: Component[] = [], width = 0, height = 0, hmax = 1, vmax = 1, restart = 0, pos = 2;
  const u16 = (p: number) => (bytes[p]! << 8) | bytes[p + 1]!;
  while (pos < bytes.length) {
    if (bytes[pos] !== 0xff) throw fail(`expected a marker at byte ${pos}`);
    const marker = bytes[pos + 1]!;
    pos += 2;
    if (marker === 0xff) {
      pos--;
      continue;
    }
    if (marker === 0xd9) break;
    const len = u16(pos), end = pos + len;
    let p = pos + 2;
    if (marker === 0xdb) {
      while (p < end) {
        const pq = bytes[p]! >> 4, tq = bytes[p]! & 15;
        p++;
        const t = new Array<number>(64);
        for (let k = 0; k < 64; k++, p += pq ? 2 : 1) t[k] = pq ? u16(p) : bytes[p]!;
        quant[tq] = t; // zig-zag order
      }
    } else if (marker === 0xc4) {
      while (p < end) {
        const tc = bytes[p]! >> 4, th = bytes[p]! & 15, counts = Array.from(bytes.subarray(p + 1, p + 17));
        const n = counts.reduce((a, b) => a + b, 0), symbols = Array.from(bytes.subarray(p + 17, p + 17 + n));
        const lookup = new Map<number, number>();
        for (const c of canonicalCodes({ counts, symbols })) lookup.set((c.length << 16) | c.code, c.symbol);
        (tc === 0 ? dc : ac)[th] = { lookup };
        p += 17 + n;
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (bytes[p] !== 8) throw fail(`${bytes[p]}-bit samples are not supported (baseline is 8-bit)`);
      height = u16(p + 1);
      width = u16(p + 3);
      const n = bytes[p + 5]!;
      if (n !== 1 && n !== 3) throw fail(`${n} components are not supported (1 or 3)`);
      comps = [];
      for (let i = 0; i < n; i++) {
        const q = p + 6 + 3 * i;
        comps.push({ id: bytes[q]!, h: bytes[q + 1]! >> 4, v: bytes[q + 1]! & 15, tq: bytes[q + 2]!, td: 0, ta: 0, pred: 0, bw: 0, bh: 0, samples: new Uint8Array(0) });
      }
      hmax = Math.max(...comps.map((c) => c.h));
      vmax = Math.max(...comps.map((c) => c.v));
      const mcux = Math.ceil(width / (8 * hmax)), mcuy = Math.ceil(height / (8 * vmax));
      for (const c of comps) {
        c.bw = mcux * c.h;
        c.bh = mcuy * c.v;
        c.samples = new Uint8Array(c.bw * c.bh * 64);
      }
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw fail(`SOF${marker - 0xc0} (progressive, lossless or arithmetic coding) is not supported: only baseline`);
    } else if (marker === 0xdd) restart = u16(p);
    else if (marker === 0xda) {
      const ns = bytes[p]!, scan: Component[] = [];
      for (let i = 0; i < ns; i++) {
        const c = comps.find((k) => k.id === bytes[p + 1 + 2 * i]);
        if (!c) throw fail('scan names an unknown component');
        c.td = bytes[p + 2 + 2 * i]! >> 4;
        c.ta = bytes[p + 2 + 2 * i]! & 15;
        scan.push(c);
      }
      pos = decodeScan(bytes, end, scan, width, height, hmax, vmax, restart, quant, dc, ac);
      continue;
    }
    pos = end;
  }
  if (comps.length === 0 || width === 0) throw fail('no frame (SOF0) found');
  const n = width * height, data = new Uint16Array(comps.length * n);
  for (let k = 0; k < comps.length; k++) {
    const c = comps[k]!, stride = c.bw * 8;
    for (let y = 0; y < height; y++) {
      const sy = Math.floor((y * c.v) / vmax);
      for (let x = 0; x < width; x++) data[k * n + y * width + x] = c.samples[sy * stride + Math.floor((x * c.h) / hmax)]!;
    }
  }
  if (comps.length === 3) {
    for (let i = 0; i < n; i++) {
      const Y = data[i]!, cb = data[n + i]! - 128, cr = data[2 * n + i]! - 128;
      data[i] = clamp(Y + 1.402 * cr);
      data[n + i] = clamp(Y - 0.344136 * cb - 0.714136 * cr);
      data[2 * n + i] = clamp(Y + 1.772 * cb);
    }
  }
  return { width, height, channels: comps.length, maxValue: 255, data };
}

const clamp = (v: number) => Math.min(255, Math.max(0, Math.round(v)));

/** Decodes one scan's entropy-coded data from byte `start`; returns the position of the marker after it. */
function decodeScan(bytes: Uint8Array, start: number, scan: Component[], width: number, height: number, hmax: number, vmax: number, restart: number, quant: number[][], dcT: Huffman[], acT: Huffman[]): number {
  let pos = start, bitBuf = 0, bitCount = 0;
  const readBit = (): number => {
    if (bitCount === 0) {
      const b = bytes[pos] ?? 0;
      if (b !== 0xff) {
        bitBuf = b;
        pos++;
      } else if (bytes[pos + 1] === 0) {
        bitBuf = 0xff; // a stuffed zero byte follows a data 0xFF
        pos += 2;
      } else bitBuf = 0; // a marker: feed zeros without passing it
      bitCount = 8;
    }
    bitCount--;
    return (bitBuf >> bitCount) & 1;
  };
  const receive = (s: number) => {
    let v = 0;
    for (let i = 0; i < s; i++) v = (v << 1) | readBit();
    return v;
  };
  const extend = (v: number, s: number) => (s === 0 ? 0 : v < 1 << (s - 1) ? v - (1 << s) + 1 : v);
  const decode = (t: Huffman | undefined): number => {
    if (!t) throw fail('scan uses an undefined Huffman table');
    let code = 0;
    for (let len = 1; len <= 16; len++) {
      code = (code << 1) | readBit();
      const s = t.lookup.get((len << 16) | code);
      if (s !== undefined) return s;
    }
    throw fail(`bad Huffman code near byte ${pos}`);
  };
  const coef = new Float64Array(64);
  const block = (c: Component, bx: number, by: number) => {
    const q = quant[c.tq];
    if (!q) throw fail(`component ${c.id} uses undefined quantisation table ${c.tq}`);
    coef.fill(0);
    const t = decode(dcT[c.td]);
    c.pred += extend(receive(t), t);
    coef[0] = c.pred * q[0]!;
    for (let k = 1; k < 64; ) {
      const rs = decode(acT[c.ta]), r = rs >> 4, s = rs & 15;
      if (s === 0) {
        if (r !== 15) break;
        k += 16;
        continue;
      }
      k += r;
      if (k > 63) throw fail('AC coefficients run past the block');
      coef[ZIGZAG[k]!] = extend(receive(s), s) * q[k]!;
      k++;
    }
    idct(coef);
    const stride = c.bw * 8;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) c.samples[(by * 8 + y) * stride + bx * 8 + x] = clamp(coef[8 * y + x]! + 128);
  };
  const single = scan.length === 1;
  // a one-component scan covers only that component's own blocks (T.81 A.2.2), not the MCU padding
  const first = scan[0]!;
  const units = single
    ? Math.ceil(Math.ceil((width * first.h) / hmax) / 8) * Math.ceil(Math.ceil((height * first.v) / vmax) / 8)
    : Math.ceil(width / (8 * hmax)) * Math.ceil(height / (8 * vmax));
  const perLine = single ? Math.ceil(Math.ceil((width * first.h) / hmax) / 8) : Math.ceil(width / (8 * hmax));
  for (let m = 0; m < units; m++) {
    if (restart > 0 && m > 0 && m % restart === 0) {
      bitCount = 0;
      while (pos < bytes.length && !(bytes[pos] === 0xff && bytes[pos + 1]! >= 0xd0 && bytes[pos + 1]! <= 0xd7)) pos++;
      pos += 2;
      for (const c of scan) c.pred = 0;
    }
    const mx = m % perLine, my = Math.floor(m / perLine);
    if (single) block(first, mx, my);
    else for (const c of scan) for (let v = 0; v < c.v; v++) for (let h = 0; h < c.h; h++) block(c, mx * c.h + h, my * c.v + v);
  }
  // skip to the next marker (not a stuffed 0xFF00 or a restart marker)
  while (pos < bytes.length && !(bytes[pos] === 0xff && bytes[pos + 1] !== 0 && !(bytes[pos + 1]! >= 0xd0 && bytes[pos + 1]! <= 0xd7))) pos++;
  return pos;
}
