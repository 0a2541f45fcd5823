/**
 * dpnn's Module additions that lib/Module.ts does not already hold, installed on Module.prototype
 * (loaded by the package's index through modules/groups/dpnn.ts; modules that call them import this
 * file): `toBatch`/`fromBatch`, `contiguousInput`, `dontBackward`, `sparseParameters`,
 * `momentumGradParameters`, `checkParameters`, `extrapolateType`, `accept`, the serialization modes
 * (`serialMode`, `heavySerial`, `mediumSerial`, `lightSerial`, `getSerialState`, used by nn.Serial)
 * and the `dpnn_parameters` / `dpnn_gradParameters` / `dpnn_*Empty` field lists. dpnn's
 * `weightDecay(wdFactor, wdMinDim)` and `outside(insize)` are functions here, `weightDecay(module, …)`
 * and `outside(module, …)`: as methods their names would clash with SparseLinear's and
 * IndexLinear's `weightDecay` field and HardShrink's private `outside` helper.
 * Ref: dpnn Module.lua.
 */
import { Module } from './Module.js';
import { Tensor, TYPE_NAMES } from './Tensor.js';
import { Storage, isFloatDtype, type DType } from './Storage.js';
import type { Activity } from './Activity.js';
import { ShapeError, StateError, shapeStr } from './errors.js';
import { momentumOf, setMomentum } from './paramTools.js';

/** What `accept` hands a module to (the visitor pattern of dpnn). */
export interface ModuleVisitor { visit(module: Module): void }

declare module './Module.js' {
  interface Module<In extends Activity = Activity, Out extends Activity = Activity> {
    /** Field names of the parameters and of their gradients (dpnn; the light serial mode empties the latter). */
    dpnn_parameters: readonly string[];
    dpnn_gradParameters: readonly string[];
    /** Fields emptied by the medium serial mode, and added to them by the light one. */
    dpnn_mediumEmpty: readonly string[];
    dpnn_lightEmpty: readonly string[];
    /** The fields getSerialState empties in this module (default: none, the heavy mode). */
    dpnn_serialEmpty: readonly string[];
    /** Set by toBatch: the last tensor had no batch dimension (fromBatch removes the one added). */
    dpnn_online?: boolean;
    dpnn_cinput?: Tensor;
    /** The tensors updateParameters and zeroGradParameters touch (dpnn: all parameters; Dictionary: the rows it saw). */
    sparseParameters(): [Tensor[], Tensor[]];
    /** The momentum buffers updateGradParameters uses, one per gradient (created as copies of the gradients). */
    momentumGradParameters(): Tensor[];
    /** Throws a StateError when a parameter holds NaN. */
    checkParameters(): void;
    /** The most common Torch type of the parameters ('torch.DoubleTensor', …); undefined without parameters. */
    extrapolateType(): string | undefined;
    accept(visitor: ModuleVisitor): void;
    /** Makes backward, updateGradInput, accGradParameters and accUpdateGradParameters no-ops on this module. */
    dontBackward(): this;
    /** A contiguous copy of a non-contiguous input, kept for backward (`contiguousInput(input, true)` returns it). */
    contiguousInput(input: Tensor, backward?: boolean): Tensor;
    /** A view with a batch dimension of 1 inserted at batchDim when `tensor` has exactly nDim dimensions. */
    toBatch(tensor: Tensor, nDim: number, batchDim?: number): Tensor;
    /** Undoes toBatch: removes dimension batchDim when the last toBatch added it. */
    fromBatch(tensor: Tensor, batchDim?: number): Tensor;
    /** Sets `dpnn_serialEmpty` to `empty` on this module and every descendant. */
    serialMode(empty: readonly string[]): this;
    heavySerial(): this;
    mediumSerial(): this;
    lightSerial(): this;
    /**
     * A copy of this module tree for saving: parameters and buffers are shared, except the fields
     * each module's `dpnn_serialEmpty` names, which are empty; with `dtype`, float tensors are
     * converted copies (storage sharing kept). The module itself is untouched.
     */
    getSerialState(dtype?: DType): this;
  }
}

