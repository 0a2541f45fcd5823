/**
 * The .t7 entries of the 'pooling' group's classes (merged into T7_CLASSES by nnClasses.ts).
 * Index buffers are 0-based here and 1-based in Lua: SpatialMaxPooling's `indices` are shifted on
 * the way in and out; the other index buffers (refilled by every forward) are written empty.
 */
import type { T7Entry, T7Fields } from '../../lib/serialization/t7fields.js';
import { bool, def, longStorage, moduleState, num, optNum, str, tensor } from '../../lib/serialization/t7fields.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { SpatialMaxPooling } from '../SpatialMaxPooling.js';
import { SpatialDilatedMaxPooling } from '../SpatialDilatedMaxPooling.js';
import { SpatialMaxUnpooling } from '../SpatialMaxUnpooling.js';
import { SpatialAveragePooling } from '../SpatialAveragePooling.js';
import { SpatialAdaptiveMaxPooling } from '../SpatialAdaptiveMaxPooling.js';
import { SpatialAdaptiveAveragePooling } from '../SpatialAdaptiveAveragePooling.js';
import { SpatialFractionalMaxPooling } from '../SpatialFractionalMaxPooling.js';
import { SpatialLPPooling } from '../SpatialLPPooling.js';
import { FeatureLPPooling } from '../FeatureLPPooling.js';
import { TemporalMaxPooling } from '../TemporalMaxPooling.js';
import { TemporalSubSampling } from '../TemporalSubSampling.js';
import { TemporalDynamicKMaxPooling } from '../TemporalDynamicKMaxPooling.js';
import { VolumetricMaxPooling } from '../VolumetricMaxPooling.js';
import { VolumetricDilatedMaxPooling } from '../VolumetricDilatedMaxPooling.js';
import { VolumetricMaxUnpooling } from '../VolumetricMaxUnpooling.js';
import { VolumetricFractionalMaxPooling } from '../VolumetricFractionalMaxPooling.js';
import { SpatialZeroPadding, type SpatialPadding } from '../SpatialZeroPadding.js';
import { SpatialReflectionPadding } from '../SpatialReflectionPadding.js';
import { SpatialReplicationPadding } from '../SpatialReplicationPadding.js';
import { VolumetricReplicationPadding } from '../VolumetricReplicationPadding.js';
import { SpatialUpSamplingNearest } from '../SpatialUpSamplingNearest.js';
import { SpatialUpSamplingBilinear } from '../SpatialUpSamplingBilinear.js';
import { UpSampling } from '../UpSampling.js';
import { SpatialDropout } from '../SpatialDropout.js';
import { VolumetricDropout } from '../VolumetricDropout.js';
import { SpatialSoftMax } from '../SpatialSoftMax.js';
import { SpatialLogSoftMax } from '../SpatialLogSoftMax.js';
import { SpatialCrossMapLRN } from '../SpatialCrossMapLRN.js';
import { SpatialSubtractiveNormalization } from '../SpatialSubtractiveNormalization.js';
import { SpatialDivisiveNormalization } from '../SpatialDivisiveNormalization.js';
import { SpatialContrastiveNormalization } from '../SpatialContrastiveNormalization.js';

/** A copy of an index tensor shifted by `by` (0-based ↔ 1-based). */
const shifted = (t: Tensor, by: number): Tensor => Tensor.from(Array.from(t.contiguous().toArray(), (v) => v + by), t.shape, 'long');

/** Reads the kernel, stride and pad fields shared by the max-pooling classes. */
const kdp = (f: T7Fields): [number, number, number, number, number, number] =>
  [num(f, 'kW'), num(f, 'kH'), num(f, 'dW', num(f, 'kW')), num(f, 'dH', num(f, 'kH')), num(f, 'padW', 0), num(f, 'padH', 0)];

function maxPoolRead<M extends SpatialMaxPooling>(m: M, f: T7Fields): M {
  if (bool(f, 'ceil_mode', false)) m.ceil();
  const ind = f.get('indices');
  if (ind instanceof Tensor && ind.numel() > 0) m.indices = shifted(ind, -1);
  m.iheight = optNum(f, 'iheight') ?? 0;
  m.iwidth = optNum(f, 'iwidth') ?? 0;
  return m;
}

