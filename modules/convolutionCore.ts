/**
 * The matrix-product form shared by the convolution modules (as THNN's SpatialConvolutionMM):
 * im2col unfolds each example into a column matrix (K = C·kT·kH·kW rows, L = oT·oH·oW columns;
 * lib/kernels/convShape.ts), the matrices of a group of examples side by side (groupSize), and one
 * gemm with the weight (nOut × K) gives the group's output; the gradients are the transposed
 * products and col2im. The transposed (full) convolution runs the
 * same geometry the other way round: its output is the "image", its input the column side.
 * Tensors passed in are contiguous; x and the outputs are seen as B rows of one example each.
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { colCols, colRows, type ConvShape } from '../lib/kernels/convShape.js';
import { rng } from '../lib/random.js';
import { borrow, giveBack } from '../lib/torch/scratch.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

/** Example b of a contiguous batch tensor seen as B × n (a contiguous view at its offset). */
export function example(t: Tensor, B: number, b: number): Tensor {
  return t.view([B, t.numel() / B]).select(0, b);
}

/** A 1-D tensor of n ones (refilled only when its size changes). */
export function onesOf(ones: Tensor, n: number): Tensor {
  if (ones.numel() !== n || ones.dim() !== 1) ones.resize([n]).fill(1);
  return ones;
}

/** Whether im2col would copy x unchanged (1×1×1 kernel, stride 1, no padding): then x is its own column matrix. */
const isPointwise = (g: ConvShape): boolean =>
  g.kT * g.kH * g.kW === 1 && g.dT * g.dH * g.dW === 1 && g.padT + g.padH + g.padW === 0;

/** The column matrix of example xb: col filled by im2col, or xb itself for a pointwise kernel. */
export function columns(col: Tensor, xb: Tensor, g: ConvShape): Tensor {
  if (isPointwise(g)) return xb.view([colRows(g), colCols(g)]);
  backend().im2col(col.resize([colRows(g), colCols(g)]), xb, g);
  return col;
}

/** out_b (nOut × L) += bias ⊗ ones (one gemm of inner size 1). */
export function addBias(ob: Tensor, bias: Tensor, ones: Tensor, nOut: number, L: number): void {
  backend().gemm(ob, bias, onesOf(ones, L), nOut, L, 1, false, false, 1, 1);
}

/**
 * Examples per product: a group of n examples unfolds into one K × n·L column matrix, so that one
 * gemm serves the group (a small output image alone would give a thin, slow product). Groups are
 * ≥ GROUP_COLUMNS columns wide; an output of that many pixels or more runs one example at a time.
 */
let GROUP_COLUMNS = 512;
export const groupSize = (B: number, L: number): number => (L >= GROUP_COLUMNS ? 1 : Math.min(B, Math.ceil(GROUP_COLUMNS / L)));

/** Sets the group width (0: one example per product, as THNN); returns the previous one. For benchmarks. */
export function setGroupColumns(n: number): number {
  const prev = GROUP_COLUMNS;
  GROUP_COLUMNS = n;
  return prev;
}

/** The column matrix of the group of examples [b0, b0 + n) in finput: K × n·L, example j in columns [j·L, (j + 1)·L). */
const groupColumns = (finput: Tensor, K: number, L: number, b0: number, n: number): Tensor =>
  finput.view([finput.numel()]).narrow(0, b0 * K * L, n * K * L).view([K, n * L]);

/** The examples [b0, b0 + n) of a B × nOut × L tensor, seen as nOut × n × L (a strided view). */
const groupPlanes = (t: Tensor, B: number, nOut: number, L: number, b0: number, n: number): Tensor =>
  t.view([B, nOut, L]).narrow(0, b0, n).transpose(0, 1);

/** The gradOutput of a group as a contiguous nOut × n·L matrix (a borrowed temporary: hand it back). */
function groupGrad(gradOutput: Tensor, B: number, nOut: number, L: number, b0: number, n: number): Tensor {
  const G = borrow([nOut, n * L], gradOutput.dtype);
  G.view([nOut, n, L]).copy(groupPlanes(gradOutput, B, nOut, L, b0, n));
  return G;
}

/**
 * output (B × nOut × L) = weight (nOut × K) · im2col(x_b) + bias, a group of examples per product;
 * finput keeps the column matrices for accGradParameters (Torch's finput: B·K·L numbers).
 */
