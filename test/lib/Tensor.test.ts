import test from 'tape';
import { Tensor, ShapeError } from '../../index.js';

test('Tensor.from / zeros / shape / toArray', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]);
  t.deepEqual(a.shape, [2, 3]);
  t.equal(a.dtype, 'float32');
  t.deepEqual(Array.from(a.toArray()), [1, 2, 3, 4, 5, 6]);
  t.ok(a.toArray() instanceof Float32Array);
  const z = Tensor.zeros([3, 2], 'float64');
  t.equal(z.dtype, 'float64');
  t.deepEqual(Array.from(z.toArray()), [0, 0, 0, 0, 0, 0]);
  t.throws(() => Tensor.from([1, 2, 3], [2, 2]), ShapeError);
  t.end();
});

test('Tensor views share storage: view, narrow, select, transpose', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]);
  const v = a.view([3, -1]);
  t.deepEqual(v.shape, [3, 2]);
  v.set([0, 1], 20);
  t.equal(a.get(0, 1), 20, 'view writes through');
  const col = a.narrow(1, 1, 2);
  t.deepEqual(Array.from(col.toArray()), [20, 3, 5, 6]);
  t.notOk(col.isContiguous());
  col.fill(0);
  t.deepEqual(Array.from(a.toArray()), [1, 0, 0, 4, 0, 0], 'narrow fill writes through');
  const row = a.select(0, 1);
  t.deepEqual(row.shape, [3]);
  t.deepEqual(Array.from(row.toArray()), [4, 0, 0]);
  t.deepEqual(Array.from(a.select(1, -1).toArray()), [0, 0], 'negative select index');
  const tr = Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]).transpose(0, 1);
  t.deepEqual(Array.from(tr.toArray()), [1, 4, 2, 5, 3, 6]);
  t.throws(() => a.view([4, 2]), ShapeError);
  t.throws(() => a.narrow(1, 2, 2), ShapeError);
  t.end();
});

test('Tensor copy (strided), resize keeps storage, retype', (t) => {
  const a = Tensor.from([1, 2, 3, 4, 5, 6], [2, 3]);
  const b = Tensor.zeros([3, 2]);
  b.copy(a.transpose(0, 1));
  t.deepEqual(Array.from(b.toArray()), [1, 4, 2, 5, 3, 6]);
  const dst = Tensor.zeros([2, 3]);
  dst.narrow(1, 0, 2).copy(Tensor.from([7, 8, 9, 10], [2, 2]));
  t.deepEqual(Array.from(dst.toArray()), [7, 8, 0, 9, 10, 0]);
  const storage = a.storage;
  a.resize([2, 2]);
  t.equal(a.storage, storage, 'shrinking keeps the storage');
  a.resize([4, 4]);
  t.notEqual(a.storage, storage, 'growing reallocates');
  const c = Tensor.from([1.5, 2.5], [2]).retype('float64');
  t.equal(c.dtype, 'float64');
  t.deepEqual(Array.from(c.toArray()), [1.5, 2.5]);
  t.throws(() => b.copy(Tensor.zeros([5])), ShapeError);
  t.end();
});

test('Tensor copy between strided views of 3 dimensions (row fast path and general path)', (t) => {
  const a = Tensor.from(Array.from({ length: 24 }, (_, i) => i), [2, 3, 4]);
  const slice = a.narrow(1, 1, 2); // rows 1..2 of each block, last dimension contiguous
  const dst = Tensor.zeros([2, 2, 4]).copy(slice);
  t.deepEqual(Array.from(dst.toArray()), [4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23]);
  const back = Tensor.zeros([2, 3, 4]);
  back.narrow(1, 1, 2).copy(dst);
  t.deepEqual(Array.from(back.toArray()).slice(4, 12), [4, 5, 6, 7, 8, 9, 10, 11]);
  t.equal(back.get(0, 0, 0), 0, 'untouched outside the view');
  const tr = Tensor.zeros([4, 3, 2]).copy(a.transpose(0, 2)); // last dimension strided: general path
  t.equal(tr.get(3, 2, 1), a.get(1, 2, 3));
  t.end();
});
