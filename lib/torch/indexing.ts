/**
 * Indexing rows of the op table, with 0-based indices: `index` (Torch's indexSelect), `indexCopy`,
 * `indexAdd`, `indexFill`, `gather`, `scatter`, `maskedSelect`, `maskedCopy`, `maskedFill`,
 * `nonzero` and `repeatTensor`. The ops that write (indexCopy, indexAdd, indexFill, scatter,
 * maskedCopy, maskedFill) change x in place as methods (`x.indexFill(0, idx, 5)`); the torch.*
 * form returns a changed copy (`torch.indexFill(x, 0, idx, 5)`), as every torch.* form does; given
 * a result first (`res.indexFill(x, 0, idx, 5)`, `torch.indexFill(res, x, 0, idx, 5)`) they write
 * x with the change into res and leave x alone.
 * Index tensors may be of any type holding integers (a LongTensor as in Torch, or any other); each
 * index is checked to lie in [0, size), and the error names the dimension, the index and the size.
 * Masks are ByteTensors of 0 and 1 with as many elements as the tensor (any sizes): Torch's rule.
 * Ref: torch7 doc/tensor.md, generic/Tensor.c, TH/generic/THTensorMath.c, Tensor.lua (repeatTensor).
 */
import type { Tensor } from '../Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../errors.js';
import { backend } from '../kernels/backend.js';
import { declareOps, implementOps, type Res } from './opTable.js';
import { block, into, one, prepare, sameType, withSize } from './util.js';

type T = Tensor;
/** Changes x in place (short form), or writes x with the change into a result. */
const WRITE = { self: 'result' } as const;

export const indexingDecls = declareOps({
  index: { forms: ['tnt'], self: 'source', doc: 'x.index(dim, idx): the slices idx[0], idx[1], … (0-based) of dimension dim, a new tensor whose dim has size idx.nElement() (idx 1-D)' },
  indexCopy: { ...WRITE, forms: ['tntt'], doc: 'x.indexCopy(dim, idx, src): slice idx[j] (0-based) of dimension dim ← slice j of src, in place (src sized as x with idx.nElement() along dim)' },
  indexAdd: { ...WRITE, forms: ['tntt'], doc: 'x.indexAdd(dim, idx, src): slice idx[j] (0-based) of dimension dim += slice j of src, in place (repeated indices accumulate)' },
  indexFill: { ...WRITE, forms: ['tntn'], doc: 'x.indexFill(dim, idx, v): slices idx[j] (0-based) of dimension dim ← v, in place' },
  gather: { forms: ['tnt'], self: 'source', doc: 'x.gather(dim, idx): out[…, j, …] = x[…, idx[…, j, …], …] along dim (0-based), a new tensor of idx\'s sizes (idx sized as x outside dim)' },
  scatter: { ...WRITE, forms: ['tntt', 'tntn'], doc: 'x.scatter(dim, idx, src | v): x[…, idx[…, j, …], …] ← src[…, j, …] (or v) along dim (0-based), in place' },
  maskedSelect: { forms: ['tt'], self: 'source', doc: 'x.maskedSelect(mask): the elements where the ByteTensor mask (as many elements as x) is 1, in row-major order: a new 1-D tensor' },
  maskedCopy: { ...WRITE, forms: ['ttt'], doc: 'x.maskedCopy(mask, src): the elements where mask is 1 ← consecutive elements of src (row-major), in place' },
  maskedFill: { ...WRITE, forms: ['ttn'], doc: 'x.maskedFill(mask, v): the elements where the ByteTensor mask is 1 ← v, in place' },
  nonzero: { forms: ['t'], self: 'source', doc: 'the 0-based subscripts of the non-zero elements in row-major order: a LongTensor of n × x.dim()' },
  repeatTensor: {
    forms: ['tn', 'tnn', 'tnnn', 'tnnnn', 'tnnnnn'], self: 'source',
    doc: 'x.repeatTensor(r0, r1, …): x tiled r_d times along each dimension d (at least x.dim() counts; extra leading ones add dimensions), a new tensor',
  },
});

/** An operand safe to read after the result is resized and written: a contiguous copy when it shares the result's storage. */
function detach(x: T, res: Res): T {
  const r = one(res);
  return r !== null && r.storage === x.storage ? x.clone() : x.contiguous();
}

/** Whether a and b are the same view of the same storage. */
function sameView(a: T, b: T): boolean {
  if (a === b) return true;
  if (a.storage !== b.storage || a.offset !== b.offset || !a.sameShape(b)) return false;
  return a.strides.every((s, i) => s === b.strides[i] || a.shape[i] === 1);
}

/** The tensor a writing row changes: x itself (no result, or the short form), or the result holding a copy of x. */
function start(where: string, res: Res, x: T): T {
  const r = one(res);
  if (r === null) return x.clone(); // torch.indexFill(x, …): a new tensor, as every torch.* form
  if (sameView(r, x)) return r;
  const src = detach(x, res);
  return prepare(where, res, x.shape, x.dtype).copy(src);
}

