/**
 * Pointwise rows of the op table: `x.exp()` in place, `res.exp(x)` into res, `torch.exp(x)` new;
 * scalar and tensor arithmetic (add, csub, mul, div, cmul, cdiv, pow, …), addcmul/addcdiv, lerp,
 * clamp, and the comparisons, which return ByteTensor masks. Operands of one op share a type (an
 * error names both otherwise) and a number of elements (a ShapeError names both sizes).
 * Ref: torch7 TensorMath.lua, doc/maths.md.
 */
import type { Tensor } from '../Tensor.js';
import type { BinaryOp, UnaryOp } from '../kernels/KernelTable.js';
import { backend } from '../kernels/backend.js';
import { declareOps, implementOps, type Impl, type Res } from './opTable.js';
import { into, one, prepare, sameCount, sameType } from './util.js';
import { withContiguous } from './scratch.js';

type T = Tensor;
const U = { forms: ['t'], self: 'result' } as const;
const C = { forms: ['tn', 'tt'], self: 'source' } as const;
const ADD = { forms: ['tn', 'tt', 'tnt'], self: 'result' } as const;
const TT = { forms: ['tt'], self: 'result' } as const;
const TN = { forms: ['tn'], self: 'result' } as const;
const ADDC = { forms: ['ttt', 'tntt'], self: 'result' } as const;

export const pointwiseDecls = declareOps({
  abs: { ...U, doc: '|x|' }, sign: { ...U, doc: '−1, 0 or 1' }, neg: { ...U, doc: '−x' }, exp: { ...U, doc: 'eˣ' },
  log: { ...U, doc: 'ln x' }, log1p: { ...U, doc: 'ln(1 + x)' }, expm1: { ...U, doc: 'eˣ − 1' }, sqrt: { ...U, doc: '√x' },
  rsqrt: { ...U, doc: '1/√x' }, sigmoid: { ...U, doc: '1/(1 + e⁻ˣ)' }, tanh: { ...U, doc: 'tanh x' }, sin: { ...U, doc: 'sin x' },
  cos: { ...U, doc: 'cos x' }, tan: { ...U, doc: 'tan x' }, asin: { ...U, doc: 'asin x' }, acos: { ...U, doc: 'acos x' },
  atan: { ...U, doc: 'atan x' }, sinh: { ...U, doc: 'sinh x' }, cosh: { ...U, doc: 'cosh x' }, floor: { ...U, doc: '⌊x⌋' },
  ceil: { ...U, doc: '⌈x⌉' }, round: { ...U, doc: 'x rounded, halves away from zero (C round)' }, trunc: { ...U, doc: 'x rounded toward zero' },
  frac: { ...U, doc: 'x − trunc(x)' }, cinv: { ...U, doc: '1/x' }, square: { ...U, doc: 'x²' },
  add: { ...ADD, doc: 'x + v, x + y, or x + v·y' },
  csub: { ...ADD, doc: 'x − v, x − y, or x − v·y' },
  mul: { forms: ['tn', 'tt'], self: 'result', doc: 'x·v (a tensor y: as cmul)' },
  div: { forms: ['tn', 'tt'], self: 'result', doc: 'x/v (a tensor y: as cdiv); integer types truncate toward zero, as C' },
  cmul: { ...TT, doc: 'x ⊙ y' },
  cdiv: { ...TT, doc: 'x ⊘ y' },
  pow: { forms: ['tn', 'nt', 'tt'], self: 'result', doc: 'xᵛ; vˣ as `torch.pow(v, x)`; or xʸ elementwise' },
  cpow: { ...TT, doc: 'xʸ elementwise' },
  clamp: { forms: ['tnn'], self: 'result', doc: 'x limited to [min, max]' },
  fmod: { ...TN, doc: 'C fmod(x, v): the remainder with the sign of x' },
  remainder: { ...TN, doc: 'x − ⌊x/v⌋·v: the remainder with the sign of v' },
  cfmod: { ...TT, doc: 'fmod(x, y) elementwise' },
  cremainder: { ...TT, doc: 'remainder(x, y) elementwise' },
  atan2: { ...TT, doc: 'atan2(x, y) elementwise' },
  lerp: { forms: ['ttn'], self: 'result', doc: 'a + w·(b − a)' },
  cmax: { forms: ['tt', 'tn'], self: 'result', doc: 'max(x, y) elementwise (y a tensor or a number)' },
  cmin: { forms: ['tt', 'tn'], self: 'result', doc: 'min(x, y) elementwise (y a tensor or a number)' },
  addcmul: { ...ADDC, doc: 'x + v·(t1 ⊙ t2) (v defaults to 1)' },
  addcdiv: { ...ADDC, doc: 'x + v·(t1 ⊘ t2) (v defaults to 1)' },
  gt: { ...C, doc: '1 where x > y (a number or a tensor), else 0: a ByteTensor' },
  lt: { ...C, doc: '1 where x < y, else 0: a ByteTensor' },
  ge: { ...C, doc: '1 where x ≥ y, else 0: a ByteTensor' },
  le: { ...C, doc: '1 where x ≤ y, else 0: a ByteTensor' },
  eq: { ...C, doc: '1 where x = y, else 0: a ByteTensor' },
  ne: { ...C, doc: '1 where x ≠ y, else 0: a ByteTensor' },
});

function map1(where: string, res: Res, x: T, op: UnaryOp, a = 0, b = 0, dtype = x.dtype): T {
  const out = prepare(where, res, x.shape, dtype);
  return withContiguous([x], ([xc]) => into(out, (o) => backend().unary(o, xc, op, a, b)));
}

