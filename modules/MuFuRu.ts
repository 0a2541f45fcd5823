/**
 * rnn nn.MuFuRu(inputSize, outputSize, ops = all eight, rho = 9999): the multi-function recurrent
 * unit, a GRU whose update mixes several operations on (s_{t−1}, v_t): r = σ(W_r x + U_r s + b),
 * feature v = σ(W [x, r ⊙ s] + b_v), op weights p = softmax over the ops of W_p [x, s] + b_p
 * (per hidden unit), s_t = Σ_k p_k ⊙ op_k(s_{t−1}, v). ops (Lua's names): keep (s), replace (v),
 * mul (s ⊙ v), diff (s − v), forget (0), sqrt_diff (¼·√|s − v|), max, min. Batch input only
 * (B, inputSize) → (B, outputSize), as rnn (its joins are along dimension 1). State and maskZero
 * as GRU. Ref: rnn Mufuru.lua; Weissenborn & Rocktäschel 2016 (arXiv 1606.03002).
 */
import { GRU } from './GRU.js';
import type { Module } from '../lib/Module.js';
import type { Activity } from '../lib/Activity.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { Sequential } from './Sequential.js';
import { ParallelTable } from './ParallelTable.js';
import { ConcatTable } from './ConcatTable.js';
import { NarrowTable } from './NarrowTable.js';
import { SelectTable } from './SelectTable.js';
import { CAddTable } from './CAddTable.js';
import { CMulTable } from './CMulTable.js';
import { CSubTable } from './CSubTable.js';
import { JoinTable } from './JoinTable.js';
import { Linear } from './Linear.js';
import { Sigmoid } from './Sigmoid.js';
import { Abs } from './Abs.js';
import { Sqrt } from './Sqrt.js';
import { MulConstant } from './MulConstant.js';
import { Unsqueeze } from './Unsqueeze.js';
import { Max } from './Max.js';
import { Min } from './Min.js';
import { Sum } from './Sum.js';
import { View } from './View.js';
import { Transpose } from './Transpose.js';
import { SpatialSoftMax } from './SpatialSoftMax.js';

export type MuFuRuOp = 'keep' | 'replace' | 'mul' | 'diff' | 'forget' | 'sqrt_diff' | 'max' | 'min';
const ALL_OPS: readonly MuFuRuOp[] = ['keep', 'replace', 'mul', 'diff', 'forget', 'sqrt_diff', 'max', 'min'];

/** Each table [s, v] as a (2, B, H) stack. */
const stacked = () => new Sequential()
  .add(new ConcatTable().add(new Sequential().add(new SelectTable(0)).add(new Unsqueeze(0))).add(new Sequential().add(new SelectTable(1)).add(new Unsqueeze(0))))
  .add(new JoinTable(0));

/** The operation `op` as a module [s_{t−1}, v] → new state. */
function operation(op: MuFuRuOp): Module {
  switch (op) {
    case 'keep': return new SelectTable(0);
    case 'replace': return new SelectTable(1);
    case 'mul': return new CMulTable();
    case 'diff': return new CSubTable();
    case 'forget': return new Sequential().add(new SelectTable(0)).add(new MulConstant(0));
    case 'sqrt_diff': return new Sequential().add(new CSubTable()).add(new Abs()).add(new Sqrt()).add(new MulConstant(0.25));
    case 'max': return stacked().add(new Max(0));
    case 'min': return stacked().add(new Min(0));
  }
}

export class MuFuRu extends GRU {
  readonly ops: readonly MuFuRuOp[];
  readonly num_ops: number;
  readonly operations: Module[];

  constructor(inputSize: number, outputSize: number, ops: readonly MuFuRuOp[] = ALL_OPS, rho = 9999) {
    const bad = ops.find((o) => !ALL_OPS.includes(o));
    if (ops.length === 0 || bad !== undefined) throw new ArgumentError(`MuFuRu.constructor: expected ops among ${ALL_OPS.join(', ')}, got ${ops.length ? String(bad) : 'none'}`);
    const operations = ops.map(operation);
    super(inputSize, outputSize, rho, 0, false, (D, H) => MuFuRu.buildModel(D, H, operations));
    this.ops = [...ops];
    this.num_ops = ops.length;
    this.operations = operations;
  }

  /** rnn's buildModel: [x, s_{t−1}] → s_t. */
  private static buildModel(D: number, H: number, operations: Module[]): Module {
    const K = operations.length;
    const resetGate = new Sequential().add(new ParallelTable().add(new Linear(D, H)).add(new Linear(H, H))).add(new CAddTable()).add(new Sigmoid());
    const featureVec = new Sequential() // [x, s, r] → v
      .add(new ConcatTable().add(new SelectTable(0)).add(new Sequential().add(new NarrowTable(1, 2)).add(new CMulTable())))
      .add(new JoinTable(1)).add(new Linear(D + H, H)).add(new Sigmoid());
    const opWeights = new Sequential() // [x, s, r] → p (K, B, H), a softmax over the K ops
      .add(new NarrowTable(0, 2)).add(new JoinTable(1)).add(new Linear(D + H, K * H))
      .add(new View(K, H).setNumInputDims(1)).add(new Transpose([0, 1])).add(new SpatialSoftMax());
    const allOps = new ConcatTable();
    for (const op of operations) allOps.add(new Sequential().add(op).add(new Unsqueeze(0)));
    const activations = new Sequential().add(new NarrowTable(0, 2)).add(allOps).add(new JoinTable(0, 3)); // (K, B, H)
    const combine = new Sequential().add(new ConcatTable().add(activations).add(new SelectTable(2))).add(new CMulTable()).add(new Sum(0, 3));
    return new Sequential()
      .add(new ConcatTable().add(new SelectTable(0)).add(new SelectTable(1)).add(resetGate)) // [x, s, r]
      .add(new ConcatTable().add(new SelectTable(1)).add(featureVec).add(opWeights)) // [s, v, p]
      .add(combine);
  }

  override updateOutput(input: Activity): Activity {
    if (input instanceof Tensor && input.dim() !== 2) {
      throw new ShapeError(`${this.where('updateOutput')}: expected a batch input (B, ${this.inputSize}), got ${shapeStr(input.shape)}`);
    }
    return super.updateOutput(input);
  }

  override toString(): string {
    return `MuFuRu(${this.inputSize} -> ${this.outputSize}) { ${this.ops.join(' ')} }`;
  }
}
