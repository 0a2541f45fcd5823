/**
 * The gradient-check cases: every exported module and criterion, on batch and non-batch inputs.
 * The coverage test fails when an export has no case here and no reason in `noCheck`.
 */
import * as nn from '../index.js';
import type { Activity, Criterion, Module, Target } from '../index.js';
import type { GradCheckOptions } from '../lib/testing/index.js';
import { classes, rand } from './helpers/random.js';
import * as pointwise from './cases/pointwise.js';
import * as shape from './cases/shape.js';
import * as parametric from './cases/parametric.js';
import * as criterions from './cases/criterions.js';
import * as graph from './cases/graph.js';
import * as convolution from './cases/convolution.js';
import * as pooling from './cases/pooling.js';
import * as sequence from './cases/sequence.js';
import * as dpnn from './cases/dpnn.js';

/** Torch's test kinds run on every case (test/torch-kinds.test.ts), besides the Jacobian check. */
export type TestKind = 'batchOf1' | 'nonContiguous' | 'sharedClones' | 'updateParameters' | 'inPlace' | 't7';

interface CaseCommon {
  /** The class under test (an export of the package). */
  name: string;
  label: string;
  input: () => Activity;
  /** The input has no batch dimension (default: the label starts with 'non-batch'); batchOf1 then compares it with a batch of one. */
  nonBatch?: boolean;
  /** Kinds that do not apply to this case, each with the reason (printed as a skip). */
  skip?: Partial<Record<TestKind, string>>;
}
export interface ModuleCase extends CaseCommon {
  build: () => Module;
  opts?: GradCheckOptions;
  /** The in-place variant of build() (Torch's `ReLU(true)`), compared with it by the inPlace kind. */
  inPlace?: () => Module;
}
export interface CriterionCase extends CaseCommon { build: () => Criterion; target: () => Target }

const rnn = (inSize: number, H: number) => new nn.Recurrent(H, new nn.Linear(inSize, H), new nn.Linear(H, H), new nn.Tanh());

/** A small attention model where the location enters only through the glimpse (so finite differences see no location path). */
export function glimpseOnlyRA(nStep: number, H: number): nn.RecurrentAttention {
  const sensor = new nn.Sequential().add(new nn.SpatialGlimpse(2, 2, 2)).add(new nn.Collapse(3)).add(new nn.Linear(16, H));
  const core = new nn.Recurrent(H, sensor, new nn.Linear(H, H), new nn.Tanh());
  const locator = new nn.Sequential().add(new nn.Linear(H, 2)).add(new nn.HardTanh()).add(new nn.ReinforceNormal(0.1));
  return new nn.RecurrentAttention(core, locator, nStep, H);
}

const mlp = (): Module => new nn.Sequential().add(new nn.Linear(4, 3)).add(new nn.Tanh()).add(new nn.Linear(3, 2));

