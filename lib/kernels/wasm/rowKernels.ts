/**
 * The wasm backend's row-wise and remaining elementwise kernels (./assembly/rows.ts, rowsPointwise.ts,
 * rowsLstm.ts, rowsIndex.ts): (log-)softmax and their gradients, argmax, the class NLL and its
 * gradient, Adam, fill, adds, cdiv, scaleRows, hardtanh and its gradient, sum, dot, sqdist, the LSTM
 * cell, renorm, classReward, scanDim, indexCopy and scatter, when every float tensor operand is
 * float32 in the wasm heap; otherwise the js kernel runs and is counted. Absent tensors are passed as
 * 0; class targets and predictions (of every dtype) pass through a float64 scratch block, index tensors
 * through an i32 one.
 */
import type { KernelTable } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';

type Rows = (rows: number, cols: number, out: number, x: number) => void;
type RowsBackward = (rows: number, cols: number, gradIn: number, y: number, gradOut: number) => void;

export interface RowExports {
  adamF32(n: number, param: number, grad: number, m: number, v: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  fillF32(n: number, out: number, value: number): void;
  addsF32(n: number, out: number, x: number, s: number): void;
  cdivF32(n: number, out: number, x: number, y: number): void;
  scaleRowsF32(rows: number, cols: number, out: number, x: number, s: number): void;
  hardtanhF32(n: number, out: number, x: number, min: number, max: number): void;
  hardtanhBackwardF32(n: number, gradIn: number, x: number, gradOut: number, min: number, max: number): void;
  sumF32(n: number, x: number): number;
  dotF32(n: number, x: number, y: number): number;
  sqdistF32(n: number, x: number, y: number): number;
  logSoftmaxF32: Rows;
  softmaxF32: Rows;
  argmaxRowsF32: Rows;
  logSoftmaxBackwardF32: RowsBackward;
  softmaxBackwardF32: RowsBackward;
  classNLLF32(result: number, x: number, target: number, weights: number, rows: number, cols: number, ignore: number): void;
  classNLLBackwardF32(gradIn: number, target: number, weights: number, rows: number, cols: number, ignore: number, norm: number): void;
  lstmCellF32(gates: number, c: number, h: number, tanhC: number, cPrev: number, B: number, H: number): void;
  lstmCellBackwardF32(gradGates: number, gradCPrev: number, gates: number, tanhC: number, cPrev: number,
    gradH: number, gradC: number, B: number, H: number): void;
  renormF32(x: number, rows: number, cols: number, byRow: number, maxNorm: number): void;
  classRewardF32(out: number, pred: number, target: number, n: number, scale: number): void;
  scanF32(out: number, x: number, outer: number, n: number, inner: number, prod: number): void;
  indexCopyF32(out: number, src: number, index: number, outer: number, n: number, inner: number, m: number, add: number): void;
  scatterF32(out: number, src: number, value: number, index: number, outer: number, n: number, inner: number, m: number, add: number): void;
}

type RowKernels = Pick<KernelTable, 'adam' | 'fill' | 'adds' | 'cdiv' | 'scaleRows' | 'hardtanh' | 'hardtanhBackward' | 'sum' | 'dot'
  | 'sqdist' | 'logSoftmax' | 'logSoftmaxBackward' | 'softmax' | 'softmaxBackward' | 'argmaxRows' | 'classNLL' | 'classNLLBackward'
  | 'lstmCell' | 'lstmCellBackward' | 'renorm' | 'classReward' | 'scanDim' | 'indexCopy' | 'scatter'>;

export interface RowContext {
  k: RowExports;
  /** t's byte address in the heap, or -1 when t is not float32 there. */
  ptr(t: Tensor): number;
  /** A scratch block of at least `floats` 4-byte words, 16-byte aligned (may grow the memory). */
  scratchFor(floats: number): number;
  memory: WebAssembly.Memory;
  js: KernelTable;
  fellBack(name: string): void;
}

export function wasmRowKernels({ k, ptr, scratchFor, memory, js, fellBack }: RowContext): RowKernels {
  /** The addresses of ts (null: 0), or null when one is not float32 in the heap. */
  const ptrs = (...ts: (Tensor | null)[]): number[] | null => {
    const out = ts.map((t) => (t === null ? 0 : ptr(t)));
    return out.every((p) => p >= 0) ? out : null;
  };
  const viaJs = <K extends keyof RowKernels>(name: K): KernelTable[K] => {
    fellBack(name);
    return js[name];
  };
  /** A scratch block of 16 bytes (classNLL's two float64 results), then the rows targets as float64; its address. */
  const targetsIn = (target: Tensor, rows: number): number => {
    const base = scratchFor(4 + 2 * rows);
    new Float64Array(memory.buffer, base + 16, rows).set(target.data.subarray(target.offset, target.offset + rows));
    return base;
  };

  /** The first `count` indices of t as i32 in a scratch block; its address. */
  const indicesIn = (t: Tensor, count: number): number => {
    const base = scratchFor(count);
    new Int32Array(memory.buffer, base, count).set(t.data.subarray(t.offset, t.offset + count));
    return base;
  };

  return {
    adam(param, grad, m, v, lr, beta1, beta2, eps, t) {
      const p = ptrs(param, grad, m, v);
      if (!p) return viaJs('adam')(param, grad, m, v, lr, beta1, beta2, eps, t);
      k.adamF32(param.numel(), p[0]!, p[1]!, p[2]!, p[3]!, lr, beta1, beta2, eps, 1 - beta1 ** t, 1 - beta2 ** t);
    },
    fill(out, value) {
      const o = ptr(out);
      if (o < 0) return viaJs('fill')(out, value);
      k.fillF32(out.numel(), o, value);
    },
    adds(out, x, s) {
      const p = ptrs(out, x);
      if (!p) return viaJs('adds')(out, x, s);
      k.addsF32(out.numel(), p[0]!, p[1]!, s);
    },
    cdiv(out, x, y) {
      const p = ptrs(out, x, y);
      if (!p) return viaJs('cdiv')(out, x, y);
      k.cdivF32(out.numel(), p[0]!, p[1]!, p[2]!);
    },
    scaleRows(out, x, s, rows, cols) {
      const p = ptrs(out, x, s);
      if (!p) return viaJs('scaleRows')(out, x, s, rows, cols);
      k.scaleRowsF32(rows, cols, p[0]!, p[1]!, p[2]!);
    },
    hardtanh(out, x, min, max) {
      const p = ptrs(out, x);
      if (!p) return viaJs('hardtanh')(out, x, min, max);
      k.hardtanhF32(out.numel(), p[0]!, p[1]!, min, max);
    },
    hardtanhBackward(gradIn, x, gradOut, min, max) {
      const p = ptrs(gradIn, x, gradOut);
      if (!p) return viaJs('hardtanhBackward')(gradIn, x, gradOut, min, max);
      k.hardtanhBackwardF32(gradIn.numel(), p[0]!, p[1]!, p[2]!, min, max);
    },
    sum(x) {
      const px = ptr(x);
      return px < 0 ? viaJs('sum')(x) : k.sumF32(x.numel(), px);
    },
    dot(x, y) {
      const p = ptrs(x, y);
      return p ? k.dotF32(x.numel(), p[0]!, p[1]!) : viaJs('dot')(x, y);
    },
    sqdist(x, y) {
      const p = ptrs(x, y);
      return p ? k.sqdistF32(x.numel(), p[0]!, p[1]!) : viaJs('sqdist')(x, y);
    },
    logSoftmax(out, x, rows, cols) {
      const p = ptrs(out, x);
      if (!p) return viaJs('logSoftmax')(out, x, rows, cols);
      k.logSoftmaxF32(rows, cols, p[0]!, p[1]!);
    },
    softmax(out, x, rows, cols) {
      const p = ptrs(out, x);
      if (!p) return viaJs('softmax')(out, x, rows, cols);
      k.softmaxF32(rows, cols, p[0]!, p[1]!);
    },
    argmaxRows(out, x, rows, cols) {
      const p = ptrs(out, x);
      if (!p) return viaJs('argmaxRows')(out, x, rows, cols);
      k.argmaxRowsF32(rows, cols, p[0]!, p[1]!);
    },
    logSoftmaxBackward(gradIn, y, gradOut, rows, cols) {
      const p = ptrs(gradIn, y, gradOut);
      if (!p) return viaJs('logSoftmaxBackward')(gradIn, y, gradOut, rows, cols);
      k.logSoftmaxBackwardF32(rows, cols, p[0]!, p[1]!, p[2]!);
    },
    softmaxBackward(gradIn, y, gradOut, rows, cols) {
      const p = ptrs(gradIn, y, gradOut);
      if (!p) return viaJs('softmaxBackward')(gradIn, y, gradOut, rows, cols);
      k.softmaxBackwardF32(rows, cols, p[0]!, p[1]!, p[2]!);
    },
    classNLL(result, x, target, weights, rows, cols, ignoreIndex) {
      const p = ptrs(x, weights);
      if (!p) return viaJs('classNLL')(result, x, target, weights, rows, cols, ignoreIndex);
      const base = targetsIn(target, rows);
      k.classNLLF32(base, p[0]!, base + 16, p[1]!, rows, cols, ignoreIndex);
      result.set(new Float64Array(memory.buffer, base, 2));
    },
    classNLLBackward(gradIn, target, weights, rows, cols, ignoreIndex, norm) {
      const p = ptrs(gradIn, weights);
      if (!p) return viaJs('classNLLBackward')(gradIn, target, weights, rows, cols, ignoreIndex, norm);
      k.classNLLBackwardF32(p[0]!, targetsIn(target, rows) + 16, p[1]!, rows, cols, ignoreIndex, norm);
    },
    lstmCell(gates, c, h, tanhC, cPrev, B, H) {
      const p = ptrs(gates, c, h, tanhC, cPrev);
      if (!p) return viaJs('lstmCell')(gates, c, h, tanhC, cPrev, B, H);
      k.lstmCellF32(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, B, H);
    },
    lstmCellBackward(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H) {
      const p = ptrs(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC);
      if (!p) return viaJs('lstmCellBackward')(gradGates, gradCPrev, gates, tanhC, cPrev, gradH, gradC, B, H);
      k.lstmCellBackwardF32(p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, p[5]!, p[6]!, B, H);
    },
    renorm(x, rows, cols, byRow, maxNorm) {
      const px = ptr(x);
      if (px < 0) return viaJs('renorm')(x, rows, cols, byRow, maxNorm);
      k.renormF32(px, rows, cols, byRow ? 1 : 0, maxNorm);
    },
    classReward(out, pred, target, n, scale) {
      const o = ptr(out);
      if (o < 0) return viaJs('classReward')(out, pred, target, n, scale);
      const base = scratchFor(4 * n), f64 = new Float64Array(memory.buffer, base, 2 * n);
      f64.set(pred.data.subarray(pred.offset, pred.offset + n));
      f64.set(target.data.subarray(target.offset, target.offset + n), n);
      k.classRewardF32(o, base, base + 8 * n, n, scale);
    },
    scanDim(out, x, outer, n, inner, prod) {
      const p = ptrs(out, x);
      if (!p) return viaJs('scanDim')(out, x, outer, n, inner, prod);
      k.scanF32(p[0]!, p[1]!, outer, n, inner, prod ? 1 : 0);
    },
    indexCopy(out, src, index, outer, n, inner, m, add) {
      const p = ptrs(out, src);
      if (!p) return viaJs('indexCopy')(out, src, index, outer, n, inner, m, add);
      k.indexCopyF32(p[0]!, p[1]!, indicesIn(index, m), outer, n, inner, m, add ? 1 : 0);
    },
    scatter(out, src, value, index, outer, n, inner, m, add) {
      const p = ptrs(out, src);
      if (!p) return viaJs('scatter')(out, src, value, index, outer, n, inner, m, add);
      k.scatterF32(p[0]!, p[1]!, value, indicesIn(index, outer * m * inner), outer, n, inner, m, add ? 1 : 0);
    },
  };
}
