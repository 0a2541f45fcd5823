/**
 * nn.SpatialLPPooling(nInputPlane, pnorm, kW, kH, dW = kW, dH = kH): LP pooling of every kW × kH
 * window: y = (Σ_window x^pnorm)^(1/pnorm) (Torch builds it as Power/Square, SpatialAveragePooling,
 * MulConstant(kW·kH), Power(1/p)/Sqrt; here in one loop, same values). No absolute value is taken.
 * Input (C, H, W) or (B, C, H, W); output (C, oH, oW) with oH = ⌊(H − kH)/dH⌋ + 1.
 * Ref: torch/nn SpatialLPPooling.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { checkPoolArgs, planesOf, type Planes } from './SpatialMaxPooling.js';

export class SpatialLPPooling extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  readonly dW: number;
  readonly dH: number;

  constructor(readonly nInputPlane: number, readonly pnorm: number, readonly kW: number, readonly kH: number, dW?: number, dH?: number) {
    super();
    this.dW = dW ?? kW;
    this.dH = dH ?? kH;
    checkPoolArgs('SpatialLPPooling.constructor', [kW, kH], [this.dW, this.dH], [0, 0]);
    if (!(pnorm > 0)) throw new ArgumentError(`SpatialLPPooling.constructor: expected pnorm > 0, got ${pnorm}`);
  }

  private geometry(method: string, input: Tensor): [Planes, number, number] {
    const x = this.checkTensor(method, input, [3, 4]), pl = planesOf(x, 2), [iH, iW] = pl.sizes as [number, number];
    const oH = Math.floor((iH - this.kH) / this.dH) + 1, oW = Math.floor((iW - this.kW) / this.dW) + 1;
    if (iH < this.kH || iW < this.kW) throw new ShapeError(`${this.where(method)}: input ${shapeStr(x.shape)} is smaller than the ${this.kW}×${this.kH} window`);
    return [pl, oH, oW];
  }

  /** Forward: y = (Σ x^p)^(1/p) per window; backward: gx += g·(x/y)^(p−1) over the window (0 where y = 0). */
  private run(x: Tensor, y: Tensor, pl: Planes, oH: number, oW: number, go: Tensor | null, gi: Tensor | null): void {
    const [iH, iW] = pl.sizes as [number, number], p = this.pnorm, xd = x.data, yd = y.data;
    if (gi) gi.data.fill(0, gi.offset, gi.offset + pl.planes * iH * iW);
    let o = 0;
    for (let q = 0; q < pl.planes; q++) {
      const base = q * iH * iW;
      for (let i = 0; i < oH; i++) {
        for (let j = 0; j < oW; j++, o++) {
          const r0 = i * this.dH, c0 = j * this.dW;
          if (!gi || !go) {
            let s = 0;
            for (let r = r0; r < r0 + this.kH; r++) for (let c = c0; c < c0 + this.kW; c++) s += xd[x.offset + base + r * iW + c]! ** p;
            yd[y.offset + o] = s ** (1 / p);
            continue;
          }
          const yv = yd[y.offset + o]!, gv = go.data[go.offset + o]!;
          if (yv === 0) continue;
          for (let r = r0; r < r0 + this.kH; r++) {
            for (let c = c0; c < c0 + this.kW; c++) gi.data[gi.offset + base + r * iW + c]! += gv * (xd[x.offset + base + r * iW + c]! / yv) ** (p - 1);
          }
        }
      }
    }
  }

  override updateOutput(input: Tensor): Tensor {
    const [pl, oH, oW] = this.geometry('updateOutput', input), x = input.contiguous();
    this.output.resizeAs(x).resize([...pl.lead, oH, oW]);
    this.run(x, this.output, pl, oH, oW, null, null);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [pl, oH, oW] = this.geometry('updateGradInput', input), x = input.contiguous();
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    this.gradInput.resizeAs(x);
    this.run(x, this.output, pl, oH, oW, g, this.gradInput);
    return this.gradInput;
  }

  override toString(): string {
    return `SpatialLPPooling(${this.nInputPlane}, ${this.pnorm}, ${this.kW}x${this.kH}, ${this.dW},${this.dH})`;
  }
}
