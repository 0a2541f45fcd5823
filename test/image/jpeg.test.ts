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

test('JPEG: flat colours come back within 1.5/255 (jpeg-js writes baseline 4:4:4)', (t) => {
  for (const rgb of [[0, 0, 0], [1, 1, 1], [0.2, 0.6, 0.9], [1, 0, 0]]) {
    const img = torch.FloatTensor(3, 16, 24);
    rgb.forEach((v, k) => img.select(0, k).fill(v));
    const bytes = image.compressJPG(img, 90), back = image.decompressJPG(bytes);
    t.deepEqual(back.size(), [3, 16, 24]);
    t.ok(maxDiff(back, img) <= 1.5 / 255, `[${rgb}]: max error ${(maxDiff(back, img) * 255).toFixed(2)}/255 ≤ 1.5/255`);
  }
  const arr = Buffer.from(image.compressJPG(gradient(), 75).toArray()), sof = arr.indexOf(Buffer.from([0xff, 0xc0]));
  t.ok(sof > 0 && arr[sof + 9] === 3 && [11, 14, 17].every((o) => arr[sof + o] === 0x11), 'SOF0 with three components, each sampled 1×1 (4:4:4)');
  t.end();
});

test('JPEG: gradients within a stated error against the float source (measured with jpeg-js: q75 max 7.25/255, mean 1.78/255; includes ≤ 0.5/255 of rounding the source to bytes)', (t) => {
  const img = gradient();
  const cases = [[75, 8, 2.5], [95, 5, 1], [100, 3, 0.75]] as const;
  for (const [q, maxErr, meanErr] of cases) {
    const back = image.decompressJPG(image.compressJPG(img, q));
    const m = maxDiff(back, img) * 255, a = meanAbs(back, img) * 255;
    t.ok(m <= maxErr && a <= meanErr, `quality ${q}: max ${m.toFixed(2)} ≤ ${maxErr}, mean ${a.toFixed(2)} ≤ ${meanErr} (levels of 255)`);
  }
  const grey = img.select(0, 0).clone();
  const g = image.decompressJPG(image.compressJPG(grey, 90));
  t.deepEqual(g.size(), [3, 21, 37], 'grey is written as three equal channels (jpeg-js writes YCbCr only)');
  t.ok(maxDiff(g.select(0, 0), g.select(0, 2)) <= 1 / 255, 'the three channels agree within a level');
  t.ok(maxDiff(g.select(0, 1), grey) <= 2 / 255, `grey q90: max ${(maxDiff(g.select(0, 1), grey) * 255).toFixed(2)}/255 ≤ 2`);
  const small = image.compressJPG(img, 10).size(0), big = image.compressJPG(img, 100).size(0);
  t.ok(small < big, `quality 10 is smaller (${small} bytes) than 100 (${big} bytes)`);
  t.throws(() => image.compressJPG(img, 0), /quality must be in 1\.\.100, got 0/, 'quality 0 refused');
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

test('JPEG: malformed and arithmetic-coded files are refused with a reason', (t) => {
  const bytes = Buffer.from(image.compressJPG(gradient(), 75).toArray()), load = (b: Uint8Array) => () => image.decompressJPG(torch.ByteTensor(Array.from(b)));
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  const noFrame = Buffer.concat([bytes.subarray(0, sof), bytes.subarray(sof + 2 + bytes.readUInt16BE(sof + 2))]);
  t.throws(load(noFrame), /image\.decompressJPG: no frame header/, 'no SOF segment');
  const arith = Buffer.from(bytes);
  arith[sof + 1] = 0xc9;
  t.throws(load(arith), /image\.decompressJPG: unknown JPEG marker ffc9/, 'arithmetic coding (SOF9)');
  t.throws(load(bytes.subarray(0, bytes.length >> 1)), /image\.decompressJPG: /, 'truncated scan');
  t.throws(load(Uint8Array.from([1, 2, 3, 4])), /not a JPEG/, 'no SOI');
  t.end();
});

test('image coding without Node (no Buffer, no built-ins, as in a browser): decoding and compressPNG work, compressJPG says why not', (t) => {
  const jpg = torch.ByteTensor(Array.from(readFileSync(fixture('python.jpg')))), img = gradient();
  const g = globalThis as { Buffer?: unknown; process: { getBuiltinModule?: unknown } }, buffer = g.Buffer, builtin = g.process.getBuiltinModule;
  g.Buffer = undefined;
  g.process.getBuiltinModule = undefined;
  try {
    t.deepEqual(image.decompressJPG(jpg).size(), [3, 16, 16], 'decompressJPG');
    t.ok(maxDiff(image.decompressPNG(image.compressPNG(img)), img) <= 0.5 / 255 + 1e-6, 'compressPNG → decompressPNG');
    t.throws(() => image.compressJPG(img), /image\.compressJPG: the JPEG encoder \(jpeg-js\) needs a global Buffer/, 'compressJPG: PlatformError');
  } finally {
    g.Buffer = buffer;
    g.process.getBuiltinModule = builtin;
  }
  t.end();
});
