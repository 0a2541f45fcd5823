/**
 * The .t7 entries of the 'convolution' group's classes (merged into T7_CLASSES by nnClasses.ts).
 * Weights are read in whichever layout of the right size and viewed as the class keeps them: Torch's
 * SpatialConvolutionMM (read as SpatialConvolution) keeps nOutputPlane × (nInputPlane·kH·kW), and
 * THNN reshapes some weights in place during a forward. Connection tables are 1-based in Lua.
 */
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { bool, def, num, tensor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { SpatialConvolution } from '../SpatialConvolution.js';
import { SpatialDilatedConvolution } from '../SpatialDilatedConvolution.js';
import { SpatialFullConvolution } from '../SpatialFullConvolution.js';
import { SpatialDepthWiseConvolution } from '../SpatialDepthWiseConvolution.js';
import { SpatialConvolutionLocal } from '../SpatialConvolutionLocal.js';
import { SpatialConvolutionMap } from '../SpatialConvolutionMap.js';
import { SpatialFullConvolutionMap } from '../SpatialFullConvolutionMap.js';
import { SpatialSubSampling } from '../SpatialSubSampling.js';
import { TemporalConvolution } from '../TemporalConvolution.js';
import { TemporalRowConvolution } from '../TemporalRowConvolution.js';
import { VolumetricConvolution } from '../VolumetricConvolution.js';
import { VolumetricDilatedConvolution } from '../VolumetricDilatedConvolution.js';
import { VolumetricFullConvolution } from '../VolumetricFullConvolution.js';

interface Weighted { weight: Tensor; gradWeight: Tensor; bias: Tensor | null; gradBias: Tensor | null; noBias?(): unknown }

/** Sets weight and gradWeight from the file, viewed as the module's own weight shape; drops the bias when the file has none. */
function withWeights<T extends Weighted>(f: T7Fields, m: T): T {
  const shape = m.weight.shape;
  for (const name of ['weight', 'gradWeight'] as const) {
    const t = f.get(name);
    if (!(t instanceof Tensor)) continue;
    if (t.numel() !== m.weight.numel()) throw new ArgumentError(`field ${name}: expected ${m.weight.numel()} elements (viewed as [${shape.join(', ')}]), got [${t.shape.join(', ')}]`);
    m[name] = t.contiguous().view(shape);
  }
  if (!(f.get('bias') instanceof Tensor) && m.noBias) m.noBias();
  return m;
}

const BIAS = ['bias', 'gradBias'];
const ALL = ['weight', 'gradWeight', 'bias', 'gradBias'];

const spatialFields = (m: SpatialConvolution) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH, weight: m.weight, gradWeight: m.gradWeight });
const spatialArgs = (f: T7Fields) => {
  const padW = num(f, 'padW', num(f, 'padding', 0));
  return [num(f, 'nInputPlane'), num(f, 'nOutputPlane'), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1), padW, num(f, 'padH', padW)] as const;
};
const volumetricArgs = (f: T7Fields) => [num(f, 'nInputPlane'), num(f, 'nOutputPlane'), num(f, 'kT'), num(f, 'kW'), num(f, 'kH'),
  num(f, 'dT', 1), num(f, 'dW', 1), num(f, 'dH', 1), num(f, 'padT', 0), num(f, 'padW', 0), num(f, 'padH', 0)] as const;
const volumetricFields = (m: VolumetricConvolution) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kT: m.kT, kW: m.kW, kH: m.kH,
  dT: m.dT, dW: m.dW, dH: m.dH, padT: m.padT, padW: m.padW, padH: m.padH });
