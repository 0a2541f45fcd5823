/**
 * nngraph.Node: one node of a module graph — a module applied to the outputs of its input nodes —
 * from which `new nn.gModule(inputs, outputs)` builds a network. `module.node(...parents)` makes
 * one (Lua's call syntax `module(parents)`; like nngraph's init.lua, this file installs the method
 * on every Module); with no parents it is an input of the graph. A node with several parents gets
 * the table of their outputs as input, in the order given (Lua's `mapindex`); `split(n)` gives one
 * node per entry of a node's table output. Annotations (`name`, `description`, `graphAttributes`)
 * show in the .dot export. The run state (`input`, `gradOutput`, `gradOutputBuffer`) is the
 * gModule's. Ref: torch/nngraph node.lua, init.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { getDefaultDtype } from '../lib/Storage.js';
import { ArgumentError } from '../lib/errors.js';

export interface Annotations {
  /** Shown in the .dot export as `name (id)`; nngraph.annotateNodes sets it from variable names. */
  name?: string;
  /** A line `desc = …` above the node's label in the .dot export. */
  description?: string;
  /** Graphviz attributes of the node (color, style, fontsize, …); tooltip defaults to `_debugLabel`. */
  graphAttributes?: Record<string, string | number>;
  /** Where the node was made (file:line), as nngraph records it. */
  _debugLabel?: string;
  [key: string]: unknown;
}

export interface NodeOptions {
  selectindex?: number | null;
  nSplitOutputs?: number | null;
  annotations?: Annotations;
}

