/**
 * Types and edge checks shared by Lua torch/optim's line-search and second-order algorithms (cg,
 * lbfgs, lswolfe, polyinterp, fista, checkgrad), and the evaluation check every algorithm uses.
 */
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../../lib/errors.js';

import type { Feval } from './types.js';
export type { Feval };

/** lswolfe's options, with Lua's names (c1 sufficient decrease, c2 curvature, tolX, maxIter, verbose). */
export interface LineSearchOptions { c1?: number; c2?: number; tolX?: number; maxIter?: number; verbose?: boolean }

/** Lua's line-search contract: (opfunc, x, t, d, f, g, gtd, options) → f, g, x, t and the evaluations used, at x + t·d. */
export type LineSearch = (
  opfunc: Feval, x: Tensor, t: number, d: Tensor, f: number, g: Tensor, gtd: number, options?: LineSearchOptions,
) => [f: number, g: Tensor, x: Tensor, t: number, lsFuncEval: number];

/** Lua 5.1's math.min/max of two numbers: the first unless the second compares smaller (larger), so a NaN second argument loses. */
export function luaMin(a: number, b: number): number {
  return b < a ? b : a;
}
export function luaMax(a: number, b: number): number {
  return b > a ? b : a;
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return `${Tensor.typeName(v.dtype)} of size ${shapeStr(v.shape)}`;
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** x must be a FloatTensor or DoubleTensor; `dims` = 1 for the algorithms that index it element by element as Lua's do. */
export function checkVector(where: string, name: string, x: unknown, dims?: 1): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`${where}: expected ${name} to be a tensor, got ${describe(x)}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new ArgumentError(`${where}: expected ${name} to be a FloatTensor or DoubleTensor, got ${Tensor.typeName(x.dtype)}`);
  if (dims === 1 && x.dim() !== 1) throw new ShapeError(`${where}: expected ${name} to be a 1-D tensor, got size ${shapeStr(x.shape)}`);
}

export function checkFunction(where: string, name: string, f: unknown): void {
  if (typeof f !== 'function') throw new ArgumentError(`${where}: expected ${name} to be a function, got ${describe(f)}`);
}

/** An option that must be a number (Lua's `tonumber(config.x) or default` otherwise). */
export function checkNumber(where: string, name: string, v: unknown, ok: (n: number) => boolean = () => true, want = 'a number'): number {
  if (typeof v !== 'number' || Number.isNaN(v) || !ok(v)) throw new ArgumentError(`${where}: expected ${name} to be ${want}, got ${typeof v === 'number' ? v : describe(v)}`);
  return v;
}

/** Calls opfunc(x) and checks it gave [f, df/dx] with df/dx a tensor of x's type and element count. */
export function evaluate(where: string, opfunc: Feval, x: Tensor): [number, Tensor] {
  const r: unknown = opfunc(x);
  if (!Array.isArray(r) || r.length < 2 || typeof r[0] !== 'number') throw new ArgumentError(`${where}: expected opfunc to return [f, df/dx], got ${describe(r)}`);
  const g: unknown = r[1];
  if (!(g instanceof Tensor)) throw new ArgumentError(`${where}: expected df/dx to be a tensor, got ${describe(g)}`);
  if (g.numel() !== x.numel()) throw new ShapeError(`${where}: expected df/dx with x's ${x.numel()} elements (x is ${shapeStr(x.shape)}), got size ${shapeStr(g.shape)}`);
  if (g.dtype !== x.dtype) throw new ArgumentError(`${where}: expected df/dx of x's type ${Tensor.typeName(x.dtype)}, got ${Tensor.typeName(g.dtype)}`);
  return [r[0], g];
}