/** A Lua connection table (1-based planes) as the 0-based one the classes take, and back. */
const connIn = (f: T7Fields): Tensor => tensor(f, 'connTable').clone().add(-1);
const connOut = (t: Tensor): Tensor => t.clone().add(1);

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.SpatialConvolution', aliases: ['nn.SpatialConvolutionMM'], cls: SpatialConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new SpatialConvolution(...spatialArgs(f))), write: spatialFields }),
  def({ torch: 'nn.SpatialDilatedConvolution', cls: SpatialDilatedConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new SpatialDilatedConvolution(...spatialArgs(f), num(f, 'dilationW', 1), num(f, 'dilationH', 1))),
    write: (m) => ({ ...spatialFields(m), dilationW: m.dilationW, dilationH: m.dilationH }) }),
  def({ torch: 'nn.SpatialFullConvolution', cls: SpatialFullConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new SpatialFullConvolution(num(f, 'nInputPlane'), num(f, 'nOutputPlane'), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1),
      num(f, 'padW', 0), num(f, 'padH', 0), num(f, 'adjW', 0), num(f, 'adjH', 0))),
    write: (m) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH,
      adjW: m.adjW, adjH: m.adjH, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.SpatialDepthWiseConvolution', cls: SpatialDepthWiseConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new SpatialDepthWiseConvolution(...spatialArgs(f))),
    write: (m) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, padW: m.padW, padH: m.padH, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.SpatialConvolutionLocal', cls: SpatialConvolutionLocal, tensors: BIAS,
    read: (f) => {
      const padW = num(f, 'padW', 0);
      return withWeights(f, new SpatialConvolutionLocal(num(f, 'nInputPlane'), num(f, 'nOutputPlane'), num(f, 'iW'), num(f, 'iH'), num(f, 'kW'), num(f, 'kH'),
        num(f, 'dW', 1), num(f, 'dH', 1), padW, num(f, 'padH', padW)));
    },
    write: (m) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, iW: m.iW, iH: m.iH, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH,
      padW: m.padW, padH: m.padH, oW: m.oW, oH: m.oH, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.SpatialConvolutionMap', cls: SpatialConvolutionMap, tensors: ALL,
    read: (f) => new SpatialConvolutionMap(connIn(f), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1)),
    write: (m) => ({ connTable: connOut(m.connTable), kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane }) }),
  def({ torch: 'nn.SpatialFullConvolutionMap', cls: SpatialFullConvolutionMap, tensors: ALL,
    read: (f) => new SpatialFullConvolutionMap(connIn(f), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1)),
    write: (m) => ({ connTable: connOut(m.connTable), kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH, nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane }) }),
  def({ torch: 'nn.SpatialSubSampling', cls: SpatialSubSampling, tensors: ALL,
    read: (f) => new SpatialSubSampling(num(f, 'nInputPlane'), num(f, 'kW'), num(f, 'kH'), num(f, 'dW', 1), num(f, 'dH', 1)),
    write: (m) => ({ nInputPlane: m.nInputPlane, kW: m.kW, kH: m.kH, dW: m.dW, dH: m.dH }) }),
  def({ torch: 'nn.TemporalConvolution', cls: TemporalConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new TemporalConvolution(num(f, 'inputFrameSize'), num(f, 'outputFrameSize'), num(f, 'kW'), num(f, 'dW', 1))),
    write: (m) => ({ inputFrameSize: m.inputFrameSize, outputFrameSize: m.outputFrameSize, kW: m.kW, dW: m.dW, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.TemporalRowConvolution', cls: TemporalRowConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new TemporalRowConvolution(num(f, 'inputFrameSize'), num(f, 'kW'), num(f, 'dW', 1), bool(f, 'featFirst', false))),
    write: (m) => ({ inputFrameSize: m.inputFrameSize, kW: m.kW, dW: m.dW, featFirst: m.featFirst, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.VolumetricConvolution', cls: VolumetricConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new VolumetricConvolution(...volumetricArgs(f))),
    write: (m) => ({ ...volumetricFields(m), weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.VolumetricDilatedConvolution', cls: VolumetricDilatedConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new VolumetricDilatedConvolution(...volumetricArgs(f), num(f, 'dilationT', 1), num(f, 'dilationW', 1), num(f, 'dilationH', 1))),
    write: (m) => ({ ...volumetricFields(m), dilationT: m.dilationT, dilationW: m.dilationW, dilationH: m.dilationH, weight: m.weight, gradWeight: m.gradWeight }) }),
  def({ torch: 'nn.VolumetricFullConvolution', cls: VolumetricFullConvolution, tensors: BIAS,
    read: (f) => withWeights(f, new VolumetricFullConvolution(...volumetricArgs(f), num(f, 'adjT', 0), num(f, 'adjW', 0), num(f, 'adjH', 0))),
    write: (m) => ({ nInputPlane: m.nInputPlane, nOutputPlane: m.nOutputPlane, kT: m.kT, kW: m.kW, kH: m.kH, dT: m.dT, dW: m.dW, dH: m.dH,
      padT: m.padT, padW: m.padW, padH: m.padH, adjT: m.adjT, adjW: m.adjW, adjH: m.adjH, weight: m.weight, gradWeight: m.gradWeight }) }),
];