export function convForward(g: ConvShape, B: number, x: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null,
  finput: Tensor, ones: Tensor, nOut: number): void {
  const K = colRows(g), L = colCols(g), k = backend();
  if (isPointwise(g)) {
    for (let b = 0; b < B; b++) {
      const xb = example(x, B, b), ob = example(output, B, b);
      k.gemm(ob, weight, xb, nOut, L, K, false, false, 1, 0);
      if (bias) addBias(ob, bias, ones, nOut, L);
    }
    return;
  }
  finput.resize([B, K, L]);
  const step = groupSize(B, L);
  for (let b0 = 0; b0 < B; b0 += step) {
    const n = Math.min(step, B - b0), cols = groupColumns(finput, K, L, b0, n);
    for (let j = 0; j < n; j++) k.im2col(n === 1 ? cols : cols.narrow(1, j * L, L), example(x, B, b0 + j), g);
    if (n === 1) {
      const ob = example(output, B, b0);
      k.gemm(ob, weight, cols, nOut, L, K, false, false, 1, 0);
      if (bias) addBias(ob, bias, ones, nOut, L);
      continue;
    }
    const Y = borrow([nOut, n * L], output.dtype);
    k.gemm(Y, weight, cols, nOut, n * L, K, false, false, 1, 0);
    if (bias) addBias(Y, bias, ones, nOut, n * L);
    groupPlanes(output, B, nOut, L, b0, n).copy(Y.view([nOut, n, L]));
    giveBack(Y);
  }
}

/** gradInput_b = col2im(weightᵀ · gradOutput_b), a group of examples per product. */
export function convGradInput(g: ConvShape, B: number, gradOutput: Tensor, gradInput: Tensor, weight: Tensor,
  fgradInput: Tensor, nOut: number): void {
  const K = colRows(g), L = colCols(g), k = backend();
  if (isPointwise(g)) {
    for (let b = 0; b < B; b++) k.gemm(example(gradInput, B, b), weight, example(gradOutput, B, b), K, L, nOut, true, false, 1, 0);
    return;
  }
  const step = groupSize(B, L);
  fgradInput.resize([K, step * L]);
  for (let b0 = 0; b0 < B; b0 += step) {
    const n = Math.min(step, B - b0);
    if (n === 1) {
      k.gemm(fgradInput.resize([K, L]), weight, example(gradOutput, B, b0), K, L, nOut, true, false, 1, 0);
      k.col2im(example(gradInput, B, b0), fgradInput, g);
      continue;
    }
    const G = groupGrad(gradOutput, B, nOut, L, b0, n);
    const C = n === step ? fgradInput : borrow([K, n * L], gradInput.dtype);
    k.gemm(C, weight, G, K, n * L, nOut, true, false, 1, 0);
    for (let j = 0; j < n; j++) k.col2im(example(gradInput, B, b0 + j), C.narrow(1, j * L, L), g);
    giveBack(G);
    if (C !== fgradInput) giveBack(C);
  }
}

/** gradWeight += scale·gradOutput_b · col_bᵀ and gradBias += scale·Σ gradOutput_b, with the forward's column matrices (same groups). */
export function convAccGrad(g: ConvShape, B: number, x: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null,
  finput: Tensor, ones: Tensor, nOut: number, scale: number): void {
  const K = colRows(g), L = colCols(g), k = backend();
  const step = isPointwise(g) ? 1 : groupSize(B, L);
  for (let b0 = 0; b0 < B; b0 += step) {
    const n = Math.min(step, B - b0);
    const cols = isPointwise(g) ? example(x, B, b0) : groupColumns(finput, K, L, b0, n);
    const G = n === 1 ? example(gradOutput, B, b0) : groupGrad(gradOutput, B, nOut, L, b0, n);
    k.gemm(gradWeight, G, cols, nOut, K, n * L, false, true, scale, 1);
    if (gradBias) k.gemm(gradBias, G, onesOf(ones, n * L), nOut, 1, n * L, false, false, scale, 1);
    if (n > 1) giveBack(G);
  }
}

// The transposed convolution: g is the geometry of its output (C = nOut planes), so g's column
// side (L = oT·oH·oW) is the input's extent; weight is nIn × K.

/** output_b = col2im(weightᵀ · x_b) + bias. */
export function fullForward(g: ConvShape, B: number, x: Tensor, output: Tensor, weight: Tensor, bias: Tensor | null,
  col: Tensor, ones: Tensor, nIn: number): void {
  const K = colRows(g), L = colCols(g), outL = g.T * g.H * g.W, k = backend();
  col.resize([K, L]);
  for (let b = 0; b < B; b++) {
    const ob = example(output, B, b);
    k.gemm(col, weight, example(x, B, b), K, L, nIn, true, false, 1, 0);
    k.col2im(ob, col, g);
    if (bias) addBias(ob, bias, ones, g.C, outL);
  }
}