/** The caller's `file:line:column` (the first stack frame outside this folder), as nngraph's debug labels. */
function callSite(): string | undefined {
  const here = import.meta.url.slice(0, import.meta.url.lastIndexOf('/') + 1);
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  const dir = decodeURI(here.replace(/^file:\/\//, ''));
  const frame = frames.find((f) => !f.includes(here) && !f.includes(dir) && /\d+:\d+\)?$/.test(f.trim()));
  const m = frame ? /\(?([^\s()]+:\d+:\d+)\)?$/.exec(frame.trim()) : null;
  return m ? `[${m[1]!.replace(/^file:\/\//, '')}]` : undefined;
}

/** How messages name a node: its module (or its role), then its name: `Linear(2 -> 3) 'h1'`. */
export function describeNode(n: Node): string {
  const text = n.module?.toString() ?? '';
  const what = n.module ? (text.includes('\n') ? n.module.constructor.name : text)
    : n.selectindex !== null ? `entry ${n.selectindex} of a split` : n.nSplitOutputs !== null ? `split(${n.nSplitOutputs})` : 'a node without module';
  return n.annotations.name ? `${what} '${n.annotations.name}'` : what;
}

export class Node {
  /** The module this node applies; null for nngraph's own nodes (the input, output and split nodes), which pass their input on. */
  module: Module | null;
  /** The nodes whose outputs feed this one, in order (Lua's `mapindex`). */
  readonly inputs: Node[] = [];
  /** The nodes made with this one as an input (Lua's `reverseMap`): a gModule checks that they all lead to its outputs. */
  readonly consumers: Node[] = [];
  /** On the nodes split() returns: this node outputs entry `selectindex` (0-based) of its input's table. */
  readonly selectindex: number | null;
  /** On the node split(n) puts between a node and its n entries. */
  readonly nSplitOutputs: number | null;
  annotations: Annotations;
  /** This node's id in its gModule's forward graph (0 until a gModule takes it), as the .dot export shows it. */
  forwardNodeId = 0;
  /** The inputs received in the gModule's forward, in the order of `inputs`. */
  input: Activity[] = [];
  /** The gradients received in the gModule's backward (summed into `gradOutputBuffer` when several). */
  gradOutput: Activity[] = [];
  gradOutputBuffer: Activity | null = null;

  constructor(module: Module | null, parents: readonly Node[] = [], options: NodeOptions = {}) {
    if (module !== null && !(module instanceof Module)) throw new ArgumentError(`nngraph.Node: expected a Module or null, got ${typeof module}`);
    this.module = module;
    this.selectindex = options.selectindex ?? null;
    this.nSplitOutputs = options.nSplitOutputs ?? null;
    this.annotations = { ...options.annotations };
    this.annotations._debugLabel ??= callSite();
    parents.forEach((p, i) => this.addInput(p, `${module ? `${module.constructor.name}.node` : 'nngraph.Node'}: inputs[${i}]`));
  }

  /** Appends `parent` to this node's inputs (nngraph's `add(child, true)`); the same input twice is an error. */
  addInput(parent: Node, what = 'nngraph.Node.addInput: the input'): void {
    const p: unknown = parent;
    if (!(p instanceof Node)) {
      const got = p instanceof Module ? `a ${p.constructor.name} module (make it a node with module.node(...parents))` : p === null ? 'null' : typeof p;
      throw new ArgumentError(`${what} should be an nngraph Node, got ${got}`);
    }
    if (this.inputs.includes(parent)) throw new ArgumentError(`${what} ${describeNode(parent)} is already an input of this node: do not pass the same input twice`);
    this.inputs.push(parent);
    parent.consumers.push(this);
  }

  /**
   * One node per entry of this node's table output, in order (nngraph's `node:split(n)`): a node
   * with `nSplitOutputs = n` takes this one, and n nodes with `selectindex` 0..n−1 take it.
   */
  split(n: number): Node[] {
    if (!Number.isInteger(n) || n < 1) throw new ArgumentError(`nngraph.Node.split: expected a number of outputs ≥ 1, got ${n}`);
    const label = this.annotations._debugLabel ?? '';
    const mnode = new Node(null, [this], { nSplitOutputs: n, annotations: { _debugLabel: `${label} split at ${callSite() ?? '?'}-mnode` } });
    return Array.from({ length: n }, (_, i) => new Node(null, [mnode], { selectindex: i, annotations: { _debugLabel: `${label}-${i + 1}` } }));
  }

  /** Merges `annotations` into this node's (name, description, graphAttributes, …); returns this. */
  annotate(annotations: Annotations): this {
    Object.assign(this.annotations, annotations);
    return this;
  }

  /** The node's title in a .dot graph: `name (id)` or `Node<id>`. */
  graphNodeName(id: number): string {
    return this.annotations.name ? `${this.annotations.name} (${id})` : `Node${id}`;
  }

  /** Graphviz attributes of the node: `graphAttributes`, the tooltip defaulting to where the node was made. */
  graphNodeAttributes(): Record<string, string | number> {
    const a = { ...this.annotations.graphAttributes };
    if (a.tooltip === undefined && this.annotations._debugLabel !== undefined) a.tooltip = this.annotations._debugLabel;
    return a;
  }

  /** The node's fields as nngraph's label shows them, lines joined by graphviz's `\l`. */
  label(): string {
    const lines: string[] = [];
    if (this.module) lines.push(`module = ${this.module.toString().replace(/\n/g, '\\l')}`);
    if (this.input.length > 0) lines.push(`input = ${show(this.input)}`);
    if (this.inputs.length > 1) lines.push(`mapindex = {${this.inputs.map((p) => `Node${p.forwardNodeId || ''}`).join(',')}}`);
    if (this.selectindex !== null) lines.push(`selectindex = ${this.selectindex}`);
    if (this.nSplitOutputs !== null) lines.push(`nSplitOutputs = ${this.nSplitOutputs}`);
    if (this.gradOutput.length > 0) lines.push(`gradOutput = ${show(this.gradOutput)}`);
    if (this.gradOutputBuffer !== null) lines.push(`gradOutputBuffer = ${show(this.gradOutputBuffer)}`);
    const desc = this.annotations.description === undefined ? '' : `desc = ${this.annotations.description}\\n`;
    return desc + lines.join('\\l');
  }

  toString(): string {
    return `nngraph.Node(${describeNode(this)})`;
  }
}

/** `Tensor[2x3]` (the type named when not the default), `NaN`/`inf` flagged; tables as `{…}`. */
function show(a: Activity | undefined): string {
  if (a === undefined) return '';
  if (!(a instanceof Tensor)) return `{${a.map(show).join(',')}}`;
  const type = a.dtype === getDefaultDtype() ? 'Tensor' : Tensor.typeName(a.dtype);
  let flag = '';
  for (const v of a.numel() > 0 ? a.toArray() : []) {
    if (Number.isNaN(v)) flag = 'NaN';
    else if (!flag && v === Infinity) flag = 'inf';
    else if (!flag && v === -Infinity) flag = '-inf';
  }
  return `${type}[${a.shape.join('x')}]${flag}`;
}

declare module '../lib/Module.js' {
  interface Module<In extends Activity = Activity, Out extends Activity = Activity> {
    /**
     * nngraph's `module(parents)`: a graph node applying this module to the outputs of `parents`
     * (a table of them when several, in order); no parents: an input node of a gModule.
     */
    node(...parents: Node[]): Node;
  }
}

Module.prototype.node = function node(this: Module, ...parents: Node[]): Node {
  return new Node(this, parents);
};
