import test from 'tape';
import { torch, Tensor, ShapeError, ArgumentError } from '../../index.js';
import { UNARY, BINARY } from '../../lib/kernels/js/tensorOps.js';

/** A float64 reference, independent of the op table: plain loops over the row-major values. */
const ref1 = (x: Tensor, f: (v: number) => number): number[] => Array.from(x.toArray(), f);
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => (Number.isNaN(v) && Number.isNaN(b[i]!)) || Math.abs(v - b[i]!) <= tol * (1 + Math.abs(b[i]!)));

const positive = () => torch.DoubleTensor([[0.5, 1.5, 2.25], [3, 0.125, 4.5]]);
const signed = () => torch.DoubleTensor([[-2.5, -0.5, 0], [0.5, 1.75, 2.5]]);

test('unary rows: every op on contiguous and transposed inputs, in place, into a result and as torch.*', (t) => {
  const refs: Record<string, (v: number) => number> = {
    abs: Math.abs, sign: Math.sign, neg: (v) => -v, exp: Math.exp, log: Math.log, log1p: Math.log1p, expm1: Math.expm1, sqrt: Math.sqrt,
    rsqrt: (v) => 1 / Math.sqrt(v), sigmoid: (v) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh, sin: Math.sin, cos: Math.cos, tan: Math.tan,
    asin: Math.asin, acos: Math.acos, atan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, floor: Math.floor, ceil: Math.ceil,
    round: (v) => Math.sign(v) * Math.floor(Math.abs(v) + 0.5), trunc: Math.trunc, frac: (v) => v - Math.trunc(v), cinv: (v) => 1 / v, square: (v) => v * v,
  };
  let failures = 0;
  for (const [name, f] of Object.entries(refs)) {
    const mk = ['log', 'sqrt', 'rsqrt', 'cinv', 'asin', 'acos'].includes(name) ? () => positive().div(5) : signed;
    const x = mk();
    const want = ref1(x, f);
    const fn = (torch as unknown as Record<string, (...a: unknown[]) => Tensor>)[name]!;
    const a = fn(x);
    if (!close(a.toArray(), want, 1e-12)) { failures++; t.fail(`torch.${name}`); }
    const xt = mk().t(); // non-contiguous
    const wantT = ref1(xt, f);
    const b = (xt as unknown as Record<string, () => Tensor>)[name]!.call(xt);
    if (b !== xt || !close(xt.toArray(), wantT, 1e-12)) { failures++; t.fail(`x.${name}() in place on a transposed view`); }
    const res = torch.DoubleTensor(7);
    (res as unknown as Record<string, (x: Tensor) => Tensor>)[name]!.call(res, x);
    if (!res.isSameSizeAs(x) || !close(res.toArray(), want, 1e-12)) { failures++; t.fail(`res.${name}(x)`); }
  }
  t.equal(failures, 0, `${Object.keys(refs).length} unary ops agree with Math on every form`);
  t.deepEqual(torch.round(torch.Tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5])).totable(), [-3, -2, -1, 1, 2, 3], 'round: halves away from zero, as C');
  t.deepEqual(Object.keys(UNARY).length > 30 && Object.keys(BINARY).length > 10, true);
  t.end();
});

