/**
 * The .t7 entries of the 'pointwise' group's classes (merged into T7_CLASSES by nnClasses.ts), with
 * the fields of each Lua __init. The nn.ReLU entry here replaces the core one to carry `inplace`.
 * nn.LayerNormalization is a Sequential in Lua: its `modules` are written in Torch's layout (as
 * plain Torch objects) so Lua can run it; dpnn-ts reads its own fields back.
 */
import { Tensor } from '../../lib/Tensor.js';
import type { DType } from '../../lib/Storage.js';
import { bool, def, longStorage, moduleState, num, optNum, sizes, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { ArgumentError } from '../../lib/errors.js';
import { ReLU } from '../ReLU.js';
import { Abs } from '../Abs.js';
import { AddConstant } from '../AddConstant.js';
import { Clamp } from '../Clamp.js';
import { ELU } from '../ELU.js';
import { Exp } from '../Exp.js';
import { HardShrink } from '../HardShrink.js';
import { LeakyReLU } from '../LeakyReLU.js';
import { Log } from '../Log.js';
import { LogSigmoid } from '../LogSigmoid.js';
import { Power } from '../Power.js';
import { ReLU6 } from '../ReLU6.js';
import { RReLU } from '../RReLU.js';
import { SoftMin } from '../SoftMin.js';
import { SoftPlus } from '../SoftPlus.js';
import { SoftShrink } from '../SoftShrink.js';
import { SoftSign } from '../SoftSign.js';
import { Sqrt } from '../Sqrt.js';
import { Square } from '../Square.js';
import { TanhShrink } from '../TanhShrink.js';
import { Threshold } from '../Threshold.js';
import { PReLU } from '../PReLU.js';
import { CReLU } from '../CReLU.js';
import { GatedLinearUnit } from '../GatedLinearUnit.js';
import { WhiteNoise } from '../WhiteNoise.js';
import { L1Penalty } from '../L1Penalty.js';
import { Mul } from '../Mul.js';
import { CMul } from '../CMul.js';
import { CAdd } from '../CAdd.js';
import { Clip } from '../Clip.js';
import { TotalDropout } from '../TotalDropout.js';
import { ReverseTable } from '../ReverseTable.js';
import { CategoricalEntropy } from '../CategoricalEntropy.js';
import { ReinforceGamma } from '../ReinforceGamma.js';
import { BatchNormalization } from '../BatchNormalization.js';
import { SpatialBatchNormalization } from '../SpatialBatchNormalization.js';
import { VolumetricBatchNormalization } from '../VolumetricBatchNormalization.js';
import { LayerNormalization } from '../LayerNormalization.js';
import { ConcatTable } from '../ConcatTable.js';
import { Identity } from '../Identity.js';
import { MulConstant } from '../MulConstant.js';
import { JoinTable } from '../JoinTable.js';

const plain = <T extends object>(torch: string, cls: new () => T) => def({ torch, cls, read: () => new cls() });

/** A Lua module of class `name` with `fields`, in the fresh state Lua gives it. */
const luaModule = (name: string, dtype: DType, fields: Record<string, unknown>) => ({ __typename: name, ...moduleState(dtype), ...fields });

function layerNormModules(m: LayerNormalization): Record<string, unknown>[] {
  const dt = m.output.dtype, n = m.nOutput;
  const mean = luaModule('nn.Sequential', dt, { modules: [
    luaModule('nn.Mean', dt, { dimension: 1, nInputDims: 1, sizeAverage: true }),
    luaModule('nn.Replicate', dt, { nfeatures: n, dim: 1, ndim: 1 }),
  ] });
  const mods = [
    luaModule('nn.ConcatTable', dt, { modules: [luaModule('nn.Identity', dt, {}), mean] }),
    luaModule('nn.CSubTable', dt, {}),
    luaModule('nn.Normalize', dt, { p: 2, eps: m.eps }),
    luaModule('nn.MulConstant', dt, { constant_scalar: Math.sqrt(n), inplace: false }),
  ];
  if (m.weight && m.bias && m.gradWeight && m.gradBias) {
    mods.push(luaModule('nn.CMul', dt, { size: longStorage([n]), weight: m.weight, gradWeight: m.gradWeight }));
    mods.push(luaModule('nn.Add', dt, { bias: m.bias, gradBias: m.gradBias, scalar: false, inputSize: n, _ones: Tensor.from([1], [1], dt) }));
  }
  return mods;
}

const bn = <T extends BatchNormalization>(torch: string, cls: new (n: number, eps?: number, momentum?: number, affine?: boolean) => T) => def({
  torch, cls, tensors: ['weight', 'bias', 'gradWeight', 'gradBias', 'running_mean', 'running_var', 'save_mean', 'save_std'],
  read: (f: T7Fields) => {
    const rm = f.get('running_mean');
    if (!(rm instanceof Tensor)) throw new ArgumentError('field running_mean: expected a tensor');
    return new cls(rm.numel(), num(f, 'eps', 1e-5), num(f, 'momentum', 0.1), bool(f, 'affine', true));
  },
  write: (m: T) => ({ eps: m.eps, momentum: m.momentum, affine: m.affine }),
});

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.ReLU', cls: ReLU, read: (f) => new ReLU(bool(f, 'inplace', false)), write: (m) => ({ threshold: 0, val: 0, inplace: m.inplace }) }),
  plain('nn.Abs', Abs), plain('nn.Exp', Exp), plain('nn.Log', Log), plain('nn.LogSigmoid', LogSigmoid), plain('nn.SoftMin', SoftMin),
  plain('nn.SoftSign', SoftSign), plain('nn.Square', Square), plain('nn.ReverseTable', ReverseTable),
  def({ torch: 'nn.TanhShrink', cls: TanhShrink, read: () => new TanhShrink(), write: (m) => ({ tanh: m.tanh }) }),
  def({ torch: 'nn.AddConstant', cls: AddConstant, read: (f) => new AddConstant(num(f, 'constant_scalar'), bool(f, 'inplace', false)),
    write: (m) => ({ constant_scalar: m.constant_scalar, inplace: m.inplace }) }),
  def({ torch: 'nn.Clamp', cls: Clamp, read: (f) => new Clamp(num(f, 'min_val'), num(f, 'max_val')),
    write: (m) => ({ min_val: m.min_val, max_val: m.max_val, inplace: false }) }),
  def({ torch: 'nn.ELU', cls: ELU, read: (f) => new ELU(num(f, 'alpha', 1), bool(f, 'inplace', false)), write: (m) => ({ alpha: m.alpha, inplace: m.inplace }) }),
  def({ torch: 'nn.HardShrink', cls: HardShrink, read: (f) => new HardShrink(num(f, 'lambda', 0.5)), write: (m) => ({ lambda: m.lambda }) }),
  def({ torch: 'nn.SoftShrink', cls: SoftShrink, read: (f) => new SoftShrink(num(f, 'lambda', 0.5)), write: (m) => ({ lambda: m.lambda }) }),
  def({ torch: 'nn.LeakyReLU', cls: LeakyReLU, read: (f) => new LeakyReLU(num(f, 'negval', 0.01), bool(f, 'inplace', false)),
    write: (m) => ({ negval: m.negval, inplace: m.inplace }) }),
  def({ torch: 'nn.Power', cls: Power, read: (f) => new Power(num(f, 'pow')), write: (m) => ({ pow: m.pow }) }),
  def({ torch: 'nn.ReLU6', cls: ReLU6, read: (f) => new ReLU6(bool(f, 'inplace', false)), write: (m) => ({ inplace: m.inplace }) }),
  def({ torch: 'nn.RReLU', cls: RReLU, tensors: ['noise'], read: (f) => new RReLU(num(f, 'lower', 1 / 8), num(f, 'upper', 1 / 3), bool(f, 'inplace', false)),
    write: (m) => ({ lower: m.lower, upper: m.upper, inplace: m.inplace }) }),
  def({ torch: 'nn.SoftPlus', cls: SoftPlus, read: (f) => new SoftPlus(num(f, 'beta', 1), num(f, 'threshold', 20)), write: (m) => ({ beta: m.beta, threshold: m.threshold }) }),
  def({ torch: 'nn.Sqrt', cls: Sqrt, read: (f) => new Sqrt(num(f, 'eps', 0)), write: (m) => ({ eps: m.eps }) }),
  def({ torch: 'nn.Threshold', cls: Threshold, read: (f) => new Threshold(num(f, 'threshold', 1e-6), num(f, 'val', 0), bool(f, 'inplace', false)),
    write: (m) => ({ threshold: m.threshold, val: m.val, inplace: m.inplace }) }),
  def({ torch: 'nn.PReLU', cls: PReLU, tensors: ['weight', 'gradWeight'], read: (f) => new PReLU(num(f, 'nOutputPlane', 0)), write: (m) => ({ nOutputPlane: m.nOutputPlane }) }),
  def({ torch: 'nn.CReLU', cls: CReLU, read: (f) => new CReLU(num(f, 'nInputDims'), bool(f, 'inplace', false)),
    write: (m) => ({
      nInputDims: m.nInputDims, inplace: m.inplace,
      modules: [new ConcatTable().add(new Identity()).add(new MulConstant(-1)), new JoinTable(1), new ReLU(m.inplace)],
    }) }),
  def({ torch: 'nn.GatedLinearUnit', cls: GatedLinearUnit, oneBased: ['dim'], read: (f) => new GatedLinearUnit(optNum(f, 'dim')), write: (m) => ({ dim: m.dim }) }),
  def({ torch: 'nn.WhiteNoise', cls: WhiteNoise, tensors: ['noise'], read: (f) => new WhiteNoise(num(f, 'mean', 0), num(f, 'std', 0.1)),
    write: (m) => ({ mean: m.mean, std: m.std }) }),
  def({ torch: 'nn.L1Penalty', cls: L1Penalty, read: (f) => new L1Penalty(num(f, 'l1weight'), bool(f, 'sizeAverage', false), bool(f, 'provideOutput', true)),
    write: (m) => ({ l1weight: m.l1weight, sizeAverage: m.sizeAverage, provideOutput: m.provideOutput }) }),
  def({ torch: 'nn.Mul', cls: Mul, tensors: ['weight', 'gradWeight'], read: () => new Mul() }),
  def({ torch: 'nn.CMul', cls: CMul, tensors: ['weight', 'gradWeight'], read: (f) => new CMul(...sizes(f, 'size')), write: (m) => ({ size: longStorage(m.size) }) }),
  def({ torch: 'nn.CAdd', cls: CAdd, tensors: ['bias', 'gradBias'], read: (f) => new CAdd(...sizes(f, 'size')), write: (m) => ({ size: longStorage(m.size) }) }),
  def({ torch: 'nn.Clip', cls: Clip, read: (f) => new Clip(num(f, 'minval'), num(f, 'maxval')), write: (m) => ({ minval: m.minval, maxval: m.maxval }) }),
  def({ torch: 'nn.TotalDropout', cls: TotalDropout, read: (f) => new TotalDropout(num(f, 'p', 0.5)), write: (m) => ({ p: m.p, noise: m.noise }) }),
  def({ torch: 'nn.CategoricalEntropy', cls: CategoricalEntropy, read: (f) => new CategoricalEntropy(num(f, 'scale', 1), optNum(f, 'minEntropy')),
    write: (m) => ({ scale: m.scale, minEntropy: m.minEntropy, sizeAverage: m.sizeAverage, minusOne: Tensor.from([-m.scale], [1], m.output.dtype) }) }),
  def({ torch: 'nn.ReinforceGamma', cls: ReinforceGamma, read: (f) => new ReinforceGamma(optNum(f, 'scale'), bool(f, 'stochastic', false)),
    write: (m) => ({ scale: m.scale, stochastic: m.stochastic }) }),
  bn('nn.BatchNormalization', BatchNormalization), bn('nn.SpatialBatchNormalization', SpatialBatchNormalization),
  bn('nn.VolumetricBatchNormalization', VolumetricBatchNormalization),
  def({ torch: 'nn.LayerNormalization', cls: LayerNormalization, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => new LayerNormalization(num(f, 'nOutput'), num(f, 'initialBias', 0), num(f, 'eps', 1e-10), bool(f, 'affine', true)),
    write: (m) => ({ nOutput: m.nOutput, initialBias: m.initialBias, eps: m.eps, affine: m.affine, modules: layerNormModules(m) }) }),
];
