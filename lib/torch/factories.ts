/**
 * torch.* factories: zeros, ones, rand, randn (sizes as numbers or one array, after an optional
 * result tensor), randperm, range (inclusive, as Torch), linspace, logspace, eye, cat and
 * multinomial. New tensors have the default type (`torch.setdefaulttensortype`). Indices are
 * 0-based: `randperm(n)` is a permutation of 0..n−1 and `multinomial` draws 0-based categories.
 */
import { Tensor, sizesOf } from '../Tensor.js';
import { getDefaultDtype } from '../Storage.js';
import { ArgumentError, ShapeError, shapeStr } from '../errors.js';
import { backend } from '../kernels/backend.js';
import { rng } from '../random.js';
import { checkShape } from '../shape.js';

type Sizes = number[] | [readonly number[]];
type WithRes = Sizes | [Tensor, ...number[]] | [Tensor, readonly number[]];

/** The result tensor (given first, resized) or a new one of the default type. */
function target(where: string, args: WithRes): Tensor {
  const [a0, ...rest] = args;
  if (a0 instanceof Tensor) return a0.resize(sizesOf(rest as Sizes));
  const shape = sizesOf(args as Sizes);
  checkShape(where, shape);
  return Tensor.zeros(shape, getDefaultDtype());
}

function arange(where: string, res: Tensor | null, n: number, at: (i: number) => number): Tensor {
  const out = res ? res.resize(n) : Tensor.zeros([n], getDefaultDtype());
  const d = out.data;
  for (let i = 0; i < n; i++) d[out.offset + i] = at(i);
  return out;
}

function splitRes<A extends unknown[]>(args: [Tensor, ...A] | A): [Tensor | null, A] {
  return args[0] instanceof Tensor ? [args[0], args.slice(1) as A] : [null, args as A];
}