/** Runs an in-place kernel on out: directly when contiguous, else on a contiguous copy written back. */
function inPlace(out: T, kernel: (o: T) => void): T {
  if (out.isContiguous()) {
    kernel(out);
    return out;
  }
  const tmp = out.clone();
  kernel(tmp);
  return out.copy(tmp);
}

/**
 * idx's values as a contiguous LongTensor (copied when it shares the result's storage), each
 * checked to be an integer in [0, size) of dimension d.
 */
function indicesOf(where: string, idx: T, d: number, size: number, res: Res): T {
  const v = detach(idx, res);
  const data = v.data, o = v.offset, n = v.numel();
  for (let i = 0; i < n; i++) {
    const j = data[o + i]!;
    if (!Number.isInteger(j)) throw new ArgumentError(`${where}: expected integer indices, got ${j} (for dimension ${d} of size ${size})`);
    if (j < 0 || j >= size) throw new ShapeError(`${where}: index ${j} out of range for dimension ${d} of size ${size}`);
  }
  return v.dtype === 'long' ? v : v.to('long');
}

/** Torch's rule for index, indexCopy, indexAdd and indexFill: the index is a vector. */
function vector(where: string, idx: T): void {
  if (idx.dim() !== 1) throw new ShapeError(`${where}: expected a 1-D index, got ${shapeStr(idx.shape)}`);
}

/** gather and scatter: idx (and src) of x's number of dimensions, sized as x outside dimension d. */
function sizedOutside(where: string, what: string, x: T, t: T, d: number): void {
  if (t.dim() !== x.dim() || t.shape.some((s, k) => k !== d && s !== x.shape[k])) {
    throw new ShapeError(`${where}: expected ${what} sized as ${shapeStr(x.shape)} outside dimension ${d}, got ${shapeStr(t.shape)}`);
  }
}

/** A mask's values (contiguous) after Torch's checks: a ByteTensor of x's element count holding 0 and 1; returns them and the count of ones. */
function maskOf(where: string, x: T, mask: T, res: Res): { m: T; ones: number } {
  if (mask.dtype !== 'uint8') throw new ArgumentError(`${where}: expected a mask of type torch.ByteTensor, got ${mask.type()} (for a ${x.type()})`);
  if (mask.numel() !== x.numel()) {
    throw new ShapeError(`${where}: expected a mask of ${x.numel()} elements, got sizes ${shapeStr(mask.shape)} (${mask.numel()} elements) for ${shapeStr(x.shape)}`);
  }
  const m = detach(mask, res);
  const md = m.data, mo = m.offset, n = m.numel();
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const v = md[mo + i]!;
    if (v > 1) throw new ArgumentError(`${where}: mask values must be 0 or 1, got ${v}`);
    ones += v;
  }
  return { m, ones };
}

function indexImpl(res: Res, x: T, dim: number, idx: T): T {
  const where = 'torch.index';
  const d = x.checkDim(where, dim);
  vector(where, idx);
  const m = idx.numel();
  const ix = indicesOf(where, idx, d, x.shape[d]!, res);
  const { outer, n, inner } = block(x.shape, d);
  const xc = detach(x, res);
  const out = prepare(where, res, withSize(x.shape, d, m), x.dtype);
  return into(out, (o) => backend().indexSelect(o, xc, ix, outer, n, inner, m));
}

const indexCopyImpl = (name: string, add: boolean) => (res: Res, x: T, dim: number, idx: T, src: T): T => {
  const where = `torch.${name}`;
  const d = x.checkDim(where, dim);
  vector(where, idx);
  sameType(where, x, src);
  const m = idx.numel();
  const expected = withSize(x.shape, d, m);
  if (!src.sameShape(expected)) {
    throw new ShapeError(`${where}: expected a source of size ${shapeStr(expected)} (${m} indices along dimension ${d} of ${shapeStr(x.shape)}), got ${shapeStr(src.shape)}`);
  }
  const ix = indicesOf(where, idx, d, x.shape[d]!, res);
  const { outer, n, inner } = block(x.shape, d);
  const sc = detach(src, res);
  const out = start(where, res, x);
  return inPlace(out, (o) => backend().indexCopy(o, sc, ix, outer, n, inner, m, add));
};

function indexFillImpl(res: Res, x: T, dim: number, idx: T, value: number): T {
  const where = 'torch.indexFill';
  const d = x.checkDim(where, dim);
  vector(where, idx);
  const ix = indicesOf(where, idx, d, x.shape[d]!, res);
  const out = start(where, res, x);
  const id = ix.data, io = ix.offset;
  for (let j = 0; j < ix.numel(); j++) out.select(d, id[io + j]!).fill(value);
  return out;
}

function gatherImpl(res: Res, x: T, dim: number, idx: T): T {
  const where = 'torch.gather';
  const d = x.checkDim(where, dim);
  sizedOutside(where, 'an index', x, idx, d);
  const ix = indicesOf(where, idx, d, x.shape[d]!, res);
  const { outer, n: m, inner } = block(idx.shape, d);
  const n = x.shape[d]!;
  const xc = detach(x, res);
  const out = prepare(where, res, idx.shape, x.dtype);
  return into(out, (o) => backend().gather(o, xc, ix, outer, n, inner, m));
}

