/**
 * nn.SpatialRegionDropout(p = 0.2): in training, zeroes one border region of every image, chosen
 * per forward from the seeded generator — `regionType` 1: the top ⌊H·p⌋ rows, 2: the bottom ones,
 * 3: the leftmost ⌊W·p⌋ columns, 4: the rightmost ones (Torch's codes) — and scales the whole
 * output by 1/(1 − p) (imitating imperfect bounding boxes). Input (C, H, W) or (B, C, H, W); the
 * same region for the whole batch. Evaluate mode: the identity; backward is then a StateError, as
 * in Torch. Gradient: gradOutput ⊙ noise. Ref: dpnn SpatialRegionDropout.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError, StateError } from '../lib/errors.js';

export class SpatialRegionDropout extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  /** The mask of the last training forward, scaled by 1/(1 − p). */
  noise = Tensor.empty();
  /** The region of the last training forward (1 top, 2 bottom, 3 left, 4 right). */
  regionType = 0;
  p: number;

  constructor(p = 0.2) {
    super();
    this.p = SpatialRegionDropout.checkP(`${new.target.name}.constructor`, p);
  }

  private static checkP(where: string, p: number): number {
    if (!(p >= 0 && p < 1)) throw new ArgumentError(`${where}: expected 0 ≤ p < 1, got ${p}`);
    return p;
  }

  setp(p: number): this {
    this.p = SpatialRegionDropout.checkP(this.where('setp'), p);
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.checkTensor('updateOutput', input, [3, 4]);
    this.output.resizeAs(x).copy(x);
    if (!this.train) return this.output;
    const hDim = x.dim() - 2, H = x.size(hDim), W = x.size(hDim + 1), r = this.regionType = rng.randint(4) + 1;
    const rows = Math.floor(H * this.p), cols = Math.floor(W * this.p), keep = 1 / (1 - this.p);
    // noise = rowMask ⊗ colMask (one small host-made vector each, broadcast over the planes)
    const rowMask = Tensor.from(Array.from({ length: H }, (_, i) => ((r === 1 && i < rows) || (r === 2 && i >= H - rows) ? 0 : keep)), [H], x.dtype);
    const colMask = Tensor.from(Array.from({ length: W }, (_, j) => ((r === 3 && j < cols) || (r === 4 && j >= W - cols) ? 0 : 1)), [W], x.dtype);
    const lead = new Array<number>(hDim).fill(1);
    this.noise.resizeAs(x).copy(rowMask.view([...lead, H, 1]).expandAs(x)).cmul(colMask.view([...lead, 1, W]).expandAs(x));
    this.output.cmul(this.noise);
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    if (!this.train) throw new StateError(`${this.where('updateGradInput')}: backpropagation is only defined in training mode; call training() before forward and backward`);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    this.gradInput.resizeAs(input).copy(g).cmul(this.noise);
    return this.gradInput;
  }

  override clearState(): this {
    this.noise = Tensor.empty(this.noise.dtype);
    return super.clearState();
  }

  override toString(): string {
    return `${this.constructor.name}(p: ${this.p})`;
  }
}
