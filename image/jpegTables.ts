/**
 * Tables and transforms shared by the baseline JPEG decoder and encoder (ITU T.81): the zig-zag
 * order, Annex K's example quantisation and Huffman tables, IJG's quality scaling, and the 8×8
 * DCT pair in float64. Blocks are row-major: coefficient (u, v) of column u, row v is at 8·v + u.
 */

/** ZIGZAG[k]: the row-major position of the k-th coefficient in zig-zag order. */
export const ZIGZAG: readonly number[] = (() => {
  const out: number[] = [];
  for (let s = 0; s < 15; s++) {
    const cells: number[] = [];
    for (let y = 0; y < 8; y++) {
      const x = s - y;
      if (x >= 0 && x < 8) cells.push(8 * y + x);
    }
    // even diagonals run bottom-left to top-right (y falling), odd ones top-right to bottom-left
    out.push(...(s % 2 === 0 ? cells.reverse() : cells));
  }
  return out;
})();

/** Annex K.1: luminance and chrominance quantisation tables, row-major. */
export const QUANT_LUMA = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
export const QUANT_CHROMA = Array.from({ length: 64 }, (_, i) => {
  const x = i % 8, y = Math.floor(i / 8);
  const top = [17, 18, 24, 47, 18, 21, 26, 66, 24, 26, 56, 99, 47, 66, 99, 99];
  return x < 4 && y < 4 ? top[4 * y + x]! : 99;
});

/** IJG's scaling of a base table for quality 1..100 (50 is the base table; 100 is all ones). */
export function scaledQuant(base: readonly number[], quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const s = q < 50 ? 5000 / q : 200 - 2 * q;
  return base.map((b) => Math.min(255, Math.max(1, Math.floor((b * s + 50) / 100))));
}

export interface HuffmanSpec {
  /** Number of codes of each length 1..16. */
  counts: readonly number[];
  symbols: readonly number[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const hex = (s: string) => s.trim().split(/\s+/).map((h) => parseInt(h, 16));

/** Annex K.3 tables. */
export const DC_LUMA: HuffmanSpec = { counts: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], symbols: range(12) };
export const DC_CHROMA: HuffmanSpec = { counts: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], symbols: range(12) };
export const AC_LUMA: HuffmanSpec = {
  counts: [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d],
  symbols: hex(`01 02 03 00 04 11 05 12 21 31 41 06 13 51 61 07 22 71 14 32 81 91 a1 08 23 42 b1 c1 15 52 d1 f0
    24 33 62 72 82 09 0a 16 17 18 19 1a 25 26 27 28 29 2a 34 35 36 37 38 39 3a 43 44 45 46 47 48 49
    4a 53 54 55 56 57 58 59 5a 63 64 65 66 67 68 69 6a 73 74 75 76 77 78 79 7a 83 84 85 86 87 88 89
    8a 92 93 94 95 96 97 98 99 9a a2 a3 a4 a5 a6 a7 a8 a9 aa b2 b3 b4 b5 b6 b7 b8 b9 ba c2 c3 c4 c5
    c6 c7 c8 c9 ca d2 d3 d4 d5 d6 d7 d8 d9 da e1 e2 e3 e4 e5 e6 e7 e8 e9 ea f1 f2 f3 f4 f5 f6 f7 f8 f9 fa`),
};
export const AC_CHROMA: HuffmanSpec = {
  counts: [0, 2, 1, 2, 4, 4, 3, 4, 7, 5, 4, 4, 0, 1, 2, 0x77],
  symbols: hex(`00 01 02 03 11 04 05 21 31 06 12 41 51 07 61 71 13 22 32 81 08 14 42 91 a1 b1 c1 09 23 33 52 f0
    15 62 72 d1 0a 16 24 34 e1 25 f1 17 18 19 1a 26 27 28 29 2a 35 36 37 38 39 3a 43 44 45 46 47 48
    49 4a 53 54 55 56 57 58 59 5a 63 64 65 66 67 68 69 6a 73 74 75 76 77 78 79 7a 82 83 84 85 86 87
    88 89 8a 92 93 94 95 96 97 98 99 9a a2 a3 a4 a5 a6 a7 a8 a9 aa b2 b3 b4 b5 b6 b7 b8 b9 ba c2 c3
    c4 c5 c6 c7 c8 c9 ca d2 d3 d4 d5 d6 d7 d8 d9 da e2 e3 e4 e5 e6 e7 e8 e9 ea f2 f3 f4 f5 f6 f7 f8 f9 fa`),
};

/** Canonical codes (T.81 Annex C): code and length of each symbol. */
export function canonicalCodes(spec: HuffmanSpec): { code: number; length: number; symbol: number }[] {
  const out: { code: number; length: number; symbol: number }[] = [];
  let code = 0, k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < spec.counts[len - 1]!; i++) out.push({ code: code++, length: len, symbol: spec.symbols[k++]! });
    code <<= 1;
  }
  return out;
}

// COS[x][u] = C(u)/2 · cos((2x + 1)uπ/16), C(0) = 1/√2, else 1
const COS: readonly Float64Array[] = range(8).map((x) => Float64Array.from(range(8), (u) => (u === 0 ? Math.SQRT1_2 : 1) * 0.5 * Math.cos(((2 * x + 1) * u * Math.PI) / 16)));

/** Forward DCT of a row-major 8×8 block (samples level-shifted by −128), in place. */
export function fdct(block: Float64Array): void {
  const tmp = new Float64Array(64);
  for (let y = 0; y < 8; y++) for (let u = 0; u < 8; u++) {
    let s = 0;
    for (let x = 0; x < 8; x++) s += block[8 * y + x]! * COS[x]![u]!;
    tmp[8 * y + u] = s;
  }
  for (let u = 0; u < 8; u++) for (let v = 0; v < 8; v++) {
    let s = 0;
    for (let y = 0; y < 8; y++) s += tmp[8 * y + u]! * COS[y]![v]!;
    block[8 * v + u] = s;
  }
}

/** Inverse DCT of a row-major 8×8 coefficient block, in place. */
export function idct(block: Float64Array): void {
  const tmp = new Float64Array(64);
  for (let v = 0; v < 8; v++) for (let x = 0; x < 8; x++) {
    let s = 0;
    for (let u = 0; u < 8; u++) s += block[8 * v + u]! * COS[x]![u]!;
    tmp[8 * v + x] = s;
  }
  for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) {
    let s = 0;
    for (let v = 0; v < 8; v++) s += tmp[8 * v + x]! * COS[y]![v]!;
    block[8 * y + x] = s;
  }
}
