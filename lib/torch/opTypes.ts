/**
 * The Tensor methods and torch.* function types, derived from the op table's rows: each form
 * string becomes one overload (see lib/torch/opTable.ts for the form grammar).
 */
import type { Tensor } from '../Tensor.js';
import type { Fn } from './opTable.js';
import type { ALL_DECLS } from './rows.js';

type ArgOf<C extends string> = C extends 't' ? Tensor : C extends 'n' ? number : C extends 'b' ? boolean : C extends 's' ? string : C extends 'f' ? Fn : never;
type Args<S extends string> = S extends `${infer C}${infer R}` ? [ArgOf<C>, ...Args<R>] : [];
/** A nested array of numbers, as `totable()` returns. */
export type NestedArray = number | NestedArray[];
type RetOf<R extends string> = R extends 'A' ? NestedArray[] : R extends 'n' ? number : R extends 'b' ? boolean : R extends 's' ? string : R extends 'P' ? [Tensor, Tensor] : R extends 'L' ? Tensor[] : Tensor;
type Pat<F extends string> = F extends `${infer A}>${string}` ? A : F;
type Ret<F extends string> = F extends `${string}>${infer R}` ? RetOf<R> : Tensor;
type U2I<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

type FormsOf<R> = R extends { readonly forms: readonly (infer F extends string)[] } ? F : never;
type NRes<R> = R extends { readonly nRes: 2 } ? 2 : 1;
/** Whether x.op(res-args…) is the full form: rows with one result and `full` not false. */
type HasFull<R> = R extends { readonly full: false } ? false : NRes<R> extends 1 ? true : false;
/** Forms that return a tensor or [values, indices] take result tensors; the others do not. */
type Writes<F extends string> = F extends `${string}>${infer R}` ? (R extends 'T' | 'P' ? true : false) : true;

type MethodSig<F extends string, Full> =
  | (Pat<F> extends `t${infer Rest}` ? (...a: Args<Rest>) => Ret<F> : never)
  | (Full extends true ? (Writes<F> extends true ? (...a: Args<Pat<F>>) => Ret<F> : never) : never);
type FnSig<F extends string, K> =
  | ((...a: Args<Pat<F>>) => Ret<F>)
  | (Writes<F> extends true ? (K extends 1 ? (res: Tensor, ...a: Args<Pat<F>>) => Ret<F> : (values: Tensor, indices: Tensor, ...a: Args<Pat<F>>) => Ret<F>) : never);

type Method<R> = U2I<FormsOf<R> extends infer F extends string ? (F extends unknown ? MethodSig<F, HasFull<R>> : never) : never>;
type Func<R> = U2I<FormsOf<R> extends infer F extends string ? (F extends unknown ? FnSig<F, NRes<R>> : never) : never>;

type Rows = typeof ALL_DECLS;
type Merged = Rows extends readonly (infer E)[] ? U2I<E> : never;

export type TensorOps = { [K in keyof Merged]: Method<Merged[K]> };
type FnNames<M> = { [K in keyof M]: M[K] extends { readonly fn: false } ? never : K }[keyof M];
export type TorchOps = { [K in FnNames<Merged> & keyof Merged]: Func<Merged[K]> };

