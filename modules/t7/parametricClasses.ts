/** The .t7 entries of the 'parametric' group's classes (merged into T7_CLASSES by nnClasses.ts). */
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { Module } from '../../lib/Module.js';
import { bool, def, list, longStorage, num, optNum, str, tensor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { Bilinear } from '../Bilinear.js';
import { Cosine } from '../Cosine.js';
import { Euclidean } from '../Euclidean.js';
import { WeightedEuclidean } from '../WeightedEuclidean.js';
import { LinearWeightNorm } from '../LinearWeightNorm.js';
import { Maxout } from '../Maxout.js';
import { Linear } from '../Linear.js';
import { View } from '../View.js';
import { PartialLinear } from '../PartialLinear.js';
import { SparseLinear } from '../SparseLinear.js';
import { IndexLinear } from '../IndexLinear.js';
import { Kmeans } from '../Kmeans.js';
import { Decorator } from '../Decorator.js';
import { Bottle } from '../Bottle.js';
import { DepthConcat } from '../DepthConcat.js';
import { DontCast } from '../DontCast.js';
import { GPU } from '../GPU.js';
import { NaN } from '../NaN.js';
import { Parallel } from '../Parallel.js';
import { Profile } from '../Profile.js';
import { WeightNorm } from '../WeightNorm.js';

/** The sizes of a weight field, checked to have `dims` dimensions. */
function shapeOf(t: Tensor, name: string, dims: number): number[] {
  if (t.dim() !== dims) throw new ArgumentError(`field ${name}: expected a ${dims}-D tensor, got [${t.shape.join(', ')}]`);
  return t.shape;
}
const w = (f: T7Fields, name = 'weight', dims = 2) => shapeOf(tensor(f, name), name, dims);
const hasBias = (f: T7Fields) => f.get('bias') instanceof Tensor;

/** The decorated module (Lua's modules[1]). */
function child(f: T7Fields): Module {
  const m = list(f, 'modules', Module, 'a module')[0];
  if (!m) throw new ArgumentError('field modules: expected the decorated module');
  return m;
}
const withModules = <C extends DepthConcat | Parallel>(c: C, f: T7Fields): C => {
  for (const m of list(f, 'modules', Module, 'a module')) c.add(m);
  return c;
};

function readMaxout(f: T7Fields): Maxout {
  const mods = list(f, 'modules', Module, 'a module'), lin = mods[0], view = mods[1];
  if (!(lin instanceof Linear && view instanceof View && view.size.length === 2)) throw new ArgumentError('field modules: expected Linear, View(maxoutNumber, outputSize), …, Max');
  const m = new Maxout(lin.inputSize, view.size[1]!, view.size[0]!);
  m.modules = mods;
  return m;
}

/** WeightNorm's constructor re-initialises the bias it shares with the module: keep the saved values. */
function readWeightNorm(f: T7Fields): WeightNorm {
  const m = child(f), bias = (m as { bias?: unknown }).bias, saved = bias instanceof Tensor ? bias.clone() : null;
  const wn = new WeightNorm(m, num(f, 'outputDim', 0));
  if (saved && wn.bias) wn.bias.copy(saved);
  return wn;
}

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.Bilinear', cls: Bilinear, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => { const [o, a, b] = w(f, 'weight', 3); return new Bilinear(a!, b!, o!, hasBias(f)); } }),
  def({ torch: 'nn.Cosine', cls: Cosine, tensors: ['weight', 'gradWeight'], read: (f) => { const [o, i] = w(f); return new Cosine(i!, o!); } }),
  def({ torch: 'nn.Euclidean', cls: Euclidean, tensors: ['weight', 'gradWeight'],
    read: (f) => { const [i, o] = w(f); return new Euclidean(i!, o!); }, write: (m) => ({ fastBackward: m.fastBackward }) }),
  def({ torch: 'nn.WeightedEuclidean', cls: WeightedEuclidean, tensors: ['weight', 'gradWeight', 'diagCov', 'gradDiagCov'],
    read: (f) => { const [i, o] = w(f); return new WeightedEuclidean(i!, o!); } }),
  def({ torch: 'nn.LinearWeightNorm', cls: LinearWeightNorm, tensors: ['v', 'gradV', 'g', 'gradG', 'weight', 'bias', 'gradBias', 'norm', 'scale'],
    read: (f) => { const [o, i] = w(f, 'v'); return new LinearWeightNorm(i!, o!, hasBias(f), num(f, 'eps', 1e-16)); },
    write: (m) => ({ eps: m.eps, inputSize: m.inputSize, outputSize: m.outputSize }) }),
  def({ torch: 'nn.Maxout', cls: Maxout, read: readMaxout, write: (m) => ({ modules: m.modules }) }),
  def({ torch: 'nn.PartialLinear', cls: PartialLinear, tensors: ['weight', 'gradWeight', 'bias', 'gradBias'],
    read: (f) => {
      const m = new PartialLinear(num(f, 'inputsize'), num(f, 'outputsize'), hasBias(f));
      const p = f.get('partition');
      return p instanceof Tensor ? m.setPartition(p.clone().add(-1)) : m;
    },
    write: (m) => ({ inputsize: m.inputsize, outputsize: m.outputsize, allcolumns: m.allcolumns.clone().add(1), partition: m.partition.clone().add(1) }) }),
  def({ torch: 'nn.SparseLinear', cls: SparseLinear, tensors: ['weight', 'gradWeight', 'bias', 'gradBias'],
    read: (f) => { const [o, i] = w(f); const m = new SparseLinear(i!, o!, bool(f, 'doGradInput', false)); m.weightDecay = num(f, 'weightDecay', 0); return m; },
    write: (m) => ({ doGradInput: m.doGradInput, weightDecay: m.weightDecay, sparseUpdate: 0 }) }),
  def({ torch: 'nn.IndexLinear', cls: IndexLinear, tensors: ['gradWeight', 'gradBias'],
    // Lua adds `offset` (keysOffset − 1) to 1-based keys; dpnn-ts adds keysOffset to 0-based ones
    read: (f) => {
      const m = new IndexLinear(0, 0, bool(f, 'doGradInput', false), num(f, 'offset', -1) + 1, tensor(f, 'weight'), tensor(f, 'bias'), num(f, 'normalize', 0) > 0);
      m.weightDecay = num(f, 'weightDecay', 0);
      return m;
    },
    write: (m) => ({ weight: m.weight, bias: m.bias, inputSize: m.inputSize, outputSize: m.outputSize, normalize: m.normalize, doGradInput: m.doGradInput, offset: m.keysOffset - 1, weightDecay: m.weightDecay }) }),
  def({ torch: 'nn.Kmeans', cls: Kmeans, tensors: ['weight', 'gradWeight', 'clusterSampleCount'],
    read: (f) => new Kmeans(num(f, 'k'), num(f, 'dim'), optNum(f, 'scale')), write: (m) => ({ k: m.k, dim: m.dim, scale: m.scale, loss: m.loss }) }),
  def({ torch: 'nn.Decorator', cls: Decorator, read: (f) => new Decorator(child(f)), write: (m) => ({ modules: m.modules }) }),
  def({ torch: 'nn.Bottle', cls: Bottle, read: (f) => new Bottle(child(f), num(f, 'nInputDim', 2), optNum(f, 'nOutputDim')),
    write: (m) => ({ modules: m.modules, nInputDim: m.nInputDim, nOutputDim: m.nOutputDim, dimDelta: m.dimDelta, inShape: Tensor.from(m.inShape), outShape: Tensor.from(m.outShape) }) }),
  def({ torch: 'nn.DepthConcat', cls: DepthConcat, oneBased: ['dimension'], read: (f) => withModules(new DepthConcat(num(f, 'dimension')), f),
    write: (m) => ({ dimension: m.dimension, modules: m.modules, outputSize: longStorage(m.outputSize) }) }),
  def({ torch: 'nn.DontCast', cls: DontCast, read: (f) => new DontCast(child(f), bool(f, 'castin', false), bool(f, 'castout', false), str(f, 'moduleType', 'torch.FloatTensor')),
    write: (m) => ({ modules: m.modules, castin: m.castin, castout: m.castout, moduleType: m.moduleType }) }),
  def({ torch: 'nn.GPU', cls: GPU, read: (f) => new GPU(child(f), num(f, 'device', 1), optNum(f, 'outdevice')),
    write: (m) => ({ modules: m.modules, device: m.device, outdevice: m.outdevice }) }),
  def({ torch: 'nn.NaN', cls: NaN, read: (f) => { const id = f.get('id'); return new NaN(child(f), typeof id === 'number' || typeof id === 'string' ? id : undefined); },
    write: (m) => ({ modules: m.modules, id: m.id }) }),
  def({ torch: 'nn.Parallel', cls: Parallel, oneBased: ['inputDimension', 'outputDimension'],
    read: (f) => withModules(new Parallel(num(f, 'inputDimension'), num(f, 'outputDimension')), f),
    write: (m) => ({ modules: m.modules, inputDimension: m.inputDimension, outputDimension: m.outputDimension }) }),
  def({ torch: 'nn.Profile', cls: Profile, read: (f) => new Profile(child(f), num(f, 'print_interval', 100), str(f, 'name', 'module')),
    write: (m) => ({ modules: m.modules, module: m.module, print_interval: m.print_interval, name: m.name, numFwds: m.numFwds, numBwds: m.numBwds, summedFwdTime: m.summedFwdTime, summedBwdTime: m.summedBwdTime }) }),
  def({ torch: 'nn.WeightNorm', cls: WeightNorm, oneBased: ['outputDim'], tensors: ['v', 'g', 'gradV', 'gradG', '_norm', '_scale'], read: readWeightNorm,
    write: (m) => ({ modules: m.modules, weight: m.weight, gradWeight: m.gradWeight, bias: m.bias ?? undefined, gradBias: m.gradBias ?? undefined, outputDim: m.outputDim,
      otherDims: m.otherDims, viewIn: longStorage(m.viewIn), viewOut: longStorage(m.viewOut), weightSize: longStorage(m.weightSize) }) }),
];
