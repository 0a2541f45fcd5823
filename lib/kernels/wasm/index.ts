/**
 * The wasm backend: the js kernels, with the hot ones (matrix products in every transpose variant,
 * the common pointwise kernels, im2col/col2im of the convolutions, and the tensor library's
 * pointwise math, reductions, index and sort kernels in ./tensorOps.ts; pooling, batch norm and
 * nearest upsampling in ./poolKernels.ts; the softmaxes, class NLL, Adam, LSTM cell and the
 * remaining row and index kernels in ./rowKernels.ts) replaced by WebAssembly SIMD kernels compiled
 * from ./assembly (AssemblyScript) at build time; only the random draws stay js. float32 tensors live in the module's memory, so a kernel call
 * copies nothing; a call with any operand elsewhere (float64, or a tensor made before the backend
 * was chosen) runs the js kernel instead, and wasmFallbacks() counts it, as it counts every call
 * of a js kernel the table inherits.
 * The compiled kernels (kernels.wasm, exported as `dpnn-ts/kernels.wasm`) are read from disk under
 * Node; in a browser the backend fetches them from beside this module and runs the js kernels until
 * they arrive (wasmReady() resolves then); setWasmBytes(bytes) hands them over instead (./load.ts).
 */
import type { KernelTable } from '../KernelTable.js';
import type { Tensor } from '../../Tensor.js';
import { jsBackend } from '../js/index.js';
import { WasmHeap, WasmStorage } from './heap.js';
import { StateError } from '../../errors.js';
import { wasmTensorOps, type TensorOpExports } from './tensorOps.js';
import { wasmPoolKernels, type PoolExports } from './poolKernels.js';
import { wasmRowKernels, type RowExports } from './rowKernels.js';
import { colStride, type ConvShape } from '../convShape.js';
import { loadKernels, type Imports } from './load.js';

export { setWasmBytes, wasmReady, wasmUrl } from './load.js';

interface Exports extends TensorOpExports, PoolExports, RowExports {
  gemmXN(m: number, n: number, k: number, alpha: number, a: number, sAi: number, sAp: number, b: number, sBp: number, sBj: number, beta: number, c: number, ldc: number, scratch: number): void;
  gemmNT(m: number, n: number, k: number, alpha: number, a: number, b: number, beta: number, c: number, ldc: number): void;
  axpby(n: number, out: number, a: number, x: number, b: number, y: number): void;
  relu(n: number, out: number, x: number): void;
  reluBackward(n: number, gradIn: number, x: number, gradOut: number): void;
  tanh(n: number, out: number, x: number): void;
  tanhBackward(n: number, gradIn: number, y: number, gradOut: number): void;
  sigmoidBackward(n: number, gradIn: number, y: number, gradOut: number): void;
  addRowVector(rows: number, cols: number, out: number, v: number, alpha: number): void;
  sumRows(rows: number, cols: number, out: number, x: number, alpha: number, beta: number): void;
  copy(n: number, out: number, x: number): void;
  cmul(n: number, out: number, x: number, y: number): void;
  glimpseAvg(out: number, image: number, location: number, B: number, C: number, H: number, W: number, oh: number, ow: number, depth: number): void;
  glimpseAvgBackward(gradImage: number, gradOut: number, location: number, B: number, C: number, H: number, W: number, oh: number, ow: number, depth: number): void;
  im2colF32: ConvKernel;
  col2imF32: ConvKernel;
}

/** im2col/col2im: destination and source addresses, then the geometry in convArgs's order (../convShape.ts). */
type ConvKernel = (dst: number, src: number, C: number, T: number, H: number, W: number, kT: number, kH: number, kW: number,
  dT: number, dH: number, dW: number, pT: number, pH: number, pW: number, lT: number, lH: number, lW: number, oT: number, oH: number, oW: number, ld: number) => void;
const runConv = (f: ConvKernel, dst: number, src: number, g: ConvShape, ld: number): void =>
  f(dst, src, g.C, g.T, g.H, g.W, g.kT, g.kH, g.kW, g.dT, g.dH, g.dW, g.padT, g.padH, g.padW, g.dilT, g.dilH, g.dilW, g.oT, g.oH, g.oW, ld);

