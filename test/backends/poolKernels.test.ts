/**
 * The pooling, unpooling, batch-norm and upsampling kernels (lib/kernels/{js,wasm,gpu}) on the wasm backend
 * and on the gpu backend (WebGPU; a printed skip without an adapter) against the js reference on
 * the same float32 operands, which sit at offset 3 inside larger storages (the numbers around them
 * must be kept). Max pooling, unpooling and upsampling move numbers, so they match exactly (their backward
 * passes add in the same order); average pooling and batch norm sum in another order or
 * precision: 1e-6 relative on wasm, 1e-5 on the gpu (float32 sums over up to 392 values). Each wasm
 * call is checked to have run in wasm, each gpu call on the device.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import { resetWasmFallbacks, wasmFallbacks } from '../../lib/kernels/wasm/index.js';
import { pooledSize } from '../../modules/SpatialMaxPooling.js';
import type { AvgPoolMode, BatchNormShape, PoolShape, UpsampleShape } from '../../lib/kernels/poolShape.js';
import { webgpuOrSkip } from '../helpers/webgpu.js';

/** [planes, iH, iW, kH, kW, dH, dW, padH, padW, dilH, dilW, ceil] */
type Geo = [number, number, number, number, number, number, number, number, number, number, number, boolean];
const POOLS: Geo[] = [
  [2, 4, 4, 2, 2, 2, 2, 0, 0, 1, 1, false],
  [3, 5, 7, 3, 2, 2, 1, 1, 1, 1, 1, true],
  [2, 9, 11, 3, 3, 3, 3, 0, 0, 1, 1, false],
  [1, 7, 8, 3, 3, 1, 1, 1, 1, 1, 1, false],
  [2, 9, 10, 2, 3, 1, 2, 1, 1, 2, 2, false],
  [4, 6, 6, 1, 1, 1, 1, 0, 0, 1, 1, false],
  [2, 8, 13, 8, 13, 1, 1, 0, 0, 1, 1, false],
  [6, 24, 24, 3, 3, 3, 3, 0, 0, 1, 1, true],
];
const poolShape = ([planes, iH, iW, kH, kW, dH, dW, padH, padW, dilH, dilW, ceil]: Geo): PoolShape => {
  const anyPad = padH > 0 || padW > 0;
  const oH = pooledSize(iH, kH, dH, padH, dilH, ceil, anyPad), oW = pooledSize(iW, kW, dW, padW, dilW, ceil, anyPad);
  return { planes, iH, iW, oH, oW, kH, kW, dH, dW, padH, padW, dilH, dilW };
};
/** Geometries max unpooling inverts (kernel equal to its stride): those of POOLS, and one padded. */
const UNPOOLS: Geo[] = [...POOLS.filter((p) => p[3] === p[5] && p[4] === p[6] && p[9] === 1 && p[10] === 1), [3, 7, 9, 2, 3, 2, 3, 1, 1, 1, 1, true]];
const MODES: AvgPoolMode[] = [{ includePad: true, scale: 1 }, { includePad: false, scale: 1 }, { includePad: true, scale: 6 }];
const NORMS: BatchNormShape[] = [{ B: 4, C: 3, L: 1 }, { B: 2, C: 2, L: 6 }, { B: 3, C: 5, L: 7 }, { B: 8, C: 4, L: 49 }];
const UPS: UpsampleShape[] = [{ planes: 2, T: 1, H: 3, W: 4, sT: 1, s: 2 }, { planes: 3, T: 1, H: 2, W: 5, sT: 1, s: 3 }, { planes: 2, T: 2, H: 3, W: 2, sT: 2, s: 2 }];

let seed = 4242;
const uniform = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.fround(seed / 0x100000000 * 2 - 1);
};
const randoms = (n: number): number[] => Array.from({ length: n + 7 }, uniform);

/** A float32 tensor of n numbers at offset 3 inside a storage of n + 7, made on the current backend. */
const operand = (values: number[], n: number): nn.Tensor => nn.Tensor.from(values, [values.length], 'float32').narrow(0, 3, n);
const whole = (t: nn.Tensor): number[] => Array.from(t.storage.data);

