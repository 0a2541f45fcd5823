import test from 'tape';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { torch } from '../../index.js';
import { image } from '../../image/index.js';
import { encode } from 'fast-png';
import { encodePNG, pngBytes } from '../../lib/png.js';
import { maxDiff, tmp, writePNG } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const W = 7, H = 5, N = W * H;
/** Interleaved test samples, distinct per channel and pixel. */
const interleaved = (spp: number, max = 255) => Array.from({ length: N * spp }, (_, i) => (i * 37 + 11) % (max + 1));
/** The byte tensor (C×H×W) that interleaved samples should load as. */
const planar = (spp: number, s: readonly number[]) => {
  const t = torch.ByteTensor(spp, H, W);
  for (let k = 0; k < spp; k++) for (let p = 0; p < N; p++) t.set([k, Math.floor(p / W), p % W], s[p * spp + k]!);
  return t;
};

test('image.load: 8-bit grey, grey + alpha, RGB, RGBA exactly, all five row filters', (t) => {
  for (const [colorType, spp] of [[0, 1], [4, 2], [2, 3], [6, 4]] as const) {
    const s = interleaved(spp), path = tmp(`c${colorType}.png`);
    writeFileSync(path, writePNG(W, H, colorType, 8, s));
    const b = image.load(path, undefined, 'byte');
    t.equal(b.type(), 'torch.ByteTensor');
    t.deepEqual(b.size(), [spp, H, W], `colour type ${colorType}: ${spp}×${H}×${W}`);
    t.equal(maxDiff(b, planar(spp, s)), 0, `colour type ${colorType}: bytes exact`);
    const f = image.load(path);
    t.equal(f.type(), 'torch.FloatTensor');
    t.ok(maxDiff(f, planar(spp, s).float().div(255)) < 1e-7, `colour type ${colorType}: float = byte / 255`);
    t.equal(image.load(path, 3, 'double').type(), 'torch.DoubleTensor');
  }
  t.end();
});

test('image.load: palette (with and without tRNS) and 16-bit', (t) => {
  const palette = Uint8Array.from({ length: 12 }, (_, i) => i * 20), trns = Uint8Array.from([0, 128, 255, 7]);
  const idx = Array.from({ length: N }, (_, i) => i % 4);
  const path = tmp('p.png');
  writeFileSync(path, writePNG(W, H, 3, 8, idx));
  t.throws(() => image.load(path), /without PLTE/, 'palette without PLTE refused');
  writeFileSync(path, writePNG(W, H, 3, 8, idx, palette));
  const rgb = image.load(path, undefined, 'byte');
  t.deepEqual(rgb.size(), [3, H, W]);
  t.deepEqual([rgb.get(0, 0, 1), rgb.get(1, 0, 1), rgb.get(2, 0, 1)], [60, 80, 100], 'pixel (1, 0) is palette entry 1');
  writeFileSync(path, writePNG(W, H, 3, 8, idx, palette, trns));
  const rgba = image.load(path, undefined, 'byte');
  t.deepEqual(rgba.size(), [4, H, W], 'tRNS adds alpha');
  t.equal(rgba.get(3, 0, 1), 128);
  const s16 = interleaved(3, 65535).map((v) => (v * 1777) % 65536);
  writeFileSync(path, writePNG(W, H, 2, 16, s16));
  const d = image.load(path, undefined, 'double');
  t.ok(Math.abs(d.get(2, 0, 0) - s16[2]! / 65535) < 1e-12, '16-bit: value / 65535');
  t.end();
});

test('image.load: 1/2/4-bit grey (scaled to 8-bit) and 4-bit palette', (t) => {
  for (const bits of [1, 2, 4] as const) {
    const max = (1 << bits) - 1, s = Array.from({ length: N }, (_, i) => (i * 5 + 3) % (max + 1)), path = tmp(`g${bits}.png`);
    writeFileSync(path, writePNG(W, H, 0, bits, s));
    const b = image.load(path, undefined, 'byte');
    t.equal(maxDiff(b, planar(1, s.map((v) => Math.round((v * 255) / max)))), 0, `${bits}-bit grey, rows of ${W} samples not byte-aligned`);
  }
  const palette = Uint8Array.from({ length: 48 }, (_, i) => (i * 5) % 256), idx = Array.from({ length: N }, (_, i) => (i * 7) % 16);
  const path = tmp('p4.png');
  writeFileSync(path, writePNG(W, H, 3, 4, idx, palette));
  const rgb = image.load(path, undefined, 'byte');
  t.ok([0, 1, 2].every((k) => rgb.get(k, 4, 6) === palette[3 * idx[4 * W + 6]! + k]), '4-bit palette: pixel (6, 4)');
  t.end();
});

