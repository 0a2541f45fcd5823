/**
 * The .t7 entries of the 'graph' group's classes (merged into T7_CLASSES by nnClasses.ts): nngraph's
 * nn.gModule. Reading rebuilds the graph from the nodes' `data` tables, which nngraph's forward
 * and backward graphs share: from `outnode` along each data's `mapindex` (its inputs in order),
 * with `module`, `selectindex` (1-based there), `nSplitOutputs` and `annotations`; `innode` is the
 * node feeding the inputs (split when `nInputs` > 1). The nngraph.Node, graph.Graph and graph.Edge
 * objects themselves load as plain objects (the reader warns once about nngraph.Node). Graphs
 * saved by nngraph before its split input node (2015) are refused.
 * Writing gives what nngraph's gModule holds after its constructor: the data tables (module,
 * mapindex and reverseMap with their reverse keys, annotations, forwardNodeId, selectindex,
 * nSplitOutputs, an empty `input` on the input, output and split-entry nodes), one nngraph.Node per
 * data in each of `fg` and `bg` (graph.Graph objects with their nodes and graph.Edge lists, ids as
 * nngraph numbers them), `innode` (of fg), `outnode` (of bg), `forwardnodes`, `backwardnodes`,
 * `modules` (one per module node: a module used twice is written as two sharing their parameter
 * tensors, as Lua's clone('weight', 'bias', …)), `nInputs`, `verbose`. Ref: torch/nngraph
 * gmodule.lua, node.lua; torch/graph init.lua, Node.lua, Edge.lua.
 */
import { Module } from '../../lib/Module.js';
import { isFloatDtype } from '../../lib/Storage.js';
import { ArgumentError } from '../../lib/errors.js';
import { def, optNum, type T7Entry } from '../../lib/serialization/t7fields.js';
import { gModule } from '../gModule.js';
import { Node } from '../../nngraph/Node.js';
import type { Graph } from '../../nngraph/graph.js';

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && Object.getPrototypeOf(v) === Object.prototype;

function kind(v: unknown): string {
  if (isRec(v) && typeof v.__typename === 'string') return `an object of class ${v.__typename}`;
  return v === null || typeof v !== 'object' ? `${typeof v} ${String(v)}` : `a ${v.constructor.name}`;
}

/** The entries at keys 1..n of a Lua list (an array, or a Map when the table also holds reverse keys). */
function luaList(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  if (!(v instanceof Map)) throw new ArgumentError(`${what}: expected a Lua list, got ${kind(v)}`);
  const out: unknown[] = [];
  for (let i = 1; v.has(i); i++) out.push(v.get(i));
  return out;
}

/** The node of a data table (one per table: the forward and backward nngraph.Node objects share it), its inputs first. */
function nodeOf(data: unknown, memo: Map<object, Node>, what: string): Node {
  if (!isRec(data)) throw new ArgumentError(`${what}: expected the data table of an nngraph node, got ${kind(data)}`);
  const known = memo.get(data);
  if (known) return known;
  const { module, selectindex, nSplitOutputs, annotations } = data;
  if (data.criterion !== undefined) throw new ArgumentError(`${what}: nodes holding a criterion are not supported`);
  if (module !== undefined && !(module instanceof Module)) throw new ArgumentError(`${what}: a node's module is ${kind(module)}, not a dpnn-ts module`);
  const parents = luaList(data.mapindex, `${what}: mapindex`).map((p) => nodeOf(p, memo, what));
  const node = new Node(module ?? null, parents, {
    selectindex: typeof selectindex === 'number' ? selectindex - 1 : null,
    nSplitOutputs: typeof nSplitOutputs === 'number' ? nSplitOutputs : null,
    annotations: isRec(annotations) ? { ...annotations } : {},
  });
  memo.set(data, node);
  return node;
}

