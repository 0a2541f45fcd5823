/**
 * The graphs of a gModule, as nngraph builds them with torch/graph: the backward graph (bg) from
 * the output node breadth-first along each node's inputs, the forward graph (fg) its reverse, node
 * ids in the order the edges add them (so that ids, the topological orders and the .dot text are
 * Lua's), and the checks nngraph makes before running one. Ref: torch/nngraph gmodule.lua
 * (gModule:__init), torch/graph init.lua (Graph:add, reverse, topsort, roots) and Node.lua (graph, bfs).
 */
import { ArgumentError } from '../lib/errors.js';
import { Node, describeNode } from './Node.js';

type Edge = readonly [from: Node, to: Node];

/** Escapes a label or attribute for graphviz (quoted unless it is letters only). */
function dotEscape(s: string): string {
  return /[^a-zA-Z]/.test(s) ? `"${s.replace(/\n/g, '\\n').replace(/"/g, '\\"')}"` : s;
}

/** A directed graph over nodes: `nodes[i]` has id i + 1; the edges in the order they were added. */
export class Graph {
  readonly nodes: Node[] = [];
  readonly edges: Edge[] = [];

  /** Adds the edge and, when new, its from then its to node (torch/graph's Graph:add). */
  add(from: Node, to: Node): void {
    this.edges.push([from, to]);
    for (const n of [from, to]) if (!this.nodes.includes(n)) this.nodes.push(n);
  }

  id(n: Node): number {
    return this.nodes.indexOf(n) + 1;
  }

  /** The nodes this one has edges to, in edge order. */
  children(n: Node): Node[] {
    return this.edges.filter(([f]) => f === n).map(([, t]) => t);
  }

  /** A graph with every edge turned round, in the same order (torch/graph's Graph:reverse). */
  reverse(): Graph {
    const g = new Graph();
    for (const [f, t] of this.edges) g.add(t, f);
    return g;
  }

  /** Depth-first post-order from `root` along the edges: torch/graph's topsort of the reversed graph. */
  postorder(root: Node): Node[] {
    const out: Node[] = [], seen = new Set<Node>();
    const visit = (n: Node): void => {
      seen.add(n);
      for (const c of this.children(n)) if (!seen.has(c)) visit(c);
      out.push(n);
    };
    visit(root);
    return out;
  }

  /** The graphviz text of the graph (torch/graph's Graph:todot): one labelled node per id, then the edges. */
  todot(title?: string): string {
    let s = 'digraph G {\n';
    if (title !== undefined) s += `labelloc="t";\nlabel="${title}";\n`;
    s += 'node [shape = oval]; ';
    this.nodes.forEach((n, i) => {
      const attrs = Object.entries(n.graphNodeAttributes()).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const extra = attrs.map(([k, v]) => ` ${k}=${dotEscape(String(v))}`).join('');
      s += `\nn${i + 1}[label=${dotEscape(`${n.graphNodeName(i + 1)}\n${n.label()}`)}${extra}];`;
    });
    s += '\n';
    for (const [f, t] of this.edges) s += `n${this.id(f)} -> n${this.id(t)};\n`;
    return `${s}}`;
  }
}

export interface WiredGraph {
  /** The node feeding the gModule's input (the table of inputs when several) into the graph. */
  innode: Node;
  /** The node collecting the outputs. */
  outnode: Node;
  nInputs: number;
}

const WHERE = 'gModule.constructor';

function checkNodes(nodes: readonly Node[], what: string): void {
  if (!Array.isArray(nodes) || nodes.length === 0) throw new ArgumentError(`${WHERE}: expected ${what} to be a non-empty array of nodes, got ${Array.isArray(nodes) ? 'an empty one' : typeof nodes}`);
  nodes.forEach((n, i) => {
    if (!(n instanceof Node)) throw new ArgumentError(`${WHERE}: ${what}[${i}] should be an nngraph Node, got ${n === undefined || n === null ? String(n) : (n as object).constructor.name} (make one with module.node(...parents))`);
    if (nodes.indexOf(n) !== i) throw new ArgumentError(`${WHERE}: ${what}[${i}] is ${what}[${nodes.indexOf(n)}] again: pass each node once`);
  });
}

