/**
 * Printing a tensor in Torch7's layout (Tensor.lua's `__tostring__`), character for character,
 * except that the labels Torch numbers from 1 are numbered from 0 here, as every index in dpnn-ts is.
 *
 * The number format (Torch's `printformat`) is chosen once from all the tensor's values:
 * - every value an integer (±inf counts as one): right-aligned integers, as wide as the largest
 *   magnitude's digit count plus one (room for a sign); when that magnitude has more than 9 digits,
 *   exponent format `%11.4e` instead;
 * - otherwise, with `expMin`/`expMax` the decimal exponents (`floor(log10|v|) + 1`, 1 for 0) of the
 *   smallest and largest magnitudes:
 *   - `expMax − expMin > 4`: exponent format `%11.4e` (`%12.4e` when either exponent passes ±99);
 *   - else `expMax > 5` or `expMax < 0`: `%7.4f` of the values divided by a shared scale factor
 *     10^(expMax−1), printed first as a line `%g *`, as C's `%g` writes it (`100000 *`, `1e+06 *`,
 *     `0.001 *`, `1e-05 *`: so values around 1e-3 get `0.001 *`, not `1e-03 *`);
 *   - else `%W.4f` with W = expMax + 6 (7 when expMax is 0);
 * - any NaN among the values: Torch's width arithmetic turns NaN and falls back to plain `%f`
 *   (6 decimals, no padding), and a matrix then never splits into column blocks. NaN prints as
 *   `nan` (glibc would print `-nan` for a NaN with its sign bit set; JavaScript cannot tell them
 *   apart), infinities as `inf` / `-inf`.
 *
 * Layout: a 1-D tensor prints one value per line; a 2-D one row by row, values separated by one
 * space, and split into blocks headed `Columns a to b` when more than ⌊(lineWidth − indent) /
 * (width + 1)⌋ columns would be needed (Torch's line width is 80); a tensor of 3 or more dimensions
 * prints each 2-D slice over its last two dimensions under a header `(i,j,.,.) = ` (trailing space
 * included), its lines indented by one space and a blank line between slices, the FIRST index
 * varying fastest, as Torch orders them. The footer is `[torch.FloatTensor of size 2x3x4]`, and an
 * empty tensor (or one of no dimensions) prints `[torch.FloatTensor with no dimension]`. Like
 * Torch's `__tostring__`, the string ends with a newline.
 *
 * Labels: Torch prints `Columns 1 to 10` and `(1,1,.,.) =`; here they are 0-based: `Columns 0 to 9`
 * and `(0,0,.,.) =`. Everything else (the small quirks included: the `Columns` line of a slice's
 * first block is indented and those of later blocks are not; the scale line's rows get one extra
 * leading space) is Torch's.
 *
 * Numbers are formatted as C's printf does, rounding the exact binary value half-to-even (so 0.03125
 * prints `0.0312`, where `Number.prototype.toFixed` would give `0.0313`).
 *
 * Ref: torch7 Tensor.lua (Storage__printformat, Tensor__printMatrix, Tensor__printTensor, __tostring__)
 */
import type { Tensor } from '../Tensor.js';
import { cExp, cFixed, cG, cInt } from '../cformat.js';

export interface FormatTensorOptions {
  /** The width a matrix row may take before it splits into column blocks (Torch's is 80). */
  lineWidth?: number;
}

// ---- Torch's choice of format ------------------------------------------------------------------

interface PrintFormat {
  /** One value as printed, padded to the format's width. */
  format: (v: number) => string;
  /** The shared factor the values are divided by, printed as `%g *`; undefined when none. */
  scale: number | undefined;
  /** The width of one value (NaN when a NaN is among the values, as in Torch). */
  sz: number;
}

/** Torch's decimal exponent of a magnitude: floor(log10 m) + 1, and 1 for 0 (NaN stays NaN). */
function exponentOf(m: number): number {
  return m !== 0 ? Math.floor(Math.log10(m)) + 1 : 1;
}

/** Torch's `printformat`: the common format of all `values` (not empty). */
function printFormat(values: ArrayLike<number>): PrintFormat {
  let intMode = true;
  // Torch's minall/maxall of |v|: NaN as soon as one value is NaN
  let min = Infinity;
  let max = -Infinity;
  let sawNaN = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== Math.ceil(v)) intMode = false;
    const a = Math.abs(v);
    if (Number.isNaN(a)) sawNaN = true;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  const expMin = sawNaN ? NaN : exponentOf(min);
  const expMax = sawNaN ? NaN : exponentOf(max);

  let kind: 'int' | 'fixed' | 'exp';
  let sz: number;
  let scale: number | undefined;
  if (intMode) {
    if (expMax > 9) {
      kind = 'exp';
      sz = 11;
    } else {
      kind = 'int';
      sz = expMax + 1;
    }
  } else if (expMax - expMin > 4) {
    kind = 'exp';
    sz = 11;
    if (Math.abs(expMax) > 99 || Math.abs(expMin) > 99) sz += 1;
  } else if (expMax > 5 || expMax < 0) {
    kind = 'fixed';
    sz = 7;
    scale = Number(`1e${expMax - 1}`);
  } else {
    kind = 'fixed';
    sz = expMax === 0 ? 7 : expMax + 6;
  }
  if (scale === 1) scale = undefined;

  // a NaN width makes Torch's format string `%nan.4f`, which it replaces by plain `%f`
  if (Number.isNaN(sz)) return { format: (v) => cFixed(v, NaN, 6), scale, sz };
  const width = sz;
  const format = kind === 'int' ? (v: number) => cInt(v, width)
    : kind === 'exp' ? (v: number) => cExp(v, width, 4)
      : (v: number) => cFixed(v, width, 4);
  return { format, scale, sz };
}