/** gradInput_b = weight · im2col(gradOutput_b). */
export function fullGradInput(g: ConvShape, B: number, gradOutput: Tensor, gradInput: Tensor, weight: Tensor, col: Tensor, nIn: number): void {
  const K = colRows(g), L = colCols(g), k = backend();
  for (let b = 0; b < B; b++) {
    const c = columns(col, example(gradOutput, B, b), g);
    k.gemm(example(gradInput, B, b), weight, c, nIn, L, K, false, false, 1, 0);
  }
}

/** gradWeight += scale·x_b · im2col(gradOutput_b)ᵀ, gradBias += scale·Σ gradOutput_b. */
export function fullAccGrad(g: ConvShape, B: number, x: Tensor, gradOutput: Tensor, gradWeight: Tensor, gradBias: Tensor | null,
  col: Tensor, ones: Tensor, nIn: number, scale: number): void {
  const K = colRows(g), L = colCols(g), outL = g.T * g.H * g.W, k = backend();
  for (let b = 0; b < B; b++) {
    const gb = example(gradOutput, B, b);
    k.gemm(gradWeight, example(x, B, b), columns(col, gb, g), nIn, K, L, false, true, scale, 1);
    if (gradBias) k.gemm(gradBias, gb, onesOf(ones, outL), g.C, 1, outL, false, false, scale, 1);
  }
}

/** A checked convolution input: contiguous, with its batch size and the extents after the plane dimension. */
export interface PlaneInput { x: Tensor; B: number; batch: boolean; extents: number[] }

/**
 * Checks a (B ×) nPlanes × extents… input of `dims` extents (2 for images, 3 for volumes); a
 * ShapeError naming `where` and the expected layout otherwise.
 */
export function planeInput(where: string, input: Tensor, nPlanes: number, dims: number, names: string): PlaneInput {
  const nd = input.dim(), batch = nd === dims + 2;
  if ((nd !== dims + 1 && !batch) || input.size(batch ? 1 : 0) !== nPlanes) {
    throw new ShapeError(`${where}: expected input of size [${nPlanes}, ${names}] or [B, ${nPlanes}, ${names}], got ${shapeStr(input.shape)}`);
  }
  return { x: input.contiguous(), B: batch ? input.size(0) : 1, batch, extents: input.shape.slice(batch ? 2 : 1) };
}

/** Torch's reset: U(−s, s) with s = stdv·√3 when stdv is given, else `fallback`, on each tensor given. */
export function resetUniform(stdv: number | undefined, fallback: number, ...tensors: (Tensor | null)[]): void {
  const s = stdv !== undefined ? stdv * Math.sqrt(3) : fallback;
  for (const t of tensors) if (t) backend().randomUniform(t, rng, -s, s);
}

/** Throws an ArgumentError naming `where` unless every value is a positive integer (or a non-negative one where `zeroOk`). */
export function checkSizes(where: string, values: Record<string, number>, zeroOk: readonly string[] = []): void {
  for (const [name, v] of Object.entries(values)) {
    const min = zeroOk.includes(name) ? 0 : 1;
    if (!(Number.isInteger(v) && v >= min)) throw new ArgumentError(`${where}: expected ${name} to be an integer ≥ ${min}, got ${v}`);
  }
}

/** The rows of a connection table (nConnections × 2, 0-based plane indices), checked. */
export function connections(where: string, connTable: Tensor): [number, number][] {
  if (connTable.dim() !== 2 || connTable.size(1) !== 2 || connTable.size(0) < 1) {
    throw new ShapeError(`${where}: expected a connection table of size [nConnections, 2], got ${shapeStr(connTable.shape)}`);
  }
  const rows: [number, number][] = [];
  for (let r = 0; r < connTable.size(0); r++) {
    const i = connTable.get(r, 0), o = connTable.get(r, 1);
    if (!(Number.isInteger(i) && Number.isInteger(o) && i >= 0 && o >= 0)) {
      throw new ArgumentError(`${where}: expected 0-based plane indices in the connection table, got row ${r} = (${i}, ${o})`);
    }
    rows.push([i, o]);
  }
  return rows;
}

/** The Map convolutions' reset: U(±stdv·√3) for all, else per kernel and bias U(±1/√(k·fan-in of its output plane)). */
export function resetMap(stdv: number | undefined, pairs: readonly (readonly [number, number])[], k: number, weight: Tensor, bias: Tensor): void {
  if (stdv !== undefined) return resetUniform(stdv, 0, weight, bias);
  const fanIn = new Array<number>(bias.numel()).fill(0);
  for (const [, o] of pairs) fanIn[o]!++;
  pairs.forEach(([, o], r) => resetUniform(undefined, 1 / Math.sqrt(k * Math.max(1, fanIn[o]!)), weight.select(0, r)));
  fanIn.forEach((n, o) => resetUniform(undefined, 1 / Math.sqrt(k * Math.max(1, n)), bias.narrow(0, o, 1)));
}
