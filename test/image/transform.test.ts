import test from 'tape';
import { torch } from '../../index.js';
import { image } from '../../image/index.js';
import { maxDiff } from './helpers.js';

const close = (a: unknown, b: unknown) => JSON.stringify(a, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e5) / 1e5 : v)) === JSON.stringify(b);

test('image.scale bilinear: 2×2 → 4×4 aligns corners (source x·1/3)', (t) => {
  const src = torch.Tensor([[0, 3], [6, 9]]);
  const out = image.scale(src, 4, 4);
  // along a row 0, 1, 2, 3; rows step by 2 (the columns step 6/3)
  const want = [[0, 1, 2, 3], [2, 3, 4, 5], [4, 5, 6, 7], [6, 7, 8, 9]];
  t.ok(close(out.totable(), want), `got ${JSON.stringify(out.totable())}`);
  t.deepEqual(image.scale(torch.rand(3, 2, 2), 4, 4).size(), [3, 4, 4], 'C×H×W kept');
  t.end();
});

test('image.scale: shrinking averages, simple is nearest, bicubic keeps corners, sizes as Torch parses them', (t) => {
  const src = torch.Tensor([[0, 2, 4, 6]]);
  t.ok(close(image.scale(src, 2, 1).totable(), [[1, 5]]), '4 → 2 averages pairs');
  t.ok(close(image.scale(torch.Tensor([[0, 3, 6]]), 2, 1).totable(), [[1, 5]]), '3 → 2: overlap-weighted (0 + 0.5·3)/1.5, (0.5·3 + 6)/1.5');
  t.ok(close(image.scale(torch.Tensor([[1, 2], [3, 4]]), 4, 4, 'simple').totable(), [[1, 1, 2, 2], [1, 1, 2, 2], [3, 3, 4, 4], [3, 3, 4, 4]]), 'simple replicates');
  const cub = image.scale(torch.Tensor([[0, 1, 4, 9]]), 7, 1, 'bicubic');
  t.equal(cub.get(0, 0), 0);
  t.equal(cub.get(0, 6), 9);
  t.ok(close([cub.get(0, 2)], [1]), 'bicubic passes through the source samples');
  const img = torch.rand(3, 10, 20);
  t.deepEqual(image.scale(img, '8x6').size(), [3, 6, 8], "'WxH'");
  t.deepEqual(image.scale(img, 10).size(), [3, 5, 10], 'a number: the longer side');
  t.deepEqual(image.scale(img, '^5').size(), [3, 5, 10], "'^MIN': the shorter side");
  t.deepEqual(image.scale(img, '*1/2', 'simple').size(), [3, 5, 10], "'*SCn/SCd' with a mode");
  t.equal(maxDiff(image.scale(img, 20, 10), img), 0, 'same size is a copy');
  t.throws(() => image.scale(img, 'big'), /size must be/);
  t.end();
});

test('image.crop: 0-based, x2 and y2 exclusive; formats', (t) => {
  const src = torch.range(0, 19).view(4, 5); // value = 5·y + x
  t.deepEqual(image.crop(src, 1, 2, 4, 4).totable(), [[11, 12, 13], [16, 17, 18]], 'x 1..3, y 2..3');
  t.deepEqual(image.crop(src, 'tl', 2, 2).totable(), [[0, 1], [5, 6]]);
  t.deepEqual(image.crop(src, 'br', 2, 2).totable(), [[13, 14], [18, 19]]);
  t.deepEqual(image.crop(src, 'c', 3, 2).totable(), [[6, 7, 8], [11, 12, 13]], 'centre: left ⌊(5−3)/2⌋ = 1, top 1');
  t.deepEqual(image.crop(torch.rand(3, 4, 5), 'tr', 2, 3).size(), [3, 3, 2]);
  t.throws(() => image.crop(src, 3, 0, 6, 2), /not inside/);
  t.end();
});

test('image.hflip, vflip, rotate, translate on small cases', (t) => {
  const src = torch.Tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  t.deepEqual(image.hflip(src).totable(), [[3, 2, 1], [6, 5, 4], [9, 8, 7]]);
  t.deepEqual(image.vflip(src).totable(), [[7, 8, 9], [4, 5, 6], [1, 2, 3]]);
  t.deepEqual(image.rotate(src, Math.PI / 2).totable(), [[3, 6, 9], [2, 5, 8], [1, 4, 7]], 'π/2: the right column becomes the top row (Torch)');
  t.deepEqual(image.rotate(src, Math.PI).totable(), [[9, 8, 7], [6, 5, 4], [3, 2, 1]]);
  t.deepEqual(image.rotate(src, 0).totable(), src.totable());
  const bil = image.rotate(src, Math.PI / 2, 'bilinear');
  t.ok(close(bil.totable(), [[3, 6, 9], [2, 5, 8], [1, 4, 7]]), 'bilinear at π/2 hits pixel centres');
  const half = image.rotate(torch.Tensor([[0, 0], [0, 4]]), Math.PI / 4, 'bilinear');
  t.ok(half.get(0, 0) >= 0 && half.get(1, 1) > 0 && half.get(1, 1) < 4, 'bilinear at π/4 blends');
  t.throws(() => image.rotate(src, 1, 'bicubic' as 'simple'), /mode must be/);
  t.deepEqual(image.translate(src, 1, -1).totable(), [[0, 4, 5], [0, 7, 8], [0, 0, 0]], 'x + 1, y − 1; 0 comes in');
  const rgb = torch.rand(3, 4, 4);
  t.equal(maxDiff(image.rotate(image.rotate(rgb, Math.PI / 2), -Math.PI / 2), rgb), 0, 'C×H×W: ±π/2 on a square undo each other');
  t.equal(maxDiff(image.hflip(image.hflip(rgb)), rgb), 0);
  t.equal(image.hflip(torch.ByteTensor([[1, 200]])).type(), 'torch.ByteTensor', 'type kept');
  t.end();
});
