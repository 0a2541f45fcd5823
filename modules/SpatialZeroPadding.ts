/**
 * nn.SpatialZeroPadding(pad_l, pad_r = pad_l, pad_t = pad_l, pad_b = pad_l): pads each plane with
 * zeros (left, right, top, bottom); negative pads crop. Input (C, H, W) or (B, C, H, W); output
 * (C, H + pad_t + pad_b, W + pad_l + pad_r). Also the base the other padding classes share
 * (reflection, replication, volumetric). Ref: torch/nn SpatialZeroPadding.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { planesOf } from './SpatialMaxPooling.js';

export type PadKind = 'zero' | 'reflect' | 'replicate';

/** The input index an output index o reads (−1: a zero), for a dimension of n with `before` padded in front (THNN's rules). */
function source(kind: PadKind, o: number, n: number, before: number): number {
  if (kind === 'zero') { const i = o - before; return i >= 0 && i < n ? i : -1; }
  const shift = Math.max(0, -before) - Math.max(0, before);
  const i = o < before ? (kind === 'reflect' ? 2 * before - o : before) : o < n + before ? o : kind === 'reflect' ? 2 * (n + before - 1) - o : n + before - 1;
  return i + shift;
}

/** Base of the padding modules: `nd` trailing dims, pads [before, after] per dim (outermost first). */
export abstract class Padding extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  protected abstract readonly kind: PadKind;
  protected abstract pads(): [number, number][];

  protected checkPads(values: readonly number[]): void {
    if (!values.every((p) => Number.isInteger(p))) throw new ArgumentError(`${this.where('constructor')}: expected integer pads, got ${values.join(', ')}`);
  }

  /** The per-dimension source maps and sizes for this input. */
  private plan(method: string, input: Tensor): { lead: number[]; planes: number; inS: number[]; outS: number[]; maps: Int32Array[] } {
    const pads = this.pads(), nd = pads.length, x = this.checkTensor(method, input, [nd + 1, nd + 2]), pl = planesOf(x, nd);
    const outS = pl.sizes.map((n, d) => n + pads[d]![0] + pads[d]![1]);
    const bad = outS.some((o) => o < 1) || (this.kind === 'reflect' && pads.some(([a, b], d) => a >= pl.sizes[d]! || b >= pl.sizes[d]!));
    if (bad) throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is too small for pads ${pads.map((p) => p.join('/')).join(', ')}`);
    const maps = outS.map((o, d) => Int32Array.from({ length: o }, (_, k) => source(this.kind, k, pl.sizes[d]!, pads[d]![0])));
    return { lead: pl.lead, planes: pl.planes, inS: pl.sizes, outS, maps };
  }

  /** y[o] = x[map(o)] (zero where unmapped), or backward gx[map(o)] += g[o]; dims padded to three (1 in front). */
  private static run(x: Tensor, y: Tensor, planes: number, inS: number[], outS: number[], maps: Int32Array[], backward: boolean): void {
    const pad3 = <T>(a: T[], one: T) => [...Array<T>(3 - a.length).fill(one), ...a];
    const [i0, i1, i2] = pad3(inS, 1) as [number, number, number], [o0, o1, o2] = pad3(outS, 1) as [number, number, number];
    const [m0, m1, m2] = pad3(maps, Int32Array.of(0)) as [Int32Array, Int32Array, Int32Array];
    const xd = x.data, yd = y.data, inPlane = i0 * i1 * i2;
    if (backward) xd.fill(0, x.offset, x.offset + planes * inPlane);
    let o = y.offset;
    for (let p = 0; p < planes; p++) {
      const base = x.offset + p * inPlane;
      for (let a = 0; a < o0; a++) {
        const sa = m0[a]!;
        for (let b = 0; b < o1; b++) {
          const sb = m1[b]!, row = base + (sa * i1 + sb) * i2;
          for (let c = 0; c < o2; c++, o++) {
            const sc = m2[c]!, ok = sa >= 0 && sb >= 0 && sc >= 0;
            if (backward) { if (ok) xd[row + sc]! += yd[o]!; } else yd[o] = ok ? xd[row + sc]! : 0;
          }
        }
      }
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const x = input.contiguous(), pl = this.plan('updateOutput', x);
    this.output.resizeAs(x).resize([...pl.lead, ...pl.outS]);
    Padding.run(x, this.output, pl.planes, pl.inS, pl.outS, pl.maps, false);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const pl = this.plan('updateGradInput', input), g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    if (!g.sameShape([...pl.lead, ...pl.outS])) {
      throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr([...pl.lead, ...pl.outS])}, got ${shapeStr(g.shape)}`);
    }
    this.gradInput.resizeAs(input);
    Padding.run(this.gradInput, g, pl.planes, pl.inS, pl.outS, pl.maps, true);
    return this.gradInput;
  }
}

/** The four-pad spatial modules: Torch's fields pad_l, pad_r, pad_t, pad_b. */
export abstract class SpatialPadding extends Padding {
  readonly pad_r: number;
  readonly pad_t: number;
  readonly pad_b: number;

  constructor(readonly pad_l: number, pad_r?: number, pad_t?: number, pad_b?: number) {
    super();
    this.pad_r = pad_r ?? pad_l;
    this.pad_t = pad_t ?? pad_l;
    this.pad_b = pad_b ?? pad_l;
    this.checkPads([pad_l, this.pad_r, this.pad_t, this.pad_b]);
  }

  protected pads(): [number, number][] {
    return [[this.pad_t, this.pad_b], [this.pad_l, this.pad_r]];
  }

  override toString(): string {
    return `${this.constructor.name}(l=${this.pad_l}, r=${this.pad_r}, t=${this.pad_t}, b=${this.pad_b})`;
  }
}

export class SpatialZeroPadding extends SpatialPadding {
  protected readonly kind = 'zero';
}
