/**
 * Type rows of the op table: `type()` (Torch's type name), `type(name)`, `typeAs(u)` and the casts
 * `float()`, `double()`, `long()`, `int()`, `byte()`, which return the tensor itself when it has
 * the type already and a converted copy otherwise (integer casts truncate toward zero); and
 * `apply`, `map`, `map2`, `totable`.
 */
import { Tensor, TYPE_NAMES } from '../Tensor.js';
import { ArgumentError } from '../errors.js';
import type { DType } from '../Storage.js';
import { declareOps, implementOps, type Fn, type Res } from './opTable.js';
import type { NestedArray } from './opTypes.js';
import { sameCount } from './util.js';

type T = Tensor;
const CAST = { forms: ['t'], self: 'source', fn: false, full: false } as const;

export const convertDecls = declareOps({
  type: { forms: ['t>s', 'ts'], self: 'source', fn: false, full: false, doc: "`type()`: Torch's type name ('torch.FloatTensor'); `type(name)`: the tensor as that type (Cuda names map to their CPU type)" },
  typeAs: { forms: ['tt'], self: 'source', fn: false, full: false, doc: 'the tensor as the type of another' },
  float: { ...CAST, doc: 'as a FloatTensor (float32)' },
  double: { ...CAST, doc: 'as a DoubleTensor (float64)' },
  long: { ...CAST, doc: 'as a LongTensor (32-bit integers here; truncates toward zero)' },
  int: { ...CAST, doc: 'as an IntTensor (int32; truncates toward zero)' },
  byte: { ...CAST, doc: 'as a ByteTensor (uint8; wraps modulo 256)' },
  apply: { full: false, forms: ['tf'], self: 'result', fn: false, doc: 'x[i] = f(x[i]) for each element in row-major order (f returning nothing keeps it)' },
  map: { full: false, forms: ['ttf'], self: 'result', fn: false, doc: 'x[i] = f(x[i], y[i]) (f returning nothing keeps it)' },
  map2: { full: false, forms: ['tttf'], self: 'result', fn: false, doc: 'x[i] = f(x[i], y[i], z[i]) (f returning nothing keeps it)' },
  totable: { forms: ['t>A'], self: 'source', full: false, doc: 'the values as nested arrays' },
});

const BY_NAME: Readonly<Record<string, DType>> = Object.fromEntries(Object.entries(TYPE_NAMES).map(([d, n]) => [n, d as DType]));

/** The dtype of a Torch type name ('torch.CudaTensor' reads as float32, 'torch.CudaLongTensor' as long, …). */
export function dtypeOf(where: string, name: string): DType {
  const cpu = name === 'torch.CudaTensor' ? 'torch.FloatTensor' : name.replace(/^torch\.Cuda/, 'torch.');
  const d = BY_NAME[cpu];
  if (!d) throw new ArgumentError(`${where}: expected one of ${Object.values(TYPE_NAMES).join(', ')}, got '${name}'`);
  return d;
}

const cast = (dtype: DType) => (_res: Res, x: T) => x.to(dtype);

/** Visits the elements of x (and others of the same count) in row-major order, writing what f returns. */
function visit(where: string, x: T, others: readonly T[], f: Fn): T {
  for (const o of others) sameCount(where, x, o);
  const n = x.numel();
  const xc = x.contiguous();
  const cs = others.map((o) => o.contiguous().toArray());
  const xd = xc.data, xo = xc.offset, vals = new Array<number>(others.length + 1);
  for (let i = 0; i < n; i++) {
    vals[0] = xd[xo + i]!;
    for (let k = 0; k < cs.length; k++) vals[k + 1] = cs[k]![i]!;
    const r = f(...vals);
    if (typeof r === 'number') xd[xo + i] = r;
  }
  if (xc !== x) x.copy(xc);
  return x;
}

function nest(d: ArrayLike<number>, shape: readonly number[], at: number, off: number): NestedArray[] {
  const size = shape[at]!;
  if (at === shape.length - 1) return Array.from({ length: size }, (_, i) => d[off + i]!);
  let step = 1;
  for (let k = at + 1; k < shape.length; k++) step *= shape[k]!;
  return Array.from({ length: size }, (_, i) => nest(d, shape, at + 1, off + i * step));
}

export const convertImpls = implementOps(convertDecls, {
  type: (_res: Res, x: T, name?: string) => (name === undefined ? TYPE_NAMES[x.dtype] : x.to(dtypeOf('Tensor.type', name))),
  typeAs: (_res: Res, x: T, u: T) => x.to(u.dtype),
  float: cast('float32'), double: cast('float64'), long: cast('long'), int: cast('int32'), byte: cast('uint8'),
  apply: (_res: Res, x: T, f: Fn) => visit('Tensor.apply', x, [], f),
  map: (_res: Res, x: T, y: T, f: Fn) => visit('Tensor.map', x, [y], f),
  map2: (_res: Res, x: T, y: T, z: T, f: Fn) => visit('Tensor.map2', x, [y, z], f),
  totable: (_res: Res, x: T) => (x.dim() === 0 ? [] : nest(x.toArray(), x.shape, 0, 0)),
});