test('image.load: files written by lib/png.ts and by image.save come back exactly', (t) => {
  const rgb = Uint8Array.from(interleaved(3)), path = tmp('lib.png');
  writeFileSync(path, encodePNG(W, H, rgb));
  t.equal(maxDiff(image.load(path, undefined, 'byte'), planar(3, Array.from(rgb))), 0, 'lib/png.ts RGB');
  const img = planar(3, Array.from(rgb)).float().div(255);
  image.save(path, img);
  t.ok(maxDiff(image.load(path), img) < 1e-7, 'image.save → image.load, float k/255 exact');
  const grey = torch.rand(1, H, W);
  image.save(path, grey);
  const back = image.load(path, 1);
  t.deepEqual(back.size(), [H, W], 'a grey save (written as RGB by lib/png.ts) loads back at depth 1 as H×W, as Torch todepth');
  t.ok(maxDiff(back, grey) <= 0.5 / 255 + 1e-6, 'grey within half a level');
  const bytes = image.compressPNG(img);
  t.equal(bytes.type(), 'torch.ByteTensor');
  t.ok(maxDiff(image.decompressPNG(bytes), img) < 1e-7, 'compressPNG → decompressPNG');
  t.throws(() => image.save(tmp('x.bmp'), img), /unknown image type 'bmp'/);
  t.end();
});

test('image.load: depth conversions as Torch todepth', (t) => {
  const path = tmp('rgba.png');
  writeFileSync(path, writePNG(W, H, 6, 8, interleaved(4)));
  t.deepEqual(image.load(path, 3).size(), [3, H, W], 'RGBA at depth 3 drops alpha');
  const y = image.load(path, 1);
  t.deepEqual(y.size(), [H, W], 'colour at depth 1: H×W luma');
  const rgb = image.load(path, 3);
  t.ok(Math.abs(y.get(2, 3) - (0.299 * rgb.get(0, 2, 3) + 0.587 * rgb.get(1, 2, 3) + 0.114 * rgb.get(2, 2, 3))) < 1e-6, 'luma formula');
  writeFileSync(path, writePNG(W, H, 0, 8, interleaved(1)));
  const g3 = image.load(path, 3);
  t.deepEqual(g3.size(), [3, H, W]);
  t.equal(maxDiff(g3.select(0, 0), g3.select(0, 2)), 0, 'grey at depth 3 repeats the channel');
  t.end();
});

test('image.load: an independent palette PNG (CPython test data) equals its PPM', (t) => {
  const png = image.load(fixture('python.png'), 3, 'byte'), ppm = image.load(fixture('python.ppm'), undefined, 'byte');
  t.deepEqual(png.size(), [3, 16, 16]);
  t.equal(maxDiff(png, ppm), 0, 'same pixels');
  t.equal(image.decompressPNG(torch.ByteTensor(Array.from(readFileSync(fixture('python.png')))), undefined, 'byte').size(0), 4, 'tRNS: 4 channels');
  t.end();
});

test('image.load: Adam7-interlaced PNGs (fast-png decodes them), 8-bit RGBA and 16-bit grey', (t) => {
  const s8 = interleaved(4), path = tmp('adam7.png');
  writeFileSync(path, encode({ width: W, height: H, data: Uint8Array.from(s8), depth: 8, channels: 4 }, { interlace: 'Adam7' }));
  t.equal(readFileSync(path)[28], 1, 'IHDR interlace method 1');
  t.equal(maxDiff(image.load(path, undefined, 'byte'), planar(4, s8)), 0, 'RGBA bytes exact');
  const s16 = interleaved(1, 65535).map((v) => (v * 1777) % 65536);
  writeFileSync(path, encode({ width: W, height: H, data: Uint16Array.from(s16), depth: 16, channels: 1 }, { interlace: 'Adam7' }));
  const d = image.load(path, undefined, 'double');
  const worst = Math.max(...s16.map((v, p) => Math.abs(d.get(0, Math.floor(p / W), p % W) - v / 65535)));
  t.ok(worst < 1e-12, `16-bit grey: every sample is value / 65535 (worst ${worst})`);
  t.end();
});

test('lib/png.ts: pngBytes (no Node built-in) and encodePNG (a Buffer) write the same 8-bit RGB file', (t) => {
  const rgb = Uint8Array.from(interleaved(3)), a = pngBytes(W, H, rgb), b = encodePNG(W, H, rgb);
  t.ok(Buffer.isBuffer(b) && !Buffer.isBuffer(a), 'Buffer and plain Uint8Array');
  t.ok(Buffer.from(a).equals(b), 'same bytes');
  t.deepEqual([a[24], a[25]], [8, 2], 'IHDR: 8 bits, colour type 2 (RGB)');
  t.end();
});