/** One family's kernels on table k: every operand made on the current backend from the same numbers; returns the tensors to compare. */
type Family = (k: nn.KernelTable) => Record<string, nn.Tensor>;

function maxPool(g: PoolShape): Family {
  const nx = g.planes * g.iH * g.iW, ny = g.planes * g.oH * g.oW, xs = randoms(nx), gs = randoms(ny), fill = new Array<number>(ny + 7).fill(9);
  return (k) => {
    const x = operand(xs, nx), y = operand(fill, ny), idx = operand(fill, ny), gy = operand(gs, ny), gx = operand(new Array<number>(nx + 7).fill(9), nx);
    k.maxPool2d(y, idx, x, g);
    k.maxPool2dBackward(gx, gy, idx, g);
    return { out: y, indices: idx, gradIn: gx };
  };
}

/** Unpooling with the positions the same table's maxPool2d found (values other than the pooled ones). */
function maxUnpool(g: PoolShape): Family {
  const nx = g.planes * g.iH * g.iW, ny = g.planes * g.oH * g.oW, xs = randoms(nx), us = randoms(ny), gs = randoms(nx);
  const blank = (m: number) => operand(new Array<number>(m + 7).fill(9), m);
  return (k) => {
    const x = operand(xs, nx), y = blank(ny), idx = blank(ny), u = operand(us, ny), out = blank(nx), gout = operand(gs, nx), gu = blank(ny);
    k.maxPool2d(y, idx, x, g);
    k.maxUnpool2d(out, u, idx, g);
    k.maxUnpool2dBackward(gu, gout, idx, g);
    return { indices: idx, out, gradIn: gu };
  };
}

function avgPool(g: PoolShape, mode: AvgPoolMode): Family {
  const h = { ...g, dilH: 1, dilW: 1 }, nx = h.planes * h.iH * h.iW, ny = h.planes * h.oH * h.oW, xs = randoms(nx), gs = randoms(ny);
  return (k) => {
    const x = operand(xs, nx), y = operand(new Array<number>(ny + 7).fill(9), ny), gy = operand(gs, ny), gx = operand(new Array<number>(nx + 7).fill(9), nx);
    k.avgPool2d(y, x, h, mode);
    k.avgPool2dBackward(gx, gy, h, mode);
    return { out: y, gradIn: gx };
  };
}

function batchNorm(s: BatchNormShape, affine: boolean): Family {
  const n = s.B * s.C * s.L, xs = randoms(n), gs = randoms(n), ws = randoms(s.C), bs = randoms(s.C), rs = randoms(s.C).map((v) => Math.fround(v + 1.5));
  const blank = (m: number) => operand(new Array<number>(m + 7).fill(9), m);
  return (k) => {
    const x = operand(xs, n), g = operand(gs, n), w = affine ? operand(ws, s.C) : null, b = affine ? operand(bs, s.C) : null;
    const mean = blank(s.C), inv = blank(s.C), rm = operand(bs, s.C), rv = operand(rs, s.C);
    k.batchNormStats(mean, inv, rm, rv, x, s, 1e-5, 0.1);
    const y = blank(n), gi = blank(n), gie = blank(n), gw = operand(ws, s.C), gb = operand(bs, s.C);
    k.batchNormForward(y, x, mean, inv, w, b, s);
    k.batchNormBackward(gi, null, null, x, g, mean, inv, w, s, true, 0);
    k.batchNormBackward(gie, null, null, x, g, rm, rv, w, s, false, 0); // evaluate mode: rv stands for an invstd
    k.batchNormBackward(null, gw, gb, x, g, mean, inv, null, s, true, 0.5);
    return { mean, invstd: inv, runningMean: rm, runningVar: rv, out: y, gradIn: gi, gradInEvaluate: gie, gradWeight: gw, gradBias: gb };
  };
}

