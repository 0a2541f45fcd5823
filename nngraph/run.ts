/**
 * Running a gModule's nodes, as nngraph's runForwardFunction / updateGradInput / accGradParameters
 * do: a node's input is the one entry it received, or the table of them; a split entry takes its
 * entry of its input's table; a node without module passes its input on (and its gradient back).
 * Gradients reaching a node from several consumers are summed (nested tables too) into the node's
 * buffer. A module's error is re-raised naming the node. Ref: torch/nngraph gmodule.lua, nesting.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, copyLike, describe } from '../lib/Activity.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, DpnnError, StateError } from '../lib/errors.js';
import type { Module } from '../lib/Module.js';
import { Node, describeNode } from './Node.js';

type ErrorClass = new (message: string, options?: { cause?: unknown }) => Error;

/** `In node 4 (Linear(2 -> 3) 'h1') of gModule: …`, keeping the error's class. */
export function nodeError(node: Node, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  const Ctor: ErrorClass = err instanceof DpnnError ? (err.constructor as ErrorClass) : Error;
  return new Ctor(`In node ${node.forwardNodeId} (${describeNode(node)}) of gModule: ${message}`, { cause: err });
}

/** What the node's module takes: the one input it received, or the table of them. */
export function nodeInput(node: Node): Activity {
  return node.input.length === 1 ? node.input[0]! : node.input;
}

/** Computes the node's output from its received inputs. */
export function forwardNode(node: Node, run: (m: Module, x: Activity) => Activity): Activity {
  const x = nodeInput(node);
  if (node.selectindex !== null) {
    const t = node.input[0];
    if (node.input.length !== 1 || t === undefined || t instanceof Tensor || node.selectindex >= t.length) {
      throw new ArgumentError(`entry ${node.selectindex} of a split cannot be taken from ${describe(t)}`);
    }
    return t[node.selectindex]!;
  }
  const out = node.module ? run(node.module, x) : x;
  if (node.nSplitOutputs !== null && (out instanceof Tensor || out.length !== node.nSplitOutputs)) {
    throw new ArgumentError(`split(${node.nSplitOutputs}) cannot split ${out instanceof Tensor ? `a tensor ${describe(out)}` : `${out.length} outputs`}`);
  }
  return out;
}

/** dst += src over matching structures. */
function addNested(node: Node, dst: Activity, src: Activity): void {
  if (dst instanceof Tensor && src instanceof Tensor && dst.numel() === src.numel()) {
    backend().axpby(dst, 1, dst, 1, src.contiguous());
    return;
  }
  if (dst instanceof Tensor || src instanceof Tensor || dst.length !== src.length) {
    throw new ArgumentError(`the gradients reaching the node differ in structure: ${describe(dst)} and ${describe(src)}`);
  }
  for (let i = 0; i < dst.length; i++) addNested(node, dst[i]!, src[i]!);
}

/** The node's gradient: the one it received, or the sum of them in its buffer. */
export function totalGradOutput(node: Node): Activity {
  const gs = node.gradOutput;
  if (gs.length === 0) throw new StateError(`the node received no gradient; run updateGradInput (or backward) after forward`);
  if (gs.length === 1) return gs[0]!;
  const sum = copyLike(node.gradOutputBuffer ?? undefined, gs[0]!);
  for (let i = 1; i < gs.length; i++) addNested(node, sum, gs[i]!);
  node.gradOutputBuffer = sum;
  return sum;
}

/** Passes the node's gradient with respect to its input on to its input nodes. */
export function sendGradInput(node: Node, gradInput: Activity): void {
  if (node.selectindex !== null) {
    // the split node collects its entries' gradients into one table (kept in its buffer)
    const mnode = node.inputs[0]!;
    const table = Array.isArray(mnode.gradOutputBuffer) ? (mnode.gradOutputBuffer as Activity[]) : [];
    table.length = mnode.nSplitOutputs ?? table.length;
    table[node.selectindex] = gradInput;
    mnode.gradOutputBuffer = table;
    mnode.gradOutput[0] = table;
    return;
  }
  const parents = node.inputs;
  if (parents.length === 0) return;
  if (parents.length === 1) {
    parents[0]!.gradOutput.push(gradInput);
    return;
  }
  if (gradInput instanceof Tensor || gradInput.length < parents.length) {
    throw new ArgumentError(`the node has ${parents.length} inputs but its gradInput is ${describe(gradInput)}`);
  }
  parents.forEach((p, i) => p.gradOutput.push(gradInput[i]!));
}
