/**
 * The one typed interface every backend implements. Kernels take contiguous tensors (indexed from
 * their `offset`), write into the outputs passed first (as THNN does) and return nothing, except
 * reductions, which return a number. A backend missing a kernel fails to compile.
 */
import type { Tensor } from '../Tensor.js';
import type { Generator } from '../random.js';
import type { Allocator } from '../Storage.js';
import type { GlimpseShape } from '../glimpseGeometry.js';
import type { ConvShape } from './convShape.js';
import type { AvgPoolMode, BatchNormShape, PoolShape, UpsampleShape } from './poolShape.js';

/** Elementwise ops of one tensor with up to two scalar parameters a, b (the tensor library's pointwise math). */
export type UnaryOp =
  | 'abs' | 'sign' | 'neg' | 'exp' | 'log' | 'log1p' | 'expm1' | 'sqrt' | 'rsqrt' | 'sigmoid' | 'tanh'
  | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'floor' | 'ceil' | 'round' | 'trunc'
  | 'frac' | 'cinv' | 'square'
  /** a·x + b */
  | 'affine' | 'divs' | 'pows' | 'rpows' | 'clamp' | 'fmod' | 'remainder' | 'cmaxs' | 'cmins'
  /** comparisons with the scalar a: 1 or 0 */
  | 'gts' | 'lts' | 'ges' | 'les' | 'eqs' | 'nes';
/** Elementwise ops of two same-sized tensors with one scalar parameter a. */
export type BinaryOp =
  /** x + a·y */
  | 'add' | 'cmul' | 'cdiv' | 'cpow' | 'cfmod' | 'cremainder' | 'cmax' | 'cmin' | 'atan2'
  /** x + a·(y − x) */
  | 'lerp'
  | 'gt' | 'lt' | 'ge' | 'le' | 'eq' | 'ne';
/** Reductions over one dimension; p is norm's order, or 1/0 for var and std's unbiased flag. */
export type ReduceOp = 'sum' | 'prod' | 'mean' | 'max' | 'min' | 'norm' | 'var' | 'std' | 'all' | 'any';

export interface KernelTable {
  readonly name: string;
  /** Where this backend's tensors are allocated. */
  readonly allocator: Allocator;

  /**
   * C = alpha·op(A)·op(B) + beta·C with op(A) m×k, op(B) k×n, C m×n (row-major).
   * transA: A is stored k×m; transB: B is stored n×k. beta = 0 ignores C's old contents (NaN included).
   */
  gemm(C: Tensor, A: Tensor, B: Tensor, m: number, n: number, k: number,
    transA: boolean, transB: boolean, alpha: number, beta: number): void;
  /** out[r, c] += alpha·v[c] for an out of rows × cols. */
  addRowVector(out: Tensor, v: Tensor, rows: number, cols: number, alpha: number): void;
  /** out[c] = beta·out[c] + alpha·Σ_r x[r, c] for an x of rows × cols. */
  sumRows(out: Tensor, x: Tensor, rows: number, cols: number, alpha: number, beta: number): void;

  /** out = a·x + b·y, elementwise (y may be x or out). */
  axpby(out: Tensor, a: number, x: Tensor, b: number, y: Tensor): void;
  /** out = x ⊙ y, elementwise. */
  cmul(out: Tensor, x: Tensor, y: Tensor): void;
  /** out = x ⊘ y, elementwise. */
  cdiv(out: Tensor, x: Tensor, y: Tensor): void;
  /** out[r, c] = x[r, c]·s[r] for rows × cols: a per-example factor (the REINFORCE reward). */
  scaleRows(out: Tensor, x: Tensor, s: Tensor, rows: number, cols: number): void;
  /** out = x + s, elementwise. */
  adds(out: Tensor, x: Tensor, s: number): void;
  fill(out: Tensor, value: number): void;
  copy(out: Tensor, x: Tensor): void;

