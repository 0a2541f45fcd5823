/**
 * The mapping between Torch's nn / dpnn / rnn classes and dpnn-ts modules and criteria, declared
 * once (T7_CLASSES): per class, the Torch name, how to construct the dpnn-ts object with its
 * constructor from the Lua fields, which fields are tensors (set from the file after
 * construction, written under the same names), which Lua fields hold 1-based indices or
 * dimensions (0-based here; a negative one counts from the end in both), and the Lua fields to
 * write so that Lua Torch can load the object and run it.
 *
 * The table lives here, above lib/, and is handed to the `.t7` codec by `registerNnClasses()`
 * (lib/serialization/t7registry.ts; called from the package's index.ts): lib/ never imports a
 * module class. How entries are read and written: t7registry.ts (readEntry, toT7). A Module or
 * Criterion class without an entry (LSTMStep, user classes) is written under its own class name
 * with its own enumerable fields, and read back by that name (see T7ReadOptions.classes).
 *
 * rnn's FastLSTM orders its gate rows [input, candidate, forget, output]; dpnn-ts's LSTMStep
 * [input, forget, output, candidate]: the rows are permuted both ways (rnnClasses.ts).
 * Ref: torch7 File.lua; the __init of each torch/nn, dpnn and rnn class named below.
 */
