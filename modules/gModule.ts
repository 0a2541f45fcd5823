/**
 * nn.gModule(inputs, outputs): a network given as a directed acyclic graph of nngraph nodes
 * (`module.node(...parents)`; see nngraph/Node.ts). Input: the tensor (or table) of the one input
 * node, or a table with one entry per input node; output: the output node's, or the table of the
 * outputs. forward runs the nodes in topological order (`forwardnodes`); backward in reverse
 * (`backwardnodes`), summing the gradients of a node that feeds several. A node with several
 * inputs gets the table of their outputs; split(n) nodes take the entries of a table output.
 * A module used by several nodes runs as shared clones (one per further node: the same parameter
 * and gradient tensors, its own buffers), so its gradients add up; parameters() lists each
 * parameter tensor once. `toDot()` gives the graph in graphviz's language, as nngraph's graph.dot.
 * Ref: torch/nngraph gmodule.lua.
 */
import { Container } from '../lib/Container.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import type { Module } from '../lib/Module.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import type { Node } from '../nngraph/Node.js';
import { type Graph, type Plan, type WiredGraph, plan, unwire, wire } from '../nngraph/graph.js';
import { forwardNode, nodeError, nodeInput, sendGradInput, totalGradOutput } from '../nngraph/run.js';

export type { WiredGraph } from '../nngraph/graph.js';

export class gModule extends Container {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();
  readonly innode: Node;
  readonly outnode: Node;
  readonly nInputs: number;
  /** The forward graph (edges from a node to the nodes it feeds) and the backward graph (the reverse). */
  readonly fg: Graph;
  readonly bg: Graph;
  /** The nodes in the order forward runs them (innode first) and backward (outnode first). */
  readonly forwardnodes: Node[];
  readonly backwardnodes: Node[];
  /** Per node of forwardnodes, the nodes its output goes to and at which of their inputs. */
  private readonly feeds: Array<Array<readonly [Node, number]>>;

  /** The graph from the input nodes (made without parents) to the output nodes. */
  constructor(inputs: readonly Node[], outputs: readonly Node[]);
  /** A graph already wired as nngraph wires one (innode, split, outnode), as torch.load finds it. */
  constructor(wired: WiredGraph);
  constructor(a: readonly Node[] | WiredGraph, outputs?: readonly Node[]) {
    super();
    const inputs = Array.isArray(a) ? a : null;
    const w = inputs ? wire(inputs, outputs ?? []) : (a as WiredGraph);
    let p: Plan;
    try {
      p = plan(w);
    } catch (e) {
      if (inputs) unwire(w, inputs, outputs ?? []);
      throw e;
    }
    this.innode = w.innode;
    this.outnode = w.outnode;
    this.nInputs = w.nInputs;
    ({ fg: this.fg, bg: this.bg, forwardnodes: this.forwardnodes, backwardnodes: this.backwardnodes } = p);
    this.feeds = this.forwardnodes.map((n) => this.fg.children(n).map((c) => [c, c.inputs.indexOf(n)] as const));
    const seen = new Set<Module>();
    for (const n of this.forwardnodes) {
      if (!n.module) continue;
      if (seen.has(n.module)) n.module = n.module.sharedClone();
      seen.add(n.module);
      this.add(n.module);
    }
    if (this.outnode.inputs.length > 1) this.output = this.outnode.input;
  }

  private checkTable(method: string, x: Activity, n: number, what: string): void {
    if (n > 1 && (x instanceof Tensor || x.length !== n)) {
      throw new ArgumentError(`${this.where(method)}: expected a table of ${n} ${what}, got ${describe(x)}`);
    }
  }

  override updateOutput(input: Activity): Activity {
    this.checkTable('updateOutput', input, this.nInputs, 'inputs');
    for (const n of this.forwardnodes) n.input.length = 0;
    if (this.nInputs > 1) this.innode.input.push(...(input as readonly Activity[]));
    else this.innode.input.push(input);
    this.forwardnodes.forEach((n, i) => {
      let out: Activity;
      try {
        out = forwardNode(n, (m, x) => m.forward(x));
      } catch (e) {
        throw nodeError(n, e);
      }
      for (const [c, slot] of this.feeds[i]!) c.input[slot] = out;
    });
    const outs = this.outnode.input;
    this.output = outs.length === 1 ? outs[0]! : outs;
    return this.output;
  }

