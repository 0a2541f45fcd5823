/**
 * torch/optim's ConfusionMatrix: counts (target, prediction) pairs of a classifier and derives its
 * accuracies. `mat` is an nclasses × nclasses LongTensor, rows the targets and columns the
 * predictions, as Lua's. Class indices are **0-based** here (Lua's are 1-based), and a negative
 * target means "missing" and is skipped (Lua skips targets ≤ 0). Lua's quirks kept: score vectors
 * are copied to float32 before their argmax (the first maximum wins, so an all-zero one-hot target
 * counts as class 0), a 2-D tensor with one column is a column of class indices rather than scores,
 * `valids` and `unionvalids` are float32 and the averages are taken over those rounded values, and
 * `toString()` prints Lua's layout with Lua's number formats (`%2.3f` per class, `%.14g` — Lua's
 * number-to-string — for the three summary lines; NaN prints as `nan`). Differences: indices out of
 * range or not integers are an `ArgumentError` (Lua reads or writes a neighbouring cell, or fails),
 * `zero()` also resets `averageUnionValid` (Lua's forgets it), and `render()` draws the legend as bars
 * without Qt's text. Ref: torch/optim ConfusionMatrix.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import { torch } from '../lib/torch/index.js';
import { ArgumentError, ShapeError, shapeStr } from '../lib/errors.js';
import { formatG } from '../lib/serialization/t7output.js';
import { encodePNG } from '../lib/png.js';
import { nodeBuiltin } from '../lib/platform.js';

export interface RenderOptions {
  /** Row and column order: by per-class accuracy, best first ('score', Lua's default), by target frequency ('occurrence'), or the class order ('none', not in Lua). */
  sortmode?: 'score' | 'occurrence' | 'none';
  /** Pixels per cell side (Lua's 25); the last row and column of each cell is the grid line, 0.1. */
  block?: number;
  /** Width of the legend on the right (Lua's 200): a bar per row, its length the row's share of the targets; 0 leaves it out. */
  legendwidth?: number;
  /** 'gray' (Lua's: the normalised count itself, 1 white) or 'hot' (black–red–yellow–white). */
  colormap?: 'gray' | 'hot';
}

/** Lua's `%2.3f`: the 3-decimal fixed form (ties cannot arise for the percentages of float32 valids). */
const pct3 = (x: number): string => (Number.isNaN(x) ? 'nan' : Number.isFinite(x) ? x.toFixed(3) : x > 0 ? 'inf' : '-inf');

export class ConfusionMatrix {
  readonly nclasses: number;
  /** Counts: row = target class, column = predicted class (a LongTensor). */
  readonly mat: Tensor;
  /** Per class: correct / targets of that class (float32; NaN for a class without targets). */
  readonly valids: Tensor;
  /** Per class: correct / (targets ∪ predictions of that class), the VOC measure (float32). */
  readonly unionvalids: Tensor;
  classes: string[];
  totalValid = 0;
  averageValid = 0;
  averageUnionValid = 0;

  /** `new ConfusionMatrix(3)`, `new ConfusionMatrix(['cat', 'dog', 'person'])` or `new ConfusionMatrix(3, names)`, as Lua's. */
  constructor(nclasses: number | readonly string[], classes?: readonly string[]) {
    if (typeof nclasses !== 'number') {
      classes = nclasses;
      nclasses = classes.length;
    }
    if (!(Number.isInteger(nclasses) && nclasses > 0)) throw new ArgumentError(`ConfusionMatrix.constructor: expected a positive number of classes, got ${nclasses}`);
    this.nclasses = nclasses;
    this.classes = [...(classes ?? [])];
    this.mat = torch.LongTensor(nclasses, nclasses);
    this.valids = torch.FloatTensor(nclasses);
    this.unionvalids = torch.FloatTensor(nclasses);
  }

  /** Counts one pair; a negative target is missing and skipped. */
  private addPair(where: string, p: number, t: number): void {
    const n = this.nclasses;
    if (!Number.isInteger(t) || t >= n) throw new ArgumentError(`${where}: expected a target class index in 0..${n - 1} (negative: missing), got ${t}`);
    if (!(Number.isInteger(p) && p >= 0 && p < n)) throw new ArgumentError(`${where}: expected a predicted class index in 0..${n - 1}, got ${p}`);
    if (t >= 0) this.mat.data[this.mat.offset + t * n + p]! += 1;
  }

  /** The 0-based index of the first maximum of a score vector, taken in float32 as Lua's copy does. */
  private argmax(where: string, what: string, v: Tensor): number {
    if (v.dim() !== 1) throw new ShapeError(`${where}: expected ${what} to be a vector, got ${shapeStr(v.shape)}`);
    return v.float().max(0)[1].get(0);
  }

