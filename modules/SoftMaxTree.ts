/**
 * nn.SoftMaxTree(inputSize, hierarchy, rootId = 0, accUpdate = false, static = true, verbose = false):
 * a hierarchical softmax. Input {x (B × inputSize), target (B) node ids}; output (B): log P(target | x)
 * = Σ over the parents p on the path from the target up to the root of log-softmax(W_p x + b_p)[c],
 * c the position of the path's child among p's children. `hierarchy` maps each parent id to a 1-D
 * tensor of its children's ids (a Map or a record); ids are 0-based (Torch's start at 1) and each node
 * has one parent. Parent p's children own the rows start…start+n−1 of weight (nChildNode × inputSize)
 * and bias (nChildNode), `parentChildren[p] = [start, n]`; `childParent[c] = [parent, position]`.
 * gradInput {∂L/∂x, zeros like the target}. accGradParameters adds the sum of scales of each parent it
 * touched to `updates`; updateParameters steps only those parents' rows (Torch's sparse update;
 * zeroGradParameters clears it). With accUpdate there are no gradWeight / gradBias: only
 * accUpdateGradParameters changes the parameters. `static` is kept for Torch's parameters() keying;
 * here parameters() is always [weight, bias]. Batch input only, as Torch. Ref: dpnn / nnx SoftMaxTree.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { backend } from '../lib/kernels/backend.js';
import { rng } from '../lib/random.js';
import { type Hierarchy, type TreeIndex, isId, treeIndex } from './softMaxTreeIndex.js';

export type { Hierarchy } from './softMaxTreeIndex.js';

/** One step of a path: the parent, the child's position among its children, and the parent's rows. */
interface Step { parent: number; childIdx: number; start: number; n: number }

export class SoftMaxTree extends Module<Activity, Tensor> {
  readonly rootId: number;
  readonly accUpdate: boolean;
  readonly static: boolean;
  weight: Tensor;
  bias: Tensor;
  gradWeight: Tensor | null;
  gradBias: Tensor | null;
  // the index tables (see softMaxTreeIndex.ts), set by the constructor
  declare readonly nChildNode: number;
  declare readonly nParentNode: number;
  declare readonly minNodeId: number;
  declare readonly maxNodeId: number;
  declare readonly maxParentId: number;
  declare readonly maxChildId: number;
  declare readonly maxFamily: number;
  declare readonly maxFamilyPath: number;
  declare readonly maxDept: number;
  declare childIds: Tensor;
  declare parentIds: Tensor;
  declare parentChildren: Tensor;
  declare childParent: Tensor;
  /** Parents touched by accGradParameters → the sum of their scales. */
  updates = new Map<number, number>();
  batchSize = 0;
  override output = Tensor.empty();
  _gradInput = Tensor.empty();
  _gradTarget = Tensor.empty();
  override gradInput: Activity = [this._gradInput, this._gradTarget];
  /** A node's linear output (or its gradient), maxFamily long. */
  _nodeBuffer = Tensor.empty();
  /** The log-softmax of every parent on each sample's path: B × maxFamilyPath. */
  _multiBuffer = Tensor.empty();

  constructor(readonly inputSize: number, hierarchy: Hierarchy, rootId = 0, accUpdate = false, isStatic = true, verbose = false) {
    super();
    const at = 'SoftMaxTree.constructor';
    if (!(Number.isInteger(inputSize) && inputSize > 0)) throw new ArgumentError(`${at}: expected a positive integer inputSize, got ${inputSize}`);
    const index: TreeIndex = treeIndex(at, hierarchy, rootId), start = index.nChildNode;
    Object.assign(this, index);
    this.rootId = rootId;
    this.accUpdate = accUpdate;
    this.static = isStatic;
    this.weight = Tensor.zeros([start, inputSize]);
    this.bias = Tensor.zeros([start]);
    this.gradWeight = accUpdate ? null : Tensor.zeros([start, inputSize]);
    this.gradBias = accUpdate ? null : Tensor.zeros([start]);
    if (verbose) {
      console.log(`SoftMaxTree: ${this.nParentNode} parent nodes, ${this.nChildNode} child nodes, ${this.nChildNode - this.nParentNode} leaf nodes, ids up to ${this.maxNodeId}`);
      if (this.maxNodeId !== this.nChildNode) console.log('SoftMaxTree: the ids are not contiguous (0…nChildNode): the index tables hold unused rows');
    }
    this.reset();
  }