test('add/csub/mul/div in all of Torch\'s forms', (t) => {
  const x = torch.Tensor([[1, 2], [3, 4]]), y = torch.Tensor([[10, 20], [30, 40]]);
  t.deepEqual(torch.add(x, 2).totable(), [[3, 4], [5, 6]], 'torch.add(x, v)');
  t.deepEqual(torch.add(x, y).totable(), [[11, 22], [33, 44]], 'torch.add(x, y)');
  t.deepEqual(torch.add(x, 0.5, y).totable(), [[6, 12], [18, 24]], 'torch.add(x, v, y)');
  const res = torch.Tensor();
  t.equal(torch.add(res, x, y), res, 'torch.add(res, x, y) returns res');
  t.deepEqual(res.totable(), [[11, 22], [33, 44]]);
  const r2 = torch.Tensor(2, 2);
  t.equal(r2.add(x, 0.5, y), r2, 'res.add(x, v, y)');
  t.deepEqual(r2.totable(), [[6, 12], [18, 24]]);
  const z = x.clone();
  t.equal(z.add(1), z, 'x.add(v) returns x');
  t.deepEqual(z.totable(), [[2, 3], [4, 5]]);
  z.add(y).add(-1, y);
  t.deepEqual(z.totable(), [[2, 3], [4, 5]], 'x.add(y), x.add(v, y)');
  t.deepEqual(x.clone().csub(1).totable(), [[0, 1], [2, 3]], 'csub(v)');
  t.deepEqual(y.clone().csub(2, x).totable(), [[8, 16], [24, 32]], 'csub(v, y)');
  t.deepEqual(x.clone().mul(3).totable(), [[3, 6], [9, 12]], 'mul');
  t.deepEqual(x.clone().div(2).totable(), [[0.5, 1], [1.5, 2]], 'div');
  t.deepEqual(torch.cmul(x, y).totable(), [[10, 40], [90, 160]], 'cmul');
  t.deepEqual(torch.cdiv(y, x).totable(), [[10, 10], [10, 10]], 'cdiv');
  t.deepEqual(torch.pow(x, 2).totable(), [[1, 4], [9, 16]], 'pow(x, n)');
  t.deepEqual(torch.pow(2, x).totable(), [[2, 4], [8, 16]], 'pow(n, x)');
  t.deepEqual(torch.pow(x, x).totable(), [[1, 4], [27, 256]], 'pow(x, y)');
  t.deepEqual(torch.clamp(x, 2, 3).totable(), [[2, 2], [3, 3]], 'clamp');
  t.deepEqual(torch.fmod(torch.Tensor([-3, 3]), 2).totable(), [-1, 1], 'fmod keeps the sign of x');
  t.deepEqual(torch.remainder(torch.Tensor([-3, 3]), 2).totable(), [1, 1], 'remainder takes the sign of the divisor');
  t.deepEqual(torch.lerp(x, y, 0.5).totable(), [[5.5, 11], [16.5, 22]], 'lerp');
  t.deepEqual(torch.addcmul(x, 2, x, y).totable(), [[21, 82], [183, 324]], 'addcmul(x, v, t1, t2)');
  t.deepEqual(x.clone().addcdiv(y, x).totable(), [[11, 12], [13, 14]], 'x.addcdiv(t1, t2)');
  t.deepEqual(torch.cmax(x, 2.5).totable(), [[2.5, 2.5], [3, 4]], 'cmax with a number');
  t.deepEqual(torch.cmin(x, torch.Tensor([[0, 5], [5, 0]])).totable(), [[0, 2], [3, 0]], 'cmin with a tensor');
  t.end();
});

test('pointwise on non-contiguous operands and results', (t) => {
  const a = torch.range(1, 6).view(2, 3), b = torch.range(10, 60, 10).view(3, 2);
  const at = a.t(); // 3×2, strides [1, 3]
  t.deepEqual(torch.add(at, b).totable(), [[11, 24], [32, 45], [53, 66]], 'transposed operand');
  const big = torch.zeros(3, 4);
  big.narrow(1, 1, 2).add(at, b);
  t.deepEqual(big.totable(), [[0, 11, 24, 0], [0, 32, 45, 0], [0, 53, 66, 0]], 'narrowed result');
  const e = torch.Tensor([1, 2]).view(2, 1).expand(2, 3);
  t.deepEqual(torch.mul(e, 2).totable(), [[2, 2, 2], [4, 4, 4]], 'expanded (stride-0) operand');
  t.end();
});

test('comparisons return ByteTensor masks', (t) => {
  const x = torch.Tensor([1, 2, 3, 4]);
  const m = x.gt(2);
  t.equal(m.type(), 'torch.ByteTensor');
  t.deepEqual(m.totable(), [0, 0, 1, 1], 'x.gt(2) is a new mask');
  t.deepEqual(x.totable(), [1, 2, 3, 4], 'x unchanged');
  t.deepEqual(torch.le(x, torch.Tensor([4, 3, 2, 1])).totable(), [1, 1, 0, 0], 'torch.le(x, y)');
  t.deepEqual(torch.eq(x, 3).totable(), [0, 0, 1, 0]);
  t.deepEqual(torch.ne(x, 3).totable(), [1, 1, 0, 1]);
  t.deepEqual(torch.ge(x, 3).totable(), [0, 0, 1, 1]);
  t.deepEqual(torch.lt(x, 3).totable(), [1, 1, 0, 0]);
  const into = torch.ByteTensor();
  t.equal(into.lt(x, 3), into, 'mask.lt(x, v) writes into mask');
  t.deepEqual(into.totable(), [1, 1, 0, 0]);
  const same = torch.Tensor(4);
  same.gt(x, 1);
  t.deepEqual(same.totable(), [0, 1, 1, 1], 'a result of x\'s type is allowed, as Torch');
  t.end();
});

