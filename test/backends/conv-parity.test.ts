/**
 * The convolution kernels im2col and col2im (lib/kernels/{js,wasm,gpu}) on the wasm backend and
 * on the gpu backend (WebGPU; a printed skip without an adapter) against the js reference on the
 * same float32 inputs: images and volumes, strides, padding wider than the kernel reach, dilation,
 * 1×1 kernels, outputs of one column, operands at offsets inside larger storages. im2col copies
 * numbers, so it must match exactly; col2im sums at most kT·kH·kW of them (1e-6 relative). Each
 * wasm call is also checked to have run in wasm (no fallback counted).
 */
import test from 'tape';
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import { resetWasmFallbacks, wasmFallbacks } from '../../lib/kernels/wasm/index.js';
import { colCols, colRows, convShape, type ConvShape, type Triple } from '../../lib/kernels/convShape.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

type Geo = [C: number, size: Triple, k: Triple, d: Triple, pad: Triple, dil: Triple];
const GEOMETRIES: Geo[] = [
  [1, [1, 5, 5], [1, 3, 3], [1, 1, 1], [0, 0, 0], [1, 1, 1]],
  [3, [1, 7, 6], [1, 3, 2], [1, 2, 1], [0, 1, 2], [1, 1, 1]],
  [2, [1, 9, 11], [1, 3, 3], [1, 2, 3], [0, 2, 1], [1, 2, 2]],
  [4, [1, 6, 6], [1, 1, 1], [1, 1, 1], [0, 0, 0], [1, 1, 1]],
  [2, [1, 4, 4], [1, 2, 2], [1, 1, 1], [0, 3, 3], [1, 1, 1]],
  [1, [1, 8, 13], [1, 8, 13], [1, 1, 1], [0, 0, 0], [1, 1, 1]],
  [2, [4, 5, 6], [2, 3, 3], [1, 2, 1], [1, 0, 1], [1, 1, 1]],
  [3, [5, 4, 7], [2, 2, 3], [2, 1, 2], [0, 1, 1], [2, 1, 1]],
  [6, [1, 28, 28], [1, 5, 5], [1, 1, 1], [0, 0, 0], [1, 1, 1]],
  [3, [1, 7, 7], [1, 3, 3], [1, 1, 1], [0, 1, 1], [1, 1, 1]], // "same" padding at stride 1: the wasm im2col's one copy per block
  [2, [3, 6, 6], [3, 5, 5], [1, 1, 1], [1, 2, 2], [1, 1, 1]],
];

let seed = 777;
const uniform = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.fround(seed / 0x100000000 * 2 - 1);
};
const label = (g: ConvShape): string =>
  `C ${g.C}, ${g.T}×${g.H}×${g.W}, kernel ${g.kT}×${g.kH}×${g.kW}, stride ${g.dT},${g.dH},${g.dW}, pad ${g.padT},${g.padH},${g.padW}, dil ${g.dilT},${g.dilH},${g.dilW}`;

/** Tensors of n float32 numbers at offset 3 inside storages of n + 7 (the rest random too). */
function operand(values: number[], n: number): nn.Tensor {
  return nn.Tensor.from(values, [values.length], 'float32').narrow(0, 3, n);
}

interface Run { col: number[]; x: number[] }
/** im2col of a random input, then col2im of a random column matrix, on the active backend; both storages whole. */
function run(k: nn.KernelTable, g: ConvShape, xs: number[], cs: number[]): { x: nn.Tensor; col: nn.Tensor; grad: nn.Tensor; cols: nn.Tensor } {
  const nx = g.C * g.T * g.H * g.W, nc = colRows(g) * colCols(g);
  const x = operand(xs, nx), col = operand(new Array<number>(nc + 7).fill(9), nc);
  k.im2col(col, x, g);
  const cols = operand(cs, nc), grad = operand(new Array<number>(nx + 7).fill(9), nx);
  k.col2im(grad, cols, g);
  return { x, col, grad, cols };
}
const whole = (t: nn.Tensor): number[] => Array.from(t.storage.data);

function reference(g: ConvShape, xs: number[], cs: number[]): Run {
  nn.setBackend('js');
  const r = run(jsBackend, g, xs, cs);
  return { col: whole(r.col), x: whole(r.grad) };
}

function inputs(g: ConvShape): [number[], number[]] {
  const nx = g.C * g.T * g.H * g.W, nc = colRows(g) * colCols(g);
  return [Array.from({ length: nx + 7 }, uniform), Array.from({ length: nc + 7 }, uniform)];
}

function close(got: number[], want: number[], rel: number): string {
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= rel * Math.max(1, Math.abs(want[i]!)))) return `at ${i}: got ${got[i]}, want ${want[i]}`;
  }
  return got.length === want.length ? '' : `length ${got.length} ≠ ${want.length}`;
}

const shapes = GEOMETRIES.map(([C, size, k, d, pad, dil]) => convShape('conv-parity', C, size, k, d, pad, dil));

test('wasm im2col and col2im against js: images, volumes, stride, padding, dilation, offsets', (t) => {
  for (const g of shapes) {
    const [xs, cs] = inputs(g), want = reference(g, xs, cs);
    nn.setBackend('wasm');
    resetWasmFallbacks();
    const r = run(nn.backend(), g, xs, cs);
    const fell = Object.keys(wasmFallbacks()).join(', ');
    t.ok(!fell, `${label(g)}: ran in wasm${fell ? ` (fell back: ${fell})` : ''}`);
    t.equal(close(whole(r.col), want.col, 0), '', `${label(g)}: im2col exact, the storage around it kept`);
    t.equal(close(whole(r.grad), want.x, 1e-6), '', `${label(g)}: col2im`);
  }
  nn.setBackend('js');
  t.end();
});

test('gpu (WebGPU) im2col and col2im against js', async (t) => {
  const G = await webgpuOrSkip(t);
  if (!G) return t.end();
  for (const g of shapes) {
    const [xs, cs] = inputs(g), want = reference(g, xs, cs);
    nn.setBackend('gpu');
    const r = run(nn.backend(), g, xs, cs);
    await G.sync([r.col, r.grad]);
    t.equal(close(whole(r.col), want.col, 0), '', `${label(g)}: gpu im2col exact, the storage around it kept`);
    t.equal(close(whole(r.grad), want.x, 1e-6), '', `${label(g)}: gpu col2im`);
    t.deepEqual(G.stats.hostKernels, {}, `${label(g)}: no host runs`);
  }
  nn.setBackend('js');
  await G.destroy();
  t.end();
});