function upsample(g: UpsampleShape): Family {
  const nx = g.planes * g.T * g.H * g.W, ny = nx * g.sT * g.s * g.s, xs = randoms(nx), gs = randoms(ny);
  return (k) => {
    const x = operand(xs, nx), y = operand(new Array<number>(ny + 7).fill(9), ny), gy = operand(gs, ny), gx = operand(new Array<number>(nx + 7).fill(9), nx);
    k.upsampleNearest(y, x, g);
    k.upsampleNearestBackward(gx, gy, g);
    return { out: y, gradIn: gx };
  };
}

const label = (g: PoolShape): string => `${g.planes}×${g.iH}×${g.iW}, window ${g.kH}×${g.kW}, stride ${g.dH},${g.dW}, pad ${g.padH},${g.padW}, dil ${g.dilH},${g.dilW} → ${g.oH}×${g.oW}`;
/** Every case: a label, its family and whether it must match exactly. */
const CASES: [string, Family, boolean][] = [
  ...POOLS.map((p): [string, Family, boolean] => [`maxPool2d ${label(poolShape(p))}`, maxPool(poolShape(p)), true]),
  ...UNPOOLS.map((p): [string, Family, boolean] => [`maxUnpool2d ${label(poolShape(p))}`, maxUnpool(poolShape(p)), true]),
  ...POOLS.filter((p) => p[9] === 1).flatMap((p) => MODES.map((m): [string, Family, boolean] =>
    [`avgPool2d ${label(poolShape(p))}, ${m.includePad ? 'count include pad' : 'count exclude pad'}, scale ${m.scale}`, avgPool(poolShape(p), m), false])),
  ...NORMS.flatMap((s) => [true, false].map((a): [string, Family, boolean] => [`batchNorm B ${s.B}, C ${s.C}, L ${s.L}${a ? '' : ', no affine'}`, batchNorm(s, a), false])),
  ...UPS.map((g): [string, Family, boolean] => [`upsampleNearest ${g.planes}×${g.T}×${g.H}×${g.W} by ${g.sT},${g.s},${g.s}`, upsample(g), true]),
];

function close(got: number[], want: number[], rel: number): string {
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i]! - want[i]!) <= rel * Math.max(1, Math.abs(want[i]!))) && !(got[i] === want[i])) return `at ${i}: got ${got[i]}, want ${want[i]}`;
  }
  return got.length === want.length ? '' : `length ${got.length} ≠ ${want.length}`;
}

function reference(f: Family): Record<string, number[]> {
  nn.setBackend('js');
  return Object.fromEntries(Object.entries(f(jsBackend)).map(([name, t]) => [name, whole(t)]));
}

test('wasm pooling, unpooling, batch-norm and upsampling kernels against js', (t) => {
  for (const [name, f, exact] of CASES) {
    const want = reference(f);
    nn.setBackend('wasm');
    resetWasmFallbacks();
    const got = f(nn.backend());
    const fell = Object.keys(wasmFallbacks()).join(', ');
    t.ok(!fell, `${name}: ran in wasm${fell ? ` (fell back: ${fell})` : ''}`);
    for (const [k, v] of Object.entries(got)) t.equal(close(whole(v), want[k]!, exact ? 0 : 1e-6), '', `${name}: ${k}${exact ? ' exact' : ''}`);
  }
  nn.setBackend('js');
  t.end();
});

test('gpu (WebGPU) pooling, unpooling, batch-norm and upsampling kernels against js', async (t) => {
  const G = await webgpuOrSkip(t);
  if (!G) return t.end();
  for (const [name, f, exact] of CASES) {
    const want = reference(f);
    nn.setBackend('gpu');
    G.resetStats();
    const got = f(nn.backend());
    await G.sync(Object.values(got));
    t.deepEqual(G.stats.hostKernels, {}, `${name}: no host runs`);
    for (const [k, v] of Object.entries(got)) t.equal(close(whole(v), want[k]!, exact ? 0 : 1e-5), '', `${name}: gpu ${k}${exact ? ' exact' : ''}`);
  }
  nn.setBackend('js');
  await G.destroy();
  t.end();
});
