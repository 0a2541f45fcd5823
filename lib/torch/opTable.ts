/**
 * The op table: every tensor op is declared once, as a row, and both its Tensor method and its
 * `torch.*` function are derived from that row (as ATen's declared op list does).
 *
 * A row's `forms` list the argument patterns after the result tensor, one letter per argument
 * (t tensor, n number, b boolean, s string, f function), optionally followed by `>` and what the
 * form returns (T a tensor, the default; n a number; b a boolean; s a string; P `[values, indices]`; L a tensor
 * list; A a nested array). From them:
 * - `x.op(...args)` with a pattern in `forms` is the full form: x receives the result (Torch's
 *   `res:add(a, b)`);
 * - `x.op(...rest)` where `t` + pattern is a form is the short form: x is the first argument, and
 *   the result is x itself when `self` is 'result' (in place: `x:add(2)`) or a new tensor when
 *   `self` is 'source' (`x:sum(1)`);
 * - `torch.op(...args)` with a pattern in `forms` returns a new result; with `nRes` leading result
 *   tensors before such a pattern, it writes into them (`torch.add(res, a, b)`).
 * Any other pattern is an ArgumentError listing the accepted forms.
 */
import { Tensor } from '../Tensor.js';
import { ArgumentError } from '../errors.js';

export type Fn = (...values: number[]) => number | void;
export type Arg = Tensor | number | boolean | string | Fn;
/** The result slot a row's impl receives: a tensor to write, `[values, indices]` for nRes 2, or null to allocate. */
export type Res = Tensor | readonly [Tensor, Tensor] | null;

/** A row's declaration: pure data, from which the public types are derived. */
export interface OpDecl {
  readonly forms: readonly string[];
  readonly self: 'result' | 'source';
  /** How many result tensors a torch.* call may pass first (1 unless `[values, indices]`). */
  readonly nRes?: 1 | 2;
  /** False when the method has only the short form (the first tensor of every form is the tensor itself). */
  readonly full?: false;
  /** False when Torch's `torch.<name>` is something else (the function is then written by hand, or absent). */
  readonly fn?: boolean;
  /** One line for docs/tensor.md: what the op does, and what 0-based means for it. */
  readonly doc: string;
}

/** A row's implementation: writes into res (null: allocates) from the arguments and returns the result. */
export type Impl = (res: Res, ...args: never[]) => unknown;
type LooseImpl = (res: Res, ...args: Arg[]) => unknown;

export type OpDecls = Readonly<Record<string, OpDecl>>;

/** Declares a family of rows, keeping their literal forms for the derived types (lib/torch/opTypes.ts). */
export function declareOps<const T extends OpDecls>(decls: T): T {
  return decls;
}

/** The implementations of a family: one per declared row, checked at compile time. */
export function implementOps<D extends OpDecls>(_decls: D, impls: { readonly [K in keyof D]: Impl }): { readonly [K in keyof D]: Impl } {
  return impls;
}

export interface Family { readonly title: string; readonly decls: OpDecls; readonly impls: Readonly<Record<string, Impl>> }

function letter(a: unknown): string {
  switch (typeof a) {
    case 'number': return 'n';
    case 'boolean': return 'b';
    case 'string': return 's';
    case 'function': return 'f';
    case 'object': return a instanceof Tensor ? 't' : '?';
    default: return '?';
  }
}

function describeArg(a: unknown): string {
  const l = letter(a);
  if (l === 't') return (a as Tensor).type();
  if (l === '?') return a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
  return typeof a;
}

const NAMES: Readonly<Record<string, string>> = { t: 'Tensor', n: 'number', b: 'boolean', s: 'string', f: 'function' };
const spell = (p: string): string => `(${[...p].map((c) => NAMES[c] ?? c).join(', ')})`;

interface Compiled {
  forms: Set<string>;
  /** The forms that return a tensor or [values, indices], and so take result tensors. */
  writing: Set<string>;
  list: string[];
}

function compile(name: string, row: OpDecl): Compiled {
  const list = row.forms.map((f) => f.split('>')[0]!);
  const forms = new Set(list);
  const writing = new Set(row.forms.filter((f) => /^[^>]*(>[TP])?$/.test(f)).map((f) => f.split('>')[0]!));
  const k = row.nRes ?? 1;
  const full = row.full !== false && k === 1;
  for (const f of list) {
    if (full && writing.has(f) && forms.has('t' + f)) throw new Error(`op table: ${name}: method form ${spell(f)} is ambiguous with ${spell('t' + f)}`);
    if (row.fn !== false && f.startsWith('t'.repeat(k)) && writing.has(f.slice(k))) throw new Error(`op table: ${name}: torch.${name}${spell(f)} is ambiguous`);
  }
  return { forms, writing, list };
}

/** Arguments without trailing undefined (Lua's omitted optional arguments). */
function trim(raw: unknown[]): unknown[] {
  let n = raw.length;
  while (n > 0 && raw[n - 1] === undefined) n--;
  return n === raw.length ? raw : raw.slice(0, n);
}

/** The form letters of the arguments ('tn' for a tensor then a number). */
function pattern(args: readonly unknown[]): string {
  let p = '';
  for (let i = 0; i < args.length; i++) p += letter(args[i]);
  return p;
}

/** Installs each row's method on the Tensor prototype and returns the derived torch.* functions. */
export function installOps(proto: object, families: readonly Family[]): Record<string, (...args: unknown[]) => unknown> {
  const fns: Record<string, (...args: unknown[]) => unknown> = {};
  for (const { decls, impls } of families) {
    for (const [name, row] of Object.entries(decls)) {
      if (Object.prototype.hasOwnProperty.call(proto, name)) throw new Error(`op table: Tensor.${name} is declared twice`);
      const impl = impls[name] as LooseImpl | undefined;
      if (!impl) throw new Error(`op table: ${name} has no implementation`);
      const c = compile(name, row);
      const method = function (this: Tensor, ...raw: unknown[]): unknown {
        const args = trim(raw) as Arg[];
        const p = pattern(args);
        if (c.writing.has(p) && (row.nRes ?? 1) === 1 && row.full !== false) return impl(this, ...args);
        if (c.forms.has('t' + p)) return impl(row.self === 'result' ? this : null, this, ...args);
        throw new ArgumentError(`Tensor.${name}: expected arguments ${c.list.filter((f) => f.startsWith('t')).map((f) => spell(f.slice(1))).join(' or ')}, got (${args.map(describeArg).join(', ')})`);
      };
      Object.defineProperty(method, 'name', { value: name });
      Object.defineProperty(proto, name, { value: method, writable: true, configurable: true });
      if (row.fn === false) continue;
      const k = row.nRes ?? 1;
      fns[name] = (...raw: unknown[]): unknown => {
        const args = trim(raw) as Arg[];
        const p = pattern(args);
        if (c.forms.has(p)) return impl(null, ...args);
        if (p.startsWith('t'.repeat(k)) && c.writing.has(p.slice(k))) {
          const res: Res = k === 1 ? (args[0] as Tensor) : [args[0] as Tensor, args[1] as Tensor];
          return impl(res, ...args.slice(k));
        }
        throw new ArgumentError(`torch.${name}: expected arguments ${c.list.map(spell).join(' or ')}${k === 1 ? ' (after an optional result tensor)' : ' (after optional values and indices tensors)'}, got (${args.map(describeArg).join(', ')})`);
      };
    }
  }
  return fns;
}
