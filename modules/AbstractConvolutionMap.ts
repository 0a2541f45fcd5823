/**
 * What SpatialConvolutionMap and SpatialFullConvolutionMap share (not a Torch class; never
 * instantiated): the connection table (nConnections × 2 rows (input plane, output plane), 0-based),
 * the planes it implies (nInputPlane = the largest input index + 1, likewise nOutputPlane), one
 * kH × kW kernel per connection (weight nConnections × kH × kW), bias nOutputPlane, Torch's
 * per-plane reset, the checked input and toString. The passes (direct or transposed) are the subclass's.
 * Ref: torch/nn SpatialConvolutionMap.lua, SpatialFullConvolutionMap.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { checkSizes, connections, planeInput, resetMap, type PlaneInput } from './convolutionCore.js';
import { AbstractConvolution } from './AbstractConvolution.js';

export abstract class AbstractConvolutionMap extends AbstractConvolution {
  declare bias: Tensor;
  declare gradBias: Tensor;
  readonly nInputPlane: number;
  readonly nOutputPlane: number;
  ones = Tensor.empty();
  protected readonly pairs: readonly (readonly [number, number])[];

  constructor(readonly connTable: Tensor, readonly kW: number, readonly kH: number, readonly dW = 1, readonly dH = 1) {
    const where = `${new.target.name}.constructor`;
    checkSizes(where, { kW, kH, dW, dH });
    const pairs = connections(where, connTable), nOutputPlane = Math.max(...pairs.map((p) => p[1])) + 1;
    super([pairs.length, kH, kW], [nOutputPlane]);
    this.pairs = pairs;
    this.nInputPlane = Math.max(...pairs.map((p) => p[0])) + 1;
    this.nOutputPlane = nOutputPlane;
    this.reset();
  }

  /** kW·kH, a kernel's size; the reset scales it by the fan-in of the kernel's output plane. */
  protected override fanIn(): number {
    return this.kW * this.kH;
  }

  /** Torch's: kernel r and bias o from U(±1/√(kW·kH·fan-in of its output plane)) unless stdv is given. */
  override reset(stdv?: number): this {
    resetMap(stdv, this.pairs, this.fanIn(), this.weight, this.bias);
    return this;
  }

  /** The checked (B ×) nInputPlane × H × W input and its H, W. */
  protected planes(method: string, input: Tensor): [PlaneInput, number, number] {
    const p = planeInput(this.where(method), input, this.nInputPlane, 2, 'H, W');
    const [H, W] = p.extents as [number, number];
    return [p, H, W];
  }

  override toString(): string {
    return `${this.constructor.name}(${this.nInputPlane} -> ${this.nOutputPlane}, ${this.kW}x${this.kH}, ${this.dW},${this.dH}, ${this.pairs.length} connections)`;
  }
}