function map2(where: string, res: Res, x: T, y: T, op: BinaryOp, a = 0, dtype = x.dtype): T {
  sameType(where, x, y);
  sameCount(where, x, y);
  const out = prepare(where, res, x.shape, dtype);
  return withContiguous([x, y], ([xc, yc]) => into(out, (o) => backend().binary(o, xc, yc, op, a)));
}

const unary = (op: UnaryOp): Impl => (res: Res, x: T) => map1(`torch.${op}`, res, x, op);
const binary = (name: string, op: BinaryOp): Impl => (res: Res, x: T, y: T) => map2(`torch.${name}`, res, x, y, op);
const scalar = (name: string, op: UnaryOp): Impl => (res: Res, x: T, v: number) => map1(`torch.${name}`, res, x, op, v);
const tensorOrScalar = (name: string, op: BinaryOp, opS: UnaryOp): Impl => (res: Res, x: T, y: T | number) =>
  typeof y === 'number' ? map1(`torch.${name}`, res, x, opS, y) : map2(`torch.${name}`, res, x, y, op);

/** add and csub: x ± v, x ± y, x ± v·y. */
const addLike = (sign: 1 | -1, name: string): Impl => (res: Res, x: T, a: number | T, b?: T) => {
  if (typeof a === 'number' && b === undefined) return map1(`torch.${name}`, res, x, 'affine', 1, sign * a);
  if (typeof a !== 'number') return map2(`torch.${name}`, res, x, a, 'add', sign);
  return map2(`torch.${name}`, res, x, b!, 'add', sign * a);
};

/** Comparisons: a ByteTensor mask, or a result of x's own type when one is given (Torch allows both). */
const compare = (name: string, opS: UnaryOp, opT: BinaryOp): Impl => (res: Res, x: T, y: T | number) => {
  const r = one(res);
  const dtype = r !== null && r.dtype === x.dtype ? x.dtype : 'uint8';
  return typeof y === 'number' ? map1(`torch.${name}`, res, x, opS, y, 0, dtype) : map2(`torch.${name}`, res, x, y, opT, 0, dtype);
};

function addc(where: string, div: boolean): Impl {
  return (res: Res, x: T, a: number | T, b: T, c?: T) => {
    const [v, y, z] = typeof a === 'number' ? [a, b, c!] : [1, a, b];
    sameType(where, x, y);
    sameType(where, x, z);
    sameCount(where, x, y);
    sameCount(where, x, z);
    const out = prepare(where, res, x.shape, x.dtype);
    return withContiguous([x, y, z], ([xc, yc, zc]) => into(out, (o) => backend().addcmul(o, xc, v, yc, zc, div)));
  };
}

export const pointwiseImpls = implementOps(pointwiseDecls, {
  abs: unary('abs'), sign: unary('sign'), neg: unary('neg'), exp: unary('exp'), log: unary('log'), log1p: unary('log1p'),
  expm1: unary('expm1'), sqrt: unary('sqrt'), rsqrt: unary('rsqrt'), sigmoid: unary('sigmoid'), tanh: unary('tanh'),
  sin: unary('sin'), cos: unary('cos'), tan: unary('tan'), asin: unary('asin'), acos: unary('acos'), atan: unary('atan'),
  sinh: unary('sinh'), cosh: unary('cosh'), floor: unary('floor'), ceil: unary('ceil'), round: unary('round'),
  trunc: unary('trunc'), frac: unary('frac'), cinv: unary('cinv'), square: unary('square'),
  add: addLike(1, 'add'),
  csub: addLike(-1, 'csub'),
  mul: (res: Res, x: T, v: number | T) => (typeof v === 'number' ? map1('torch.mul', res, x, 'affine', v, 0) : map2('torch.mul', res, x, v, 'cmul')),
  div: (res: Res, x: T, v: number | T) => (typeof v === 'number' ? map1('torch.div', res, x, 'divs', v) : map2('torch.div', res, x, v, 'cdiv')),
  cmul: binary('cmul', 'cmul'),
  cdiv: binary('cdiv', 'cdiv'),
  pow: (res: Res, a: T | number, b: T | number) => {
    if (typeof a === 'number') return map1('torch.pow', res, b as T, 'rpows', a);
    return typeof b === 'number' ? map1('torch.pow', res, a, 'pows', b) : map2('torch.pow', res, a, b, 'cpow');
  },
  cpow: binary('cpow', 'cpow'),
  clamp: (res: Res, x: T, lo: number, hi: number) => map1('torch.clamp', res, x, 'clamp', lo, hi),
  fmod: scalar('fmod', 'fmod'),
  remainder: scalar('remainder', 'remainder'),
  cfmod: binary('cfmod', 'cfmod'),
  cremainder: binary('cremainder', 'cremainder'),
  atan2: binary('atan2', 'atan2'),
  lerp: (res: Res, a: T, b: T, w: number) => map2('torch.lerp', res, a, b, 'lerp', w),
  cmax: tensorOrScalar('cmax', 'cmax', 'cmaxs'),
  cmin: tensorOrScalar('cmin', 'cmin', 'cmins'),
  addcmul: addc('torch.addcmul', false),
  addcdiv: addc('torch.addcdiv', true),
  gt: compare('gt', 'gts', 'gt'), lt: compare('lt', 'lts', 'lt'), ge: compare('ge', 'ges', 'ge'),
  le: compare('le', 'les', 'le'), eq: compare('eq', 'eqs', 'eq'), ne: compare('ne', 'nes', 'ne'),
});
