/**
 * The shared body of nn.SpatialMaxUnpooling and nn.VolumetricMaxUnpooling (not a Torch class): the
 * inverse of a max pooling whose kernel equals its stride. Each input value is put back where the
 * pooling module found its maximum (its `indices`, read at every call); the rest of the output
 * planes (the pooling's input size, kept in the o* fields) is zero.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, StateError, shapeStr } from '../lib/errors.js';
import { gatherPlanes, planesOf, scatterPlanes, type Planes } from './SpatialMaxPooling.js';

type Pooling = Module<Tensor, Tensor> & { indices: Tensor };
const product = (a: readonly number[]) => a.reduce((p, q) => p * q, 1);

export abstract class MaxUnpooling<P extends Pooling> extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  indices = Tensor.empty('long');

  /** `poolingClass`: the one pooling class accepted (not a subclass); `equalStride`: its kernel equals its stride. */
  constructor(readonly pooling: P, poolingClass: abstract new (...args: never[]) => P, equalStride: (p: P) => boolean) {
    super();
    if (!(pooling instanceof poolingClass) || pooling.constructor !== poolingClass) {
      throw new ArgumentError(`${new.target.name}.constructor: expected a ${poolingClass.name} module`);
    }
    if (!equalStride(pooling)) {
      throw new ArgumentError(`${new.target.name}.constructor: expected a pooling kernel equal to its stride, got ${pooling.toString()}`);
    }
  }

  /** The number of pooled dimensions (2: H, W; 3: T, H, W). */
  protected abstract get nSpatial(): number;
  /** Copies the pooling's input sizes into the o* fields; returns them. */
  protected abstract readSizes(): number[];

  /** [the input's planes, the output's plane size], after the indices and sizes are read. */
  private setParams(method: string, x: Tensor): [Planes, number[]] {
    this.indices = this.pooling.indices;
    const out = this.readSizes();
    if (this.indices.numel() === 0) {
      throw new StateError(`${this.where(method)}: the pooling module has no indices yet; run its forward first`);
    }
    if (!this.indices.sameShape(x)) {
      throw new ShapeError(`${this.where(method)}: expected input of size ${shapeStr(this.indices.shape)} (the pooling module's output), got ${shapeStr(x.shape)}`);
    }
    return [planesOf(x, this.nSpatial), out];
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [this.nSpatial + 1, this.nSpatial + 2]).contiguous();
    const [pl, out] = this.setParams('updateOutput', x), ind = this.indices;
    this.output.resizeAs(x).resize([...pl.lead, ...out]);
    scatterPlanes(this.output.data, this.output.offset, product(out), x.data, x.offset, ind.data, ind.offset, product(pl.sizes), pl.planes);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const x = this.checkTensor('updateGradInput', input, [this.nSpatial + 1, this.nSpatial + 2]);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output).contiguous();
    const [pl, out] = this.setParams('updateGradInput', x), ind = this.indices;
    this.gradInput.resizeAs(x);
    gatherPlanes(this.gradInput.data, this.gradInput.offset, g.data, g.offset, product(out), ind.data, ind.offset, product(pl.sizes), pl.planes);
    return this.gradInput;
  }

  override toString(): string {
    return `${this.constructor.name} associated to ${this.pooling.toString()}`;
  }
}
