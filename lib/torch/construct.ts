/**
 * Torch's tensor constructors: `torch.Tensor()` (empty), `torch.Tensor(3, 4)` (sizes; zeros here,
 * where Torch leaves the contents undefined), `torch.Tensor([[1, 2], [3, 4]])` (a nested array:
 * rectangular, numbers only), `torch.Tensor(t)` (a new tensor viewing t's storage, as Torch's) and
 * `torch.Tensor(storage, offset?, sizes?, strides?)` (offset 0-based); a LongStorage alone gives
 * the sizes (`torch.Tensor(torch.LongStorage([2, 3]))`), as in Torch.
 */
import { Tensor } from '../Tensor.js';
import { Storage, type DType } from '../Storage.js';
import { ArgumentError } from '../errors.js';

export type Nested = number | readonly Nested[];
export type TensorArgs =
  | number[]
  | [sizes: readonly number[] | readonly Nested[]]
  | [tensor: Tensor]
  | [storage: Storage, offset?: number, sizes?: readonly number[], strides?: readonly number[]];

/** The sizes of a rectangular nested array, or an ArgumentError naming where a row is ragged. */
export function nestedShape(where: string, v: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = (cur as readonly Nested[])[0]!;
  }
  const check = (x: Nested, d: number, path: string): void => {
    if (d === shape.length) {
      if (typeof x !== 'number') throw new ArgumentError(`${where}: expected a number at ${path || 'the top'}, got ${Array.isArray(x) ? 'an array (ragged nesting)' : typeof x}`);
      return;
    }
    if (!Array.isArray(x)) throw new ArgumentError(`${where}: expected an array of ${shape[d]} at ${path || 'the top'}, got ${typeof x} (ragged rows)`);
    if (x.length !== shape[d]) throw new ArgumentError(`${where}: ragged rows: ${path || 'the top'} has ${x.length} elements, expected ${shape[d]}`);
    (x as readonly Nested[]).forEach((e, i) => check(e, d + 1, `${path}[${i}]`));
  };
  check(v, 0, '');
  return shape;
}

export function fromNested(where: string, v: readonly Nested[], dtype: DType): Tensor {
  const shape = nestedShape(where, v);
  const flat = (v as unknown[]).flat(Infinity) as number[];
  if (shape.length === 1 && shape[0] === 0) return Tensor.empty(dtype);
  return Tensor.from(flat, shape, dtype);
}

export function constructTensor(dtype: DType, args: TensorArgs): Tensor {
  const where = `torch.${Tensor.typeName(dtype).slice(6)}`;
  const a0 = args[0];
  if (a0 === undefined) return Tensor.empty(dtype);
  if (a0 instanceof Tensor) {
    if (a0.dtype !== dtype) throw new ArgumentError(`${where}: expected a ${Tensor.typeName(dtype)} to view, got ${a0.type()} (use .type() to convert)`);
    return new Tensor(a0.storage, a0.offset, a0.shape, a0.strides);
  }
  if (a0 instanceof Storage && a0.dtype === 'long' && args.length === 1) {
    return Tensor.zeros(Array.from(a0.data), dtype); // Torch: a LongStorage alone gives the sizes
  }
  if (a0 instanceof Storage) {
    if (a0.dtype !== dtype) throw new ArgumentError(`${where}: expected a storage of ${dtype}, got ${a0.dtype}`);
    const [, offset = 0, sizes, strides] = args as [Storage, number?, (readonly number[])?, (readonly number[])?];
    return new Tensor(a0, offset, sizes ?? [a0.length - offset], strides);
  }
  if (Array.isArray(a0)) {
    if (args.length > 1) throw new ArgumentError(`${where}: expected one nested array, got ${args.length} arguments`);
    return fromNested(where, a0 as readonly Nested[], dtype);
  }
  if (args.every((s) => typeof s === 'number')) return Tensor.zeros(args as number[], dtype);
  throw new ArgumentError(`${where}: expected sizes, a nested array, a tensor or a storage, got (${args.map((a) => typeof a).join(', ')})`);
}