const maxPoolWrite = (m: SpatialMaxPooling): Record<string, unknown> => ({
  kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH, ceil_mode: m.ceil_mode,
  indices: shifted(m.indices, 1), iheight: m.iheight, iwidth: m.iwidth,
});


/** A module of Lua's own (written as a plain Torch object, e.g. the parts of SpatialLPPooling's Sequential). */
const luaModule = (typename: string, m: { output: unknown }, fields: Record<string, unknown> = {}) =>
  ({ __typename: typename, ...fields, ...moduleState(m.output instanceof Tensor ? m.output.dtype : 'float32') });

function lpFields(m: SpatialLPPooling): Record<string, unknown> {
  const { kW, kH, dW, dH, pnorm: p } = m;
  const pool = luaModule('nn.SpatialAveragePooling', m, { kW, kH, dW, dH, padW: 0, padH: 0, ceil_mode: false, count_include_pad: true, divide: true });
  const modules = [p === 2 ? luaModule('nn.Square', m) : luaModule('nn.Power', m, { pow: p }), pool,
    luaModule('nn.MulConstant', m, { constant_scalar: kW * kH, inplace: false }), p === 2 ? luaModule('nn.Sqrt', m, { eps: 0 }) : luaModule('nn.Power', m, { pow: 1 / p })];
  return { kW, kH, dW, dH, nInputPlane: m.nInputPlane, pnorm: p, modules };
}

/** SpatialLPPooling's p: the pow of its first module (Power), or 2 (Square). */
function lpNorm(f: T7Fields): number {
  const given = optNum(f, 'pnorm');
  if (given !== undefined) return given;
  const ms = f.get('modules'), first: unknown = Array.isArray(ms) ? ms[0] : undefined;
  const pow = typeof first === 'object' && first !== null ? (first as { pow?: unknown }).pow : undefined;
  return typeof pow === 'number' ? pow : 2;
}

const fractionalRead = <M extends { newRandomPool: boolean }>(m: M, f: T7Fields): M => { m.newRandomPool = bool(f, 'newRandomPool', false); return m; };
const pads4 = (f: T7Fields): [number, number, number, number] => [num(f, 'pad_l'), num(f, 'pad_r', num(f, 'pad_l')), num(f, 'pad_t', num(f, 'pad_l')), num(f, 'pad_b', num(f, 'pad_l'))];
const pads4Write = (m: SpatialPadding) => ({ pad_l: m.pad_l, pad_r: m.pad_r, pad_t: m.pad_t, pad_b: m.pad_b });
const plain = <M extends SpatialSoftMax>(torch: string, cls: new () => M) => def({ torch, cls, read: () => new cls() });
const vkdp = (f: T7Fields): [number, number, number, number, number, number, number, number, number] => [num(f, 'kT'), num(f, 'kW'), num(f, 'kH'),
  num(f, 'dT', num(f, 'kT')), num(f, 'dW', num(f, 'kW')), num(f, 'dH', num(f, 'kH')), num(f, 'padT', 0), num(f, 'padW', 0), num(f, 'padH', 0)];