function scatterImpl(res: Res, x: T, dim: number, idx: T, src: T | number): T {
  const where = 'torch.scatter';
  const d = x.checkDim(where, dim);
  sizedOutside(where, 'an index', x, idx, d);
  const { outer, n: m, inner } = block(idx.shape, d);
  let sc: T | null = null;
  if (typeof src !== 'number') {
    sameType(where, x, src);
    sizedOutside(where, 'a source', x, src, d);
    if (src.shape[d]! < m) throw new ShapeError(`${where}: expected a source with at least ${m} elements along dimension ${d} (the index's ${shapeStr(idx.shape)}), got ${shapeStr(src.shape)}`);
    sc = detach(src.narrow(d, 0, m), res);
  }
  const n = x.shape[d]!;
  const ix = indicesOf(where, idx, d, n, res);
  const out = start(where, res, x);
  const value = typeof src === 'number' ? src : 0;
  return inPlace(out, (o) => backend().scatter(o, sc, value, ix, outer, n, inner, m, false));
}

function maskedSelectImpl(res: Res, x: T, mask: T): T {
  const where = 'torch.maskedSelect';
  const { m, ones } = maskOf(where, x, mask, res);
  const xc = detach(x, res);
  const out = prepare(where, res, [ones], x.dtype);
  return into(out, (o) => {
    const od = o.data, xd = xc.data, md = m.data, n = m.numel();
    let k = o.offset;
    for (let i = 0; i < n; i++) if (md[m.offset + i]) od[k++] = xd[xc.offset + i]!;
  });
}

function maskedCopyImpl(res: Res, x: T, mask: T, src: T): T {
  const where = 'torch.maskedCopy';
  sameType(where, x, src);
  const { m, ones } = maskOf(where, x, mask, res);
  if (src.numel() < ones) throw new ShapeError(`${where}: the mask selects ${ones} elements, got a source of ${src.numel()} ${shapeStr(src.shape)}`);
  const sc = detach(src, res);
  const out = start(where, res, x);
  return inPlace(out, (o) => {
    const od = o.data, sd = sc.data, md = m.data, n = m.numel();
    let k = sc.offset;
    for (let i = 0; i < n; i++) if (md[m.offset + i]) od[o.offset + i] = sd[k++]!;
  });
}

function maskedFillImpl(res: Res, x: T, mask: T, value: number): T {
  const where = 'torch.maskedFill';
  const { m } = maskOf(where, x, mask, res);
  const out = start(where, res, x);
  return inPlace(out, (o) => {
    const od = o.data, md = m.data, n = m.numel();
    for (let i = 0; i < n; i++) if (md[m.offset + i]) od[o.offset + i] = value;
  });
}

function nonzeroImpl(res: Res, x: T): T {
  const where = 'torch.nonzero';
  const xc = detach(x, res);
  const xd = xc.data, xo = xc.offset, n = xc.numel(), nd = x.dim(), shape = x.shape.slice();
  let count = 0;
  for (let i = 0; i < n; i++) if (xd[xo + i] !== 0) count++;
  const out = prepare(where, res, [count, nd], 'long');
  return into(out, (o) => {
    const od = o.data;
    let at = o.offset;
    for (let i = 0; i < n; i++) {
      if (xd[xo + i] === 0) continue;
      let rest = i;
      for (let k = nd - 1; k >= 0; k--) {
        const s = shape[k]!;
        od[at + k] = rest % s;
        rest = Math.floor(rest / s);
      }
      at += nd;
    }
  });
}

function repeatImpl(res: Res, x: T, ...reps: number[]): T {
  const where = 'torch.repeatTensor';
  if (reps.length < x.dim()) throw new ShapeError(`${where}: expected at least ${x.dim()} repeat counts for ${shapeStr(x.shape)}, got ${reps.length}`);
  for (const r of reps) if (!Number.isInteger(r) || r < 0) throw new ArgumentError(`${where}: expected non-negative integer repeat counts, got ${shapeStr(reps)}`);
  const sizes = [...new Array<number>(reps.length - x.dim()).fill(1), ...x.shape];
  const shape = sizes.map((s, i) => s * reps[i]!);
  // the result seen as [r0, s0, r1, s1, …] receives x seen as [1, s0, 1, s1, …] expanded
  const split = sizes.flatMap((s, i) => [reps[i]!, s]);
  const src = detach(x, res).view(sizes.flatMap((s) => [1, s])).expand(split);
  const out = prepare(where, res, shape, x.dtype);
  return into(out, (o) => { o.view(split).copy(src); });
}

export const indexingImpls = implementOps(indexingDecls, {
  index: indexImpl,
  indexCopy: indexCopyImpl('indexCopy', false),
  indexAdd: indexCopyImpl('indexAdd', true),
  indexFill: indexFillImpl,
  gather: gatherImpl,
  scatter: scatterImpl,
  maskedSelect: maskedSelectImpl,
  maskedCopy: maskedCopyImpl,
  maskedFill: maskedFillImpl,
  nonzero: nonzeroImpl,
  repeatTensor: repeatImpl,
});
