/**
 * `nn.save(path, module)` / `nn.load(path)`: a module (or criterion) in one safetensors file. The
 * tensors (parameters and the buffers a class keeps) are the file's tensors, each in its own dtype;
 * the module tree is the metadata entry `dpnn-ts.module`: what `torch.save` writes (Torch class
 * names and the fields of the `.t7` class table, t7/nnClasses.ts; ascii `.t7`), with every tensor
 * replaced by a reference to a safetensors entry. Loading goes through the same constructors as
 * `torch.load`, so a saved Sequential comes back as the same tree; shared modules and tensors
 * stay shared, cycles close, and the random generator is left alone.
 * Not stored: outputs and gradInputs (they come back empty) and parameter gradients (back as
 * zeros, still shared where they were). A class without a table entry (a module of your own) is
 * stored under its class name with its fields and read back when named in `options.classes`.
 * Writes are atomic (lib/files.ts).
 */
import { Module } from './Module.js';
import { Criterion } from './Criterion.js';
import { Tensor } from './Tensor.js';
import { ArgumentError, SerializationError } from './errors.js';
import type { DType } from './Storage.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';
import { readBytes, writeFileAtomic } from './files.js';
import { deserialize } from './serialization/t7.js';
import { T7Encoder } from './serialization/t7write.js';
import { writerFor } from './serialization/t7output.js';
import { registerT7Classes, type Ctor, type T7Fields } from './serialization/t7registry.js';

type Saved = Module | Criterion;

const TREE = 'dpnn-ts.module', FORMAT = 'dpnn-ts.format', REF = 'dpnn-ts.TensorRef';

export interface LoadOptions {
  /** Classes without a table entry (your own modules) to revive by their class name (fields assigned, no constructor run). */
  classes?: Readonly<Record<string, Ctor>>;
}

/** The Torch object standing for a tensor in the tree: a safetensors entry, or state rebuilt on load. */
type TensorRef = { __typename: typeof REF; name: string } | { __typename: typeof REF; dtype: DType; zeros?: number[] };

/** Every Module and Criterion reachable from `root` through fields, arrays, Maps and plain objects. */
function reachable(root: Saved): Saved[] {
  const seen = new Set<unknown>(), out: Saved[] = [];
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v) || v instanceof Tensor || ArrayBuffer.isView(v)) return;
    seen.add(v);
    if (v instanceof Module || v instanceof Criterion) out.push(v);
    for (const x of v instanceof Map ? [...v.keys(), ...v.values()] : Object.values(v)) walk(x);
  };
  walk(root);
  return out;
}

const leaves = (v: unknown, out: Tensor[]): void => {
  if (v instanceof Tensor) out.push(v);
  else if (Array.isArray(v)) for (const x of v) leaves(x, out);
};

/** The tensors not to store: outputs and gradInputs (→ empty) and parameter gradients (→ zeros), unless also a parameter. */
function transients(root: Saved): { empty: Set<Tensor>; zeros: Set<Tensor> } {
  const params = new Set<Tensor>(), outs: Tensor[] = [], grads: Tensor[] = [];
  for (const m of reachable(root)) {
    leaves(m.output, outs);
    leaves(m.gradInput, outs);
    if (m instanceof Module) {
      const [p, g] = m.parameters();
      p.forEach((t) => params.add(t));
      grads.push(...g);
    }
  }
  return { empty: new Set(outs.filter((t) => !params.has(t))), zeros: new Set(grads.filter((t) => !params.has(t))) };
}

/** torch.save's encoder with each tensor written as a TensorRef (one per tensor, so sharing survives). */
class RefEncoder extends T7Encoder {
  constructor(w: ReturnType<typeof writerFor>, warn: (message: string) => void, private readonly refOf: (t: Tensor) => TensorRef) {
    super(w, warn);
  }

  override value(v: unknown): void {
    super.value(v instanceof Tensor ? this.refOf(v) : v);
  }
}

/** The tensors of the file being loaded (set for the duration of decodeModule). */
let loading: ReadonlyMap<string, Tensor> | null = null;

class TensorRefMarker {}

function readRef(f: T7Fields): Tensor {
  const name = f.get('name'), dtype = f.get('dtype'), zeros = f.get('zeros');
  if (typeof name === 'string') {
    const t = loading?.get(name);
    if (!t) throw new SerializationError(`nn.load: the module tree names tensor ${name}, which is not in the file`);
    return t;
  }
  if (typeof dtype !== 'string') throw new SerializationError('nn.load: a tensor reference without a name or a dtype');
  return Array.isArray(zeros) ? Tensor.zeros(zeros as number[], dtype as DType) : Tensor.empty(dtype as DType);
}