import { Module } from '../../lib/Module.js';
import { Criterion } from '../../lib/Criterion.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { Sequential } from '../Sequential.js';
import { ConcatTable } from '../ConcatTable.js';
import { ParallelTable } from '../ParallelTable.js';
import { Concat } from '../Concat.js';
import { SelectTable } from '../SelectTable.js';
import { JoinTable } from '../JoinTable.js';
import { CAddTable } from '../CAddTable.js';
import { Identity } from '../Identity.js';
import { Linear } from '../Linear.js';
import { ReLU } from '../ReLU.js';
import { Tanh } from '../Tanh.js';
import { Sigmoid } from '../Sigmoid.js';
import { HardTanh } from '../HardTanh.js';
import { SoftMax } from '../SoftMax.js';
import { LogSoftMax } from '../LogSoftMax.js';
import { Reshape } from '../Reshape.js';
import { View } from '../View.js';
import { Collapse } from '../Collapse.js';
import { Add } from '../Add.js';
import { MulConstant } from '../MulConstant.js';
import { Constant } from '../Constant.js';
import { ArgMax } from '../ArgMax.js';
import { Dropout } from '../Dropout.js';
import { GradientReversal } from '../GradientReversal.js';
import { Convert } from '../Convert.js';
import { SpatialGlimpse } from '../SpatialGlimpse.js';
import { ReinforceNormal } from '../ReinforceNormal.js';
import { ReinforceBernoulli } from '../ReinforceBernoulli.js';
import { ReinforceCategorical } from '../ReinforceCategorical.js';
import { LSTMStep } from '../LSTMStep.js';
import { ClassNLLCriterion } from '../../criterions/ClassNLLCriterion.js';
import { CrossEntropyCriterion } from '../../criterions/CrossEntropyCriterion.js';
import { MSECriterion } from '../../criterions/MSECriterion.js';
import { ParallelCriterion } from '../../criterions/ParallelCriterion.js';
import { ModuleCriterion } from '../../criterions/ModuleCriterion.js';
import { VRClassReward } from '../../criterions/VRClassReward.js';
import { bool, crit, def, list, longStorage, mod, moduleState, num, optNum, sizes, str, tensor, type Ctor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { registerT7Classes } from '../../lib/serialization/t7registry.js';
import { RECURRENT_CLASSES } from './rnnClasses.js';
import { CLASSES as POINTWISE_CLASSES } from './pointwiseClasses.js';
import { CLASSES as SHAPE_CLASSES } from './shapeClasses.js';
import { CLASSES as PARAMETRIC_CLASSES } from './parametricClasses.js';
import { CLASSES as CRITERIONS_CLASSES } from './criterionsClasses.js';
import { CLASSES as GRAPH_CLASSES } from './graphClasses.js';
import { CLASSES as CONVOLUTION_CLASSES } from './convolutionClasses.js';
import { CLASSES as POOLING_CLASSES } from './poolingClasses.js';
import { CLASSES as SEQUENCE_CLASSES } from './sequenceClasses.js';
import { CLASSES as DPNN_CLASSES } from './dpnnClasses.js';

export type { Ctor, T7Entry, T7Fields } from '../../lib/serialization/t7fields.js';

const withModules = <C extends Sequential | ConcatTable | ParallelTable | Concat>(c: C, f: T7Fields): C => {
  for (const m of list(f, 'modules', Module, 'a module')) c.add(m);
  return c;
};
const container = <C extends Sequential | ConcatTable | ParallelTable>(torch: string, cls: new () => C) =>
  def({ torch, cls, read: (f) => withModules(new cls(), f), write: (m) => ({ modules: m.modules }) });
const plain = (torch: string, cls: new () => Module) => def({ torch, cls, read: () => new cls() });

function convertFields(m: Convert): Record<string, unknown> {
  const ib = m.inputShape.includes('b') ? m.inputShape : `b${m.inputShape}`, ob = m.outputShape.includes('b') ? m.outputShape : `b${m.outputShape}`;
  const star = ib === 'b*' || ob === 'b*';
  return {
    inputShape: ib, outputShape: ob, inputBatchDim: ib.indexOf('b') + 1, outputBatchDim: ob.indexOf('b') + 1,
    nInputDim: star ? -1 : ib.length, nOutputDim: star ? -1 : ob.length,
    transposition: star || (ib.length === ob.length && [...ib].every((c) => ob.includes(c))),
  };
}

function glimpseFields(m: SpatialGlimpse): Record<string, unknown> {
  const { height, width, depth, scale } = m.geometry, dtype = m.output.dtype;
  const pool = scale === 2
    ? { __typename: 'nn.SpatialAveragePooling', kW: 2, kH: 2, dW: 2, dH: 2, padW: 0, padH: 0, ceil_mode: false, count_include_pad: true, divide: true, ...moduleState(dtype) }
    : { __typename: 'nn.SpatialReSampling', oheight: height, owidth: width, ...moduleState(dtype) };
  return { height, width, depth, scale, module: pool, modules: [pool] };
}

export const T7_CLASSES: readonly T7Entry[] = [
  container('nn.Sequential', Sequential), container('nn.ConcatTable', ConcatTable), container('nn.ParallelTable', ParallelTable),
  def({ torch: 'nn.Concat', cls: Concat, oneBased: ['dimension'], read: (f) => withModules(new Concat(num(f, 'dimension')), f),
    write: (m) => ({ dimension: m.dimension, modules: m.modules, outputSize: longStorage([]) }) }),
  def({ torch: 'nn.SelectTable', cls: SelectTable, oneBased: ['index'], read: (f) => new SelectTable(num(f, 'index')), write: (m) => ({ index: m.index }) }),
  def({ torch: 'nn.JoinTable', cls: JoinTable, oneBased: ['dimension'], read: (f) => new JoinTable(num(f, 'dimension'), optNum(f, 'nInputDims')),
    write: (m) => ({ dimension: m.dimension, nInputDims: m.nInputDims, size: longStorage([]) }) }),
  def({ torch: 'nn.CAddTable', cls: CAddTable, read: (f) => new CAddTable(bool(f, 'inplace', false)), write: (m) => ({ inplace: m.inplace }) }),
  plain('nn.Identity', Identity), plain('nn.Tanh', Tanh), plain('nn.Sigmoid', Sigmoid), plain('nn.SoftMax', SoftMax), plain('nn.LogSoftMax', LogSoftMax),
  def({ torch: 'nn.ReLU', cls: ReLU, read: () => new ReLU(), write: () => ({ threshold: 0, val: 0, inplace: false }) }),
  def({ torch: 'nn.Linear', aliases: ['nn.LinearNoBias'], cls: Linear, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => {
      const w = tensor(f, 'weight');
      if (w.dim() !== 2) throw new ArgumentError(`field weight: expected an outputSize × inputSize matrix, got [${w.shape.join(', ')}]`);
      return new Linear(w.size(1), w.size(0), f.get('bias') instanceof Tensor);
    } }),
  def({ torch: 'nn.HardTanh', cls: HardTanh, read: (f) => new HardTanh(num(f, 'min_val', -1), num(f, 'max_val', 1), bool(f, 'inplace', false)),
    write: (m) => ({ min_val: m.min_val, max_val: m.max_val, inplace: m.inplace }) }),
  def({ torch: 'nn.Reshape', cls: Reshape,
    read: (f) => { const b = f.get('batchMode'); return new Reshape(...sizes(f, 'size'), ...(typeof b === 'boolean' ? [b] : [])); },
    write: (m) => ({ size: longStorage(m.size), batchsize: longStorage([1, ...m.size]), nelement: m.size.reduce((a, b) => a * b, 1), batchMode: m.batchMode }) }),
  def({ torch: 'nn.View', cls: View,
    read: (f) => { const v = new View(...sizes(f, 'size')), n = optNum(f, 'numInputDims'); return n === undefined ? v : v.setNumInputDims(n); },
    write: (m) => ({ size: longStorage(m.size), numElements: m.size.filter((s) => s >= 0).reduce((a, b) => a * b, 1), numInputDims: m.numInputDims }) }),
  def({ torch: 'nn.Collapse', cls: Collapse, read: (f) => new Collapse(num(f, 'nInputDim')), write: (m) => ({ nInputDim: m.nInputDim }) }),
  def({ torch: 'nn.Add', cls: Add, tensors: ['bias', 'gradBias'],
    read: (f) => { const b = tensor(f, 'bias'), scalar = bool(f, 'scalar', false); return new Add(optNum(f, 'inputSize') ?? b.numel(), scalar); },
    write: (m) => ({ scalar: m.scalar, inputSize: m.inputSize, _ones: Tensor.from([1], [1], m.bias.dtype) }) }),
  def({ torch: 'nn.MulConstant', cls: MulConstant, read: (f) => new MulConstant(num(f, 'constant_scalar'), bool(f, 'inplace', false)),
    write: (m) => ({ constant_scalar: m.constant_scalar, inplace: m.inplace }) }),
  def({ torch: 'nn.Constant', cls: Constant, read: (f) => new Constant(tensor(f, 'value'), optNum(f, 'nInputDim')), write: (m) => ({ value: m.value, nInputDim: m.nInputDim }) }),
  def({ torch: 'nn.ArgMax', cls: ArgMax, oneBased: ['dim'], read: (f) => new ArgMax(num(f, 'dim', 0), num(f, 'nInputDim', 9999)),
    write: (m) => ({ dim: m.dim, nInputDim: m.nInputDim, asLong: false }) }),
  def({ torch: 'nn.Dropout', cls: Dropout, tensors: ['noise'],
    read: (f) => new Dropout(num(f, 'p', 0.5), f.get('v2') === false, bool(f, 'inplace', false), bool(f, 'stochastic_inference', false)),
    write: (m) => ({ p: m.p, v2: m.v2, inplace: m.inplace, stochastic_inference: m.stochastic_inference }) }),
  def({ torch: 'nn.GradientReversal', cls: GradientReversal, read: (f) => new GradientReversal(num(f, 'lambda', 1)), write: (m) => ({ lambda: m.lambda }) }),
  def({ torch: 'nn.Convert', cls: Convert, read: (f) => new Convert(str(f, 'inputShape', 'b*'), str(f, 'outputShape', str(f, 'inputShape', 'b*'))), write: convertFields }),
  def({ torch: 'nn.SpatialGlimpse', cls: SpatialGlimpse, write: glimpseFields,
    read: (f) => { const h = num(f, 'height'); return new SpatialGlimpse([h, num(f, 'width', h)], num(f, 'depth', 3), num(f, 'scale', 2)); } }),
  def({ torch: 'nn.ReinforceNormal', cls: ReinforceNormal, read: (f) => new ReinforceNormal(optNum(f, 'stdev'), bool(f, 'stochastic', false)),
    write: (m) => ({ stdev: m.stdev, stochastic: m.stochastic }) }),
  def({ torch: 'nn.ReinforceBernoulli', cls: ReinforceBernoulli, read: (f) => new ReinforceBernoulli(bool(f, 'stochastic', false)), write: (m) => ({ stochastic: m.stochastic }) }),
  def({ torch: 'nn.ReinforceCategorical', cls: ReinforceCategorical, read: (f) => new ReinforceCategorical(bool(f, 'stochastic', false)), write: (m) => ({ stochastic: m.stochastic }) }),
  ...RECURRENT_CLASSES,
  ...POINTWISE_CLASSES,
  ...SHAPE_CLASSES,
  ...PARAMETRIC_CLASSES,
  ...CRITERIONS_CLASSES,
  ...GRAPH_CLASSES,
  ...CONVOLUTION_CLASSES,
  ...POOLING_CLASSES,
  ...SEQUENCE_CLASSES,
  ...DPNN_CLASSES,
  def({ torch: 'nn.ClassNLLCriterion', cls: ClassNLLCriterion, oneBased: ['ignoreIndex'],
    read: (f) => new ClassNLLCriterion(f.get('weights') instanceof Tensor ? tensor(f, 'weights') : null, bool(f, 'sizeAverage', true), num(f, 'ignoreIndex', -100)),
    write: (m) => ({
      sizeAverage: m.sizeAverage, ignoreIndex: m.ignoreIndex, weights: m.weights,
      output_tensor: Tensor.zeros([1], 'float64'), total_weight_tensor: Tensor.from([1], [1], 'float64'), target: Tensor.zeros([1], 'long'),
    }) }),
  def({ torch: 'nn.CrossEntropyCriterion', cls: CrossEntropyCriterion,
    read: (f) => {
      const nll = f.get('nll');
      return nll instanceof ClassNLLCriterion ? new CrossEntropyCriterion(nll.weights, nll.sizeAverage) : new CrossEntropyCriterion(null, bool(f, 'sizeAverage', true));
    },
    write: (m) => ({ lsm: m.lsm, nll: m.nll, sizeAverage: m.nll.sizeAverage, oldSizeAverage: m.nll.sizeAverage }) }),
  def({ torch: 'nn.MSECriterion', cls: MSECriterion, read: (f) => new MSECriterion(bool(f, 'sizeAverage', true)), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
  def({ torch: 'nn.ParallelCriterion', cls: ParallelCriterion,
    read: (f) => {
      const c = new ParallelCriterion(bool(f, 'repeatTarget', false)), ws = f.get('weights');
      list(f, 'criterions', Criterion, 'a criterion').forEach((x, i) => c.add(x, Array.isArray(ws) && typeof ws[i] === 'number' ? ws[i] : 1));
      return c;
    },
    write: (m) => ({ criterions: m.criterions, weights: m.weights, repeatTarget: m.repeatTarget }) }),
  def({ torch: 'nn.ModuleCriterion', cls: ModuleCriterion,
    read: (f) => new ModuleCriterion(crit(f, 'criterion'), f.get('inputModule') === undefined ? null : mod(f, 'inputModule'), f.get('targetModule') === undefined ? null : mod(f, 'targetModule')),
    write: (m) => ({ criterion: m.criterion, inputModule: m.inputModule, targetModule: m.targetModule, castTarget: true }) }),
  def({ torch: 'nn.VRClassReward', cls: VRClassReward,
    read: (f) => new VRClassReward(mod(f, 'module'), num(f, 'scale', 1), crit(f, 'criterion'), bool(f, 'sizeAverage', true)),
    write: (m) => ({ module: m.module, scale: m.scale, criterion: m.criterion, sizeAverage: m.sizeAverage }) }),
];

/** dpnn-ts classes without an entry, read back by their own names when written under them. */
const OWN_NAME_CLASSES: readonly Ctor[] = [LSTMStep];

let registered = false;

/**
 * Registers T7_CLASSES (the rnn entries included) with the `.t7` codec, so that `torch.load`
 * builds dpnn-ts modules and criteria and `torch.save` writes them as Torch's classes.
 * Idempotent: the first call registers, later ones do nothing.
 */
export function registerNnClasses(): void {
  if (registered) return;
  registered = true;
  registerT7Classes(T7_CLASSES, OWN_NAME_CLASSES);
}
