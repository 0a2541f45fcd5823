/**
 * How nn.CMul and nn.CAdd broadcast their parameter p over an input x (Torch's three cases):
 * 'same' — as many elements, elementwise; 'dims' — as many dimensions, p's size-1 dimensions
 * repeat; 'batch' — x is (B, …) with p's elements per example, seen as (B, N) against p as (1, N).
 * Ref: torch/nn CMul.lua, CAdd.lua.
 */
import type { Tensor } from './Tensor.js';
import { backend } from './kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from './errors.js';

export interface Broadcast {
  kind: 'same' | 'dims' | 'batch';
  /** The input's shape in this layout ((B, N) for a batch). */
  shape: number[];
  /** The number of elements. */
  flat: number;
  /** The parameter viewed to broadcast against `shape`. */
  view(p: Tensor): Tensor;
}

/** The layout of input x against parameter p; with x null, only checks p's size. */
export function broadcastLayout(where: string, p: Tensor, x: Tensor | null): Broadcast {
  if (!x) {
    if (p.numel() === 0 || !p.shape.every((s) => Number.isInteger(s) && s > 0)) throw new ArgumentError(`${where}: expected positive sizes, got ${shapeStr(p.shape)}`);
    return { kind: 'same', shape: p.shape, flat: p.numel(), view: (t) => t };
  }
  const n = x.numel();
  if (n === p.numel()) return { kind: 'same', shape: x.shape, flat: n, view: (t) => t.view(x.shape) };
  if (p.dim() === x.dim()) {
    if (!p.shape.every((s, i) => s === 1 || s === x.size(i))) throw new ShapeError(`${where}: cannot broadcast ${shapeStr(p.shape)} to input ${shapeStr(x.shape)}`);
    return { kind: 'dims', shape: x.shape, flat: n, view: (t) => t };
  }
  const B = x.size(0);
  if (x.dim() < 2 || n !== B * p.numel()) throw new ShapeError(`${where}: expected input of ${p.numel()} elements or a batch of them, got ${shapeStr(x.shape)}`);
  return { kind: 'batch', shape: [B, n / B], flat: n, view: (t) => t.view(1, p.numel()) };
}

/** t (in the layout's shape) summed over the broadcast dimensions: as many elements as p. */
export function sumToParam(t: Tensor, b: Broadcast, p: Tensor): Tensor {
  if (b.kind === 'same') return t;
  if (b.kind === 'batch') return t.sum(0);
  let s = t;
  for (let i = 0; i < p.dim(); i++) if (p.size(i) !== b.shape[i]) s = s.sum(i);
  return s;
}

/** grad += scale·(t summed to p's elements); a batch sums its rows with one kernel and no temporary. */
export function addSumToParam(grad: Tensor, scale: number, t: Tensor, b: Broadcast, p: Tensor): void {
  if (b.kind === 'batch' && t.isContiguous() && grad.isContiguous()) {
    backend().sumRows(grad, t, b.shape[0]!, p.numel(), scale, 1);
    return;
  }
  grad.add(scale, sumToParam(t, b, p).view(grad.shape));
}
