/**
 * nn.SpatialFractionalMaxPooling(poolSizeW, poolSizeH, outW, outH) or (…, ratioW, ratioH) with
 * ratios in (0, 1): fractional max pooling (Graham 2014). Each plane draws two samples u ~ U(0, 1)
 * (`randomSamples`, (B, C, 2): [w, h]; from the seeded generator at every forward unless
 * `fixPoolingRegions()`); window i of a dimension starts at ⌊(i + u)·α⌋ − ⌊u·α⌋ with
 * α = (in − pool)/(out − 1), the last at in − pool, and spans poolSize cells. Output (C, outH, outW)
 * or (B, C, outH, outW); ratios give out = ⌊in·ratio⌋. `indices`: 0-based y·W + x per output cell.
 * Also the loop VolumetricFractionalMaxPooling shares. Ref: torch/nn SpatialFractionalMaxPooling.lua,
 * THNN SpatialFractionalMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { rng } from '../lib/random.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf, scatterPlanes } from './SpatialMaxPooling.js';

/** Window starts of one dimension (computed in the input's precision, as THNN's `real`). */
function intervals(u: number, inSize: number, outSize: number, pool: number, f32: boolean): Int32Array {
  const r = f32 ? Math.fround : (v: number) => v;
  const alpha = r((inSize - pool) / (outSize - 1)), seq = new Int32Array(outSize);
  for (let i = 0; i < outSize - 1; i++) seq[i] = Math.trunc(r(r(i + u) * alpha)) - Math.trunc(r(u * alpha));
  seq[outSize - 1] = inSize - pool;
  return seq;
}

/**
 * Fractional max pooling of planes laid out (d0, d1, d2) (spatial: (H, W, 1); volumetric: (H, W, T)).
 * `which[d]` is the position of dimension d's sample among a plane's `ns` samples (−1: no sample, size 1).
 */
export function fractionalPool(x: Tensor, y: Tensor, idx: Tensor, samples: Tensor, planes: number, ns: number, which: readonly number[],
  iS: readonly number[], oS: readonly number[], pool: readonly number[]): void {
  const [i0 = 1, i1 = 1, i2 = 1] = iS, [o0 = 1, o1 = 1, o2 = 1] = oS, [p0 = 1, p1 = 1, p2 = 1] = pool;
  const xd = x.data, yd = y.data, id = idx.data, sd = samples.data, f32 = x.dtype === 'float32';
  let o = 0;
  for (let p = 0; p < planes; p++) {
    const seq = [0, 1, 2].map((d) => {
      const w = which[d]!;
      return w < 0 ? new Int32Array(1) : intervals(sd[samples.offset + p * ns + w]!, iS[d]!, oS[d]!, pool[d]!, f32);
    }) as [Int32Array, Int32Array, Int32Array];
    const base = x.offset + p * i0 * i1 * i2;
    for (let a = 0; a < o0; a++) {
      const a0 = seq[0][a]!;
      for (let b = 0; b < o1; b++) {
        const b0 = seq[1][b]!;
        for (let c = 0; c < o2; c++, o++) {
          const c0 = seq[2][c]!;
          let best = -Infinity, at = -1;
          for (let u = a0; u < a0 + p0; u++) {
            for (let v = b0; v < b0 + p1; v++) {
              for (let w = c0; w < c0 + p2; w++) {
                const k = (u * i1 + v) * i2 + w, val = xd[base + k]!;
                if (val > best || at < 0) { best = val; at = k; }
              }
            }
          }
          yd[y.offset + o] = best;
          id[idx.offset + o] = at;
        }
      }
    }
  }
}

/** Backward of fractionalPool: scatters gradOutput back to the maxima. */
export function fractionalPoolBackward(gradIn: Tensor, gradOut: Tensor, idx: Tensor, planes: number, inPlane: number, outPlane: number): void {
  const d: TypedArray = gradIn.data;
  scatterPlanes(d, gradIn.offset, inPlane, gradOut.data, gradOut.offset, idx.data, idx.offset, outPlane, planes);
}