const proto = Module.prototype;
proto.dpnn_parameters = ['weight', 'bias'];
proto.dpnn_gradParameters = ['gradWeight', 'gradBias'];
proto.dpnn_mediumEmpty = ['output', 'gradInput', 'momGradParams', 'dpnn_input'];
proto.dpnn_lightEmpty = proto.dpnn_gradParameters;
proto.dpnn_serialEmpty = [];

proto.sparseParameters = function (this: Module): [Tensor[], Tensor[]] {
  return this.parameters();
};

proto.momentumGradParameters = function (this: Module): Tensor[] {
  return this.parameters()[1].map((g) => {
    const m = momentumOf(g);
    if (m && m.sameShape(g) && m.dtype === g.dtype) return m;
    setMomentum(g, g);
    return momentumOf(g) ?? g;
  });
};

proto.checkParameters = function (this: Module): void {
  this.parameters()[0].forEach((p, i) => {
    if (Number.isNaN(p.sum())) throw new StateError(`${this.constructor.name}.checkParameters: NaN in parameter ${i} (of size ${shapeStr(p.shape)})`);
  });
};

proto.extrapolateType = function (this: Module): string | undefined {
  const counts = new Map<DType, number>();
  for (const p of this.parameters()[0]) counts.set(p.dtype, (counts.get(p.dtype) ?? 0) + 1);
  let best: DType | undefined, most = 0;
  for (const [d, n] of counts) if (n > most) [best, most] = [d, n];
  return best === undefined ? undefined : TYPE_NAMES[best];
};

proto.accept = function (this: Module, visitor: ModuleVisitor): void {
  visitor.visit(this);
};

proto.dontBackward = function <T extends Module>(this: T): T {
  this.updateGradInput = () => this.gradInput;
  this.backward = () => this.gradInput;
  this.accGradParameters = () => {};
  this.accUpdateGradParameters = () => {};
  return this;
};

proto.contiguousInput = function (this: Module, input: Tensor, backward = false): Tensor {
  if (backward) return this.dpnn_cinput ?? input;
  if (input.isContiguous()) return input;
  const c = this.dpnn_cinput?.dtype === input.dtype ? this.dpnn_cinput : Tensor.empty(input.dtype);
  this.dpnn_cinput = c.resize(input.shape).copy(input);
  return this.dpnn_cinput;
};

proto.toBatch = function (this: Module, tensor: Tensor, nDim: number, batchDim = 0): Tensor {
  this.dpnn_online = tensor.dim() === nDim;
  return this.dpnn_online ? tensor.unsqueeze(batchDim) : tensor;
};

proto.fromBatch = function (this: Module, tensor: Tensor, batchDim = 0): Tensor {
  if (!this.dpnn_online) return tensor;
  if (tensor.size(batchDim) !== 1) {
    throw new ShapeError(`${this.constructor.name}.fromBatch: expected dimension ${batchDim} of size 1 (added by toBatch), got ${shapeStr(tensor.shape)}`);
  }
  return tensor.select(batchDim, 0);
};

proto.serialMode = function <T extends Module>(this: T, empty: readonly string[]): T {
  this.apply((m) => { m.dpnn_serialEmpty = [...empty]; });
  return this;
};
proto.heavySerial = function <T extends Module>(this: T): T {
  return this.serialMode([]);
};
proto.mediumSerial = function <T extends Module>(this: T): T {
  this.apply((m) => { m.dpnn_serialEmpty = [...m.dpnn_mediumEmpty]; });
  return this;
};
proto.lightSerial = function <T extends Module>(this: T): T {
  this.apply((m) => { m.dpnn_serialEmpty = [...m.dpnn_mediumEmpty, ...m.dpnn_lightEmpty]; });
  return this;
};

