/**
 * The index tables of SoftMaxTree (a helper of modules/SoftMaxTree.ts), built from a hierarchy
 * parentId → children: which weight rows each parent's children own, each child's parent and
 * position, and the sizes Torch allocates its buffers with. Ids are 0-based. Ref: dpnn / nnx SoftMaxTree.lua (__init).
 */
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError } from '../lib/errors.js';

/** parentId → its children's ids (0-based). */
export type Hierarchy = ReadonlyMap<number, Tensor> | Readonly<Record<number, Tensor>>;

export interface TreeIndex {
  nChildNode: number;
  nParentNode: number;
  minNodeId: number;
  maxNodeId: number;
  maxParentId: number;
  maxChildId: number;
  maxFamily: number;
  /** The most children over the parents of one root path (the per-sample length of the log-softmax buffer). */
  maxFamilyPath: number;
  /** The most parents on one root path. */
  maxDept: number;
  /** Every parent's children, in row order (int32). */
  childIds: Tensor;
  /** The parents, in row order (int32). */
  parentIds: Tensor;
  /** (maxParentId + 1) × 2 int32: [first row, number of children] per parent id, −1 elsewhere. */
  parentChildren: Tensor;
  /** (maxChildId + 1) × 2 int32: [parent id, position among its children] per child id, −1 elsewhere. */
  childParent: Tensor;
}

export const isId = (v: number) => Number.isInteger(v) && v >= 0;
const table = (rows: number[][], n: number) => Tensor.from(Array.from({ length: n }, (_, i) => rows[i] ?? [-1, -1]).flat(), [n, 2], 'int32');

/** Checks the hierarchy (ids ≥ 0, one parent per child, every parent below the root) and builds its tables. */
export function treeIndex(at: string, hierarchy: Hierarchy, rootId: number): TreeIndex {
  const entries = (hierarchy instanceof Map ? [...hierarchy.entries()] : Object.entries(hierarchy).map(([k, v]) => [Number(k), v])) as Array<[number, unknown]>;
  if (entries.length === 0) throw new ArgumentError(`${at}: expected a hierarchy of at least one parent (parentId → 1-D tensor of child ids)`);
  const families: Array<[number, number[]]> = entries.map(([p, c]) => {
    if (!(c instanceof Tensor) || c.dim() !== 1 || c.numel() === 0) throw new ArgumentError(`${at}: expected parent ${p}'s children as a non-empty 1-D tensor, got ${describe(c as Activity)}`);
    const ids = Array.from(c.contiguous().toArray(), Number);
    const bad = [p, ...ids].find((v) => !isId(v));
    if (bad !== undefined) throw new ArgumentError(`${at}: node ids must be integers ≥ 0, got ${bad}`);
    return [p, ids];
  });
  const pc: number[][] = [], cp: number[][] = [];
  let rows = 0;
  for (const [p, ids] of families) {
    pc[p] = [rows, ids.length];
    ids.forEach((c, i) => {
      if (cp[c]) throw new ArgumentError(`${at}: node ${c} has two parents (${cp[c]![0]} and ${p}): expected a tree`);
      cp[c] = [p, i];
    });
    rows += ids.length;
  }
  if (!pc[rootId]) throw new ArgumentError(`${at}: the root ${rootId} is not a parent of the hierarchy`);
  const parents = families.map(([p]) => p), children = families.flatMap(([, ids]) => ids), all = [...parents, ...children];
  let maxFamilyPath = 0, maxDept = 0;
  for (const p of parents) {
    let size = 0, depth = 0;
    for (let q = p; ; q = cp[q]![0]!) {
      size += pc[q]![1]!;
      depth++;
      if (q === rootId) break;
      if (!cp[q] || depth > families.length) throw new ArgumentError(`${at}: parent ${p} is not below the root ${rootId}`);
    }
    maxFamilyPath = Math.max(maxFamilyPath, size);
    maxDept = Math.max(maxDept, depth);
  }
  const maxParentId = Math.max(...parents), maxChildId = Math.max(...children);
  return {
    nChildNode: rows, nParentNode: families.length, minNodeId: Math.min(...all), maxNodeId: Math.max(...all), maxParentId, maxChildId,
    maxFamily: Math.max(...families.map(([, ids]) => ids.length)), maxFamilyPath, maxDept,
    childIds: Tensor.from(children, [rows], 'int32'), parentIds: Tensor.from(parents, [parents.length], 'int32'),
    parentChildren: table(pc, maxParentId + 1), childParent: table(cp, maxChildId + 1),
  };
}
