/**
 * nn.SoftMaxForest(inputSize, trees, rootIds = 0s, gaterSize = [], gaterAct = Tanh, accUpdate = false):
 * a mixture of SoftMaxTree experts. Input {x (B × inputSize), target (B) node ids (0-based)}; output (B):
 * Σ_k g_k(x)·tree_k(x, target), each tree's log P(target | x) weighed by a gater
 * (x → [Linear(·, h), gaterAct]* per gaterSize entry → Linear(·, #trees) → SoftMax). The trees share the
 * target ids, so each must hold the target. Built, as dpnn, as module = Sequential(trunk, mixture):
 * trunk = ConcatTable(gater, experts), experts = ConcatTable(smts…), gater = Sequential(SelectTable(0), …),
 * mixture = MixtureTable; Torch's fields `experts`, `smts`, `gater`, `trunk`, `mixture`, `module`
 * (dpnn's constructor refers to `_smts`, `_gater`, `_experts`, which it never sets: this builds what it
 * means). `new SoftMaxForest(module)` wraps such a Sequential (a loaded file). Ref: dpnn SoftMaxForest.lua.
 */
import { Container } from '../lib/Container.js';
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ArgumentError, StateError } from '../lib/errors.js';
import { ConcatTable } from './ConcatTable.js';
import { Linear } from './Linear.js';
import { MixtureTable } from './MixtureTable.js';
import { SelectTable } from './SelectTable.js';
import { Sequential } from './Sequential.js';
import { SoftMax } from './SoftMax.js';
import { Tanh } from './Tanh.js';
import { SoftMaxTree, type Hierarchy } from './SoftMaxTree.js';

export class SoftMaxForest extends Container<Activity, Tensor> {
  override output = Tensor.empty();
  override gradInput: Activity = [];
  experts: ConcatTable;
  smts: SoftMaxTree[];
  gater: Sequential;
  trunk: ConcatTable;
  mixture: MixtureTable;
  module: Sequential;

  constructor(module: Sequential);
  constructor(inputSize: number, trees: readonly Hierarchy[], rootIds?: readonly number[], gaterSize?: readonly number[], gaterAct?: Module, accUpdate?: boolean);
  constructor(inputSize: number | Sequential, trees: readonly Hierarchy[] = [], rootIds: readonly number[] = [], gaterSize: readonly number[] = [], gaterAct: Module = new Tanh(), accUpdate = false) {
    super();
    const module = typeof inputSize === 'number' ? SoftMaxForest.build(inputSize, trees, rootIds, gaterSize, gaterAct, accUpdate) : inputSize;
    const [trunk, mixture] = module instanceof Sequential ? module.modules : [];
    const [gater, experts] = trunk instanceof ConcatTable ? trunk.modules : [];
    const smts = experts instanceof ConcatTable ? experts.modules : [];
    if (!(mixture instanceof MixtureTable && gater instanceof Sequential && smts.length > 0 && smts.every((m) => m instanceof SoftMaxTree))) {
      throw new ArgumentError('SoftMaxForest.constructor: expected Sequential(ConcatTable(gater Sequential, ConcatTable(SoftMaxTree…)), MixtureTable)');
    }
    this.module = module;
    this.trunk = trunk as ConcatTable;
    this.mixture = mixture;
    this.gater = gater;
    this.experts = experts as ConcatTable;
    this.smts = smts as SoftMaxTree[];
    this.modules[0] = module;
  }

  private static build(inputSize: number, trees: readonly Hierarchy[], rootIds: readonly number[], gaterSize: readonly number[], gaterAct: Module, accUpdate: boolean): Sequential {
    if (trees.length === 0) throw new ArgumentError('SoftMaxForest.constructor: expected at least one tree (a list of hierarchies)');
    const experts = new ConcatTable();
    trees.forEach((tree, i) => experts.add(new SoftMaxTree(inputSize, tree, rootIds[i] ?? 0, accUpdate)));
    const gater = new Sequential().add(new SelectTable(0)); // the targets are not the gater's
    let size = inputSize;
    for (const h of gaterSize) {
      gater.add(new Linear(size, h)).add(gaterAct.clone());
      size = h;
    }
    gater.add(new Linear(size, trees.length)).add(new SoftMax());
    return new Sequential().add(new ConcatTable().add(gater).add(experts)).add(new MixtureTable());
  }

  override updateOutput(input: Activity): Tensor {
    this.output = this.module.updateOutput(input) as Tensor;
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Activity {
    this.gradInput = this.module.updateGradInput(input, gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Tensor, scale = 1): void {
    this.module.accGradParameters(input, gradOutput, scale);
  }

  /** Steps the gater and each tree with its own gradOutput (the mixture's gradInput of the last updateGradInput), so accUpdate trees update too. */
  override accUpdateGradParameters(input: Activity, _gradOutput: Tensor, lr: number): void {
    const [gGater, gExperts] = this.mixture.gradInput;
    if (!(gExperts instanceof Array) || gExperts.length !== this.smts.length) {
      throw new StateError(`${this.where('accUpdateGradParameters')}: called before updateGradInput; run forward and backward (or updateGradInput) first`);
    }
    this.gater.accUpdateGradParameters(input, gGater, lr);
    this.smts.forEach((t, i) => t.accUpdateGradParameters(input, gExperts[i]!, lr));
  }

  override toString(): string {
    return `SoftMaxForest(${this.smts.length} trees)`;
  }
}
