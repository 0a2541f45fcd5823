/**
 * The shared body of nn.SpatialFractionalMaxPooling and nn.VolumetricFractionalMaxPooling (not a
 * Torch class; Graham 2014): per plane one sample u ~ U(0, 1) per pooled dimension
 * (`randomSamples`, (B, C, nSpatial), from the seeded generator at every forward unless
 * `fixPoolingRegions()`); window i of a dimension starts at ⌊(i + u)·α⌋ − ⌊u·α⌋ with
 * α = (in − pool)/(out − 1), the last at in − pool, and spans poolSize cells. `indices`: 0-based
 * positions of the maxima within each input plane. Ref: THNN SpatialFractionalMaxPooling.c,
 * VolumetricFractionalMaxPooling.c.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { TypedArray } from '../lib/Storage.js';
import { rng } from '../lib/random.js';
import { ShapeError, shapeStr } from '../lib/errors.js';
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

const product = (a: readonly number[]) => a.reduce((p, q) => p * q, 1);

export abstract class FractionalMaxPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');
  randomSamples: Tensor | null = null;
  newRandomPool = false;

  /** The number of pooled dimensions (the last ones of a plane). */
  protected abstract get nSpatial(): number;
  /** Per dimension d0, d1, d2, the position of its sample among a plane's (fractionalPool's `which`; −1: none). */
  protected abstract get sampleOrder(): readonly number[];
  /** The pool sizes, per pooled dimension in the input's order. */
  protected abstract get pools(): number[];
  /** The output sizes for the input's pooled sizes; a ShapeError naming `method` when they do not fit. */
  protected abstract outputSizes(method: string, sizes: readonly number[]): number[];

  /** Keeps the samples of the next forward for the ones after (Torch's fixPoolingRegions; false draws anew). */
  fixPoolingRegions(val = true): this {
    this.newRandomPool = val;
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const nd = this.nSpatial, x = this.checkTensor('updateOutput', input, [nd + 1, nd + 2]).contiguous();
    const pl = planesOf(x, nd), o = this.outputSizes('updateOutput', pl.sizes);
    this.randomSamples = drawSamples(this.randomSamples, x, pl.batch ? x.size(0) : 1, pl.lead[pl.lead.length - 1]!, nd, this.newRandomPool);
    this.output.resizeAs(x).resize([...pl.lead, ...o]);
    this.indices.resize([...pl.lead, ...o]);
    fractionalPool(x, this.output, this.indices, this.randomSamples, pl.planes, nd, this.sampleOrder, pl.sizes, o, this.pools);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const nd = this.nSpatial, x = this.checkTensor('updateGradInput', input, [nd + 1, nd + 2]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const pl = planesOf(x, nd), o = this.outputSizes('updateGradInput', pl.sizes);
    if (!this.indices.sameShape([...pl.lead, ...o])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected input of the forward's size, got ${shapeStr(x.shape)}`);
    }
    this.gradInput.resizeAs(x);
    fractionalPoolBackward(this.gradInput, g, this.indices, pl.planes, product(pl.sizes), product(o));
    return this.gradInput;
  }

  override clearState(): this {
    this.indices = Tensor.empty('long');
    this.randomSamples = null;
    return super.clearState();
  }
}
