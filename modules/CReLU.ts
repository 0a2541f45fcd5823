/**
 * nn.CReLU(nInputDims, inplace = false): concatenated ReLU, y = [ReLU(x), ReLU(−x)] joined along
 * the feature dimension: input of nInputDims dimensions (one example) or nInputDims + 1 (a batch);
 * the first dimension of an example doubles ((C, H, W) → (2C, H, W)). Torch builds it as a
 * Sequential (ConcatTable(Identity, MulConstant(−1)), JoinTable, ReLU(inplace)); here it is
 * computed directly, `inplace` only recorded. Ref: torch/nn CReLU.lua; Shang et al. 2016.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

export class CReLU extends Module<Tensor, Tensor> {
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private buf = Tensor.empty();

  constructor(readonly nInputDims: number, readonly inplace = false) {
    super();
    if (!(Number.isInteger(nInputDims) && nInputDims >= 1)) throw new ArgumentError(`CReLU.constructor: expected nInputDims ≥ 1, got ${nInputDims}`);
  }

  /** [examples, elements per example, the output's size]. */
  private layout(method: string, input: Tensor): [number, number, number[]] {
    const x = this.checkTensor(method, input, [this.nInputDims, this.nInputDims + 1]);
    const batched = x.dim() === this.nInputDims + 1, B = batched ? x.size(0) : 1, f = batched ? 1 : 0;
    const osize = x.size();
    osize[f] = osize[f]! * 2;
    return [B, x.numel() / B, osize];
  }

  override updateOutput(input: Tensor): Tensor {
    const [B, M, osize] = this.layout('updateOutput', input);
    const x = input.contiguous().view(B, 1, M), o = this.output.resize(osize).view(B, 2, M);
    o.narrow(1, 0, 1).copy(this.buf.resizeAs(x).cmax(x, 0));
    o.narrow(1, 1, 1).copy(this.buf.neg(x).cmax(this.buf, 0));
    return this.output;
  }

  override updateGradInput(input: Tensor, gradOutput: Tensor): Tensor {
    const [B, M, osize] = this.layout('updateGradInput', input);
    const g = this.checkGradOutput('updateGradInput', gradOutput, this.output);
    if (g.numel() !== B * M * 2) throw new ShapeError(`${this.where('updateGradInput')}: expected gradOutput of size ${shapeStr(osize)}, got ${shapeStr(g.shape)}`);
    const x = input.contiguous().view(B, 1, M), g3 = g.contiguous().view(B, 2, M);
    const gi = this.gradInput.resizeAs(input).view(B, 1, M), m = this.buf.resizeAs(x);
    gi.cmul(g3.narrow(1, 0, 1), m.gt(x, 0)); // ∂ReLU(x)
    gi.csub(m.lt(x, 0).cmul(g3.narrow(1, 1, 1))); // ∂ReLU(−x) = −[x < 0]
    return this.gradInput;
  }

  override toString(): string {
    return 'CReLU()';
  }
}