  /** `add(prediction, target)`: each a class index or a score vector (a one-hot target is one); the prediction is the argmax of its scores. */
  add(prediction: number | Tensor, target: number | Tensor): void {
    const where = 'ConfusionMatrix.add';
    if (typeof prediction === 'number') {
      if (typeof target !== 'number') throw new ArgumentError(`${where}: a class-index prediction needs a class-index target, as Lua's`);
      this.addPair(where, prediction, target);
      return;
    }
    const p = this.argmax(where, 'the prediction', prediction);
    this.addPair(where, p, typeof target === 'number' ? target : this.argmax(where, 'the target', target));
  }

  /** The class indices of a batch: 1-D (indices), N×1 (indices, flattened) or N×C (scores: the row argmax). */
  private classColumn(what: string, x: Tensor): ArrayLike<number> {
    const f = x.float();
    if (f.dim() === 1) return f.contiguous().toArray();
    if (f.dim() === 2) return f.size(1) === 1 ? f.select(1, 0).contiguous().toArray() : f.max(1)[1].contiguous().toArray();
    throw new ShapeError(`ConfusionMatrix.batchAdd: ${what} has invalid number of dimensions (expected 1 or 2), got ${shapeStr(x.shape)}`);
  }

  /** `batchAdd(predictions, targets)`: each 1-D class indices, N×1 indices, or N×C scores / one-hot rows. */
  batchAdd(predictions: Tensor, targets: Tensor): void {
    const preds = this.classColumn('predictions', predictions);
    const targs = this.classColumn('targets', targets);
    if (preds.length !== targs.length) {
      throw new ShapeError(`ConfusionMatrix.batchAdd: expected as many predictions as targets, got ${shapeStr(predictions.shape)} and ${shapeStr(targets.shape)}`);
    }
    for (let i = 0; i < preds.length; i++) if (targs[i]! >= 0) this.addPair('ConfusionMatrix.batchAdd', preds[i]!, targs[i]!);
  }

  zero(): void {
    this.mat.zero();
    this.valids.zero();
    this.unionvalids.zero();
    this.totalValid = 0;
    this.averageValid = 0;
    this.averageUnionValid = 0;
  }

  /** The counts as rows of numbers. */
  private rows(): number[][] {
    const n = this.nclasses, a = this.mat.contiguous().toArray();
    return Array.from({ length: n }, (_, t) => Array.from(a.subarray(t * n, (t + 1) * n)));
  }

  /** Recomputes valids, unionvalids, totalValid (correct / all), averageValid and averageUnionValid (means over the classes whose values are not NaN). */
  updateValids(): void {
    const m = this.rows(), n = this.nclasses;
    let correct = 0, all = 0;
    for (let t = 0; t < n; t++) {
      const row = m[t]!.reduce((s, v) => s + v, 0), col = m.reduce((s, r) => s + r[t]!, 0), d = m[t]![t]!;
      this.valids.set([t], d / row);
      this.unionvalids.set([t], d / (row + col - d));
      correct += d;
      all += row;
    }
    this.totalValid = correct / all;
    let sv = 0, nv = 0, su = 0, nu = 0;
    for (let t = 0; t < n; t++) {
      const v = this.valids.get(t), u = this.unionvalids.get(t);
      if (Number.isNaN(v)) continue;
      sv += v;
      nv++;
      if (!Number.isNaN(u)) {
        su += u;
        nu++;
      }
    }
    this.averageValid = sv / nv;
    this.averageUnionValid = su / nu;
  }

  /**
   * False rejection and false acceptance rates, as Lua's farFrr: `[classFrrs, classFars, frrs, fars]`.
   * FRR of class i = 1 − correct/targets of i; FAR of i = mean over the other classes j with targets of
   * mat[j][i]/targets of j (NaN when no other class has targets). classFrrs/classFars hold −1 for a class
   * without targets; frrs/fars list only the classes with targets, in order.
   */
  farFrr(): [classFrrs: Tensor, classFars: Tensor, frrs: Tensor, fars: Tensor] {
    const m = this.rows(), n = this.nclasses;
    const count = m.map((r) => r.reduce((s, v) => s + v, 0));
    const classFrrs = torch.Tensor(n).fill(-1), classFars = torch.Tensor(n).fill(-1);
    const frrs: number[] = [], fars: number[] = [];
    for (let i = 0; i < n; i++) {
      if (count[i] === 0) continue;
      let num = 0, den = 0;
      for (let j = 0; j < n; j++) {
        if (j !== i && count[j] !== 0) {
          num += m[j]![i]! / count[j]!;
          den++;
        }
      }
      frrs.push(1 - m[i]![i]! / count[i]!);
      fars.push(num / den);
      classFrrs.set([i], frrs[frrs.length - 1]!);
      classFars.set([i], fars[fars.length - 1]!);
    }
    return [classFrrs, classFars, frrs.length ? torch.Tensor(frrs) : torch.Tensor(), fars.length ? torch.Tensor(fars) : torch.Tensor()];
  }