function dataOfField(v: unknown, name: string): Rec {
  if (!isRec(v) || !isRec(v.data)) throw new ArgumentError(`field ${name}: expected an nngraph.Node with its data table, got ${kind(v)}`);
  return v.data;
}

function readGModule(f: Parameters<T7Entry['read']>[0]): gModule {
  const memo = new Map<object, Node>();
  const inData = dataOfField(f.get('innode'), 'innode');
  if (inData.data !== undefined || luaList(inData.mapindex, 'field innode: mapindex').length > 0) {
    throw new ArgumentError('field innode: a gModule saved by nngraph before its split input node (2015) is not supported');
  }
  const innode = nodeOf(inData, memo, 'field innode');
  const outnode = nodeOf(dataOfField(f.get('outnode'), 'outnode'), memo, 'field outnode');
  const nInputs = optNum(f, 'nInputs') ?? innode.consumers[0]?.nSplitOutputs ?? 1;
  const g = new gModule({ innode, outnode, nInputs });
  const p = g.parameters()[0][0];
  return p && isFloatDtype(p.dtype) ? g.type(p.dtype) : g; // the buffers of modules without parameters too, whatever the outputs
}

/** A Lua list with its reverse index (nngraph's and torch/graph's tables: `t[i] = x`, `t[x] = i`). */
function indexed(items: readonly object[]): unknown {
  if (items.length === 0) return [];
  return new Map<unknown, unknown>([...items.map((x, i) => [i + 1, x] as const), ...items.map((x, i) => [x, i + 1] as const)]);
}

/** One nngraph.Node per node of `g` (ids as the graph numbers them), its children the nodes it has edges to. */
function luaNodes(g: Graph, datas: ReadonlyMap<Node, Rec>): Map<Node, Rec> {
  const lua = new Map(g.nodes.map((n, i) => [n, { __typename: 'nngraph.Node', data: datas.get(n), id: i + 1, children: [] as unknown, visited: false, marked: false }]));
  for (const [n, l] of lua) l.children = indexed(g.children(n).map((c) => lua.get(c)!));
  return lua;
}

function luaGraph(g: Graph, lua: ReadonlyMap<Node, Rec>): Rec {
  const edges = g.edges.map(([a, b]) => ({ __typename: 'graph.Edge', from: lua.get(a), to: lua.get(b) }));
  return { __typename: 'graph.Graph', nodes: indexed(g.nodes.map((n) => lua.get(n)!)), edges: indexed(edges) };
}

function writeGModule(m: gModule): Rec {
  const datas = new Map<Node, Rec>(m.forwardnodes.map((n) => [n, {}]));
  const fg = luaNodes(m.fg, datas), bg = luaNodes(m.bg, datas);
  for (const [n, d] of datas) {
    if (n.module) d.module = n.module;
    if (n === m.innode || n === m.outnode || n.selectindex !== null) d.input = [];
    d.mapindex = indexed(n.inputs.map((p) => datas.get(p)!));
    const consumers = m.fg.children(n).map((c) => bg.get(c)!);
    d.reverseMap = consumers.length === 0 ? [] : new Map(consumers.map((c) => [c, true]));
    d.annotations = Object.fromEntries(Object.entries(n.annotations).filter(([, v]) => v !== undefined));
    d.forwardNodeId = n.forwardNodeId;
    if (n.selectindex !== null) d.selectindex = n.selectindex + 1;
    if (n.nSplitOutputs !== null) d.nSplitOutputs = n.nSplitOutputs;
  }
  return {
    modules: m.modules, nInputs: m.nInputs, verbose: false,
    innode: fg.get(m.innode), outnode: bg.get(m.outnode),
    forwardnodes: m.forwardnodes.map((n) => fg.get(n)), backwardnodes: m.backwardnodes.map((n) => bg.get(n)),
    fg: luaGraph(m.fg, fg), bg: luaGraph(m.bg, bg),
  };
}

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.gModule', cls: gModule, read: readGModule, write: writeGModule }),
];
