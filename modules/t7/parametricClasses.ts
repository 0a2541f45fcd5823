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
import { SoftMaxTree } from '../SoftMaxTree.js';
import { SoftMaxForest } from '../SoftMaxForest.js';
import { PCAColorTransform } from '../PCAColorTransform.js';
import { SimpleColorTransform } from '../SimpleColorTransform.js';
import { Sequential } from '../Sequential.js';
import { ParallelTable } from '../ParallelTable.js';
import { Identity } from '../Identity.js';
import { LookupTable } from '../LookupTable.js';
import { MM } from '../MM.js';
import { getRNGState, setRNGState } from '../../lib/random.js';

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

/** Torch's PartialLinear keeps its weight in network = Sequential(ParallelTable(Identity, LookupTable(outputsize, inputsize)), MM(false, true)). */
function lookupOf(net: unknown): LookupTable | undefined {
  const pt = net instanceof Sequential ? net.modules[0] : undefined, lt = pt instanceof ParallelTable ? pt.modules[1] : undefined;
  return lt instanceof LookupTable ? lt : undefined;
}

function readPartialLinear(f: T7Fields): PartialLinear {
  const m = new PartialLinear(num(f, 'inputsize'), num(f, 'outputsize'), hasBias(f));
  const w = f.get('weight') instanceof Tensor ? tensor(f, 'weight') : lookupOf(f.get('network'))?.weight;
  if (!(w instanceof Tensor)) throw new ArgumentError('field network: expected Sequential(ParallelTable(Identity, LookupTable), MM) holding the weight');
  if (!w.sameShape(m.weight)) throw new ArgumentError(`field weight: expected a tensor of size [${m.weight.shape.join(', ')}], got [${w.shape.join(', ')}]`);
  m.weight = w;
  m.gradWeight = Tensor.zeros(w.shape, w.dtype);
  const p = f.get('partition');
  return p instanceof Tensor ? m.setPartition(p.clone().add(-1)) : m;
}

/** The network Lua's PartialLinear computes with, sharing this module's weight (built without drawing from the generator). */
function networkOf(m: PartialLinear): Sequential {
  const state = getRNGState(), lt = new LookupTable(m.outputsize, m.inputsize);
  setRNGState(state);
  lt.weight = m.weight;
  lt.gradWeight = m.gradWeight;
  return new Sequential().add(new ParallelTable().add(new Identity()).add(lt)).add(new MM(false, true));
}

/** Lua's ids are 1-based: +1 on ids and rows, −1 entries (no node) kept. */
const luaIds = (t: Tensor) => Tensor.from(Array.from(t.contiguous().toArray(), (v) => (v >= 0 ? v + 1 : v)), t.shape, 'int32');
const luaParentChildren = (t: Tensor) => Tensor.from(Array.from(t.contiguous().toArray(), (v, i) => (v >= 0 && i % 2 === 0 ? v + 1 : v)), t.shape, 'int32');

/** A SoftMaxTree from Torch's index fields (childIds, parentIds, parentChildren: 1-based), parents in row order. */
function readSoftMaxTree(f: T7Fields): SoftMaxTree {
  const ids = (name: string) => Array.from(tensor(f, name).contiguous().toArray(), Number);
  const childIds = ids('childIds'), pc = tensor(f, 'parentChildren');
  const families = ids('parentIds').map((p): [number, number, number[]] => {
    if (!(p >= 1 && p <= pc.size(0) && pc.dim() === 2)) throw new ArgumentError(`field parentChildren: expected a row for parent ${p}, got [${pc.shape.join(', ')}]`);
    const start = pc.get(p - 1, 0) - 1, n = pc.get(p - 1, 1);
    return [start, p - 1, childIds.slice(start, start + n).map((c) => c - 1)];
  }).sort((a, b) => a[0] - b[0]);
  const tree = new Map(families.map(([, p, c]) => [p, Tensor.from(c, [c.length], 'long')]));
  const m = new SoftMaxTree(num(f, 'inputSize'), tree, num(f, 'rootId', 0), bool(f, 'accUpdate', false), bool(f, 'static', true));
  const u = f.get('updates');
  const entries: Array<[unknown, unknown]> = u instanceof Map ? [...u.entries()] : Array.isArray(u) ? u.map((v, i) => [i + 1, v]) : [];
  for (const [k, v] of entries) if (typeof k === 'number' && typeof v === 'number') m.updates.set(k - 1, v);
  return m;
}

function writeSoftMaxTree(m: SoftMaxTree): Record<string, unknown> {
  return {
    inputSize: m.inputSize, rootId: m.rootId, accUpdate: m.accUpdate, static: m.static, nChildNode: m.nChildNode, nParentNode: m.nParentNode,
    minNodeId: m.minNodeId, maxNodeId: m.maxNodeId, maxParentId: m.maxParentId, maxChildId: m.maxChildId, maxFamily: m.maxFamily,
    maxFamilyPath: m.maxFamilyPath, maxDept: m.maxDept, childIds: luaIds(m.childIds), parentIds: luaIds(m.parentIds),
    parentChildren: luaParentChildren(m.parentChildren), childParent: luaIds(m.childParent),
    updates: new Map([...m.updates].map(([k, v]) => [k + 1, v])), batchSize: 0, _gradInput: m._gradInput, _gradTarget: m._gradTarget,
    _nodeBuffer: m._nodeBuffer, _multiBuffer: m._multiBuffer.numel() > 0 ? m._multiBuffer.view(-1) : m._multiBuffer,
  };
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
  def({ torch: 'nn.PartialLinear', cls: PartialLinear, tensors: ['bias', 'gradBias'], read: readPartialLinear,
    write: (m) => ({ inputsize: m.inputsize, outputsize: m.outputsize, allcolumns: m.allcolumns.clone().add(1), partition: m.partition.clone().add(1), network: networkOf(m) }) }),
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
  def({ torch: 'nn.SoftMaxTree', cls: SoftMaxTree, oneBased: ['rootId', 'minNodeId', 'maxNodeId', 'maxParentId', 'maxChildId'],
    tensors: ['weight', 'bias', 'gradWeight', 'gradBias'], read: readSoftMaxTree, write: writeSoftMaxTree }),
  def({ torch: 'nn.SoftMaxForest', cls: SoftMaxForest,
    read: (f) => { const m = child(f); if (!(m instanceof Sequential)) throw new ArgumentError('field modules: expected the Sequential(trunk, mixture)'); return new SoftMaxForest(m); },
    write: (m) => ({ modules: m.modules, module: m.module, trunk: m.trunk, mixture: m.mixture, gater: m.gater, experts: m.experts, smts: m.smts }) }),
  def({ torch: 'nn.PCAColorTransform', cls: PCAColorTransform, tensors: ['eigenVectors', 'eigenValues'],
    read: (f) => new PCAColorTransform(num(f, 'inputChannels'), tensor(f, 'eigenVectors'), tensor(f, 'eigenValues'), num(f, 'std', 0.1)),
    write: (m) => ({ inputChannels: m.inputChannels, std: m.std }) }),
  def({ torch: 'nn.SimpleColorTransform', cls: SimpleColorTransform, read: (f) => new SimpleColorTransform(num(f, 'inputChannels'), tensor(f, 'range')),
    write: (m) => ({ inputChannels: m.inputChannels, range: m.range }) }),
];
