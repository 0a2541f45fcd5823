import test from 'tape';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { torch, type Tensor } from '../../index.js';
import { image } from '../../image/index.js';
import { maxDiff, tmp } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const meanAbs = (a: Tensor, b: Tensor) => torch.csub(a.double(), b.double()).abs().mean() as number;

/** 3×21×37: a horizontal red ramp, a vertical green ramp, flat blue (sizes not multiples of 8 or 16). */
function gradient(): Tensor {
  const img = torch.FloatTensor(3, 21, 37);
  for (let y = 0; y < 21; y++) for (let x = 0; x < 37; x++) {
    img.set([0, y, x], x / 36);
    img.set([1, y, x], y / 20);
    img.set([2, y, x], 0.5);
  }
  return img;
}

test('JPEG: flat colours come back within 1/255', (t) => {
  for (const rgb of [[0, 0, 0], [1, 1, 1], [0.2, 0.6, 0.9], [1, 0, 0]]) {
    const img = torch.FloatTensor(3, 16, 24);
    rgb.forEach((v, k) => img.select(0, k).fill(v));
    for (const sub of ['4:4:4', '4:2:0'] as const) {
      const back = image.decompressJPG(image.compressJPG(img, 90, sub));
      t.deepEqual(back.size(), [3, 16, 24]);
      t.ok(maxDiff(back, img) <= 1.5 / 255, `[${rgb}] ${sub}: max error ${(maxDiff(back, img) * 255).toFixed(2)}/255 ≤ 1.5/255`);
    }
  }
  t.end();
});

test('JPEG: gradients within a stated error against the float source (measured: q75 4:4:4 max 7.3/255, mean 1.7/255; includes ≤ 0.5/255 of rounding the source to bytes)', (t) => {
  const img = gradient();
  const cases = [[75, '4:4:4', 8, 2.5], [95, '4:4:4', 5, 1], [100, '4:4:4', 3, 0.75], [75, '4:2:0', 16, 4]] as const;
  for (const [q, sub, maxErr, meanErr] of cases) {
    const back = image.decompressJPG(image.compressJPG(img, q, sub));
    const m = maxDiff(back, img) * 255, a = meanAbs(back, img) * 255;
    t.ok(m <= maxErr && a <= meanErr, `quality ${q} ${sub}: max ${m.toFixed(2)} ≤ ${maxErr}, mean ${a.toFixed(2)} ≤ ${meanErr} (levels of 255)`);
  }
  const grey = img.select(0, 0).clone();
  const g = image.decompressJPG(image.compressJPG(grey, 90));
  t.deepEqual(g.size(), [1, 21, 37], 'grey: one component');
  t.ok(maxDiff(g, grey) <= 2 / 255, `grey q90: max ${(maxDiff(g, grey) * 255).toFixed(2)}/255 ≤ 2`);
  const small = image.compressJPG(img, 10).size(0), big = image.compressJPG(img, 100).size(0);
  t.ok(small < big, `quality 10 is smaller (${small} bytes) than 100 (${big} bytes)`);
  t.end();
});

test('JPEG: restart intervals (DRI, RSTn markers) decode as without them', (t) => {
  const img = gradient();
  const plain = image.decompressJPG(image.compressJPG(img, 80));
  for (const sub of ['4:4:4', '4:2:0'] as const) for (const restartInterval of [1, 3]) {
    const bytes = image.compressJPG(img, 80, { subsampling: sub, restartInterval });
    const arr = Buffer.from(bytes.toArray());
    const mcus = sub === '4:4:4' ? 5 * 3 : 3 * 2, rst = [...arr.keys()].filter((i) => arr[i] === 0xff && arr[i + 1]! >= 0xd0 && arr[i + 1]! <= 0xd7).length;
    t.ok(arr.includes(Buffer.from([0xff, 0xdd])) && rst === Math.ceil(mcus / restartInterval) - 1, `${sub} every ${restartInterval}: DRI and ${rst} RST markers`);
    const back = image.decompressJPG(bytes);
    if (sub === '4:4:4') t.equal(maxDiff(back, plain), 0, `${sub} every ${restartInterval} MCUs: identical pixels`);
    else t.ok(maxDiff(back, img) <= 16 / 255, `${sub} every ${restartInterval} MCUs: within 16/255`);
  }
  t.end();
});

test('JPEG: image.save / image.load by extension', (t) => {
  const img = gradient(), path = tmp('g.jpg');
  image.save(path, img, 95);
  const back = image.load(path);
  t.ok(maxDiff(back, img) <= 5 / 255, `q95 within 5/255 (max ${(maxDiff(back, img) * 255).toFixed(2)})`);
  t.deepEqual(image.load(path, 1).size(), [21, 37], 'depth 1: H×W');
  const b = image.load(path, undefined, 'byte');
  t.equal(b.type(), 'torch.ByteTensor');
  t.ok(b.max() <= 255 && b.max() > 200, 'byte range 0..255');
  t.end();
});

test('JPEG: an independent baseline 4:2:0 file (CPython test data) decodes to a plausible image', (t) => {
  const bytes = readFileSync(fixture('python.jpg'));
  t.equal(bytes[0x9e + 11], 0x22, 'the fixture is 4:2:0 (luma sampling 2×2)');
  const jpg = image.load(fixture('python.jpg'), undefined, 'double'), ppm = image.load(fixture('python.ppm'), undefined, 'double');
  t.deepEqual(jpg.size(), [3, 16, 16]);
  for (let k = 0; k < 3; k++) {
    const a = jpg.select(0, k).mean() as number, b = ppm.select(0, k).mean() as number;
    t.ok(Math.abs(a - b) < 8 / 255, `channel ${k}: mean ${(a * 255).toFixed(1)} vs the PPM's ${(b * 255).toFixed(1)} (within 8 levels)`);
  }
  t.ok(meanAbs(jpg, ppm) < 12 / 255, `mean |jpg − ppm| ${(meanAbs(jpg, ppm) * 255).toFixed(2)}/255 < 12/255 (16×16 logo, sharp edges, 8×8 chroma)`);
  t.end();
});

test('JPEG: progressive and malformed files are refused with a reason', (t) => {
  const bytes = Buffer.from(image.compressJPG(gradient(), 75).toArray());
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  bytes[sof + 1] = 0xc2;
  t.throws(() => image.decompressJPG(torch.ByteTensor(Array.from(bytes))), /SOF2 .*not supported/, 'progressive');
  t.throws(() => image.decompressJPG(torch.ByteTensor([1, 2, 3, 4])), /not a JPEG/, 'no SOI');
  t.end();
});