  /** U(±stdv·√3) given stdv, else U(±1/√(nChildNode·inputSize)), weight and bias. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.nChildNode * this.inputSize);
    backend().randomUniform(this.weight, rng, -s, s);
    backend().randomUniform(this.bias, rng, -s, s);
    return this;
  }

  /** The parents on the path of `node` up to the root. */
  private path(method: string, node: number, sample: number): Step[] {
    const steps: Step[] = [];
    for (let c = node; ; ) {
      const parent = isId(c) && c <= this.maxChildId ? this.childParent.get(c, 0) : -1;
      if (parent < 0) throw new ArgumentError(`${this.where(method)}: target ${node} of sample ${sample} is not a node with a parent in the tree (at node ${c})`);
      steps.push({ parent, childIdx: this.childParent.get(c, 1), start: this.parentChildren.get(parent, 0), n: this.parentChildren.get(parent, 1) });
      if (parent === this.rootId) return steps;
      c = parent;
    }
  }

  /** x and the paths of the targets, checked. */
  private parts(method: string, input: Activity): [x: Tensor, target: Tensor, paths: Step[][]] {
    const [x, target] = input instanceof Tensor ? [] : input;
    if (input instanceof Tensor || input.length !== 2 || !(x instanceof Tensor) || !(target instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table {input, target}, got ${describe(input)}`);
    }
    if (x.dim() !== 2 || x.size(1) !== this.inputSize) throw new ShapeError(`${this.where(method)}: expected input of size [B, ${this.inputSize}] (batch mode), got ${shapeStr(x.shape)}`);
    if (target.numel() !== x.size(0) || target.dim() !== 1) throw new ShapeError(`${this.where(method)}: expected a target of size [${x.size(0)}], got ${shapeStr(target.shape)}`);
    const ids = target.contiguous().toArray();
    return [x, target, Array.from(ids, (v, i) => this.path(method, Math.round(Number(v)), i))];
  }

  override updateOutput(input: Activity): Tensor {
    const [x, target, paths] = this.parts('updateOutput', input);
    const B = x.size(0), dtype = this.weight.dtype;
    if (this._nodeBuffer.dtype !== dtype) this._nodeBuffer = Tensor.empty(dtype);
    if (this._multiBuffer.dtype !== dtype) this._multiBuffer = Tensor.empty(dtype);
    this._nodeBuffer.resize(this.maxFamily);
    this._multiBuffer.resize(B, this.maxFamilyPath);
    this.batchSize = B;
    this.output.resize(B).zero();
    paths.forEach((steps, i) => {
      const xi = x.select(0, i), out = this.output.narrow(0, i, 1);
      let n = 0;
      for (const s of steps) {
        const z = this._nodeBuffer.narrow(0, 0, s.n).addmv(this.bias.narrow(0, s.start, s.n), this.weight.narrow(0, s.start, s.n), xi);
        const lsm = this._multiBuffer.select(0, i).narrow(0, n, s.n);
        backend().logSoftmax(lsm, z, 1, s.n);
        out.add(lsm.narrow(0, s.childIdx, 1));
        n += s.n;
      }
    });
    if (this._gradTarget.dtype !== target.dtype) this._gradTarget = Tensor.empty(target.dtype);
    this._gradTarget.resizeAs(target).zero();
    return this.output;
  }

  /** ∂L/∂z of step s of sample i into _nodeBuffer: gradOutput_i·(onehot(childIdx) − softmax(z)). */
  private linearGrad(i: number, offset: number, s: Step, gradOutput: Tensor): Tensor {
    const g = gradOutput.narrow(0, i, 1), d = this._nodeBuffer.narrow(0, 0, s.n);
    d.exp(this._multiBuffer.select(0, i).narrow(0, offset, s.n)).cmul(g.expand(s.n)).mul(-1);
    d.narrow(0, s.childIdx, 1).add(g);
    return d;
  }

  /** Runs fn on every step of every sample with its linear gradient. */
  private eachStep(method: string, [x, , paths]: [Tensor, Tensor, Step[][]], gradOutput: Tensor, fn: (i: number, s: Step, d: Tensor, xi: Tensor) => void): void {
    const g = this.checkGradOutput(method, gradOutput, this.output);
    if (this.batchSize !== x.size(0) || this._multiBuffer.dim() !== 2) {
      throw new StateError(`${this.where(method)}: called on a batch of ${x.size(0)} after a forward of ${this.batchSize}; run forward(input) first`);
    }
    paths.forEach((steps, i) => {
      let n = 0;
      for (const s of steps) {
        fn(i, s, this.linearGrad(i, n, s, g), x.select(0, i));
        n += s.n;
      }
    });
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Activity {
    const parts = this.parts('updateGradInput', input);
    this._gradInput.resizeAs(parts[0]).zero();
    this.eachStep('updateGradInput', parts, gradOutput, (i, s, d) => {
      this._gradInput.select(0, i).addmv(this.weight.narrow(0, s.start, s.n).t(), d); // ∂L/∂x += W_pᵀ ∂L/∂z
    });
    this.gradInput = [this._gradInput, this._gradTarget];
    return this.gradInput;
  }

  /** Adds scale·∂L/∂θ into (w, b) and counts the parents in `updates`. */
  private accumulate(method: string, input: Activity, gradOutput: Tensor, scale: number, w: Tensor, b: Tensor): void {
    this.eachStep(method, this.parts(method, input), gradOutput, (_i, s, d, xi) => {
      w.narrow(0, s.start, s.n).addr(scale, d, xi); // ∂L/∂W_p = ∂L/∂z xᵀ
      b.narrow(0, s.start, s.n).add(scale, d);
      this.updates.set(s.parent, (this.updates.get(s.parent) ?? 0) + scale);
    });
  }

  /** [gradWeight, gradBias], or null with accUpdate. */
  private grads(): [Tensor, Tensor] | null {
    return this.accUpdate || !this.gradWeight || !this.gradBias ? null : [this.gradWeight, this.gradBias];
  }

  override accGradParameters(input: Activity, gradOutput: Tensor, scale = 1): void {
    const g = this.grads();
    if (!g) throw new StateError(`${this.where('accGradParameters')}: built with accUpdate (no gradWeight): use accUpdateGradParameters`);
    this.accumulate('accGradParameters', input, gradOutput, scale, g[0], g[1]);
  }

  override accUpdateGradParameters(input: Activity, gradOutput: Tensor, lr: number): void {
    if (this.accUpdate) this.accumulate('accUpdateGradParameters', input, gradOutput, -lr, this.weight, this.bias);
    else super.accUpdateGradParameters(input, gradOutput, lr);
  }

  override parameters(): [Tensor[], Tensor[]] {
    return [[this.weight, this.bias], this.grads() ?? []];
  }

  /** [[weight, bias], [gradWeight, gradBias]] of one parent's children (views; no gradients with accUpdate). */
  getNodeParameters(parentId: number): [Tensor[], Tensor[]] {
    const row = isId(parentId) && parentId <= this.maxParentId ? this.parentChildren.get(parentId, 0) : -1;
    if (row < 0) throw new ArgumentError(`${this.where('getNodeParameters')}: ${parentId} is not a parent of the tree`);
    const n = this.parentChildren.get(parentId, 1), v = (ts: readonly Tensor[]) => ts.map((t) => t.narrow(0, row, n));
    return [v([this.weight, this.bias]), v(this.grads() ?? [])];
  }

  /** θ ← θ − lr·∂L/∂θ for the parents in `updates` (every parent when none is recorded). */
  override updateParameters(learningRate: number): void {
    if (this.accUpdate) throw new StateError(`${this.where('updateParameters')}: built with accUpdate (no gradients): use accUpdateGradParameters`);
    for (const p of this.touched()) {
      const [params, grads] = this.getNodeParameters(p);
      params.forEach((t, k) => t.add(-learningRate, grads[k]!));
    }
  }

  override zeroGradParameters(): void {
    super.zeroGradParameters();
    this.updates.clear();
  }

  /** The parents in `updates`, or every parent when none is recorded. */
  private touched(): number[] {
    return this.updates.size > 0 ? [...this.updates.keys()] : Array.from(this.parentIds.toArray(), Number);
  }

  /** Torch's maxNorm: the weight rows of the touched parents (see updateParameters) renormalised to an L2 norm ≤ maxNorm. */
  maxNorm(maxNorm: number): void {
    for (const p of this.touched()) {
      const w = this.getNodeParameters(p)[0][0]!;
      backend().renorm(w, w.size(0), this.inputSize, true, maxNorm);
    }
  }

  override toString(): string {
    return `SoftMaxTree(${this.inputSize} -> ${this.nChildNode} nodes under ${this.rootId})`;
  }
}
