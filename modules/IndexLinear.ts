/**
 * nn.IndexLinear(inputSize, outputSize, doGradInput = false, keysOffset = 0, weight?, bias?, normalize = false):
 * a Linear layer on sparse input given as keys and values (weight and bias start at zero, as Torch's; call reset()). Input {keys (n), values (n)} for one sample
 * (output outputSize) or {{keys_1, …, keys_B}, {values_1, …, values_B}} for a batch (output B × outputSize);
 * keys are 0-based feature indices (Torch's are 1-based) to which keysOffset is added.
 * y = bias + Σ_i values_i · weight[key_i]. weight is inputSize × (outputSize + 4·normalize): with normalize,
 * each feature's row starts with 4 statistics columns (max |value| seen in training, its inverse, an
 * update scale, a feature offset) and the values are scaled by 1/max |value| before use; those columns are
 * updated by training forwards, not learned (their gradient stays 0). gradWeight is dense here (Torch keeps
 * running sparse buffers); only the touched rows receive gradients. gradInput is Torch's: an empty table
 * unless doGradInput (not with normalize), then {0..inputSize−1, Wᵀg} per sample. Ref: torch/nn IndexLinear.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { describe, type Activity } from '../lib/Activity.js';
import { rng } from '../lib/random.js';
import { backend } from '../lib/kernels/backend.js';
import { ArgumentError, ShapeError } from '../lib/errors.js';
import { torch } from '../lib/torch/index.js';

export type IndexInput = readonly [keys: Tensor, values: Tensor] | readonly [keys: readonly Tensor[], values: readonly Tensor[]];

export class IndexLinear extends Module<Activity, Tensor> {
  weight: Tensor;
  gradWeight: Tensor;
  bias: Tensor;
  gradBias: Tensor;
  readonly inputSize: number;
  readonly outputSize: number;
  /** The number of statistics columns of weight: 4 with normalize, else 0 (Torch's field). */
  readonly normalize: number;
  weightDecay = 0;
  override output = Tensor.empty();
  override gradInput: Activity = [];

  constructor(inputSize: number, outputSize: number, readonly doGradInput = false, readonly keysOffset = 0, weight?: Tensor, bias?: Tensor, normalize = false) {
    super();
    this.normalize = normalize ? 4 : 0;
    if (!weight && !(Number.isInteger(inputSize) && Number.isInteger(outputSize) && inputSize > 0 && outputSize > 0)) {
      throw new ArgumentError(`IndexLinear.constructor: expected positive integer sizes, got ${inputSize} -> ${outputSize}`);
    }
    this.weight = weight ?? Tensor.zeros([inputSize, outputSize + this.normalize]);
    this.inputSize = this.weight.size(0);
    this.outputSize = this.weight.size(1) - this.normalize;
    this.bias = bias ?? Tensor.zeros([this.outputSize], this.weight.dtype);
    this.gradWeight = Tensor.zeros(this.weight.shape, this.weight.dtype);
    this.gradBias = Tensor.zeros([this.outputSize], this.weight.dtype);
  }

  /** weight ~ U(±1/√(outputSize + 4·normalize)) (or U(±stdv·√3)), bias the same times 1e-6; statistics columns 0. */
  override reset(stdv?: number): this {
    const s = stdv !== undefined ? stdv * Math.sqrt(3) : 1 / Math.sqrt(this.weight.size(1));
    backend().randomUniform(this.weight, rng, -s, s);
    backend().randomUniform(this.bias, rng, -s, s);
    this.bias.mul(1e-6);
    if (this.normalize > 0) this.weight.narrow(1, 0, this.normalize).zero();
    return this;
  }

  /** Per sample: [weight rows (long, offset applied), values]; and whether the input is one sample. */
  private samples(method: string, input: Activity): [Array<[Tensor, Tensor]>, boolean] {
    const bad = () => new ShapeError(`${this.where(method)}: expected {keys, values} (two 1-D tensors, or two tables of them), got ${describe(input)}`);
    if (!Array.isArray(input) || input.length !== 2) throw bad();
    const [k, v] = input;
    const single = k instanceof Tensor && v instanceof Tensor;
    const ks: readonly unknown[] = single ? [k] : Array.isArray(k) ? k : [], vs: readonly unknown[] = single ? [v] : Array.isArray(v) ? v : [];
    if ((!single && !(Array.isArray(k) && Array.isArray(v))) || ks.length !== vs.length) throw bad();
    return [ks.map((key, b) => {
      const val = vs[b];
      if (!(key instanceof Tensor && val instanceof Tensor && key.dim() === 1 && val.dim() === 1 && key.numel() === val.numel())) {
        throw new ShapeError(`${this.where(method)}: sample ${b}: expected keys and values of the same size (1-D), got ${describe(key as Activity)} and ${describe(val as Activity)}`);
      }
      const rows = Array.from(key.contiguous().toArray(), (x) => Math.round(x) + this.keysOffset);
      const out = rows.find((r) => !(r >= 0 && r < this.inputSize));
      if (out !== undefined) throw new ArgumentError(`${this.where(method)}: key ${out - this.keysOffset} (+ offset ${this.keysOffset}) out of range 0..${this.inputSize - 1}`);
      return [Tensor.from(rows, [rows.length], 'long'), val];
    }), single];
  }

  /** The values as used: with normalize, v/max|v| (or sign v beyond it) + the feature offset; training forwards update max|v|. */
  private normalized(rows: Tensor, values: Tensor, update: boolean): Tensor {
    if (this.normalize === 0) return values;
    const out = Tensor.zeros([values.numel()], values.dtype), w = this.weight;
    for (let i = 0; i < values.numel(); i++) {
      const r = rows.get(i), v = values.get(i), a = Math.abs(v);
      if (update) {
        if (a > w.get(r, 0)) w.set([r, 0], a).set([r, 1], 1 / a);
        w.set([r, 2], 1);
      }
      out.set([i], (a > w.get(r, 0) ? Math.sign(v) : v * w.get(r, 1)) + w.get(r, 3));
    }
    return out;
  }

  private weights(): Tensor {
    return this.weight.narrow(1, this.normalize, this.outputSize);
  }

  override updateOutput(input: Activity): Tensor {
    const [samples, single] = this.samples('updateOutput', input);
    this.output.resize(samples.length, this.outputSize);
    samples.forEach(([rows, val], b) => {
      const x = this.normalized(rows, val, this.train);
      this.output.select(0, b).copy(this.bias).addmv(this.weights().index(0, rows).t(), x); // bias + W[keys]ᵀ v
    });
    if (single) this.output.resize(this.outputSize);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Tensor): Activity {
    this.checkGradOutput('updateGradInput', gradOutput, this.output);
    const single = Array.isArray(input) && input[0] instanceof Tensor;
    if (!this.doGradInput) return (this.gradInput = []);
    if (this.normalize > 0) throw new ArgumentError(`${this.where('updateGradInput')}: doGradInput is not available in normalize mode (as Torch)`);
    const g = single ? gradOutput.view(1, this.outputSize) : gradOutput;
    const keys = torch.range(0, this.inputSize - 1).long();
    const grads = Array.from({ length: g.size(0) }, (_, b) => torch.mv(this.weights(), g.select(0, b))); // ∂L/∂x = W g
    this.gradInput = single ? [keys, grads[0]!] : [grads.map(() => keys.clone()), grads];
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Tensor, scale = 1): void {
    this.checkGradOutput('accGradParameters', gradOutput, this.output);
    const [samples, single] = this.samples('accGradParameters', input);
    const g = single ? gradOutput.view(1, this.outputSize) : gradOutput;
    const gw = this.gradWeight.narrow(1, this.normalize, this.outputSize);
    samples.forEach(([rows, val], b) => {
      const x = this.normalized(rows, val, false), gb = g.select(0, b);
      gw.indexAdd(0, rows, torch.ger(x, gb).mul(scale)); // ∂y/∂W[key] = v g
      if (this.weightDecay !== 0) gw.indexAdd(0, rows, this.weights().index(0, rows).mul(this.weightDecay));
      this.gradBias.add(scale, gb);
    });
  }

  override toString(): string {
    return `IndexLinear(${this.inputSize} -> ${this.outputSize})${this.normalize ? ' normalized' : ''}`;
  }
}
