/**
 * The gpu backend's (log-)softmax kernels and their backward passes (lib/kernels/gpu/softmaxKernels.ts)
 * against the js reference on the same float32 operands (offset 3 inside larger storages), for rows
 * of one chunk of columns, just over one, and many (more than the 65535 loop iterations a software
 * rasteriser runs in one shader): 1e-5 relative (float32 sums in another order). WebGPU only; a
 * printed skip without an adapter. Every call must run on the device.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import { CHUNK } from '../../lib/kernels/gpu/softmaxSources.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

const SHAPES: [rows: number, cols: number][] = [[3, 7], [5, 1], [2, CHUNK], [2, CHUNK + 1], [3, 10000], [1, 70000]];

let seed = 77;
const uniform = (a: number): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.fround((seed / 0x100000000 * 2 - 1) * a);
};
const operand = (values: number[], n: number): nn.Tensor => nn.Tensor.from(values, [values.length], 'float32').narrow(0, 3, n);

/** Every kernel on table k from the same numbers (operands made on the current backend). */
function run(k: nn.KernelTable, xs: number[], gs: number[], rows: number, cols: number): Record<string, nn.Tensor> {
  const n = rows * cols, blank = () => operand(new Array<number>(n + 7).fill(9), n);
  const x = operand(xs, n), g = operand(gs, n), ly = blank(), lg = blank(), sy = blank(), sg = blank();
  k.logSoftmax(ly, x, rows, cols);
  k.logSoftmaxBackward(lg, ly, g, rows, cols);
  k.softmax(sy, x, rows, cols);
  k.softmaxBackward(sg, sy, g, rows, cols);
  return { logSoftmax: ly, logSoftmaxBackward: lg, softmax: sy, softmaxBackward: sg };
}

function close(got: ArrayLike<number>, want: ArrayLike<number>, rel: number): string {
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= rel * Math.max(1, Math.abs(want[i]!)))) return `at ${i}: got ${got[i]}, want ${want[i]}`;
  }
  return got.length === want.length ? '' : `length ${got.length} ≠ ${want.length}`;
}

test('gpu (WebGPU) softmax and log-softmax kernels against js, rows of one to many chunks', async (t) => {
  const G = await webgpuOrSkip(t);
  if (!G) return t.end();
  for (const [rows, cols] of SHAPES) {
    const n = rows * cols, xs = Array.from({ length: n + 7 }, () => uniform(8)), gs = Array.from({ length: n + 7 }, () => uniform(1));
    nn.setBackend('js');
    const want = Object.fromEntries(Object.entries(run(jsBackend, xs, gs, rows, cols)).map(([k, v]) => [k, Array.from(v.storage.data)]));
    nn.setBackend('gpu');
    G.resetStats();
    const got = run(nn.backend(), xs, gs, rows, cols);
    await G.sync(Object.values(got));
    t.deepEqual(G.stats.hostKernels, {}, `${rows} × ${cols}: no host runs`);
    for (const [k, v] of Object.entries(got)) t.equal(close(Array.from(v.storage.data), want[k]!, 1e-5), '', `${rows} × ${cols}: ${k}`);
  }
  nn.setBackend('js');
  await G.destroy();
  t.end();
});
