/**
 * nn.SpatialMaxUnpooling(poolingModule): the inverse of a SpatialMaxPooling whose kernel equals its
 * stride: each input value is put back where the pooling module found its maximum, the rest of the
 * (C, iheight, iwidth) planes is zero. Input (C, h, w) or (B, C, h, w), the pooling module's output
 * size. The backend's maxUnpool2d kernels read the pooling's positions where its kernels wrote them
 * (`pooling.positions`, floats; lib/kernels/KernelTable.ts), so the `indices` field stays empty:
 * `pooling.indices` holds them as a LongTensor.
 * Ref: torch/nn SpatialMaxUnpooling.lua.
 */
import type { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import type { PoolShape } from '../lib/kernels/poolShape.js';
import { ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { SpatialMaxPooling, planesOf, type Planes } from './SpatialMaxPooling.js';
import { MaxUnpooling } from './MaxUnpooling.js';

export class SpatialMaxUnpooling extends MaxUnpooling<SpatialMaxPooling> {
  oheight = 0;
  owidth = 0;

  constructor(pooling: SpatialMaxPooling) {
    super(pooling, SpatialMaxPooling, (p) => p.kW === p.dW && p.kH === p.dH);
  }

  protected override get nSpatial(): number {
    return 2;
  }

  protected override readSizes(): number[] {
    this.oheight = this.pooling.iheight;
    this.owidth = this.pooling.iwidth;
    return [this.oheight, this.owidth];
  }

  /** The input's planes and the pooling's geometry, after its positions and sizes are checked. */
  private geometry(method: string, x: Tensor): [Planes, PoolShape, Tensor] {
    const at = this.pooling.positions, [oheight, owidth] = this.readSizes() as [number, number];
    if (at.numel() === 0) throw new StateError(`${this.where(method)}: the pooling module has no indices yet; run its forward first`);
    if (!at.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${shapeStr(at.shape)} (the pooling module's output), got ${shapeStr(x.shape)}`);
    }
    const pl = planesOf(x, 2), [oH, oW] = pl.sizes as [number, number], p = this.pooling;
    return [pl, { planes: pl.planes, iH: oheight, iW: owidth, oH, oW, kH: p.kH, kW: p.kW, dH: p.dH, dW: p.dW,
      padH: p.padH, padW: p.padW, dilH: 1, dilW: 1 }, at];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]).contiguous();
    const [pl, g, at] = this.geometry('updateOutput', x);
    this.output.resizeAs(x).resize([...pl.lead, g.iH, g.iW]);
    backend().maxUnpool2d(this.output, x, at, g);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [3, 4]);
    const go = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [, g, at] = this.geometry('updateGradInput', x);
    this.gradInput.resizeAs(x);
    backend().maxUnpool2dBackward(this.gradInput, go, at, g);
    return this.gradInput;
  }
}