/** Draws (or keeps, when fixed and of the right size) the per-plane samples. */
export function drawSamples(current: Tensor | null, x: Tensor, B: number, C: number, ns: number, fixed: boolean): Tensor {
  const keep = current !== null && current.size(0) === B && current.size(1) === C;
  const s = current !== null && keep ? current : Tensor.empty(x.dtype).resize([B, C, ns]);
  if (keep && fixed) return s;
  const d = s.data; // drawn on the host, where the windows are computed (the js kernel's order)
  for (let i = 0; i < B * C * ns; i++) d[s.offset + i] = rng.uniform(0, 1);
  return s;
}

export class SpatialFractionalMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');
  randomSamples: Tensor | null = null;
  newRandomPool = false;
  outW?: number;
  outH?: number;
  ratioW?: number;
  ratioH?: number;

  constructor(readonly poolSizeW: number, readonly poolSizeH: number, arg1: number, arg2: number) {
    super();
    if (!(Number.isInteger(poolSizeW) && Number.isInteger(poolSizeH) && poolSizeW >= 2 && poolSizeH >= 2)) {
      throw new ArgumentError(`SpatialFractionalMaxPooling.constructor: expected integer pool sizes ≥ 2, got ${poolSizeW}, ${poolSizeH}`);
    }
    if (arg1 >= 1 && arg2 >= 1) {
      this.outW = arg1;
      this.outH = arg2;
    } else if (arg1 > 0 && arg1 < 1 && arg2 > 0 && arg2 < 1) {
      this.ratioW = arg1;
      this.ratioH = arg2;
    } else {
      throw new ArgumentError(`SpatialFractionalMaxPooling.constructor: expected output sizes ≥ 1 or ratios in (0, 1), got ${arg1}, ${arg2}`);
    }
  }

  /** Keeps the samples of the next forward for the ones after (Torch's fixPoolingRegions; false draws anew). */
  fixPoolingRegions(val = true): this {
    this.newRandomPool = val;
    return this;
  }

  private outputSizes(method: string, iH: number, iW: number): [number, number] {
    const oW = this.ratioW !== undefined ? Math.floor(iW * this.ratioW) : this.outW ?? 0;
    const oH = this.ratioH !== undefined ? Math.floor(iH * this.ratioH) : this.outH ?? 0;
    if (oW < 1 || oH < 1 || oW + this.poolSizeW - 1 > iW || oH + this.poolSizeH - 1 > iH) {
      throw new ShapeError(`${this.where(method)}: an output of ${oH}×${oW} with ${this.poolSizeH}×${this.poolSizeW} pools does not fit an input of ${iH}×${iW}`);
    }
    return [oH, oW];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], [oH, oW] = this.outputSizes('updateOutput', iH, iW);
    this.randomSamples = drawSamples(this.randomSamples, x, pl.batch ? x.size(0) : 1, pl.lead[pl.lead.length - 1]!, 2, this.newRandomPool);
    this.output.resizeAs(x).resize([...pl.lead, oH, oW]);
    this.indices.resize([...pl.lead, oH, oW]);
    fractionalPool(x, this.output, this.indices, this.randomSamples, pl.planes, 2, [1, 0, -1], [iH, iW, 1], [oH, oW, 1], [this.poolSizeH, this.poolSizeW, 1]);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number], [oH, oW] = this.outputSizes('updateGradInput', iH, iW);
    if (!this.indices.sameShape([...pl.lead, oH, oW])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    fractionalPoolBackward(this.gradInput, g, this.indices, pl.planes, iH * iW, oH * oW);
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    this.randomSamples = null;
    return super.clearState();
  }

  override toString(): string {
    return `SpatialFractionalMaxPooling(${this.outW ?? this.ratioW}x${this.outH ?? this.ratioH}, ${this.poolSizeW},${this.poolSizeH})`;
  }
}