export const factories = {
  zeros: (...args: WithRes): Tensor => target('torch.zeros', args).zero(),
  ones: (...args: WithRes): Tensor => target('torch.ones', args).fill(1),
  rand: (...args: WithRes): Tensor => {
    const t = target('torch.rand', args);
    backend().randomUniform(t, rng, 0, 1);
    return t;
  },
  randn: (...args: WithRes): Tensor => {
    const t = target('torch.randn', args);
    backend().randomNormal(t, rng, 0, 1);
    return t;
  },
  /** A random permutation of 0..n−1 (Torch's is of 1..n). */
  randperm(...args: [number] | [Tensor, number]): Tensor {
    const [res, [n]] = splitRes<[number]>(args);
    const out = arange('torch.randperm', res, n, (i) => i);
    const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let i = 0; i < n; i++) out.data[out.offset + i] = perm[i]!;
    return out;
  },
  /** a, a + step, … up to b inclusive (Torch's range; PyTorch's arange excludes b). */
  range(...args: [number, number, number?] | [Tensor, number, number, number?]): Tensor {
    const [res, [a, b, step = 1]] = splitRes<[number, number, number?]>(args);
    if (step === 0 || (b - a) / step < 0) throw new ArgumentError(`torch.range: step ${step} does not lead from ${a} to ${b}`);
    const n = Math.floor((b - a) / step + 1e-12) + 1;
    return arange('torch.range', res, n, (i) => a + i * step);
  },
  /** n points from a to b inclusive (default 100). */
  linspace(...args: [number, number, number?] | [Tensor, number, number, number?]): Tensor {
    const [res, [a, b, n = 100]] = splitRes<[number, number, number?]>(args);
    return arange('torch.linspace', res, n, (i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
  },
  /** n points from 10^a to 10^b, evenly spaced in the exponent (default 100). */
  logspace(...args: [number, number, number?] | [Tensor, number, number, number?]): Tensor {
    const [res, [a, b, n = 100]] = splitRes<[number, number, number?]>(args);
    return arange('torch.logspace', res, n, (i) => 10 ** (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
  },
  /** The n × m identity (m defaults to n). */
  eye(...args: [number, number?] | [Tensor, number, number?]): Tensor {
    const [res, [n, m = n]] = splitRes<[number, number?]>(args);
    const out = (res ? res.resize(n, m) : Tensor.zeros([n, m], getDefaultDtype())).zero();
    for (let i = 0; i < Math.min(n, m); i++) out.set([i, i], 1);
    return out;
  },
  /**
   * Concatenation along `dim` (default: the last dimension, as Torch): `torch.cat([a, b, c], 0)`
   * or `torch.cat(a, b, 0)`, after an optional result tensor: `torch.cat(res, [a, b], 0)`.
   */
  cat(...args: (Tensor | readonly Tensor[] | number | undefined)[]): Tensor {
    let res: Tensor | null = null;
    let rest = args.filter((a) => a !== undefined);
    if (rest[0] instanceof Tensor && Array.isArray(rest[1])) { res = rest[0]; rest = rest.slice(1); }
    const dimArg = typeof rest[rest.length - 1] === 'number' ? (rest.pop() as number) : undefined;
    const parts = (Array.isArray(rest[0]) ? rest[0] : rest) as Tensor[];
    if (parts.length === 0 || !parts.every((p) => p instanceof Tensor)) throw new ArgumentError('torch.cat: expected tensors (or one array of tensors) and an optional dimension');
    const nonEmpty = parts.filter((p) => p.numel() > 0);
    if (nonEmpty.length === 0) return res ?? Tensor.empty(parts[0]!.dtype);
    const first = nonEmpty[0]!;
    const d = dimArg === undefined ? first.dim() - 1 : dimArg < 0 ? first.dim() + dimArg : dimArg;
    for (const p of nonEmpty) {
      if (p.dtype !== first.dtype) throw new ArgumentError(`torch.cat: expected tensors of one type, got ${first.type()} and ${p.type()}`);
      if (p.dim() !== first.dim() || p.shape.some((s, k) => k !== d && s !== first.shape[k])) {
        throw new ShapeError(`torch.cat: sizes ${shapeStr(first.shape)} and ${shapeStr(p.shape)} differ outside dimension ${d}`);
      }
    }
    if (d < 0 || d >= first.dim()) throw new ShapeError(`torch.cat: dimension ${dimArg} out of range for ${shapeStr(first.shape)}`);
    const shape = first.shape.slice();
    shape[d] = nonEmpty.reduce((s, p) => s + p.shape[d]!, 0);
    const out = res ? res.resize(shape) : Tensor.zeros(shape, first.dtype);
    let at = 0;
    for (const p of nonEmpty) {
      out.narrow(d, at, p.shape[d]!).copy(p);
      at += p.shape[d]!;
    }
    return out;
  },
  /**
   * n 0-based category draws per row of p (a vector or a matrix of non-negative weights), without
   * replacement unless `replacement`: a LongTensor.
   */
  multinomial(...args: [Tensor, number, boolean?] | [Tensor, Tensor, number, boolean?]): Tensor {
    const [res, [p, n, replacement = false]] = args[1] instanceof Tensor ? [args[0], args.slice(1) as [Tensor, number, boolean?]] : [null, args as [Tensor, number, boolean?]];
    if (p.dim() !== 1 && p.dim() !== 2) throw new ShapeError(`torch.multinomial: expected a vector or a matrix of weights, got ${shapeStr(p.shape)}`);
    const rows = p.dim() === 1 ? 1 : p.size(0), k = p.size(-1);
    if (!replacement && n > k) throw new ArgumentError(`torch.multinomial: cannot draw ${n} of ${k} categories without replacement`);
    const out = res ? res.resize(p.dim() === 1 ? [n] : [rows, n]) : Tensor.zeros(p.dim() === 1 ? [n] : [rows, n], 'long');
    const w = p.contiguous().view(rows, k).toArray();
    for (let r = 0; r < rows; r++) {
      const row = Float64Array.from(w.subarray(r * k, (r + 1) * k));
      if (row.some((v) => v < 0 || !Number.isFinite(v)) || row.every((v) => v === 0)) throw new ArgumentError(`torch.multinomial: row ${r} has no valid weights (negative, non-finite or all zero)`);
      for (let j = 0; j < n; j++) {
        const c = rng.categorical(row);
        out.data[out.offset + r * n + j] = c;
        if (!replacement) row[c] = 0;
      }
    }
    return out;
  },
};