/**
 * nngraph's wiring: an output node takes the outputs, an input node feeds the inputs (split into
 * one entry per input when several). Nothing is changed when the arguments are wrong.
 */
export function wire(inputs: readonly Node[], outputs: readonly Node[]): WiredGraph {
  checkNodes(inputs, 'inputs');
  checkNodes(outputs, 'outputs');
  inputs.forEach((n, i) => {
    if (n.inputs.length > 0) throw new ArgumentError(`${WHERE}: inputs[${i}] (${describeNode(n)}) has inputs of its own; an input node takes none (module.node())`);
  });
  const outnode = new Node(null, outputs, { annotations: { _debugLabel: '[gModule output]' } });
  const innode = new Node(null, [], { annotations: { _debugLabel: '[gModule input]' } });
  if (inputs.length === 1) inputs[0]!.addInput(innode);
  else innode.split(inputs.length).forEach((s, i) => inputs[i]!.addInput(s));
  return { innode, outnode, nInputs: inputs.length };
}

/** Takes back what wire() added, after a gModule could not be built. */
export function unwire(w: WiredGraph, inputs: readonly Node[], outputs: readonly Node[]): void {
  for (const n of outputs) n.consumers.splice(n.consumers.indexOf(w.outnode), 1);
  for (const n of inputs) n.inputs.length = 0;
}

export interface Plan {
  fg: Graph;
  bg: Graph;
  /** The nodes in the order their outputs are computed (innode first) and their gradients (outnode first). */
  forwardnodes: Node[];
  backwardnodes: Node[];
}

/** The graphs and the orders of a wired graph, after nngraph's checks (one start, every split output and every consumer used). */
export function plan(w: WiredGraph): Plan {
  const bg = new Graph(), marked = new Set<Node>([w.outnode]), queue = [w.outnode];
  for (let node = queue.shift(); node; node = queue.shift()) {
    for (const p of node.inputs) {
      bg.add(node, p);
      if (!marked.has(p)) {
        marked.add(p);
        queue.push(p);
      }
    }
  }
  if (!marked.has(w.innode)) throw new ArgumentError(`${WHERE}: the outputs do not depend on the inputs`);
  const fg = bg.reverse();
  for (const n of bg.nodes) {
    if (n.inputs.length === 0 && n !== w.innode) {
      throw new ArgumentError(`${WHERE}: node ${describeNode(n)} made at ${n.annotations._debugLabel ?? '?'} has no inputs and is not among the gModule's inputs`);
    }
    const used = fg.children(n).length;
    if (n.nSplitOutputs !== null && used !== n.nSplitOutputs && n.inputs[0] === w.innode) {
      const unused = n.consumers.filter((s) => !marked.has(s)).map((s) => `inputs[${s.selectindex ?? '?'}]`);
      throw new ArgumentError(`${WHERE}: ${unused.join(', ')} ${unused.length > 1 ? 'do' : 'does'} not lead to the gModule's outputs`);
    }
    if (n.nSplitOutputs !== null && used !== n.nSplitOutputs) {
      throw new ArgumentError(`${WHERE}: ${n.nSplitOutputs - used} of split(${n.nSplitOutputs}) outputs from the node made at ${n.annotations._debugLabel ?? '?'} are unused`);
    }
    for (const c of n.consumers) {
      if (!marked.has(c)) throw new ArgumentError(`${WHERE}: node ${describeNode(c)} made at ${c.annotations._debugLabel ?? '?'} takes ${describeNode(n)} as input but does not lead to the gModule's outputs`);
    }
  }
  const forwardnodes = bg.postorder(w.outnode), backwardnodes = fg.postorder(w.innode);
  fg.nodes.forEach((n, i) => (n.forwardNodeId = i + 1));
  return { fg, bg, forwardnodes, backwardnodes };
}