function vmaxRead<M extends VolumetricMaxPooling>(m: M, f: T7Fields): M {
  if (bool(f, 'ceil_mode', false)) m.ceil();
  return m;
}
const vmaxWrite = (m: VolumetricMaxPooling): Record<string, unknown> => ({
  kT: m.kT, kW: m.kW, kH: m.kH, dT: m.dT, dW: m.dW, dH: m.dH, padT: m.padT, padW: m.padW, padH: m.padH, ceil_mode: m.ceil_mode,
  indices: Tensor.empty('long'), itime: m.itime, iheight: m.iheight, iwidth: m.iwidth,
});
function normRead<M>(f: T7Fields, make: (c: number, k: Tensor, th?: number, tv?: number) => M): M {
  const k = f.get('kernel');
  return make(num(f, 'nInputPlane', 1), k instanceof Tensor ? k : Tensor.zeros([9, 9]).fill(1), optNum(f, 'threshold'), optNum(f, 'thresval'));
}

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.SpatialMaxPooling', cls: SpatialMaxPooling, read: (f) => maxPoolRead(new SpatialMaxPooling(...kdp(f)), f), write: maxPoolWrite }),
  def({ torch: 'nn.SpatialDilatedMaxPooling', cls: SpatialDilatedMaxPooling,
    read: (f) => maxPoolRead(new SpatialDilatedMaxPooling(...kdp(f), num(f, 'dilationW', 1), num(f, 'dilationH', 1)), f),
    write: (m) => ({ ...maxPoolWrite(m), dilationW: m.dilationW, dilationH: m.dilationH }) }),
  def({ torch: 'nn.SpatialMaxUnpooling', cls: SpatialMaxUnpooling,
    read: (f) => {
      const p = f.get('pooling');
      if (!(p instanceof SpatialMaxPooling)) throw new ArgumentError('field pooling: expected a SpatialMaxPooling');
      return new SpatialMaxUnpooling(p);
    },
    write: (m) => ({ pooling: m.pooling, indices: shifted(m.pooling.indices, 1), oheight: m.pooling.iheight, owidth: m.pooling.iwidth }) }),
  def({ torch: 'nn.SpatialAveragePooling', cls: SpatialAveragePooling,
    read: (f) => {
      const m = new SpatialAveragePooling(num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1), num(f, 'padW', 0), num(f, 'padH', 0));
      m.ceil_mode = bool(f, 'ceil_mode', false);
      m.count_include_pad = bool(f, 'count_include_pad', true);
      m.divide = bool(f, 'divide', true);
      return m;
    },
    write: (m) => ({ kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH, ceil_mode: m.ceil_mode, count_include_pad: m.count_include_pad, divide: m.divide }) }),
  def({ torch: 'nn.SpatialAdaptiveMaxPooling', cls: SpatialAdaptiveMaxPooling, read: (f) => new SpatialAdaptiveMaxPooling(num(f, 'W'), num(f, 'H')),
    write: (m) => ({ W: m.W, H: m.H, indices: Tensor.empty('long') }) }),
  def({ torch: 'nn.SpatialAdaptiveAveragePooling', cls: SpatialAdaptiveAveragePooling, read: (f) => new SpatialAdaptiveAveragePooling(num(f, 'W'), num(f, 'H')),
    write: (m) => ({ W: m.W, H: m.H }) }),
  def({ torch: 'nn.SpatialFractionalMaxPooling', cls: SpatialFractionalMaxPooling, tensors: ['randomSamples'],
    read: (f) => fractionalRead(new SpatialFractionalMaxPooling(num(f, 'poolSizeW'), num(f, 'poolSizeH'), optNum(f, 'outW') ?? num(f, 'ratioW'), optNum(f, 'outH') ?? num(f, 'ratioH')), f),
    write: (m) => ({ poolSizeW: m.poolSizeW, poolSizeH: m.poolSizeH, outW: m.outW, outH: m.outH, ratioW: m.ratioW, ratioH: m.ratioH, newRandomPool: m.newRandomPool, indices: shifted(m.indices, 1) }) }),
  def({ torch: 'nn.VolumetricFractionalMaxPooling', cls: VolumetricFractionalMaxPooling, tensors: ['randomSamples'],
    read: (f) => fractionalRead(new VolumetricFractionalMaxPooling(num(f, 'poolSizeT'), num(f, 'poolSizeW'), num(f, 'poolSizeH'),
      optNum(f, 'outT') ?? num(f, 'ratioT'), optNum(f, 'outW') ?? num(f, 'ratioW'), optNum(f, 'outH') ?? num(f, 'ratioH')), f),
    write: (m) => ({ poolSizeT: m.poolSizeT, poolSizeW: m.poolSizeW, poolSizeH: m.poolSizeH, outT: m.outT, outW: m.outW, outH: m.outH,
      ratioT: m.ratioT, ratioW: m.ratioW, ratioH: m.ratioH, newRandomPool: m.newRandomPool, indices: shifted(m.indices, 1) }) }),
  def({ torch: 'nn.SpatialLPPooling', cls: SpatialLPPooling, write: lpFields,
    read: (f) => new SpatialLPPooling(num(f, 'nInputPlane', 1), lpNorm(f), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', num(f, 'kW')), num(f, 'dH', num(f, 'kH'))) }),
  def({ torch: 'nn.FeatureLPPooling', cls: FeatureLPPooling, read: (f) => new FeatureLPPooling(num(f, 'width'), num(f, 'stride'), num(f, 'power'), bool(f, 'batch_mode', false)),
    write: (m) => ({ width: m.width, stride: m.stride, power: m.power, batch_mode: m.batch_mode }) }),
  def({ torch: 'nn.TemporalMaxPooling', cls: TemporalMaxPooling, tensors: ['indices'], read: (f) => new TemporalMaxPooling(num(f, 'kW'), num(f, 'dW', num(f, 'kW'))),
    write: (m) => ({ kW: m.kW, dW: m.dW }) }),
  def({ torch: 'nn.TemporalSubSampling', cls: TemporalSubSampling, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => new TemporalSubSampling(num(f, 'inputFrameSize'), num(f, 'kW'), num(f, 'dW', 1)), write: (m) => ({ inputFrameSize: m.inputFrameSize, kW: m.kW, dW: m.dW }) }),
  def({ torch: 'nn.TemporalDynamicKMaxPooling', cls: TemporalDynamicKMaxPooling, read: (f) => new TemporalDynamicKMaxPooling(num(f, 'minK'), num(f, 'factor', 0)),
    write: (m) => ({ minK: m.minK, factor: m.factor }) }),
  def({ torch: 'nn.VolumetricMaxPooling', cls: VolumetricMaxPooling, read: (f) => vmaxRead(new VolumetricMaxPooling(...vkdp(f)), f), write: vmaxWrite }),
  def({ torch: 'nn.VolumetricDilatedMaxPooling', cls: VolumetricDilatedMaxPooling,
    read: (f) => vmaxRead(new VolumetricDilatedMaxPooling(...vkdp(f), num(f, 'dilationT', 1), num(f, 'dilationW', 1), num(f, 'dilationH', 1)), f),
    write: (m) => ({ ...vmaxWrite(m), dilationT: m.dilationT, dilationW: m.dilationW, dilationH: m.dilationH }) }),
  def({ torch: 'nn.VolumetricMaxUnpooling', cls: VolumetricMaxUnpooling,
    read: (f) => {
      const p = f.get('pooling');
      if (!(p instanceof VolumetricMaxPooling)) throw new ArgumentError('field pooling: expected a VolumetricMaxPooling');
      return new VolumetricMaxUnpooling(p);
    },
    write: (m) => ({ pooling: m.pooling, indices: Tensor.empty('long'), otime: m.otime, oheight: m.oheight, owidth: m.owidth,
      dT: m.pooling.dT, dH: m.pooling.dH, dW: m.pooling.dW, padT: m.pooling.padT, padH: m.pooling.padH, padW: m.pooling.padW }) }),
  def({ torch: 'nn.SpatialZeroPadding', cls: SpatialZeroPadding, read: (f) => new SpatialZeroPadding(...pads4(f)), write: pads4Write }),
  def({ torch: 'nn.SpatialReflectionPadding', cls: SpatialReflectionPadding, read: (f) => new SpatialReflectionPadding(...pads4(f)), write: pads4Write }),
  def({ torch: 'nn.SpatialReplicationPadding', cls: SpatialReplicationPadding, read: (f) => new SpatialReplicationPadding(...pads4(f)), write: pads4Write }),
  def({ torch: 'nn.VolumetricReplicationPadding', cls: VolumetricReplicationPadding,
    read: (f) => { const l = num(f, 'pleft'), o = (n: string) => num(f, n, l); return new VolumetricReplicationPadding(l, o('pright'), o('ptop'), o('pbottom'), o('pfront'), o('pback')); },
    write: (m) => ({ pleft: m.pleft, pright: m.pright, ptop: m.ptop, pbottom: m.pbottom, pfront: m.pfront, pback: m.pback }) }),
  def({ torch: 'nn.SpatialUpSamplingNearest', cls: SpatialUpSamplingNearest, read: (f) => new SpatialUpSamplingNearest(num(f, 'scale_factor')),
    write: (m) => ({ scale_factor: m.scale_factor, inputSize: longStorage([0, 0, 0, 0]), outputSize: longStorage([0, 0, 0, 0]) }) }),
  def({ torch: 'nn.SpatialUpSamplingBilinear', cls: SpatialUpSamplingBilinear,
    read: (f) => { const s = optNum(f, 'scale_factor'); return new SpatialUpSamplingBilinear(s ?? { oheight: num(f, 'oheight'), owidth: num(f, 'owidth') }); },
    write: (m) => ({ scale_factor: m.scale_factor, oheight: m.oheight, owidth: m.owidth, inputSize: longStorage([0, 0, 0, 0]), outputSize: longStorage([0, 0, 0, 0]) }) }),
  def({ torch: 'nn.UpSampling', cls: UpSampling,
    read: (f) => {
      const s = optNum(f, 'scale_factor'), mode = str(f, 'mode', 'nearest');
      return new UpSampling(s ?? { odepth: optNum(f, 'odepth'), oheight: num(f, 'oheight'), owidth: num(f, 'owidth') }, mode);
    },
    write: (m) => ({ mode: m.mode, scale_factor: m.scale_factor, odepth: m.odepth, oheight: m.oheight, owidth: m.owidth,
      inputSize: longStorage([0, 0, 0, 0, 0]), outputSize: longStorage([0, 0, 0, 0, 0]) }) }),
  def({ torch: 'nn.SpatialDropout', cls: SpatialDropout, tensors: ['noise'], read: (f) => new SpatialDropout(num(f, 'p', 0.5), bool(f, 'stochastic_inference', false)),
    write: (m) => ({ p: m.p, stochastic_inference: m.stochastic_inference }) }),
  def({ torch: 'nn.VolumetricDropout', cls: VolumetricDropout, tensors: ['noise'], read: (f) => new VolumetricDropout(num(f, 'p', 0.5), bool(f, 'stochastic_inference', false)),
    write: (m) => ({ p: m.p, stochastic_inference: m.stochastic_inference }) }),
  plain('nn.SpatialSoftMax', SpatialSoftMax), plain('nn.SpatialLogSoftMax', SpatialLogSoftMax),
  def({ torch: 'nn.SpatialCrossMapLRN', cls: SpatialCrossMapLRN, tensors: ['scale'],
    read: (f) => new SpatialCrossMapLRN(num(f, 'size'), num(f, 'alpha', 0.0001), num(f, 'beta', 0.75), num(f, 'k', 1)),
    write: (m) => ({ size: m.size, alpha: m.alpha, beta: m.beta, k: m.k }) }),
  def({ torch: 'nn.SpatialSubtractiveNormalization', cls: SpatialSubtractiveNormalization,
    read: (f) => normRead(f, (c, k) => new SpatialSubtractiveNormalization(c, k)), write: (m) => ({ nInputPlane: m.nInputPlane, kernel: m.kernel }) }),
  def({ torch: 'nn.SpatialDivisiveNormalization', cls: SpatialDivisiveNormalization,
    read: (f) => normRead(f, (c, k, th, tv) => new SpatialDivisiveNormalization(c, k, th, tv)),
    write: (m) => ({ nInputPlane: m.nInputPlane, kernel: m.kernel, threshold: m.threshold, thresval: m.thresval }) }),
  def({ torch: 'nn.SpatialContrastiveNormalization', cls: SpatialContrastiveNormalization,
    read: (f) => normRead(f, (c, k, th, tv) => new SpatialContrastiveNormalization(c, k, th, tv)),
    write: (m) => ({ nInputPlane: m.nInputPlane, kernel: m.kernel, threshold: m.threshold, thresval: m.thresval, normalizer: m.normalizer }) }),
];
