/**
 * nn.CosineEmbeddingCriterion(margin = 0): input [x1, x2] of size (B, D) or (D), labels y = ±1 (a
 * tensor of B, or a number). With cos = x1·x2 / √((|x1|² + ε)(|x2|² + ε)), ε = 1e-12, a row costs
 * 1 − cos when y = 1 and max(0, cos − margin) when y = −1; loss = Σ rows, divided by B when
 * `sizeAverage` (a field, true). gradInput = [∂/∂x1, ∂/∂x2], 0 for rows that cost nothing; with
 * w = 1/√(n1·n2): ∂cos/∂x1 = w·x2 − cos·x1/n1. Ref: torch/nn CosineEmbeddingCriterion.lua.
 */
import { Criterion } from '../lib/Criterion.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, type Table, describe } from '../lib/Activity.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';

const EPS = 1e-12;

export class CosineEmbeddingCriterion extends Criterion<Activity, Tensor | number> {
  override gradInput: Table = [Tensor.empty(), Tensor.empty()];
  sizeAverage = true;
  private buffer = Tensor.empty();
  private dot = Tensor.empty();
  private n1 = Tensor.empty();
  private n2 = Tensor.empty();
  private c1 = Tensor.empty();
  private d1 = Tensor.empty();
  private d2 = Tensor.empty();
  private cos: number[] = [];
  private labels: number[] = [];

  constructor(readonly margin = 0) {
    super();
  }

  /** [x1, x2] as (B, D) views; fills cos and labels per row. */
  private prepare(method: string, input: Activity, y: Tensor | number): [Tensor, Tensor] {
    if (input instanceof Tensor || input.length !== 2 || !(input[0] instanceof Tensor) || !(input[1] instanceof Tensor)) {
      throw new ArgumentError(`${this.where(method)}: expected a table [x1, x2] of two tensors, got ${describe(input)}`);
    }
    const [a, b] = input as [Tensor, Tensor];
    if (!a.sameShape(b) || (a.dim() !== 1 && a.dim() !== 2)) {
      throw new ShapeError(`${this.where(method)}: expected x1 and x2 of the same size, (B, D) or (D), got ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`);
    }
    const x1 = a.dim() === 1 ? a.unsqueeze(0) : a, x2 = b.dim() === 1 ? b.unsqueeze(0) : b, B = x1.size(0);
    const ys = typeof y === 'number' ? [y] : Array.from(y.contiguous().toArray(), Number);
    if (ys.length !== B) throw new ShapeError(`${this.where(method)}: expected ${B} labels, got ${typeof y === 'number' ? 'a number' : shapeStr(y.shape)}`);
    ys.forEach((v, i) => {
      if (v !== 1 && v !== -1) throw new ArgumentError(`${this.where(method)}: expected labels 1 or −1, got ${v} at position ${i}`);
    });
    for (const r of [this.dot, this.n1, this.n2]) if (r.dtype !== x1.dtype) r.retype(x1.dtype);
    this.dot.sum(this.buffer.resizeAs(x1).copy(x1).cmul(x2), 1);
    this.n1.sum(this.buffer.copy(x1).cmul(x1), 1).add(EPS);
    this.n2.sum(this.buffer.copy(x2).cmul(x2), 1).add(EPS);
    const d = this.dot.contiguous().data, p = this.n1.contiguous().data, q = this.n2.contiguous().data;
    this.cos = ys.map((_, i) => d[i]! / Math.sqrt(p[i]! * q[i]!));
    this.labels = ys;
    return [x1, x2];
  }

  private rowLoss(i: number): number {
    const c = this.cos[i]!;
    return this.labels[i] === 1 ? 1 - c : Math.max(0, c - this.margin);
  }

  override updateOutput(input: Activity, y: Tensor | number): number {
    this.prepare('updateOutput', input, y);
    let s = 0;
    for (let i = 0; i < this.cos.length; i++) s += this.rowLoss(i);
    this.output = this.sizeAverage ? s / this.cos.length : s;
    return this.output;
  }

  override updateGradInput(input: Activity, y: Tensor | number): Table {
    const [x1, x2] = this.prepare('updateGradInput', input, y);
    const B = x1.size(0), n = this.sizeAverage ? B : 1;
    const p = this.n1.contiguous().data, q = this.n2.contiguous().data;
    const c1 = this.c1.resizeAs(this.n1), d1 = this.d1.resizeAs(this.n1), d2 = this.d2.resizeAs(this.n1);
    for (let i = 0; i < B; i++) {
      const s = this.rowLoss(i) <= 0 ? 0 : this.labels[i] === 1 ? -1 / n : 1 / n, c = this.cos[i]!;
      c1.data[c1.offset + i] = s / Math.sqrt(p[i]! * q[i]!); // s·w
      d1.data[d1.offset + i] = -s * c / p[i]!; // −s·cos/n1
      d2.data[d2.offset + i] = -s * c / q[i]!;
    }
    const g1 = (this.gradInput[0] as Tensor).resizeAs(x1).copy(x2).cmul(c1.expandAs(x1)).addcmul(x1, d1.expandAs(x1));
    const g2 = (this.gradInput[1] as Tensor).resizeAs(x2).copy(x1).cmul(c1.expandAs(x2)).addcmul(x2, d2.expandAs(x2));
    const [a] = input as [Tensor, Tensor];
    if (a.dim() === 1) {
      g1.resize(a.size(0));
      g2.resize(a.size(0));
    }
    return this.gradInput;
  }

  override toString(): string {
    return `CosineEmbeddingCriterion(margin ${this.margin})`;
  }
}