const coreModuleCases: ModuleCase[] = [
  { name: 'Linear', label: 'batch', build: () => new nn.Linear(5, 3), input: () => rand([4, 5]) },
  { name: 'Linear', label: 'non-batch', build: () => new nn.Linear(5, 3), input: () => rand([5]) },
  { name: 'Linear', label: 'no bias', build: () => new nn.Linear(5, 3, false), input: () => rand([2, 5]) },
  { name: 'ReLU', label: 'batch', build: () => new nn.ReLU(), input: () => rand([3, 7]) },
  { name: 'ReLU', label: 'non-batch', build: () => new nn.ReLU(), input: () => rand([7]) },
  { name: 'Tanh', label: 'batch', build: () => new nn.Tanh(), input: () => rand([3, 4]) },
  { name: 'Tanh', label: 'non-batch', build: () => new nn.Tanh(), input: () => rand([4]) },
  { name: 'Sigmoid', label: 'batch', build: () => new nn.Sigmoid(), input: () => rand([3, 4], -3, 3) },
  { name: 'Sigmoid', label: 'non-batch', build: () => new nn.Sigmoid(), input: () => rand([4], -3, 3) },
  { name: 'HardTanh', label: 'batch', build: () => new nn.HardTanh(), inPlace: () => new nn.HardTanh(-1, 1, true), input: () => rand([4, 5], -2, 2) },
  { name: 'HardTanh', label: 'non-batch, custom range', build: () => new nn.HardTanh(-0.5, 0.3), inPlace: () => new nn.HardTanh(-0.5, 0.3, true), input: () => rand([6]) },
  { name: 'SoftMax', label: 'batch', build: () => new nn.SoftMax(), input: () => rand([3, 5], -2, 2) },
  { name: 'SoftMax', label: 'non-batch', build: () => new nn.SoftMax(), input: () => rand([5], -2, 2) },
  { name: 'LogSoftMax', label: 'batch', build: () => new nn.LogSoftMax(), input: () => rand([3, 5], -2, 2) },
  { name: 'LogSoftMax', label: 'non-batch', build: () => new nn.LogSoftMax(), input: () => rand([5], -2, 2) },
  { name: 'Reshape', label: 'batch', build: () => new nn.Reshape(6), input: () => rand([2, 2, 3]) },
  { name: 'Reshape', label: 'non-batch', build: () => new nn.Reshape(3, 2), input: () => rand([2, 3]) },
  { name: 'View', label: 'batch (setNumInputDims)', build: () => new nn.View(-1).setNumInputDims(2), input: () => rand([3, 2, 2]) },
  { name: 'View', label: 'non-batch', build: () => new nn.View(4, -1), input: () => rand([2, 4]) },
  { name: 'Collapse', label: 'batch', build: () => new nn.Collapse(2), input: () => rand([2, 3, 2]) },
  { name: 'Collapse', label: 'non-batch', build: () => new nn.Collapse(2), input: () => rand([3, 2]) },
  { name: 'Add', label: 'batch', build: () => new nn.Add(4), input: () => rand([3, 4]) },
  { name: 'Add', label: 'non-batch', build: () => new nn.Add(4), input: () => rand([4]) },
  { name: 'Add', label: 'scalar', build: () => new nn.Add(1, true), input: () => rand([3, 2]) },
  { name: 'MulConstant', label: 'batch', build: () => new nn.MulConstant(-2.5), inPlace: () => new nn.MulConstant(-2.5, true), input: () => rand([2, 3]) },
  { name: 'MulConstant', label: 'non-batch', build: () => new nn.MulConstant(0.7), input: () => rand([3]) },
  { name: 'Constant', label: 'batch', build: () => new nn.Constant(1, 1), input: () => rand([3, 4]) },
  { name: 'Constant', label: 'non-batch', build: () => new nn.Constant(2, 1), input: () => rand([4]) },
  { name: 'ArgMax', label: 'batch', build: () => new nn.ArgMax(0, 1), input: () => rand([3, 5]) },
  { name: 'ArgMax', label: 'non-batch', build: () => new nn.ArgMax(0, 1), input: () => rand([5]) },
  { name: 'Dropout', label: 'batch, training (seeded mask)', build: () => new nn.Dropout(0.4), inPlace: () => new nn.Dropout(0.4, false, true), input: () => rand([4, 6]), opts: { seed: 3 } },
  { name: 'Dropout', label: 'non-batch, evaluate', build: () => new nn.Dropout(0.4).evaluate(), input: () => rand([6]) },
  { name: 'Dropout', label: 'v1, batch, training (seeded mask, unscaled)', build: () => new nn.Dropout(0.3, true), inPlace: () => new nn.Dropout(0.3, true, true), input: () => rand([3, 5]), opts: { seed: 4 } },
  { name: 'Dropout', label: 'v1, non-batch, evaluate (× (1 − p))', build: () => new nn.Dropout(0.3, true).evaluate(), inPlace: () => new nn.Dropout(0.3, true, true).evaluate(), input: () => rand([6]) },
  { name: 'Dropout', label: 'stochastic inference, batch, evaluate (seeded mask)', build: () => new nn.Dropout(0.5, false, false, true).evaluate(), input: () => rand([3, 4]), opts: { seed: 6 } },
  { name: 'Convert', label: "batch 'bhwc' -> 'bchw'", build: () => new nn.Convert('bhwc', 'bchw'), input: () => rand([2, 3, 4, 2]) },
  { name: 'Convert', label: "non-batch 'bhwc' -> 'bchw'", build: () => new nn.Convert('bhwc', 'bchw'), input: () => rand([3, 4, 2]) },
  { name: 'Convert', label: "'bchw' -> 'bf'", build: () => new nn.Convert('bchw', 'bf'), input: () => rand([2, 2, 3, 2]) },
  { name: 'Identity', label: 'tensor', build: () => new nn.Identity(), input: () => rand([2, 3]) },
  { name: 'Identity', label: 'table', build: () => new nn.Identity(), input: () => [rand([2, 3]), rand([2])] },
  { name: 'Sequential', label: 'batch', build: mlp, input: () => rand([3, 4]) },
  { name: 'Sequential', label: 'non-batch', build: mlp, input: () => rand([4]) },
  { name: 'ConcatTable', label: 'batch', build: () => new nn.ConcatTable().add(new nn.Linear(4, 2)).add(new nn.Tanh()), input: () => rand([3, 4]) },
  { name: 'ConcatTable', label: 'table input', build: () => new nn.ConcatTable().add(new nn.SelectTable(0)).add(new nn.CAddTable()), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'ParallelTable', label: 'batch', build: () => new nn.ParallelTable().add(new nn.Linear(3, 2)).add(new nn.Sigmoid()), input: () => [rand([2, 3]), rand([2, 5])] },
  { name: 'ParallelTable', label: 'non-batch', build: () => new nn.ParallelTable().add(new nn.Linear(3, 2)).add(new nn.Tanh()), input: () => [rand([3]), rand([5])] },
  { name: 'Concat', label: 'batch, features', build: () => new nn.Concat(1).add(new nn.Linear(3, 2)).add(new nn.Linear(3, 4)), input: () => rand([2, 3]) },
  { name: 'Concat', label: 'non-batch', build: () => new nn.Concat(0).add(new nn.Linear(3, 2)).add(new nn.Tanh()), input: () => rand([3]), skip: { batchOf1: 'Concat(0) joins along dim 0, which a batch dimension moves (Torch has no nInputDims for Concat)' } },
  { name: 'SelectTable', label: 'first', build: () => new nn.SelectTable(0), input: () => [rand([2, 3]), rand([2, 2])] },
  { name: 'SelectTable', label: 'negative index, nested', build: () => new nn.SelectTable(-1), input: () => [[rand([2]), rand([3])], rand([2, 2])] },
  { name: 'JoinTable', label: 'batch (nInputDims)', build: () => new nn.JoinTable(0, 1), input: () => [rand([2, 3]), rand([2, 2])] },
  { name: 'JoinTable', label: 'non-batch (nInputDims)', build: () => new nn.JoinTable(0, 1), input: () => [rand([3]), rand([2])] },
  { name: 'JoinTable', label: 'rows', build: () => new nn.JoinTable(0), input: () => [rand([1, 3]), rand([2, 3])] },
  { name: 'CAddTable', label: 'batch', build: () => new nn.CAddTable(), inPlace: () => new nn.CAddTable(true), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'CAddTable', label: 'non-batch', build: () => new nn.CAddTable(), input: () => [rand([3]), rand([3])] },
  { name: 'SpatialGlimpse', label: 'batch, depth 3, scale 2', build: () => new nn.SpatialGlimpse(2, 3, 2), input: () => [rand([2, 2, 7, 7]), rand([2, 2], -0.9, 0.9)] },
  { name: 'SpatialGlimpse', label: 'non-batch, odd size', build: () => new nn.SpatialGlimpse(3, 2, 2), input: () => [rand([1, 6, 5]), rand([2], -0.9, 0.9)] },
  { name: 'SpatialGlimpse', label: 'batch, bilinear (scale 1.5), non-square', build: () => new nn.SpatialGlimpse([2, 3], 2, 1.5), input: () => [rand([2, 1, 6, 7]), rand([2, 2], -0.9, 0.9)] },
  { name: 'Recurrent', label: 'Sequencer over 4 steps, batch', build: () => new nn.Sequencer(rnn(3, 4)), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'Sequencer', label: 'T × … tensor input, non-batch steps', build: () => new nn.Sequencer(rnn(3, 2)), input: () => rand([3, 3]) },
  { name: 'Sequencer', label: 'stacked: RecLSTM, RecLSTM, Linear in one step module, 3 steps', build: () => new nn.Sequencer(new nn.Sequential().add(new nn.RecLSTM(3, 4)).add(new nn.RecLSTM(4, 2)).add(new nn.Linear(2, 2))), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'Recursor', label: 'Sequencer(Recursor(Sequential)), 2 steps', build: () => new nn.Sequencer(new nn.Recursor(new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.Sigmoid()))), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'FastLSTM', label: 'Sequencer over 3 steps, batch', build: () => new nn.Sequencer(new nn.FastLSTM(3, 4)), input: () => [rand([2, 3]), rand([2, 3]), rand([2, 3])] },
  { name: 'FastLSTM', label: 'Sequencer over 3 steps, non-batch', build: () => new nn.Sequencer(new nn.FastLSTM(2, 3)), input: () => [rand([2]), rand([2]), rand([2])] },
  { name: 'LSTMStep', label: 'one step from a non-zero state', build: () => new nn.LSTMStep(3, 2), input: () => [rand([2, 3]), rand([2, 2]), rand([2, 2])] },
  {
    name: 'RecurrentAttention', label: 'evaluate-mode locator, 3 steps', build: () => glimpseOnlyRA(3, 3).evaluate(), input: () => rand([2, 2, 6, 6]),
    opts: { beforeBackward: (m) => m.reinforce(nn.Tensor.from([0.5, -1], [2], 'float64')) },
  },
];

