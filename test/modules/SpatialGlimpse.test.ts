/** SpatialGlimpse against hand-worked examples and the cases of dpnn's own tests. */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const img4 = () => nn.Tensor.from(range(16), [1, 4, 4], 'float64');
const loc = (y: number, x: number) => nn.Tensor.from([y, x], [2], 'float64');
const patches = (out: nn.Tensor, depth: number) => Array.from({ length: depth }, (_, d) => Array.from(out.select(0, d).toArray()));

test('4×4 image, SpatialGlimpse(2, 2, 2): the five locations of the table', (t) => {
  const cases: Array<[number, number, number[], number[]]> = [
    [0, 0, [6, 7, 10, 11], [3.5, 5.5, 11.5, 13.5]],
    [-1, -1, [1, 2, 5, 6], [0.25, 1.25, 3.5, 8.5]],
    [1, 1, [11, 12, 15, 16], [8.5, 5, 7.25, 4]],
    [-1, 1, [3, 4, 7, 8], [1.25, 1, 8.5, 5]],
    [0.3, -0.6, [5, 6, 9, 10], [1.5, 4.5, 5.5, 12.5]],
  ];
  for (const [y, x, p0, p1] of cases) {
    const out = new nn.SpatialGlimpse(2, 2, 2).forward([img4(), loc(y, x)]);
    t.deepEqual(out.shape, [2, 2, 2]);
    const [a, b] = patches(out, 2);
    t.ok(close(a!, p0), `(${y}, ${x}) patch 0 = ${a}`);
    t.ok(close(b!, p1), `(${y}, ${x}) patch 1 = ${b}`);
  }
  t.end();
});

test('float32 location (0.3, −0.6) gives the same crop as float64', (t) => {
  const out = new nn.SpatialGlimpse(2, 2, 2).forward([img4().to('float32'), loc(0.3, -0.6).to('float32')]);
  t.deepEqual(patches(out, 2)[0], [5, 6, 9, 10]);
  t.end();
});

