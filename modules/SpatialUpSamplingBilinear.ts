/**
 * nn.SpatialUpSamplingBilinear(scale) or ({ oheight, owidth }): bilinear resampling with the corners
 * aligned: output cell i reads input position i·(in − 1)/(out − 1). A scale gives out = in·scale.
 * Input (C, H, W) or (B, C, H, W); output (C, oheight, owidth). Also the (bi/tri)linear loop
 * UpSampling shares. Ref: torch/nn SpatialUpSamplingBilinear.lua, THNN SpatialUpSamplingBilinear.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';
import { checkScale } from './SpatialUpSamplingNearest.js';

/** Per output index of one dim: the lower input index, the step to the upper one (0 or 1) and the upper weight. */
function taps(inSize: number, outSize: number): { lo: Int32Array; step: Int32Array; w: Float64Array } {
  const r = outSize > 1 ? (inSize - 1) / (outSize - 1) : 0, lo = new Int32Array(outSize), step = new Int32Array(outSize), w = new Float64Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const pos = inSize === outSize ? i : r * i, l = Math.floor(pos);
    lo[i] = l;
    step[i] = l < inSize - 1 ? 1 : 0;
    w[i] = pos - l;
  }
  return { lo, step, w };
}

/** y = linear resampling of x over the trailing 2 or 3 dims (inS → outS), or (backward) gx = its transpose applied to g. */
export function linearResample(x: Tensor, y: Tensor, planes: number, inS: readonly number[], outS: readonly number[], backward: boolean): void {
  const three = inS.length === 3, [i0, i1, i2] = three ? inS as [number, number, number] : [1, inS[0]!, inS[1]!];
  const [o0, o1, o2] = three ? outS as [number, number, number] : [1, outS[0]!, outS[1]!];
  const A = taps(i0, o0), B = taps(i1, o1), C = taps(i2, o2), xd = x.data, yd = y.data, inPlane = i0 * i1 * i2;
  if (backward) xd.fill(0, x.offset, x.offset + planes * inPlane);
  let o = y.offset;
  for (let p = 0; p < planes; p++) {
    const base = x.offset + p * inPlane;
    for (let a = 0; a < o0; a++) {
      const wa = A.w[a]!, da = A.step[a]! * i1 * i2, pa = base + A.lo[a]! * i1 * i2;
      for (let b = 0; b < o1; b++) {
        const wb = B.w[b]!, db = B.step[b]! * i2, pb = pa + B.lo[b]! * i2;
        for (let c = 0; c < o2; c++, o++) {
          const wc = C.w[c]!, dc = C.step[c]!, k = pb + C.lo[c]!;
          const w000 = (1 - wa) * (1 - wb) * (1 - wc), w001 = (1 - wa) * (1 - wb) * wc, w010 = (1 - wa) * wb * (1 - wc), w011 = (1 - wa) * wb * wc;
          const w100 = wa * (1 - wb) * (1 - wc), w101 = wa * (1 - wb) * wc, w110 = wa * wb * (1 - wc), w111 = wa * wb * wc;
          if (backward) {
            const g = yd[o]!;
            xd[k]! += w000 * g; xd[k + dc]! += w001 * g; xd[k + db]! += w010 * g; xd[k + db + dc]! += w011 * g;
            xd[k + da]! += w100 * g; xd[k + da + dc]! += w101 * g; xd[k + da + db]! += w110 * g; xd[k + da + db + dc]! += w111 * g;
          } else {
            yd[o] = w000 * xd[k]! + w001 * xd[k + dc]! + w010 * xd[k + db]! + w011 * xd[k + db + dc]!
              + w100 * xd[k + da]! + w101 * xd[k + da + dc]! + w110 * xd[k + da + db]! + w111 * xd[k + da + db + dc]!;
          }
        }
      }
    }
  }
}

export class SpatialUpSamplingBilinear extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly scale_factor?: number;
  readonly oheight?: number;
  readonly owidth?: number;

  constructor(params: number | { oheight: number; owidth: number }) {
    super();
    if (typeof params === 'number') {
      checkScale('SpatialUpSamplingBilinear.constructor', params);
      this.scale_factor = params;
    } else {
      if (![params.oheight, params.owidth].every((v) => Number.isInteger(v) && v > 0)) {
        throw new ArgumentError(`SpatialUpSamplingBilinear.constructor: expected positive integer oheight and owidth, got ${params.oheight}, ${params.owidth}`);
      }
      [this.oheight, this.owidth] = [params.oheight, params.owidth];
    }
  }

  private outSizes(iH: number, iW: number): [number, number] {
    const s = this.scale_factor;
    return s !== undefined ? [iH * s, iW * s] : [this.oheight ?? 0, this.owidth ?? 0];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous(), pl = planesOf(x, 2), o = this.outSizes(pl.sizes[0]!, pl.sizes[1]!);
    this.output.resizeAs(x).resize([...pl.lead, ...o]);
    linearResample(x, this.output, pl.planes, pl.sizes, o, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]), pl = planesOf(x, 2), o = this.outSizes(pl.sizes[0]!, pl.sizes[1]!);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!g.sameShape([...pl.lead, ...o])) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, ...o])}, got ${shapeStr(g.shape)}`);
    this.gradInput.resizeAs(x);
    linearResample(this.gradInput, g, pl.planes, pl.sizes, o, true);
    return this.gradInput;
  }

  override toString(): string {
    return this.scale_factor !== undefined ? `SpatialUpSamplingBilinear(${this.scale_factor})` : `SpatialUpSamplingBilinear(${this.oheight}x${this.owidth})`;
  }
}