const coreCriterionCases: CriterionCase[] = [
  { name: 'ClassNLLCriterion', label: 'batch', build: () => new nn.ClassNLLCriterion(), input: () => rand([4, 5]), target: () => classes(4, 5) },
  { name: 'ClassNLLCriterion', label: 'non-batch', build: () => new nn.ClassNLLCriterion(), input: () => rand([5]), target: () => 3 },
  { name: 'ClassNLLCriterion', label: 'weighted, sum', build: () => new nn.ClassNLLCriterion(nn.Tensor.from([1, 2, 0.5]), false), input: () => rand([4, 3]), target: () => classes(4, 3) },
  { name: 'ClassNLLCriterion', label: 'weighted, average', build: () => new nn.ClassNLLCriterion(nn.Tensor.from([1, 2, 0.5])), input: () => rand([4, 3]), target: () => classes(4, 3) },
  { name: 'CrossEntropyCriterion', label: 'batch', build: () => new nn.CrossEntropyCriterion(), input: () => rand([4, 5]), target: () => classes(4, 5) },
  { name: 'CrossEntropyCriterion', label: 'non-batch', build: () => new nn.CrossEntropyCriterion(), input: () => rand([5]), target: () => 1 },
  { name: 'MSECriterion', label: 'batch', build: () => new nn.MSECriterion(), input: () => rand([3, 4]), target: () => rand([3, 4]) },
  { name: 'MSECriterion', label: 'non-batch, sum, other shape', build: () => new nn.MSECriterion(false), input: () => rand([4, 1]), target: () => rand([4]) },
  {
    name: 'ParallelCriterion', label: 'weighted', build: () => new nn.ParallelCriterion().add(new nn.MSECriterion(), 0.5).add(new nn.ClassNLLCriterion(), 2),
    input: () => [rand([3, 2]), rand([3, 4])], target: () => [rand([3, 2]), classes(3, 4)],
  },
  {
    name: 'ParallelCriterion', label: 'repeatTarget', build: () => new nn.ParallelCriterion(true).add(new nn.ClassNLLCriterion()).add(new nn.CrossEntropyCriterion(), 0.3),
    input: () => [rand([3, 4]), rand([3, 4])], target: () => classes(3, 4),
  },
  { name: 'ModuleCriterion', label: 'with input module', build: () => new nn.ModuleCriterion(new nn.ClassNLLCriterion(), new nn.LogSoftMax()), input: () => rand([3, 4]), target: () => classes(3, 4) },
  { name: 'ModuleCriterion', label: 'with target module', build: () => new nn.ModuleCriterion(new nn.MSECriterion(), null, new nn.MulConstant(2)), input: () => rand([3]), target: () => rand([3]) },
];

