/**
 * Lua's `nngraph` package: nodes (`module.node(...parents)`, Lua's `module(parents)`; `nngraph.node`
 * is the same as a function), `node.split(n)`, annotations, and the .dot export of a gModule's
 * graphs (`nn.gModule` itself is an nn class: `new nn.gModule(inputs, outputs)`).
 * Ref: torch/nngraph init.lua, graphinspecting.lua; torch/graph graphviz.lua (graph.dot).
 */
import type { Module } from '../lib/Module.js';
import { writeFileAtomic } from '../lib/files.js';
import { ArgumentError } from '../lib/errors.js';
import { Node } from './Node.js';
import { Graph } from './graph.js';

export { Node, type Annotations, type NodeOptions } from './Node.js';
export { Graph, type WiredGraph } from './graph.js';

/** `module` applied to the outputs of `parents` as a graph node (no parents: an input node); the same as `module.node(...parents)`. */
export function node(module: Module, ...parents: Node[]): Node {
  return new Node(module, parents);
}

/**
 * nngraph.annotateNodes: names each node of `named` after its key, unless it has a name already.
 * Lua reads the caller's local variables; here they are passed by name: `annotateNodes({ x, h1, y })`.
 */
export function annotateNodes(named: Readonly<Record<string, unknown>>): void {
  for (const [name, value] of Object.entries(named)) {
    if (value instanceof Node && value.annotations.name === undefined) value.annotate({ name });
  }
}

/**
 * torch/graph's graph.dot(g, title, fname): writes the graph's graphviz text to `fname.dot`
 * (render it with graphviz: `dot -Tsvg fname.dot -o fname.svg`) and returns the text.
 * `g` is a gModule's `fg` or `bg`.
 */
export function dot(g: Graph, title: string | undefined, fname: string): string {
  if (!(g instanceof Graph)) throw new ArgumentError('nngraph.dot: expected a graph (a gModule\'s fg or bg)');
  const text = g.todot(title);
  writeFileAtomic(`${fname}.dot`, new TextEncoder().encode(text));
  return text;
}