  relu(out: Tensor, x: Tensor): void;
  /** gradIn = gradOut where x > 0, else 0. */
  reluBackward(gradIn: Tensor, x: Tensor, gradOut: Tensor): void;
  tanh(out: Tensor, x: Tensor): void;
  /** gradIn = gradOut·(1 − y²) from the output y. */
  tanhBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor): void;
  sigmoid(out: Tensor, x: Tensor): void;
  /** gradIn = gradOut·y·(1 − y) from the output y. */
  sigmoidBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor): void;
  /** out = clamp(x, min, max). */
  hardtanh(out: Tensor, x: Tensor, min: number, max: number): void;
  /** gradIn = gradOut where min < x < max, else 0. */
  hardtanhBackward(gradIn: Tensor, x: Tensor, gradOut: Tensor, min: number, max: number): void;

  /** Row-wise log-softmax of a rows × cols matrix. */
  logSoftmax(out: Tensor, x: Tensor, rows: number, cols: number): void;
  /** gradIn = gradOut − exp(y)·Σ gradOut, row-wise, from the output y. */
  logSoftmaxBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void;
  softmax(out: Tensor, x: Tensor, rows: number, cols: number): void;
  /** gradIn = y ⊙ (gradOut − Σ gradOut ⊙ y), row-wise, from the output y. */
  softmaxBackward(gradIn: Tensor, y: Tensor, gradOut: Tensor, rows: number, cols: number): void;
  /** out[r] = index of the first maximum of row r (rows × cols). */
  argmaxRows(out: Tensor, x: Tensor, rows: number, cols: number): void;

  /**
   * Renormalises in place every row (byRow) or column of a rows × cols matrix whose L2 norm n
   * exceeds maxNorm: slice ·= maxNorm/(n + 1e-7) (torch.renorm).
   */
  renorm(x: Tensor, rows: number, cols: number, byRow: boolean, maxNorm: number): void;
  /** out[i] = scale if pred[i] = target[i] else 0 (VRClassReward's reward). */
  classReward(out: Tensor, pred: Tensor, target: Tensor, n: number, scale: number): void;

  /**
   * SpatialGlimpse forward: image (B, C, H, W), location (B, 2) = (row, col) in [−1, 1]
   * → out (B, depth·C, height, width).
   */
  glimpse(out: Tensor, image: Tensor, location: Tensor, B: number, C: number, H: number, W: number, g: GlimpseShape): void;
  /** SpatialGlimpse backward into the image (overwrites gradImage). */
  glimpseBackward(gradImage: Tensor, gradOut: Tensor, location: Tensor, B: number, C: number, H: number, W: number, g: GlimpseShape): void;

  /**
   * Convolution unfolding (vol2col for volumes): col (C·kT·kH·kW × oT·oH·oW) = the input patches of
   * x (C × T × H × W), zero where the kernel reaches the padding (layout: ./convShape.ts).
   */
  im2col(col: Tensor, x: Tensor, g: ConvShape): void;
  /** Its adjoint (col2vol): x = the sum of col's entries over the places im2col reads them from (overwrites x). */
  col2im(x: Tensor, col: Tensor, g: ConvShape): void;

  /**
   * LSTM cell on pre-activation gates (B, 4H) in the order [input, forget, output, candidate]:
   * activates them in place (σ, σ, σ, tanh), then c = f ⊙ cPrev + i ⊙ z, tanhC = tanh(c), h = o ⊙ tanhC.
   */
  lstmCell(gates: Tensor, c: Tensor, h: Tensor, tanhC: Tensor, cPrev: Tensor, B: number, H: number): void;
  /**
   * Its backward from the activated gates: gradGates (B, 4H) w.r.t. the pre-activations and
   * gradCPrev, given ∂L/∂h and ∂L/∂c (the latter from the next step).
   */
  lstmCellBackward(gradGates: Tensor, gradCPrev: Tensor, gates: Tensor, tanhC: Tensor, cPrev: Tensor,
    gradH: Tensor, gradC: Tensor, B: number, H: number): void;

  /**
   * One Adam step on a parameter: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²;
   * θ −= lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε).
   */
  adam(param: Tensor, grad: Tensor, m: Tensor, v: Tensor, lr: number, beta1: number, beta2: number, eps: number, t: number): void;

  // The tensor library's kernels. A block of outer × n × inner is a contiguous tensor seen around the
  // dimension being reduced, indexed, scanned or sorted (n elements apart by inner).

  /** out = op(x; a, b) elementwise (any element types; integer outputs truncate). */
  unary(out: Tensor, x: Tensor, op: UnaryOp, a: number, b: number): void;
  /** out = op(x, y; a) elementwise. */
  binary(out: Tensor, x: Tensor, y: Tensor, op: BinaryOp, a: number): void;
  /** out = x + v·(y ⊙ z), or x + v·(y ⊘ z) when div. */
  addcmul(out: Tensor, x: Tensor, v: number, y: Tensor, z: Tensor, div: boolean): void;
  /** out[o, i] = op over k of x[o, k, i] for a block outer × n × inner (accumulating in float64). */
  reduceDim(out: Tensor, x: Tensor, outer: number, n: number, inner: number, op: ReduceOp, p: number): void;
  /** values[o, i] = max (or min) over k of x[o, k, i], indices[o, i] = its first 0-based k (NaN counts as the maximum, as Torch). */
  argReduceDim(values: Tensor, indices: Tensor, x: Tensor, outer: number, n: number, inner: number, isMax: boolean): void;
  /** out[o, k, i] = the running sum (or product) of x[o, 0..k, i]. */
  scanDim(out: Tensor, x: Tensor, outer: number, n: number, inner: number, prod: boolean): void;
  /** out[o, j, i] = x[o, index[j], i] for j < m (index 0-based, checked by the caller). */
  indexSelect(out: Tensor, x: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number): void;
  /** out[o, index[j], i] = src[o, j, i] (add: +=) for j < m. */
  indexCopy(out: Tensor, src: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number, add: boolean): void;
  /** out[o, j, i] = x[o, index[o, j, i], i] for an index block outer × m × inner. */
  gather(out: Tensor, x: Tensor, index: Tensor, outer: number, n: number, inner: number, m: number): void;
  /** out[o, index[o, j, i], i] = src[o, j, i] (src null: the scalar value; add: +=). */
  scatter(out: Tensor, src: Tensor | null, value: number, index: Tensor, outer: number, n: number, inner: number, m: number, add: boolean): void;
  /** values, indices = x sorted along the middle dimension (stable; ascending unless descending; NaN last). */
  sortDim(values: Tensor, indices: Tensor, x: Tensor, outer: number, n: number, inner: number, descending: boolean): void;

  /** Σ x. */
  sum(x: Tensor): number;
  /** Σ x ⊙ y. */
  dot(x: Tensor, y: Tensor): number;
  /** Σ (x − y)². */
  sqdist(x: Tensor, y: Tensor): number;

  /**
   * −Σ_r w[t_r]·x[r, t_r] and Σ_r w[t_r] over rows whose target ≠ ignoreIndex (targets 0-based;
   * weights null = all ones). Written into result[0], result[1].
   */
  classNLL(result: Float64Array, x: Tensor, target: Tensor, weights: Tensor | null,
    rows: number, cols: number, ignoreIndex: number): void;
  /** gradIn = 0 except gradIn[r, t_r] = −w[t_r]·norm. */
  classNLLBackward(gradIn: Tensor, target: Tensor, weights: Tensor | null,
    rows: number, cols: number, ignoreIndex: number, norm: number): void;

  /** out ~ U(a, b) elementwise from the generator. */
  randomUniform(out: Tensor, rng: Generator, a: number, b: number): void;
  /** out ~ N(mean, std²) elementwise (Box–Muller pairs: Generator.fillNormal). */
  randomNormal(out: Tensor, rng: Generator, mean: number, std: number): void;
  /** out = 1 with probability p, else 0. */
  randomBernoulli(out: Tensor, rng: Generator, p: number): void;
  /** out = 1 with probability p (a tensor of probabilities, elementwise), else 0. */
  bernoulliFrom(out: Tensor, p: Tensor, rng: Generator): void;
  /** One-hot rows: per row of p (rows × cols, unnormalised weights), out has a 1 at an index drawn ∝ p. */
  categoricalRows(out: Tensor, p: Tensor, rows: number, cols: number, rng: Generator): void;

  // Pooling, batch normalization and upsampling (geometries: ./poolShape.ts). Index tensors hold
  // float positions within a plane (exact below 2^24), so they live where the kernels run.

  /**
   * Max pooling of each plane: out[p, i, j] = the largest x over the window (its first tap seeds the
   * maximum, a later one replaces it only when strictly greater), indices[p, i, j] = its position
   * y·iW + x in the plane (−1 and −∞ for a window holding no input cell).
   */
  maxPool2d(out: Tensor, indices: Tensor, x: Tensor, g: PoolShape): void;
  /** Its backward: gradIn = 0, then gradIn[p, indices[p, o]] += gradOut[p, o] in output order (overwrites gradIn). */
  maxPool2dBackward(gradIn: Tensor, gradOut: Tensor, indices: Tensor, g: PoolShape): void;
  /** Average pooling (g's dilation is 1): out[p, i, j] = Σ window · (mode.scale / divisor), the divisor counting the padding when mode.includePad. */
  avgPool2d(out: Tensor, x: Tensor, g: PoolShape, mode: AvgPoolMode): void;
  /** Its backward: every window's gradOut · (scale / divisor) added to the cells it covers (overwrites gradIn). */
  avgPool2dBackward(gradIn: Tensor, gradOut: Tensor, g: PoolShape, mode: AvgPoolMode): void;
  /**
   * Max unpooling, the inverse of a max pooling of geometry g (kernel equal to its stride): out (planes
   * of iH × iW) = 0, then out[p, indices[p, o]] += x[p, o], x and indices planes of oH × oW (maxPool2dBackward's scatter).
   */
  maxUnpool2d(out: Tensor, x: Tensor, indices: Tensor, g: PoolShape): void;
  /** Its backward: gradIn[p, o] = gradOut[p, indices[p, o]] (0 where the index is −1). */
  maxUnpool2dBackward(gradIn: Tensor, gradOut: Tensor, indices: Tensor, g: PoolShape): void;
  /**
   * Training batch statistics of x (B, C, L) per feature c over n = B·L values: mean[c], invstd[c] =
   * 1/√(Σ(x − mean)²/n + eps) (0 when that variance is 0), and running ← (1 − momentum)·running +
   * momentum·(mean, Σ(x − mean)²/(n − 1)) (Torch's unbiased running variance; n ≥ 2).
   */
  batchNormStats(mean: Tensor, invstd: Tensor, runningMean: Tensor, runningVar: Tensor, x: Tensor, s: BatchNormShape, eps: number, momentum: number): void;
  /** out = (x − mean[c])·(invstd[c]·weight[c]) + bias[c] (weight, bias null: 1, 0). */
  batchNormForward(out: Tensor, x: Tensor, mean: Tensor, invstd: Tensor, weight: Tensor | null, bias: Tensor | null, s: BatchNormShape): void;
  /**
   * Its backward, into the outputs given (null: skipped): with the batch's statistics (batchStats)
   * gradIn = (g − Σg/n − (x − mean)·invstd²·Σ(x − mean)g/n)·invstd·weight, else g·invstd·weight;
   * gradWeight += scale·invstd·Σ(x − mean)g, gradBias += scale·Σg, sums per feature.
   */
  batchNormBackward(gradIn: Tensor | null, gradWeight: Tensor | null, gradBias: Tensor | null, x: Tensor, gradOut: Tensor,
    mean: Tensor, invstd: Tensor, weight: Tensor | null, s: BatchNormShape, batchStats: boolean, scale: number): void;
  /** Nearest-neighbour upsampling: out[p, t, h, w] = x[p, ⌊t/sT⌋, ⌊h/s⌋, ⌊w/s⌋]. */
  upsampleNearest(out: Tensor, x: Tensor, g: UpsampleShape): void;
  /** Its backward: gradIn = the sum of each sT × s × s block of gradOut (overwrites gradIn). */
  upsampleNearestBackward(gradIn: Tensor, gradOut: Tensor, g: UpsampleShape): void;
}