  /** Runs the nodes backward from gradOutput; `step` is the module's part (updateGradInput or backward). */
  private runBackward(method: string, gradOutput: Activity, step: (m: Module, x: Activity, g: Activity) => Activity): Activity {
    const nOut = this.outnode.inputs.length;
    this.checkTable(method, gradOutput, nOut, 'gradOutputs');
    if (this.outnode.input.length !== nOut) throw new StateError(`${this.where(method)}: called before updateOutput; run forward(input) first, then backward(input, gradOutput)`);
    for (const n of this.backwardnodes) n.gradOutput.length = 0;
    this.outnode.gradOutput.push(gradOutput);
    for (const n of this.backwardnodes) {
      try {
        const g = totalGradOutput(n);
        sendGradInput(n, n.module && n.selectindex === null ? step(n.module, nodeInput(n), g) : g);
      } catch (e) {
        throw nodeError(n, e);
      }
    }
    this.gradInput = this.innode.gradOutput[0]!;
    return this.gradInput;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    return this.runBackward('updateGradInput', gradOutput, (m, x, g) => m.updateGradInput(x, g));
  }

  override backward(_input: Activity, gradOutput: Activity, scale = 1): Activity {
    return this.runBackward('backward', gradOutput, (m, x, g) => m.backward(x, g, scale));
  }

  /** Each module's accGradParameters with the gradient its node received in the last updateGradInput. */
  override accGradParameters(_input: Activity, gradOutput: Activity, scale = 1): void {
    this.checkTable('accGradParameters', gradOutput, this.outnode.inputs.length, 'gradOutputs');
    for (const n of this.backwardnodes) {
      if (!n.module) continue;
      const g = n.gradOutput.length > 1 ? n.gradOutputBuffer : n.gradOutput[0];
      if (!g) throw new StateError(`${this.where('accGradParameters')}: called before updateGradInput; run forward, then updateGradInput, then accGradParameters`);
      try {
        n.module.accGradParameters(nodeInput(n), g, scale);
      } catch (e) {
        throw nodeError(n, e);
      }
    }
  }

  /** Every parameter (and its gradient) once, in the order of the modules. */
  override parameters(): [Tensor[], Tensor[]] {
    const params: Tensor[] = [], grads: Tensor[] = [], seen = new Set<Tensor>();
    for (const m of this.modules) {
      const [ps, gs] = m.parameters();
      ps.forEach((p, i) => {
        if (seen.has(p)) return;
        seen.add(p);
        params.push(p);
        grads.push(gs[i]!);
      });
    }
    return [params, grads];
  }

  override clearState(): this {
    super.clearState();
    for (const n of this.forwardnodes) {
      n.input.length = 0;
      n.gradOutput.length = 0;
      n.gradOutputBuffer = null;
    }
    if (this.outnode.inputs.length > 1) this.output = this.outnode.input;
    return this;
  }

  /** Converts as Module.type does, after dropping the references the nodes hold to the last pass's inputs and gradients (the caller's tensors among them). */
  override type(dtype: Parameters<Module['type']>[0]): this {
    for (const n of this.forwardnodes) {
      n.input.length = 0;
      n.gradOutput.length = 0;
    }
    return super.type(dtype);
  }

  /** The forward graph ('fg', the default) or the backward graph ('bg') in graphviz's dot language, as nngraph's graph.dot writes it. */
  toDot(which: 'fg' | 'bg' = 'fg', title?: string): string {
    return (which === 'bg' ? this.bg : this.fg).todot(title);
  }

  override toString(): string {
    const nOut = this.outnode.inputs.length;
    return this.childrenString(`${this.nInputs} input${this.nInputs > 1 ? 's' : ''} -> ${this.forwardnodes.length} nodes -> ${nOut} output${nOut > 1 ? 's' : ''}`);
  }
}
