/**
 * nn.Kmeans(k, dim, scale?): online hard k-means. weight holds the k centroids (k × dim). Forward of a
 * B × dim input: output (B) = the index (0-based; Torch's are 1-based) of each sample's nearest centroid,
 * and `loss` = Σ of the squared distances to them. gradInput is zero (k-means has its own update rule);
 * accGradParameters adds −scale·(1/n_c)·Σ_{x in c}(x − c) to gradWeight for every centroid c with n_c
 * samples (`clusterSampleCount`), so that updateParameters(1) moves each centroid toward its samples.
 * `scale` (constructor) overrides the scale of accGradParameters. Seeded: initRandom and initKmeansPlus
 * draw from the global generator. Ref: torch/nn Kmeans.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import '../lib/torch/index.js';

export class Kmeans extends Module<Tensor, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  /** The within-cluster squared error of the last forward. */
  loss = 0;
  clusterSampleCount: Tensor;
  /** kmeans++'s share of the farthest samples to draw from (initKmeansPlus). */
  p?: number;
  override output = Tensor.empty();
  override gradInput = Tensor.empty();
  private _minIndx = Tensor.empty('long');
  private _dist = Tensor.empty();
  private _diff = Tensor.empty();
  private _gradWeight = Tensor.empty();
  private _gradWeight2 = Tensor.empty();

  constructor(readonly k: number, readonly dim: number, readonly scale?: number) {
    super();
    if (!(Number.isInteger(k) && k > 0)) throw new ArgumentError(`Kmeans.constructor: expected a positive integer number of clusters, got ${k}`);
    if (!(Number.isInteger(dim) && dim > 0)) throw new ArgumentError(`Kmeans.constructor: expected a positive integer dimensionality, got ${dim}`);
    this.weight = Tensor.zeros([k, dim]);
    this.gradWeight = Tensor.zeros([k, dim]);
    this.clusterSampleCount = Tensor.zeros([k]);
    this.reset();
  }

  /** Centroids ~ U(−stdev, stdev) (default 1). */
  override reset(stdev = 1): this {
    backend().randomUniform(this.weight, rng, -stdev, stdev);
    return this;
  }

  private check(method: string, input: Tensor, minRows = 1): Tensor {
    const x = this.checkTensor(method, input, [2]);
    if (x.size(1) !== this.dim || x.size(0) < minRows) {
      throw new ShapeError(`${this.where(method)}: expected input of size [n, ${this.dim}] with n ≥ ${minRows}, got ${shapeStr(x.shape)}`);
    }
    return x;
  }

  /** Centroids = k samples of `input` drawn uniformly (with replacement, as Torch). */
  initRandom(input: Tensor): this {
    const x = this.check('initRandom', input, this.k);
    for (let i = 0; i < this.k; i++) this.weight.select(0, i).copy(x.select(0, rng.randint(x.size(0))));
    return this;
  }

  /**
   * kmeans++-style seeding: the first centroid a random sample; each next one a random sample among the
   * ⌈(1 − p)·n⌉ farthest (squared distance to the nearest chosen centroid). p defaults to 0.95.
   */
  initKmeansPlus(input: Tensor, p?: number): this {
    const x = this.check('initKmeansPlus', input, 1), n = x.size(0);
    this.p = p ?? this.p ?? 0.95;
    if (!(this.p >= 0 && this.p <= 1)) throw new ArgumentError(`${this.where('initKmeansPlus')}: expected p in [0, 1], got ${this.p}`);
    const pcount = Math.max(1, Math.ceil((1 - this.p) * n));
    const distances = Tensor.zeros([n], 'float64').fill(Infinity);
    this.weight.select(0, 0).copy(x.select(0, rng.randint(n)));
    for (let c = 1; c < this.k; c++) {
      const last = this.weight.select(0, c - 1);
      for (let i = 0; i < n; i++) distances.set([i], Math.min(distances.get(i), x.select(0, i).dist(last) ** 2));
      const [, order] = distances.sort(0, true);
      this.weight.select(0, c).copy(x.select(0, order.get(rng.randint(pcount))));
    }
    return this;
  }

  override updateOutput(input: Tensor): Tensor {
    const x = this.check('updateOutput', input), B = x.size(0), k = this.k, d = this.dim;
    this._diff.resize(k, B, d).copy(x.view(1, B, d).expand(k, B, d));
    this._diff.add(-1, this.weight.view(k, 1, d).expand(k, B, d)); // x − c
    this._dist.norm(this._diff, 2, 2).pow(2);
    const [minScore, minIndx] = this._dist.view(k, B).min(0);
    this._minIndx = minIndx.view(B);
    this.output.resize(B).copy(this._minIndx);
    this.loss = minScore.sum();
    return this.output;
  }

  override updateGradInput(input: Tensor, _gradOutput: Tensor): Tensor {
    this.gradInput.resizeAs(input).zero();
    return this.gradInput;
  }

  override accGradParameters(input: Tensor, _gradOutput: Tensor, scale = 1): void {
    const x = this.check('accGradParameters', input), B = x.size(0);
    const s = this.scale ?? scale;
    if (!(s > 0)) throw new ArgumentError(`${this.where('accGradParameters')}: expected a positive scale, got ${s}`);
    if (this._minIndx.numel() !== B) throw new ShapeError(`${this.where('accGradParameters')}: expected the input of the last forward (${this._minIndx.numel()} samples), got ${shapeStr(x.shape)}`);
    this.clusterSampleCount.zero().indexAdd(0, this._minIndx, Tensor.zeros([B], this.weight.dtype).fill(1));
    this._gradWeight.index(this.weight, 0, this._minIndx).mul(-1).add(x).mul(-s); // −scale·(x − c)
    this._gradWeight2.resizeAs(this.gradWeight).zero().indexAdd(0, this._minIndx, this._gradWeight);
    const counts = this.clusterSampleCount.clone().add(1e-7).view(this.k, 1); // 1e-7: Torch's guard against empty clusters
    this.gradWeight.add(this._gradWeight2.cdiv(counts.expandAs(this.gradWeight)));
  }

  override toString(): string {
    return `Kmeans(${this.k} clusters, ${this.dim} dims)`;
  }
}