registerT7Classes([{ torch: REF, cls: TensorRefMarker, read: readRef }]);

/** The safetensors bytes of `module` (what `save` writes); `metadata` adds string entries of your own. */
export function encodeModule(module: Saved, metadata: Record<string, string> = {}, onWarning: (message: string) => void = (m) => console.warn(m)): Uint8Array {
  if (!(module instanceof Module || module instanceof Criterion)) throw new ArgumentError(`nn.save: expected a Module or a Criterion, got ${typeof module}`);
  const { empty, zeros } = transients(module);
  const tensors = new Map<string, Tensor>(), refs = new Map<Tensor, TensorRef>();
  const refOf = (t: Tensor): TensorRef => {
    let r = refs.get(t);
    if (!r) {
      if (empty.has(t)) r = { __typename: REF, dtype: t.dtype };
      else if (zeros.has(t)) r = { __typename: REF, dtype: t.dtype, zeros: t.shape.slice() };
      else {
        r = { __typename: REF, name: `t${tensors.size}` };
        tensors.set(r.name, t);
      }
      refs.set(t, r);
    }
    return r;
  };
  const w = writerFor('ascii');
  new RefEncoder(w, (m) => onWarning(m.replace(/^torch\.save/, 'nn.save')), refOf).value(module);
  const tree = new TextDecoder().decode(w.finish());
  return encodeSafetensors(tensors, { ...metadata, [FORMAT]: '1', [TREE]: tree }, { dtypes: 'keep' });
}

/** The module (or criterion) of bytes written by `encodeModule` / `save`, and the file's other metadata. */
export function decodeModule(bytes: Uint8Array, options: LoadOptions = {}, name = 'the file'): { module: Saved; metadata: Record<string, string> } {
  const file = decodeSafetensors(bytes, name, { dtypes: 'keep' });
  const { [TREE]: tree, [FORMAT]: _format, ...metadata } = file.metadata;
  if (typeof tree !== 'string') throw new ArgumentError(`nn.load: ${name} has no module tree (metadata '${TREE}'); a RAM checkpoint loads with loadRam, other safetensors files with readSafetensors`);
  const problems: string[] = [];
  // a class of the tree that could not be built, or one of the user's (no dot in its name) not given in options.classes
  const onWarning = (m: string) => void (/could not be built|^class [^.\s]+ is not in dpnn-ts/.test(m) && problems.push(m));
  let module: unknown;
  loading = file.tensors;
  try {
    module = deserialize(new TextEncoder().encode(tree), { format: 'ascii', classes: options.classes, onWarning });
  } finally {
    loading = null;
  }
  if (problems.length > 0) {
    const own = /^class ([^.\s]+) is not in dpnn-ts/.exec(problems[0]!);
    throw new ArgumentError(`nn.load: ${name}: ${problems[0]}${own ? `; pass the class: nn.load(path, { classes: { ${own[1]} } })` : ''}`);
  }
  if (!(module instanceof Module || module instanceof Criterion)) throw new ArgumentError(`nn.load: ${name} holds no module or criterion at its root`);
  return { module, metadata };
}

/** Writes `module` (its classes, constructor state and tensors) to `path` as safetensors, atomically. */
export function save(path: string, module: Saved, metadata: Record<string, string> = {}): void {
  writeFileAtomic(path, encodeModule(module, metadata));
}

/**
 * Reads a module written by `save`. With `cls` (e.g. `nn.Sequential`) the result is checked to be
 * one and typed so; without it, it is checked to be a Module (a saved criterion needs `cls`).
 */
export function load(path: string, options?: LoadOptions): Module;
export function load<T extends Saved>(path: string, cls: Ctor<T>, options?: LoadOptions): T;
export function load(path: string, a?: Ctor<Saved> | LoadOptions, b: LoadOptions = {}): Saved {
  const cls = typeof a === 'function' ? a : Module, options = typeof a === 'function' ? b : (a ?? {});
  const { module } = decodeModule(readBytes('nn.load', path), options, path);
  if (!(module instanceof cls)) throw new ArgumentError(`nn.load: expected ${path} to hold a ${cls.name}, got ${module.constructor.name}`);
  return module;
}