proto.getSerialState = function <T extends Module>(this: T, dtype?: DType): T {
  return serialCopy(this, new Map(), dtype) as T;
};

/** The value of an emptied field: an empty tensor of its type, an empty table, or the value itself. */
function emptyValue(v: unknown): unknown {
  if (v instanceof Tensor) return Tensor.empty(v.dtype);
  return Array.isArray(v) ? [] : v;
}

/** Float tensors converted to dtype through one converted storage per storage (so views stay views). */
function castTensor(t: Tensor, memo: Map<unknown, unknown>, dtype: DType): Tensor {
  if (!isFloatDtype(t.dtype) || t.dtype === dtype) return t;
  let s = memo.get(t.storage) as Storage | undefined;
  if (!s) {
    s = Storage.allocate(dtype, t.storage.length);
    if (s.length > 0) new Tensor(s, 0, [s.length]).copy(new Tensor(t.storage, 0, [s.length]));
    memo.set(t.storage, s);
  }
  return new Tensor(s, t.offset, t.shape, t.strides);
}

function serialCopy(v: unknown, memo: Map<unknown, unknown>, dtype: DType | undefined): unknown {
  if (v === null || typeof v !== 'object') return v;
  const seen = memo.get(v);
  if (seen !== undefined) return seen;
  let out: unknown = v;
  if (v instanceof Tensor) out = dtype ? castTensor(v, memo, dtype) : v;
  else if (Array.isArray(v)) {
    const a: unknown[] = [];
    memo.set(v, a);
    for (const x of v) a.push(serialCopy(x, memo, dtype));
    out = a;
  } else if (v instanceof Module) {
    const o = Object.create(Object.getPrototypeOf(v) as object) as Record<string, unknown>;
    memo.set(v, o);
    const empty = new Set(v.dpnn_serialEmpty);
    for (const [k, x] of Object.entries(v)) o[k] = empty.has(k) ? emptyValue(x) : serialCopy(x, memo, dtype);
    out = o;
  } else if (v instanceof Map) {
    const m = new Map<unknown, unknown>();
    memo.set(v, m);
    for (const [k, x] of v) m.set(k, serialCopy(x, memo, dtype));
    out = m;
  } else if (Object.getPrototypeOf(v) === Object.prototype) {
    const o: Record<string, unknown> = {};
    memo.set(v, o);
    for (const [k, x] of Object.entries(v)) o[k] = serialCopy(x, memo, dtype);
    out = o;
  }
  memo.set(v, out);
  return out;
}

/**
 * dpnn weightDecay: adds wdFactor·θ to the gradient of every parameter with at least wdMinDim
 * dimensions, in every leaf module below `module` (a module's own `wdFactor` / `wdMinDim` fields,
 * when set, win). A no-op when wdFactor ≤ 0.
 */
export function weightDecay(module: Module, wdFactor: number, wdMinDim = 2): void {
  module.apply((m) => {
    if (m.children().length > 0) return;
    const own = m as unknown as { wdFactor?: unknown; wdMinDim?: unknown };
    const f = typeof own.wdFactor === 'number' ? own.wdFactor : wdFactor;
    const d = typeof own.wdMinDim === 'number' ? own.wdMinDim : wdMinDim;
    if (!(f > 0)) return;
    const [params, grads] = m.parameters();
    params.forEach((p, i) => { if (p.dim() >= d) grads[i]?.add(f, p); });
  });
}

/** dpnn outside: the size of module's output for a standard-normal input of size `insize` (runs updateOutput). */
export function outside(module: Module, insize: number | readonly number[]): number[] {
  const shape = typeof insize === 'number' ? [insize] : [...insize];
  const x = Tensor.zeros(shape, module.parameters()[0][0]?.dtype);
  x.normal(0, 1);
  const out = module.updateOutput(x);
  if (!(out instanceof Tensor)) throw new ShapeError(`${module.constructor.name}.outside: expected a tensor output, got a table`);
  return [...out.shape];
}
