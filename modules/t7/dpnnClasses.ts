/**
 * The .t7 entries of the 'dpnn' group's classes (merged into T7_CLASSES by nnClasses.ts).
 * nn.Serial writes its serial state (the module tree with the fields of its serial mode emptied,
 * float tensors in tensortype when given), which reads back as an ordinary tree. Dictionary's
 * `inputs` (the rows touched since zeroGradParameters) is written and read with Lua's 1-based rows. SpatialUniformCrop's scaler is the SpatialUpSamplingBilinear it uses, and
 * its `coord` (transient) is not written. Decorators rebuilt from their configuration take the file's
 * module tree (and so its weights). Ref: dpnn Serial.lua, Dictionary.lua, FireModule.lua, Inception.lua.
 */
import { Module } from '../../lib/Module.js';
import { Tensor, TYPE_NAMES } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { bool, def, list, num, optNum, str, tensor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { Serial } from '../Serial.js';
import { Dictionary } from '../Dictionary.js';
import { FireModule } from '../FireModule.js';
import { Inception } from '../Inception.js';
import { SpatialBinaryConvolution } from '../SpatialBinaryConvolution.js';
import { SpatialFeatNormalization } from '../SpatialFeatNormalization.js';
import { SpatialRegionDropout } from '../SpatialRegionDropout.js';
import { SpatialUniformCrop, type CropScale } from '../SpatialUniformCrop.js';

/** The decorated module (Lua's modules[1]). */
function child(f: T7Fields): Module {
  const m = list(f, 'modules', Module, 'a module')[0];
  if (!m) throw new ArgumentError('field modules: expected the decorated module');
  return m;
}

/** A decorator built from its configuration, holding the file's module tree. */
function withChild<T extends Module & { modules: Module[] }>(m: T, f: T7Fields): T {
  m.modules[0] = child(f);
  return m;
}

function numbers(f: T7Fields, name: string, fallback?: number[]): number[] | undefined {
  const v = f.get(name);
  if (v === undefined || v === null) return fallback;
  if (Array.isArray(v) && v.every((x) => typeof x === 'number')) return v as number[];
  throw new ArgumentError(`field ${name}: expected a list of numbers, got ${typeof v}`);
}

function optMod(f: T7Fields, name: string): Module | undefined {
  const v = f.get(name);
  if (v === undefined || v === null) return undefined;
  if (v instanceof Module) return v;
  throw new ArgumentError(`field ${name}: expected a dpnn-ts module`);
}

function cropScale(f: T7Fields): CropScale | undefined {
  const v = f.get('scale');
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
  const o = v as { min?: unknown; max?: unknown };
  if (typeof o.min === 'number' && typeof o.max === 'number') return { min: o.min, max: o.max };
  throw new ArgumentError('field scale: expected {min, max} or a list of two numbers');
}

/** Dictionary's `inputs` (Lua row → count) as 0-based rows: an array when Lua's rows were 1..n, else a Map. */
function touched(f: T7Fields): Array<[number, number]> {
  const v = f.get('inputs');
  const pairs: Array<[unknown, unknown]> = Array.isArray(v) ? v.map((n, i) => [i + 1, n]) : v instanceof Map ? [...v] : [];
  return pairs.filter((p): p is [number, number] => typeof p[0] === 'number' && typeof p[1] === 'number').map(([k, n]) => [k - 1, n]);
}

const emptyList = (f: T7Fields): string[] | undefined => {
  const v = f.get('dpnn_serialEmpty');
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v as string[] : undefined;
};

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.Serial', cls: Serial,
    read: (f) => {
      const m = new Serial(child(f), f.get('tensortype') === undefined ? undefined : str(f, 'tensortype', ''));
      const empty = emptyList(f);
      if (empty) m.dpnn_serialEmpty = empty;
      return m;
    },
    write: (m) => {
      const s = m.serialState(), t = m.saveType;
      return { output: s.output, gradInput: s.gradInput, modules: s.modules, module: s.modules[0], tensortype: m.tensortype, dpnn_serialEmpty: [...m.dpnn_serialEmpty], ...(t ? { _type: TYPE_NAMES[t] } : {}) };
    } }),
  def({ torch: 'nn.Dictionary', cls: Dictionary, tensors: ['weight', 'gradWeight'],
    read: (f) => {
      const w = tensor(f, 'weight'), m = new Dictionary(w.size(0), w.size(1), bool(f, 'accUpdate', false));
      m.paddingValue = num(f, 'paddingValue', 0) - 1;
      m.maxNorm = optNum(f, 'maxNorm');
      m.normType = num(f, 'normType', 2);
      m.nBackward = num(f, 'nBackward', 0);
      for (const [k, n] of touched(f)) m.inputs.set(k, n);
      return bool(f, 'shouldScaleGradByFreq', false) ? m.scaleGradByFreq() : m;
    },
    write: (m) => ({
      paddingValue: m.paddingValue + 1, maxNorm: m.maxNorm, normType: m.normType, shouldScaleGradByFreq: m.shouldScaleGradByFreq,
      accUpdate: m.accUpdate, nBackward: m.nBackward, inputs: new Map([...m.inputs].map(([k, n]) => [k + 1, n])),
    }) }),
  def({ torch: 'nn.FireModule', cls: FireModule,
    read: (f) => withChild(new FireModule(num(f, 'nInputPlane'), num(f, 's1x1'), num(f, 'e1x1'), num(f, 'e3x3'), str(f, 'activation', 'ReLU')), f),
    write: (m) => ({ modules: m.modules, module: m.module, nInputPlane: m.nInputPlane, s1x1: m.s1x1, e1x1: m.e1x1, e3x3: m.e3x3, activation: m.activation, squeeze: m.squeeze, expand: m.expand }) }),
  def({ torch: 'nn.Inception', cls: Inception,
    read: (f) => withChild(new Inception({
      inputSize: num(f, 'inputSize'), outputSize: numbers(f, 'outputSize') ?? [], reduceSize: numbers(f, 'reduceSize') ?? [],
      reduceStride: numbers(f, 'reduceStride', []), transfer: optMod(f, 'transfer'), batchNorm: bool(f, 'batchNorm', false), padding: bool(f, 'padding', true),
      kernelSize: numbers(f, 'kernelSize', [5, 3]), kernelStride: numbers(f, 'kernelStride'), poolSize: num(f, 'poolSize', 3), poolStride: num(f, 'poolStride', 1), pool: optMod(f, 'pool'),
    }), f),
    write: (m) => ({
      modules: m.modules, module: m.module, inputSize: m.inputSize, outputSize: [...m.outputSize], reduceSize: [...m.reduceSize], reduceStride: [...m.reduceStride],
      transfer: m.transfer, batchNorm: m.batchNorm, padding: m.padding, kernelSize: [...m.kernelSize], kernelStride: [...m.kernelStride],
      poolSize: m.poolSize, poolStride: m.poolStride, pool: m.pool,
    }) }),
  def({ torch: 'nn.SpatialBinaryConvolution', cls: SpatialBinaryConvolution, tensors: ['weight', 'gradWeight'],
    read: (f) => {
      const padW = num(f, 'padW', 0);
      return new SpatialBinaryConvolution(num(f, 'nInputPlane'), num(f, 'nOutputPlane'), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1), padW, num(f, 'padH', padW));
    },
    write: (m) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH, iwh: m.iwh, owh: m.owh }) }),
  def({ torch: 'nn.SpatialFeatNormalization', cls: SpatialFeatNormalization,
    read: (f) => new SpatialFeatNormalization(tensor(f, 'mean'), tensor(f, 'std')),
    write: (m) => ({ mean: m.mean, std: m.std, noOfFeats: m.noOfFeats }) }),
  def({ torch: 'nn.SpatialRegionDropout', cls: SpatialRegionDropout,
    read: (f) => new SpatialRegionDropout(num(f, 'p', 0.2)),
    write: (m) => ({ p: m.p, noise: Tensor.empty(m.noise.dtype) }) }),
  def({ torch: 'nn.SpatialUniformCrop', cls: SpatialUniformCrop,
    read: (f) => new SpatialUniformCrop(num(f, 'oheight'), num(f, 'owidth', num(f, 'oheight')), cropScale(f)),
    write: (m) => {
      const s = m.scale;
      return { oheight: m.oheight, owidth: m.owidth, ...(s ? { scale: 'min' in s ? { min: s.min, max: s.max } : [s[0], s[1]], scaler: m.scaler } : {}) };
    } }),
];