  /** Lua's `print(conf)`: the counts, each row's accuracy and class name, then the averages. Calls updateValids. */
  toString(): string {
    this.updateValids();
    const n = this.nclasses, m = this.rows();
    const width = Math.max(8, 1 + Math.ceil(Math.log10(this.mat.max())));
    const named = this.classes[0] !== undefined;
    let s = 'ConfusionMatrix:\n[';
    for (let t = 0; t < n; t++) {
      s += (t === 0 ? '[' : ' [') + m[t]!.map((v) => String(v).padStart(width)).join('');
      s += (t === n - 1 ? ']]  ' : ']   ') + pct3(this.valids.get(t) * 100) + '% ' + (named ? `\t[class: ${this.classes[t] ?? ''}]` : '') + '\n';
    }
    s += ` + average row correct: ${formatG(this.averageValid * 100, 14)}% \n`;
    s += ` + average rowUcol correct (VOC measure): ${formatG(this.averageUnionValid * 100, 14)}% \n`;
    return s + ` + global correct: ${formatG(this.totalValid * 100, 14)}%`;
  }

  /**
   * Lua's render: the matrix with each row divided by max(its count, 1), rows and columns sorted, a
   * grid, and the legend on the right; a 3 × (n·block) × (n·block + legendwidth) FloatTensor in [0, 1].
   */
  render(options: RenderOptions = {}): Tensor {
    const { sortmode = 'score', block = 25, legendwidth = 200, colormap = 'gray' } = options;
    if (!(Number.isInteger(block) && block >= 2)) throw new ArgumentError(`ConfusionMatrix.render: expected an integer block ≥ 2, got ${block}`);
    if (!(Number.isInteger(legendwidth) && legendwidth >= 0)) throw new ArgumentError(`ConfusionMatrix.render: expected an integer legendwidth ≥ 0, got ${legendwidth}`);
    if (!['score', 'occurrence', 'none'].includes(sortmode)) throw new ArgumentError(`ConfusionMatrix.render: sort mode must be one of: score | occurrence | none, got ${sortmode}`);
    const n = this.nclasses, m = this.rows();
    const freqs = m.map((r) => r.reduce((s, v) => s + v, 0));
    const conf = m.map((r, t) => r.map((v) => v / Math.max(freqs[t]!, 1)));
    const key = sortmode === 'score' ? conf.map((r, t) => r[t]!) : freqs;
    const order = Array.from({ length: n }, (_, i) => i);
    if (sortmode !== 'none') order.sort((a, b) => key[b]! - key[a]!);
    const H = n * block, W = H + legendwidth;
    const img = torch.FloatTensor(3, H, W);
    const px = img.data;
    const put = (y: number, x: number, [r, g, b]: readonly [number, number, number]) => {
      px[y * W + x] = r;
      px[H * W + y * W + x] = g;
      px[2 * H * W + y * W + x] = b;
    };
    const color = (v: number): [number, number, number] => {
      if (colormap === 'gray') return [v, v, v];
      const c = (u: number) => Math.min(1, Math.max(0, u));
      return [c(3 * v), c(3 * v - 1), c(3 * v - 2)];
    };
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < H; x++) {
        const grid = y % block === block - 1 || x % block === block - 1;
        put(y, x, color(grid ? 0.1 : conf[order[Math.floor(y / block)]!]![order[Math.floor(x / block)]!]!));
      }
    }
    const maxFreq = Math.max(...freqs);
    for (let i = 0; i < n && legendwidth > 20; i++) {
      const share = maxFreq > 0 ? freqs[order[i]!]! / maxFreq : 0;
      const g = share * 0.9 + 0.1;
      const len = Math.round((legendwidth - 20) * share);
      for (let y = i * block + Math.floor(block / 4); y < i * block + Math.ceil((3 * block) / 4); y++) {
        for (let x = 0; x < len; x++) put(y, H + 10 + x, [g * 0.5 + 0.2, g * 0.5 + 0.2, g * 0.8 + 0.2]);
      }
    }
    return img;
  }

  /** The rendering as PNG bytes (8-bit RGB). */
  png(options: RenderOptions = {}): Buffer {
    const img = this.render(options);
    const [, H, W] = img.shape as [number, number, number];
    const src = img.data, rgb = new Uint8Array(H * W * 3);
    for (let k = 0; k < H * W; k++) for (let c = 0; c < 3; c++) rgb[3 * k + c] = Math.round(255 * src[c * H * W + k]!);
    return encodePNG(W, H, rgb);
  }

  /** Writes the rendering to a PNG file (Lua's `image.save(path, conf:render())`). */
  toPNG(path: string, options: RenderOptions = {}): void {
    nodeBuiltin('node:fs', 'ConfusionMatrix.toPNG').writeFileSync(path, this.png(options));
  }
}