/** Exports that are not gradient-checked, and why. */
const coreNoCheck: Record<string, string> = {
  Module: 'abstract base class',
  Container: 'abstract base class',
  Criterion: 'abstract base class',
  GradientReversal: 'its gradient is by design −lambda times the derivative; value test in test/modules/values.test.ts',
  AbstractRecurrent: 'abstract base class (its subclasses are checked)',
  Reinforce: 'abstract base class of the stochastic modules',
  ReinforceNormal: 'stochastic: closed-form gradient and sample statistics in test/modules/Reinforce.test.ts',
  ReinforceBernoulli: 'stochastic: closed-form gradient and sample statistics in test/modules/Reinforce.test.ts',
  ReinforceCategorical: 'stochastic: closed-form gradient and sample statistics in test/modules/Reinforce.test.ts',
  VRClassReward: 'its gradInput is by design not the derivative of its loss (REINFORCE); the worked example is in test/modules/Reinforce.test.ts',
};

const groups = [pointwise, shape, parametric, criterions, graph, convolution, pooling, sequence, dpnn];
/** DPNN_CASES=<regex> keeps only the cases whose class name matches (to run one group's cases on every suite). */
const pattern = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.DPNN_CASES; // no process in the browser check
const only = pattern ? new RegExp(pattern) : null;
const keep = <C extends CaseCommon>(cs: C[]): C[] => (only ? cs.filter((c) => only.test(c.name)) : cs);
export const moduleCases: ModuleCase[] = keep([...coreModuleCases, ...groups.flatMap((g) => g.moduleCases)]);
export const criterionCases: CriterionCase[] = keep([...coreCriterionCases, ...groups.flatMap((g) => g.criterionCases)]);
export const noCheck: Record<string, string> = Object.assign({}, coreNoCheck, ...groups.map((g) => g.noCheck));
