/**
 * The `torch` namespace: `import { torch } from 'dpnn-ts'`, so that ported lines read as Lua's
 * (`torch.randn(3, 4)`, `torch.add(x, y)`, `torch.save('m.t7', model)`). The functions derived
 * from the op table come first; then the constructors, factories and utilities of torch7.
 * Importing this module installs the op table's methods on Tensor.
 */
import { Tensor, TYPE_NAMES } from '../Tensor.js';
import { Storage, setDefaultDtype, getDefaultDtype, type DType } from '../Storage.js';
import { installOps } from './opTable.js';
import { FAMILIES } from './rows.js';
import type { TorchOps } from './opTypes.js';
import { dtypeOf } from './convert.js';
import { constructTensor, type TensorArgs } from './construct.js';
import { factories } from './factories.js';
import { manualSeed, getRNGState, setRNGState, rng, Generator } from '../random.js';
import { CmdLine } from './CmdLine.js';
import { Timer } from './Timer.js';
import { ArgumentError } from '../errors.js';
import { save, load, serialize, deserialize } from '../serialization/t7.js';
import { symeig } from './symeig.js';

const derived = installOps(Tensor.prototype, FAMILIES) as unknown as TorchOps;

/** `torch.Tensor(3, 4)`, `torch.Tensor([[1, 2], [3, 4]])`, `torch.Tensor(t)` (a view of t), `torch.Tensor(storage, offset, sizes, strides)`; with or without `new`. */
export interface TensorType {
  (...args: TensorArgs): Tensor;
  new (...args: TensorArgs): Tensor;
  /** Torch's name of this type. */
  readonly typename: string;
}

function tensorType(dtype: () => DType): TensorType {
  const make = function (...args: TensorArgs): Tensor {
    return constructTensor(dtype(), args);
  } as unknown as TensorType;
  Object.defineProperty(make, 'typename', { get: () => TYPE_NAMES[dtype()] });
  // `x instanceof torch.LongTensor` holds for tensors of that type
  Object.defineProperty(make, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && x.dtype === dtype() });
  return make;
}

/** `torch.FloatStorage(n)` (zeros) or `torch.FloatStorage([1, 2, 3])`. */
export type StorageType = (sizeOrValues?: number | ArrayLike<number>) => Storage;

function storageType(dtype: DType | (() => DType)): StorageType {
  return (arg = 0) => {
    const values = typeof arg === 'number' ? null : arg;
    const s = Storage.allocate(typeof dtype === 'function' ? dtype() : dtype, values ? values.length : arg as number);
    if (values) for (let i = 0; i < values.length; i++) s.data[i] = values[i]!;
    return s;
  };
}

/** Class methods that also have a `torch.` function form taking the tensor first. */
const VIEW_FNS = ['narrow', 'select', 'sub', 'transpose', 't', 'permute', 'squeeze', 'unsqueeze', 'view', 'viewAs', 'reshape', 'expand', 'expandAs',
  'unfold', 'split', 'chunk', 'clone', 'contiguous', 'numel', 'nElement', 'isSameSizeAs'] as const;
type ViewFns = { [K in (typeof VIEW_FNS)[number]]: (x: Tensor, ...a: Parameters<Tensor[K]>) => ReturnType<Tensor[K]> };
const viewFns = Object.fromEntries(VIEW_FNS.map((name) => [name, (x: Tensor, ...a: unknown[]) => {
  if (!(x instanceof Tensor)) throw new ArgumentError(`torch.${name}: expected a tensor first, got ${typeof x}`);
  return (x[name] as (...b: unknown[]) => unknown)(...a);
}])) as unknown as ViewFns;

const DEFAULT_NAMES = { 'torch.FloatTensor': 'float32', 'torch.DoubleTensor': 'float64' } as const;

export const torch = {
  ...derived,
  ...viewFns,
  ...factories,
  Tensor: tensorType(getDefaultDtype),
  FloatTensor: tensorType(() => 'float32'),
  DoubleTensor: tensorType(() => 'float64'),
  LongTensor: tensorType(() => 'long'),
  IntTensor: tensorType(() => 'int32'),
  ByteTensor: tensorType(() => 'uint8'),
  Storage: storageType(getDefaultDtype),
  FloatStorage: storageType('float32'),
  DoubleStorage: storageType('float64'),
  LongStorage: storageType('long'),
  IntStorage: storageType('int32'),
  ByteStorage: storageType('uint8'),
  /** Sets the type of `torch.Tensor` and of new parameters: 'torch.FloatTensor' or 'torch.DoubleTensor'. */
  setdefaulttensortype(name: string): void {
    const d = (DEFAULT_NAMES as Record<string, 'float32' | 'float64' | undefined>)[name];
    if (!d) throw new ArgumentError(`torch.setdefaulttensortype: expected 'torch.FloatTensor' or 'torch.DoubleTensor', got '${name}'`);
    setDefaultDtype(d);
  },
  getdefaulttensortype(): string {
    return TYPE_NAMES[getDefaultDtype()];
  },
  isTensor(x: unknown): x is Tensor {
    return x instanceof Tensor;
  },
  isStorage(x: unknown): x is Storage {
    return x instanceof Storage;
  },
  /** Torch's class name of a tensor, storage or module (`torch.typename(nn.Linear(2, 3))` is 'nn.Linear'); null for plain values. */
  typename(x: unknown): string | null {
    if (x instanceof Tensor) return TYPE_NAMES[x.dtype];
    if (x instanceof Storage) return TYPE_NAMES[x.dtype].replace('Tensor', 'Storage');
    if (typeof x === 'object' && x !== null) {
      const t = (x as { __typename?: unknown }).__typename;
      if (typeof t === 'string') return t;
      const name = (x.constructor as { torchName?: string; name?: string } | undefined);
      if (name && name !== Object && name.name) return name.torchName ?? `nn.${name.name}`;
    }
    return null;
  },
  /** The dtype of a Torch type name. */
  dtypeOf: (name: string): DType => dtypeOf('torch.dtypeOf', name),
  manualSeed,
  seed(): number {
    const s = Date.now() >>> 0;
    manualSeed(s);
    return s;
  },
  getRNGState,
  setRNGState,
  Generator,
  /** A number from U(a, b) (default [0, 1)), as Lua's torch.uniform. */
  uniform: (a = 0, b = 1): number => rng.uniform(a, b),
  /** A number from N(mean, std²), as Lua's torch.normal. */
  normal: (mean = 0, std = 1): number => rng.normal(mean, std),
  /** A number from Bernoulli(p): 1 or 0. */
  bernoulli: (p = 0.5): number => rng.bernoulli(p),
  /** An integer: `torch.random(n)` on 0..n−1, `torch.random(a, b)` on a..b, `torch.random()` on 0..2³²−1. */
  random(a?: number, b?: number): number {
    if (a === undefined) return rng.nextUint32();
    return b === undefined ? rng.randint(a) : a + rng.randint(b - a + 1);
  },
  CmdLine,
  Timer,
  /** Eigenvalues (ascending) and eigenvectors (columns) of a symmetric matrix: `const [e, V] = torch.symeig(a)`. */
  symeig,
  /** Writes a value (tensors, tables, modules, …) as a Torch7 `.t7` file: binary by default, or 'ascii'; atomically. */
  save,
  /** Reads a Torch7 `.t7` file (binary or ascii, detected unless given). */
  load,
  /** The `.t7` bytes of a value (Torch's torch.serialize, as bytes). */
  serialize,
  /** A value from `.t7` bytes (Torch's torch.deserialize). */
  deserialize,
};
