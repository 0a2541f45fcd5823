/**
 * The .t7 entries of the 'shape' group's classes (merged into T7_CLASSES by nnClasses.ts): Torch's
 * field names, 1-based dimensions and indices converted by `oneBased` (Transpose's pairs by hand).
 * Ref: the __init of each torch/nn class named below.
 */
import { Tensor } from '../../lib/Tensor.js';
import { Module } from '../../lib/Module.js';
import { bool, crit, def, longStorage, num, optNum, str, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { ArgumentError } from '../../lib/errors.js';
import { Contiguous } from '../Contiguous.js';
import { Copy } from '../Copy.js';
import { Index } from '../Index.js';
import { MaskedSelect } from '../MaskedSelect.js';
import { Max } from '../Max.js';
import { Min } from '../Min.js';
import { Mean } from '../Mean.js';
import { Sum } from '../Sum.js';
import { Narrow } from '../Narrow.js';
import { Select } from '../Select.js';
import { Squeeze } from '../Squeeze.js';
import { Unsqueeze } from '../Unsqueeze.js';
import { Transpose } from '../Transpose.js';
import { Replicate } from '../Replicate.js';
import { Padding } from '../Padding.js';
import { PixelShuffle } from '../PixelShuffle.js';
import { OneHot } from '../OneHot.js';
import { PrintSize } from '../PrintSize.js';
import { Normalize } from '../Normalize.js';
import { CAddTensorTable } from '../CAddTensorTable.js';
import { CDivTable } from '../CDivTable.js';
import { CMaxTable } from '../CMaxTable.js';
import { CMinTable } from '../CMinTable.js';
import { CMulTable } from '../CMulTable.js';
import { CSubTable } from '../CSubTable.js';
import { CosineDistance } from '../CosineDistance.js';
import { DotProduct } from '../DotProduct.js';
import { FlattenTable } from '../FlattenTable.js';
import { MM } from '../MM.js';
import { MV } from '../MV.js';
import { MixtureTable } from '../MixtureTable.js';
import { NarrowTable } from '../NarrowTable.js';
import { PairwiseDistance } from '../PairwiseDistance.js';
import { SplitTable } from '../SplitTable.js';
import { ZipTable } from '../ZipTable.js';
import { ZipTableOneToMany } from '../ZipTableOneToMany.js';
import { CriterionTable } from '../CriterionTable.js';
import { MapTable } from '../MapTable.js';

const plain = <M extends object>(torch: string, cls: new () => M, write?: (m: M) => Record<string, unknown>): T7Entry =>
  def({ torch, cls, read: () => new cls(), ...(write ? { write } : {}) });

/** Lua's dimension-reduction fields (Max, Min, Sum, Mean, SplitTable). */
const dimFields = (m: { dimension: number; nInputDims?: number | undefined }) => ({ dimension: m.dimension, nInputDims: m.nInputDims });

/** Transpose's `permutations`: a list of pairs of 1-based dimensions in Lua. */
function permutations(f: T7Fields): [number, number][] {
  const v = f.get('permutations');
  const pairs = Array.isArray(v) ? v : [];
  if (!Array.isArray(v) || !pairs.every((p): p is [number, number] => Array.isArray(p) && p.length === 2 && p.every((d) => typeof d === 'number'))) {
    throw new ArgumentError('field permutations: expected a list of pairs of dimensions');
  }
  return pairs.map(([a, b]) => [a > 0 ? a - 1 : a, b > 0 ? b - 1 : b]);
}

const boolOrNil = (f: T7Fields, name: string): boolean | undefined => (f.get(name) === undefined ? undefined : bool(f, name, false));

export const CLASSES: readonly T7Entry[] = [
  plain('nn.Contiguous', Contiguous),
  def({ torch: 'nn.Copy', cls: Copy,
    read: (f) => {
      const type = (name: string) => { const t = f.get(name); return t instanceof Tensor ? t.dtype : undefined; };
      return new Copy(type('gradInput'), type('output'), false, bool(f, 'dontCast', false));
    },
    write: (m) => ({ dontCast: m.dontCast }) }),
  def({ torch: 'nn.Index', cls: Index, oneBased: ['dimension'], read: (f) => new Index(num(f, 'dimension')), write: (m) => ({ dimension: m.dimension }) }),
  plain('nn.MaskedSelect', MaskedSelect, () => ({ _maskIndices: Tensor.empty('long'), _maskIndexBuffer: Tensor.empty('long'), _maskIndexBufferCPU: Tensor.empty('float32'), _gradBuffer: Tensor.empty(), _gradMask: Tensor.empty('uint8') })),
  def({ torch: 'nn.Max', cls: Max, oneBased: ['dimension'], read: (f) => new Max(num(f, 'dimension', 0), optNum(f, 'nInputDims')), write: dimFields }),
  def({ torch: 'nn.Min', cls: Min, oneBased: ['dimension'], read: (f) => new Min(num(f, 'dimension', 0), optNum(f, 'nInputDims')), write: dimFields }),
  def({ torch: 'nn.Sum', cls: Sum, oneBased: ['dimension'],
    read: (f) => new Sum(num(f, 'dimension', 0), optNum(f, 'nInputDims'), bool(f, 'sizeAverage', false), boolOrNil(f, 'squeeze') ?? true),
    write: (m) => ({ ...dimFields(m), sizeAverage: m.sizeAverage, squeeze: m.squeeze }) }),
  def({ torch: 'nn.Mean', cls: Mean, oneBased: ['dimension'],
    read: (f) => { const m = new Mean(num(f, 'dimension', 0), optNum(f, 'nInputDims')); m.squeeze = boolOrNil(f, 'squeeze') ?? true; return m; },
    write: (m) => ({ ...dimFields(m), sizeAverage: true, squeeze: m.squeeze }) }),
  def({ torch: 'nn.Narrow', cls: Narrow, oneBased: ['dimension', 'index'],
    read: (f) => new Narrow(num(f, 'dimension'), num(f, 'index'), num(f, 'length', 1)), write: (m) => ({ dimension: m.dimension, index: m.index, length: m.length }) }),
  def({ torch: 'nn.Select', cls: Select, oneBased: ['dimension', 'index'], read: (f) => new Select(num(f, 'dimension'), num(f, 'index')), write: (m) => ({ dimension: m.dimension, index: m.index }) }),
  def({ torch: 'nn.Squeeze', cls: Squeeze, oneBased: ['dim'], read: (f) => new Squeeze(optNum(f, 'dim'), optNum(f, 'numInputDims')), write: (m) => ({ dim: m.dim, numInputDims: m.numInputDims }) }),
  def({ torch: 'nn.Unsqueeze', cls: Unsqueeze, oneBased: ['pos'], read: (f) => new Unsqueeze(num(f, 'pos'), optNum(f, 'numInputDims')), write: (m) => ({ pos: m.pos, numInputDims: m.numInputDims }) }),
  def({ torch: 'nn.Transpose', cls: Transpose,
    read: (f) => new Transpose(...permutations(f)).setNumInputDims(optNum(f, 'numInputDims')),
    write: (m) => ({ permutations: m.permutations.map((p) => p.map((d) => (d >= 0 ? d + 1 : d))), numInputDims: m.numInputDims }) }),
  def({ torch: 'nn.Replicate', cls: Replicate, oneBased: ['dim'], read: (f) => new Replicate(num(f, 'nfeatures'), num(f, 'dim', 0), optNum(f, 'ndim')),
    write: (m) => ({ nfeatures: m.nfeatures, dim: m.dim, ndim: m.ndim }) }),
  def({ torch: 'nn.Padding', cls: Padding, oneBased: ['dim', 'index'],
    read: (f) => new Padding(num(f, 'dim'), num(f, 'pad'), optNum(f, 'nInputDim'), num(f, 'value', 0), num(f, 'index', 0)),
    write: (m) => ({ dim: m.dim, pad: m.pad, nInputDim: m.nInputDim, value: m.value, index: m.index, outputSize: longStorage([]) }) }),
  def({ torch: 'nn.PixelShuffle', cls: PixelShuffle, read: (f) => new PixelShuffle(num(f, 'upscaleFactor')),
    write: (m) => ({ upscaleFactor: m.upscaleFactor, upscaleFactorSquared: m.upscaleFactorSquared }) }),
  def({ torch: 'nn.OneHot', cls: OneHot, read: (f) => new OneHot(num(f, 'outputSize')), write: (m) => ({ outputSize: m.outputSize }) }),
  def({ torch: 'nn.PrintSize', cls: PrintSize, read: (f) => new PrintSize(str(f, 'prefix', 'PrintSize')), write: (m) => ({ prefix: m.prefix }) }),
  def({ torch: 'nn.Normalize', cls: Normalize, read: (f) => new Normalize(num(f, 'p'), num(f, 'eps', 1e-10)), write: (m) => ({ p: m.p, eps: m.eps }) }),
  plain('nn.CAddTensorTable', CAddTensorTable),
  plain('nn.CDivTable', CDivTable),
  plain('nn.CMaxTable', CMaxTable, (m) => ({ maxIdx: Tensor.empty(m.maxIdx.dtype), mask: Tensor.empty(m.maxIdx.dtype), maxVals: Tensor.empty(m.maxIdx.dtype), gradMaxVals: Tensor.empty(m.maxIdx.dtype) })),
  plain('nn.CMinTable', CMinTable, (m) => ({ minIdx: Tensor.empty(m.minIdx.dtype), mask: Tensor.empty(m.minIdx.dtype), minVals: Tensor.empty(m.minIdx.dtype), gradMaxVals: Tensor.empty(m.minIdx.dtype) })),
  plain('nn.CMulTable', CMulTable),
  plain('nn.CSubTable', CSubTable),
  plain('nn.CosineDistance', CosineDistance),
  plain('nn.DotProduct', DotProduct),
  plain('nn.FlattenTable', FlattenTable, () => ({ input_map: [] })),
  def({ torch: 'nn.MM', cls: MM, read: (f) => new MM(bool(f, 'transA', false), bool(f, 'transB', false)), write: (m) => ({ transA: m.transA, transB: m.transB }) }),
  def({ torch: 'nn.MV', cls: MV, read: (f) => new MV(bool(f, 'trans', false)), write: (m) => ({ trans: m.trans }) }),
  def({ torch: 'nn.MixtureTable', cls: MixtureTable, oneBased: ['dim'],
    read: (f) => { const m = new MixtureTable(optNum(f, 'dim')); m.table = bool(f, 'table', false); return m; },
    write: (m) => ({ dim: m.dim, size: longStorage([]), size2: longStorage([]), batchSize: m.batchSize, backwardSetup: false, table: m.table }) }),
  def({ torch: 'nn.NarrowTable', cls: NarrowTable, oneBased: ['offset'], read: (f) => new NarrowTable(num(f, 'offset'), num(f, 'length', 1)),
    write: (m) => ({ offset: m.offset, length: m.length }) }),
  def({ torch: 'nn.PairwiseDistance', cls: PairwiseDistance, read: (f) => new PairwiseDistance(num(f, 'norm', 2)), write: (m) => ({ norm: m.norm, diff: Tensor.empty(m.output.dtype) }) }),
  def({ torch: 'nn.SplitTable', cls: SplitTable, oneBased: ['dimension'], read: (f) => new SplitTable(num(f, 'dimension'), optNum(f, 'nInputDims')), write: dimFields }),
  plain('nn.ZipTable', ZipTable),
  plain('nn.ZipTableOneToMany', ZipTableOneToMany, (m) => ({ gradInputEl: m.gradInputEl })),
  def({ torch: 'nn.MapTable', cls: MapTable,
    read: (f) => {
      const m = f.get('module') ?? (Array.isArray(f.get('modules')) ? (f.get('modules') as unknown[])[0] : undefined);
      if (!(m instanceof Module)) throw new ArgumentError('field module: expected a module');
      return new MapTable(m, bool(f, 'shared', true));
    },
    write: (m) => ({ module: m.module, modules: [m.module], shared: m.shared }) }),
  def({ torch: 'nn.CriterionTable', cls: CriterionTable, read: (f) => new CriterionTable(crit(f, 'criterion')), write: (m) => ({ criterion: m.criterion }) }),
];