// ---- layout --------------------------------------------------------------------------------------

/** Torch's `printMatrix`: the rows×cols block of `values` starting at `offset`, row-major. */
function printMatrix(values: ArrayLike<number>, offset: number, rows: number, cols: number, pf: PrintFormat, indent: string, lineWidth: number): string {
  const scale = pf.scale ?? 1;
  const out: string[] = [indent];
  const perLine = Math.floor((lineWidth - indent.length) / (pf.sz + 1));
  let first = 0;
  while (first < cols) {
    // a NaN perLine (NaN among the values) fails both tests: one block, no header
    const last = first + perLine - 1 <= cols - 1 ? first + perLine - 1 : cols - 1;
    if (perLine < cols) {
      if (first !== 0) out.push('\n');
      out.push(`Columns ${first} to ${last}\n${indent}`);
    }
    if (scale !== 1) out.push(`${cG(scale)} *\n ${indent}`);
    for (let r = 0; r < rows; r++) {
      for (let c = first; c <= last; c++) {
        out.push(pf.format(values[offset + r * cols + c]! / scale));
        if (c === last) {
          out.push('\n');
          if (r !== rows - 1) out.push(scale !== 1 ? `${indent} ` : indent);
        } else {
          out.push(' ');
        }
      }
    }
    first = last + 1;
  }
  return out.join('');
}

/**
 * The text Torch7's `print(t)` shows for a tensor (Tensor.lua's `__tostring__`), ending with a
 * newline as Torch's does: the number format chosen from all the values, 1-D one value per line,
 * 2-D by rows split into `Columns a to b` blocks wider than `lineWidth` (80), 3-D and more by 2-D
 * slices headed `(i,j,.,.) = `, then the footer `[torch.FloatTensor of size 2x3x4]` (or
 * `[torch.FloatTensor with no dimension]` when empty). The column numbers and slice indices are
 * 0-based, as dpnn-ts indexes (Torch prints them 1-based: `Columns 1 to 10`, `(1,1,.,.) =`). See
 * the head of this file for the format rules.
 */
export function formatTensor(t: Tensor, options: FormatTensorOptions = {}): string {
  const lineWidth = options.lineWidth ?? 80;
  const typeName = t.type();
  const shape = t.shape.slice();
  if (shape.length === 0 || t.numel() === 0) return `[${typeName} with no dimension]\n`;
  const values = t.contiguous().toArray();
  const pf = printFormat(values);
  const footer = `[${typeName} of size ${shape.join('x')}]\n`;

  if (shape.length === 1) {
    const scale = pf.scale ?? 1;
    const out: string[] = [];
    if (pf.scale !== undefined) out.push(`${cG(pf.scale)} *\n`);
    for (let i = 0; i < values.length; i++) out.push(`${pf.format(values[i]! / scale)}\n`);
    out.push(footer);
    return out.join('');
  }

  const rows = shape[shape.length - 2]!;
  const cols = shape[shape.length - 1]!;
  if (shape.length === 2) return printMatrix(values, 0, rows, cols, pf, '', lineWidth) + footer;

  // the slices over the leading dimensions, the first index varying fastest (Torch's order)
  const lead = shape.slice(0, -2);
  const leadStrides: number[] = [];
  let stride = rows * cols;
  for (let d = lead.length - 1; d >= 0; d--) {
    leadStrides[d] = stride;
    stride *= lead[d]!;
  }
  const counter = lead.map(() => 0);
  const out: string[] = [];
  for (;;) {
    if (out.length > 0) out.push('\n');
    let offset = 0;
    for (let d = 0; d < lead.length; d++) offset += counter[d]! * leadStrides[d]!;
    out.push(`(${counter.join(',')},.,.) = \n`);
    out.push(printMatrix(values, offset, rows, cols, pf, ' ', lineWidth));
    let d = 0;
    while (d < lead.length) {
      counter[d] = counter[d]! + 1;
      if (counter[d]! < lead[d]!) break;
      counter[d] = 0;
      d++;
    }
    if (d === lead.length) break;
  }
  out.push(footer);
  return out.join('');
}
