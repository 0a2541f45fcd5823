/**
 * nn.Dictionary(dictSize, embeddingSize, accUpdate = false): a LookupTable (dictSize × embeddingSize
 * embedding, indices 0-based) that keeps track of the rows a backward touched (`inputs`: row → count
 * since the last zeroGradParameters; `nBackward`: indices seen), so that updateParameters,
 * zeroGradParameters, maxParamNorm, updateGradParameters and sparseParameters work on those rows
 * only — dpnn's sparse updates for large vocabularies. With accUpdate, gradWeight is dropped
 * (accUpdateOnly) and training goes through accUpdateGradParameters. maxParamNorm renormalises each
 * touched row to L2 ≤ maxOutNorm (or maxInNorm); momentum buffers start at zero, per touched row.
 * Called from a container, the container's dense versions apply (same updates; untouched rows
 * have zero gradients). Ref: dpnn Dictionary.lua (deprecated there in 2016 in favour of LookupTable).
 */
import { Tensor } from '../lib/Tensor.js';
import { backend } from '../lib/kernels/backend.js';
import { LookupTable } from './LookupTable.js';
import '../lib/dpnnModule.js';

export class Dictionary extends LookupTable {
  readonly accUpdate: boolean;
  /** Rows (0-based) seen by accGradParameters / accUpdateGradParameters since zeroGradParameters, with their counts. */
  inputs = new Map<number, number>();
  nBackward = 0;
  /** The dense momentum buffer (its touched rows are used), created by momentumGradParameters. */
  momGradParams: Tensor[] = [];

  constructor(dictSize: number, embeddingSize: number, accUpdate = false) {
    super(dictSize, embeddingSize);
    this.accUpdate = accUpdate;
    if (accUpdate) this.accUpdateOnly();
  }

  private record(): void {
    const d = this.indices.data, o = this.indices.offset, n = this.indices.numel();
    this.nBackward += n;
    for (let i = 0; i < n; i++) this.inputs.set(d[o + i]!, (this.inputs.get(d[o + i]!) ?? 0) + 1);
  }

  /** The touched rows, in increasing order. */
  private rows(): number[] {
    return [...this.inputs.keys()].sort((a, b) => a - b);
  }

  override accGradParameters(input: Tensor, gradOutput: Tensor, scale = 1): void {
    super.accGradParameters(input, gradOutput, scale);
    this.record();
  }

  override accUpdateGradParameters(input: Tensor, gradOutput: Tensor, lr: number): void {
    super.accUpdateGradParameters(input, gradOutput, lr);
    this.record();
  }

  /** The touched rows of weight and of gradWeight (views), in increasing row order. */
  override sparseParameters(): [Tensor[], Tensor[]] {
    const rows = this.rows(), hasGrad = this.gradWeight.numel() > 0;
    return [rows.map((k) => this.weight.select(0, k)), hasGrad ? rows.map((k) => this.gradWeight.select(0, k)) : []];
  }

  override updateParameters(learningRate: number): void {
    const [params, grads] = this.sparseParameters();
    grads.forEach((g, i) => params[i]!.add(-learningRate, g));
  }

  override zeroGradParameters(): void {
    if (!this.accUpdate) for (const g of this.sparseParameters()[1]) g.zero();
    this.inputs.clear();
    this.nBackward = 0;
  }

  override maxParamNorm(maxOutNorm?: number, maxInNorm?: number): void {
    const max = maxOutNorm ?? maxInNorm;
    if (max === undefined || !(max > 0)) return;
    for (const k of this.rows()) backend().renorm(this.weight.narrow(0, k, 1), 1, this.nOutput, true, max);
  }

  /** The touched rows of the momentum buffer (zero at first). */
  override momentumGradParameters(): Tensor[] {
    const mom = this.momGradParams[0]?.sameShape(this.gradWeight) ? this.momGradParams[0] : Tensor.zeros(this.gradWeight.shape, this.gradWeight.dtype);
    this.momGradParams = [mom];
    return this.rows().map((k) => mom.select(0, k));
  }

  /** mom = momFactor·mom + (1 − momDamp)·grad on the touched rows, then grad := mom (or grad + momFactor·mom with Nesterov). */
  override updateGradParameters(momFactor: number, momDamp = momFactor, nesterov = false): void {
    if (!(momFactor > 0) || this.gradWeight.numel() === 0) return;
    const moms = this.momentumGradParameters(), grads = this.sparseParameters()[1];
    grads.forEach((g, i) => {
      const m = moms[i]!.mul(momFactor).add(1 - momDamp, g);
      if (nesterov) g.add(momFactor, m);
      else g.copy(m);
    });
  }

  /** Shares parameters (as Module's) and the record of touched rows. */
  override sharedClone(shareParams = true, shareGradParams = true): this {
    const c = super.sharedClone(shareParams, shareGradParams);
    c.inputs = this.inputs;
    return c;
  }
}