test('image gradient for gradOutput = ones at (0,0) and (−1,−1)', (t) => {
  const g = new nn.SpatialGlimpse(2, 2, 2);
  const ones = nn.Tensor.zeros([2, 2, 2], 'float64').fill(1);
  const x = [img4(), loc(0, 0)] as const;
  g.forward(x);
  const [gi, gl] = g.backward(x, ones) as nn.Tensor[];
  t.deepEqual(Array.from(gi!.toArray()), [0.25, 0.25, 0.25, 0.25, 0.25, 1.25, 1.25, 0.25, 0.25, 1.25, 1.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
  t.deepEqual(Array.from(gl!.toArray()), [0, 0], 'location gradient is zero');
  const x2 = [img4(), loc(-1, -1)] as const;
  g.forward(x2);
  const [gi2] = g.backward(x2, ones) as nn.Tensor[];
  t.deepEqual(Array.from(gi2!.toArray()), [1.25, 1.25, 0.25, 0, 1.25, 1.25, 0.25, 0, 0.25, 0.25, 0.25, 0, 0, 0, 0, 0]);
  t.end();
});

test('odd size: 5×5 image, SpatialGlimpse(3, 2, 2)', (t) => {
  const img = nn.Tensor.from(range(25), [1, 5, 5], 'float64');
  const cases: Array<[number, number, number[], number[]]> = [
    [0, 0, [7, 8, 9, 12, 13, 14, 17, 18, 19], [0.25, 1.25, 2.25, 4.25, 10, 12, 9.25, 20, 22]],
    [-1, -1, [0, 0, 0, 0, 1, 2, 0, 6, 7], [0, 0, 0, 0, 4, 6, 0, 14, 16]],
    [1, 1, [19, 20, 0, 24, 25, 0, 0, 0, 0], [10, 12, 0, 20, 22, 0, 0, 0, 0]],
  ];
  for (const [y, x, p0, p1] of cases) {
    const [a, b] = patches(new nn.SpatialGlimpse(3, 2, 2).forward([img, loc(y, x)]), 2);
    t.ok(close(a!, p0), `(${y}, ${x}) patch 0 = ${a}`);
    t.ok(close(b!, p1), `(${y}, ${x}) patch 1 = ${b}`);
  }
  t.end();
});

test('dpnn test: 2×8×8 image 1..128, centre and corner crops, channel order d·C + c', (t) => {
  const img = nn.Tensor.from(range(128), [2, 8, 8], 'float64');
  const crop = (c: number, r0: number, c0: number, n: number) => {
    const out: number[] = [];
    for (let r = r0; r < r0 + n; r++) for (let k = c0; k < c0 + n; k++) out.push(r < 0 || k < 0 || r >= 8 || k >= 8 ? 0 : img.get(c, r, k));
    return out;
  };
  const g4 = new nn.SpatialGlimpse(4).forward([img, loc(0, 0)]);
  t.deepEqual(g4.shape, [6, 4, 4], 'depth 3 × 2 channels');
  t.deepEqual(Array.from(g4.select(0, 0).toArray()), crop(0, 2, 2, 4), 'patch 0 channel 0 = rows/cols 2..5');
  t.deepEqual(Array.from(g4.select(0, 1).toArray()), crop(1, 2, 2, 4), 'channel 1 follows (d·C + c)');
  const g5 = new nn.SpatialGlimpse(5).forward([img, loc(0, 0)]);
  t.deepEqual(Array.from(g5.select(0, 0).toArray()), crop(0, 1, 1, 5), 'size 5: rows/cols 1..5');
  t.deepEqual(Array.from(new nn.SpatialGlimpse(4).forward([img, loc(-1, -1)]).select(0, 0).toArray()), crop(0, -1, -1, 4), 'top-left: padded crop');
  t.deepEqual(Array.from(new nn.SpatialGlimpse(4).forward([img, loc(1, 1)]).select(0, 0).toArray()), crop(0, 5, 5, 4), 'bottom-right: padded crop');
  const g = new nn.SpatialGlimpse(4, 1);
  const x = [img, loc(0, 0)] as const;
  const out = g.forward(x).clone();
  const [gi] = g.backward(x, out) as nn.Tensor[];
  const expect = Array.from({ length: 128 }, (_, i) => {
    const r = Math.floor((i % 64) / 8), c = i % 8;
    return r >= 2 && r <= 5 && c >= 2 && c <= 5 ? i + 1 : 0;
  });
  t.deepEqual(Array.from(gi!.toArray()), expect, 'backward of gradOutput = output puts the patch back at rows/cols 2..5');
  t.end();
});

test('batch equals non-batch, clamping beyond ±1, Lenna-sized output shape', (t) => {
  const img = nn.Tensor.from(range(2 * 3 * 9 * 9).map((v) => v % 17), [2, 3, 9, 9], 'float64');
  const locs = nn.Tensor.from([0.2, -0.7, 1, -1], [2, 2], 'float64');
  const g = new nn.SpatialGlimpse(3, 2, 2);
  const batch = g.forward([img, locs]).clone();
  for (let b = 0; b < 2; b++) {
    const single = new nn.SpatialGlimpse(3, 2, 2).forward([img.select(0, b).clone(), locs.select(0, b).clone()]);
    t.deepEqual(Array.from(single.toArray()), Array.from(batch.select(0, b).toArray()), `example ${b}`);
  }
  const far = new nn.SpatialGlimpse(2, 2, 2).forward([img4(), loc(5, -3)]);
  const edge = new nn.SpatialGlimpse(2, 2, 2).forward([img4(), loc(1, -1)]);
  t.deepEqual(Array.from(far.toArray()), Array.from(edge.toArray()), 'locations beyond ±1 are clamped');
  t.deepEqual(new nn.SpatialGlimpse(64, 3, 2).forward([nn.Tensor.zeros([3, 512, 512]), nn.Tensor.zeros([2])]).shape, [9, 64, 64]);
  t.end();
});

test('scale ≠ 2: bilinear resampling; scale 1 is an identity on every patch', (t) => {
  const img = nn.Tensor.from(range(36), [1, 6, 6], 'float64');
  const out = new nn.SpatialGlimpse(3, 2, 1).forward([img, loc(0, 0)]);
  t.deepEqual(patches(out, 2)[0], patches(out, 2)[1], 'scale 1: both patches equal');
  const o3 = new nn.SpatialGlimpse(2, 2, 3).forward([img, loc(0, 0)]);
  // patch 1 is 6×6, pad 2, range 4 → corner 2 → crop rows/cols 0..5; a 2×2 output samples its corners
  const crop = (r: number, c: number) => (r < 0 || c < 0 || r > 5 || c > 5 ? 0 : img.get(0, r, c));
  t.ok(close(patches(o3, 2)[1]!, [crop(0, 0), crop(0, 5), crop(5, 0), crop(5, 5)]), 'align-corners samples the crop corners');
  t.end();
});

test('bad input', (t) => {
  const g = new nn.SpatialGlimpse(2, 2, 2);
  t.throws(() => g.forward([nn.Tensor.zeros([4, 4])] as unknown as nn.Tensor[]), /SpatialGlimpse.updateOutput: expected a table \[image, location\], got \{\[4, 4\]\}/);
  t.throws(() => g.forward([nn.Tensor.zeros([4, 4]), nn.Tensor.zeros([2])]), /expected image of size \[B, C, H, W\] or \[C, H, W\], got \[4, 4\]/);
  t.throws(() => g.forward([nn.Tensor.zeros([3, 1, 4, 4]), nn.Tensor.zeros([2, 2])]), /expected location of size \[3, 2\], got \[2, 2\]/);
  t.throws(() => new nn.SpatialGlimpse(0), nn.ArgumentError);
  t.end();
});