test('types: casts, integer semantics, mixing errors', (t) => {
  const x = torch.Tensor([1.7, -2.5, 300]);
  t.equal(x.type(), 'torch.FloatTensor');
  t.equal(x.float(), x, 'float() of a FloatTensor is itself');
  t.deepEqual(x.long().totable(), [1, -2, 300], 'long() truncates toward zero');
  t.deepEqual(x.int().totable(), [1, -2, 300]);
  t.deepEqual(x.byte().totable(), [1, 254, 44], 'byte() wraps modulo 256');
  t.equal(x.double().type(), 'torch.DoubleTensor');
  t.equal(x.type('torch.LongTensor').type(), 'torch.LongTensor');
  t.equal(x.type('torch.CudaTensor'), x, "'torch.CudaTensor' is the CPU float type here");
  t.equal(x.typeAs(torch.IntTensor(1)).type(), 'torch.IntTensor');
  t.throws(() => x.type('torch.HalfTensor'), /expected one of torch\.FloatTensor/);
  const l = torch.LongTensor([7, -7]);
  t.deepEqual(l.clone().div(2).totable(), [3, -3], 'integer division truncates toward zero');
  t.deepEqual(torch.ByteTensor([250]).add(10).totable(), [4], 'byte arithmetic wraps');
  t.throws(() => torch.add(torch.Tensor(2), torch.DoubleTensor(2)), (e: unknown) => e instanceof ArgumentError && /torch\.FloatTensor and torch\.DoubleTensor/.test((e as Error).message), 'mixing types names both');
  t.throws(() => torch.cmul(torch.Tensor(2, 3), torch.Tensor(4)), (e: unknown) => e instanceof ShapeError && /torch\.cmul.*\[2, 3\] and \[4\]/.test((e as Error).message), 'size mismatch names the op and both sizes');
  t.throws(() => torch.add(torch.Tensor(2), 'two' as never), /expected arguments/, 'a wrong argument lists the forms');
  const nc = torch.DoubleTensor([[1.5, -2.5], [3.25, 4.75]]).t();
  t.deepEqual([nc.long().totable(), nc.byte().totable(), nc.float().totable()], [[[1, 3], [-2, 4]], [[1, 3], [254, 4]], [[1.5, 3.25], [-2.5, 4.75]]], 'casts and totable of a transposed view');
  t.ok(torch.LongTensor(2) instanceof torch.LongTensor && !(torch.Tensor(2) instanceof torch.LongTensor), 'instanceof checks the type');
  t.end();
});

test('default tensor type', (t) => {
  t.equal(torch.getdefaulttensortype(), 'torch.FloatTensor');
  torch.setdefaulttensortype('torch.DoubleTensor');
  try {
    t.equal(torch.Tensor(2).type(), 'torch.DoubleTensor');
    t.equal(torch.randn(2).type(), 'torch.DoubleTensor');
    t.equal(torch.Tensor.typename, 'torch.DoubleTensor');
  } finally {
    torch.setdefaulttensortype('torch.FloatTensor');
  }
  t.throws(() => torch.setdefaulttensortype('torch.LongTensor'), ArgumentError);
  t.end();
});

test('apply, map, map2, totable', (t) => {
  const x = torch.Tensor([[1, 2], [3, 4]]);
  let i = 0;
  x.apply(() => ++i);
  t.deepEqual(x.totable(), [[1, 2], [3, 4]], 'apply visits in row-major order');
  x.t().apply((v) => v * 10);
  t.deepEqual(x.totable(), [[10, 20], [30, 40]], 'apply through a transposed view writes back');
  x.map(torch.Tensor([[1, 1], [2, 2]]), (a, b) => a + b!);
  t.deepEqual(x.totable(), [[11, 21], [32, 42]], 'map');
  x.map2(torch.ones(2, 2), torch.ones(2, 2), (a, b, c) => (a! > 30 ? b! + c! : undefined));
  t.deepEqual(x.totable(), [[11, 21], [2, 2]], 'map2; returning nothing keeps the value');
  t.deepEqual(torch.totable(torch.range(1, 3)), [1, 2, 3]);
  t.end();
});