/** How often each kernel ran its js version: `gemm` when an operand is not float32 in the heap, `unary.sin` for an op or shape without a wasm version. */
const fallbacks: Record<string, number> = {};

export function wasmFallbacks(): Record<string, number> {
  return { ...fallbacks };
}

export function resetWasmFallbacks(): void {
  for (const name of Object.keys(fallbacks)) delete fallbacks[name];
}

const fellBack = (name: string): void => {
  fallbacks[name] = (fallbacks[name] ?? 0) + 1;
};

/** The js kernels with each call counted as a fallback: the wasm table starts from these and overrides the kernels it has. */
function countedJs(js: KernelTable): KernelTable {
  const table: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(js)) {
    table[name] = typeof f !== 'function' ? f : (...args: unknown[]): unknown => {
      fellBack(name);
      return (f as (...a: unknown[]) => unknown)(...args);
    };
  }
  return table as unknown as KernelTable;
}

export function createWasmBackend(): KernelTable {
  const heap = new WasmHeap();
  /** The kernels: filled in when the module is instantiated (in a browser, after its fetch); until then ptr() is -1 and every call runs js. */
  const k = {} as Exports;
  let ready = false;
  const imports: Imports = { env: { memory: heap.memory, abort: () => { throw new StateError('wasm kernel aborted'); } } };
  loadKernels(imports, (instance) => {
    Object.assign(k, instance.exports);
    ready = true;
  });
  const js = jsBackend;
  /** The js kernel `name`, counted as a fallback. */
  const viaJs = <K extends keyof KernelTable>(name: K): KernelTable[K] => {
    fellBack(name);
    return js[name];
  };
  let scratch: [number, number] = [0, 0];

  /** The byte address of t's first element, or -1 when t is not float32 in this heap or the kernels are not in yet. */
  const ptr = (t: Tensor): number => {
    const s = t.storage;
    return ready && s instanceof WasmStorage && s.heap === heap ? s.ptr + 4 * t.offset : -1;
  };
  const scratchFor = (floats: number): number => {
    if (scratch[1] < floats * 4) {
      if (scratch[1] > 0) heap.release(scratch[0], scratch[1]);
      const block = heap.alloc(floats * 4);
      if (block === null) throw new StateError(`wasm backend: no memory left for a ${floats * 4}-byte kernel scratch (the wasm memory is at its 4 GiB limit)`);
      scratch = block;
    }
    return scratch[0];
  };

  const tensorOps = wasmTensorOps({ k, ptr, scratchFor, memory: heap.memory, js, fellBack });
  return {
    ...countedJs(js),
    ...tensorOps,
    ...wasmPoolKernels({ k, ptr, scratchFor, js, fellBack }),
    ...wasmRowKernels({ k, ptr, scratchFor, memory: heap.memory, js, fellBack }),
    name: 'wasm',
    allocator: heap.allocator,
    gemm(C, A, B, m, n, kk, transA, transB, alpha, beta) {
      const c = ptr(C), a = ptr(A), b = ptr(B);
      if (c < 0 || a < 0 || b < 0) return viaJs('gemm')(C, A, B, m, n, kk, transA, transB, alpha, beta);
      // A·Bᵀ with few rows of A (the Linear forward at batch sizes) or few columns: dot products of rows in place
      if (transB && !transA && (m < 96 || n < 16)) return k.gemmNT(m, n, kk, alpha, a, b, beta, c, n);
      // op(A)(i, p) at a + 4(i·sAi + p·sAp), op(B)(p, j) at b + 4(p·sBp + j·sBj): Aᵀ is stored k×m, Bᵀ n×k.
      // gemmXN's scratch (see assembly/gemm.ts): a block of op(B) of up to 256 × 256 in panels of 8
      // columns (each a cache line longer), 4 rows of op(A), one register block; none when it walks B in place (m < 4 or k < 4, B not transposed).
      const kc = Math.min(256, kk), panels = (Math.min(256, n) + 7) >> 3;
      const scratch = !transB && (m < 4 || kk < 4) ? 0 : scratchFor(panels * (8 * kc + 16) + 4 * kc + 32);
      k.gemmXN(m, n, kk, alpha, a, transA ? 1 : kk, transA ? m : 1, b, transB ? 1 : n, transB ? kk : 1, beta, c, n, scratch);
    },
    axpby(out, a, x, b, y) {
      const o = ptr(out), px = ptr(x), py = ptr(y);
      if (o < 0 || px < 0 || py < 0) return viaJs('axpby')(out, a, x, b, y);
      k.axpby(out.numel(), o, a, px, b, py);
    },
    copy(out, x) {
      const o = ptr(out), px = ptr(x);
      if (o < 0 || px < 0) return viaJs('copy')(out, x);
      k.copy(out.numel(), o, px);
    },
    cmul(out, x, y) {
      const o = ptr(out), px = ptr(x), py = ptr(y);
      if (o < 0 || px < 0 || py < 0) return viaJs('cmul')(out, x, y);
      k.cmul(out.numel(), o, px, py);
    },
    relu(out, x) {
      const o = ptr(out), px = ptr(x);
      if (o < 0 || px < 0) return viaJs('relu')(out, x);
      k.relu(out.numel(), o, px);
    },
    reluBackward(gradIn, x, gradOut) {
      const g = ptr(gradIn), px = ptr(x), go = ptr(gradOut);
      if (g < 0 || px < 0 || go < 0) return viaJs('reluBackward')(gradIn, x, gradOut);
      k.reluBackward(gradIn.numel(), g, px, go);
    },
    // the activations: a rational tanh (assembly/pointwise.ts), the tensor library's SIMD sigmoid, and their gradients from the output
    tanh(out, x) {
      const o = ptr(out), px = ptr(x);
      if (o < 0 || px < 0) return viaJs('tanh')(out, x);
      k.tanh(out.numel(), o, px);
    },
    sigmoid(out, x) {
      tensorOps.unary(out, x, 'sigmoid', 0, 0);
    },
    tanhBackward(gradIn, y, gradOut) {
      const g = ptr(gradIn), py = ptr(y), go = ptr(gradOut);
      if (g < 0 || py < 0 || go < 0) return viaJs('tanhBackward')(gradIn, y, gradOut);
      k.tanhBackward(gradIn.numel(), g, py, go);
    },
    sigmoidBackward(gradIn, y, gradOut) {
      const g = ptr(gradIn), py = ptr(y), go = ptr(gradOut);
      if (g < 0 || py < 0 || go < 0) return viaJs('sigmoidBackward')(gradIn, y, gradOut);
      k.sigmoidBackward(gradIn.numel(), g, py, go);
    },
    addRowVector(out, v, rows, cols, alpha) {
      const o = ptr(out), pv = ptr(v);
      if (o < 0 || pv < 0) return viaJs('addRowVector')(out, v, rows, cols, alpha);
      k.addRowVector(rows, cols, o, pv, alpha);
    },
    glimpse(out, image, location, B, C, H, W, g) {
      const o = ptr(out), im = ptr(image), l = ptr(location);
      if (o < 0 || im < 0 || l < 0 || (g.scale !== 2 && g.depth > 1)) return viaJs('glimpse')(out, image, location, B, C, H, W, g);
      k.glimpseAvg(o, im, l, B, C, H, W, g.height, g.width, g.depth);
    },
    glimpseBackward(gradImage, gradOut, location, B, C, H, W, g) {
      const gi = ptr(gradImage), go = ptr(gradOut), l = ptr(location);
      if (gi < 0 || go < 0 || l < 0 || (g.scale !== 2 && g.depth > 1)) return viaJs('glimpseBackward')(gradImage, gradOut, location, B, C, H, W, g);
      k.glimpseAvgBackward(gi, go, l, B, C, H, W, g.height, g.width, g.depth);
    },
    im2col(col, x, g) {
      const c = ptr(col), px = ptr(x);
      if (c < 0 || px < 0) return viaJs('im2col')(col, x, g);
      runConv(k.im2colF32, c, px, g, colStride(col, g));
    },
    col2im(x, col, g) {
      const px = ptr(x), c = ptr(col);
      if (c < 0 || px < 0) return viaJs('col2im')(x, col, g);
      runConv(k.col2imF32, px, c, g, colStride(col, g));
    },
    sumRows(out, x, rows, cols, alpha, beta) {
      const o = ptr(out), px = ptr(x);
      if (o < 0 || px < 0) return viaJs('sumRows')(out, x, rows, cols, alpha, beta);
      k.sumRows(rows, cols, o, px, alpha, beta);
    },
  };
}
