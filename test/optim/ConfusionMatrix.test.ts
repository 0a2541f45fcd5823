/** torch/optim's ConfusionMatrix: counts, valids, Lua's printed layout, farFrr and the PNG rendering. */
import test from 'tape';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { torch, ArgumentError, ShapeError } from '../../index.js';
import { ConfusionMatrix } from '../../optim/ConfusionMatrix.js';

const f32 = Math.fround;
const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol;

/** The 3-class example: rows = targets cat, dog, person; columns = predictions. */
function example(): ConfusionMatrix {
  const cm = new ConfusionMatrix(['cat', 'dog', 'person']);
  cm.batchAdd(torch.LongTensor([0, 2, 0, 1, 2, 2, 2, 2]), torch.LongTensor([0, 0, 0, 1, 1, 2, 2, 2]));
  return cm;
}

/** A PNG's IHDR fields and its RGB rows, inflated from the IDAT chunks. */
function decodePNG(bytes: Buffer): { width: number; height: number; depth: number; colorType: number; pixel: (x: number, y: number) => number[] } {
  let pos = 8, width = 0, height = 0, depth = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const len = bytes.readUInt32BE(pos), type = bytes.toString('ascii', pos + 4, pos + 8), data = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') [width, height, depth, colorType] = [data.readUInt32BE(0), data.readUInt32BE(4), data[8]!, data[9]!];
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3 + 1;
  const pixel = (x: number, y: number) => {
    if (raw[y * stride] !== 0) throw new Error('expected filter type 0');
    return Array.from(raw.subarray(y * stride + 1 + x * 3, y * stride + 1 + x * 3 + 3));
  };
  return { width, height, depth, colorType, pixel };
}

test('ConfusionMatrix: constructor with a count or with names, as Lua', (t) => {
  const a = new ConfusionMatrix(4);
  t.equal(a.nclasses, 4);
  t.deepEqual(a.classes, []);
  t.equal(a.mat.type(), 'torch.LongTensor');
  t.deepEqual(a.mat.size(), [4, 4]);
  t.equal(a.valids.type(), 'torch.FloatTensor');
  const b = new ConfusionMatrix(['x', 'y']);
  t.equal(b.nclasses, 2);
  t.deepEqual(b.classes, ['x', 'y']);
  t.deepEqual(new ConfusionMatrix(2, ['p', 'q']).classes, ['p', 'q']);
  t.throws(() => new ConfusionMatrix(0), ArgumentError);
  t.end();
});

test('ConfusionMatrix.add: 0-based class indices, rows = targets, negative targets skipped', (t) => {
  const cm = new ConfusionMatrix(3);
  cm.add(0, 0);
  cm.add(2, 0); // target 0 predicted as 2: row 0, column 2
  cm.add(1, 1);
  cm.add(1, 1);
  cm.add(0, 2);
  cm.add(1, -1); // missing target
  t.deepEqual(cm.mat.totable(), [[1, 0, 1], [0, 2, 0], [1, 0, 0]]);
  t.throws(() => cm.add(3, 0), ArgumentError, 'prediction out of range');
  t.throws(() => cm.add(0, 3), ArgumentError, 'target out of range');
  t.throws(() => cm.add(0.5, 0), ArgumentError, 'non-integer index');
  t.throws(() => cm.add(0, torch.Tensor([1, 0, 0])), ArgumentError, 'a number prediction needs a number target');
  t.end();
});

test('ConfusionMatrix.add: score vectors (argmax, first maximum) and one-hot targets', (t) => {
  const cm = new ConfusionMatrix(3);
  cm.add(torch.Tensor([0.1, 0.7, 0.2]), 1); // predicted 1, target 1
  cm.add(torch.DoubleTensor([0.5, 0.1, 0.4]), torch.Tensor([0, 0, 1])); // predicted 0, target 2
  cm.add(torch.Tensor([0.3, 0.3, 0.3]), 2); // tie: the first maximum, 0
  cm.add(torch.Tensor([-1, -2, 5]), torch.Tensor([0, 0, 0])); // an all-zero target counts as class 0, as Lua's argmax
  cm.add(torch.Tensor([1, 2, 3]), -1); // missing target
  t.deepEqual(cm.mat.totable(), [[0, 0, 1], [0, 1, 0], [2, 0, 0]]);
  t.throws(() => cm.add(torch.Tensor([[1, 2, 3]]), 0), ShapeError, 'a 2-D prediction in add');
  t.end();
});

test('ConfusionMatrix.batchAdd: 2-D scores, one-hot rows, N×1 and 1-D index tensors', (t) => {
  const cm = new ConfusionMatrix(3);
  const scores = torch.Tensor([[0.9, 0.05, 0.05], [0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.4, 0.4, 0.2]]);
  cm.batchAdd(scores, torch.LongTensor([0, 2, 0, 1])); // predicted 0, 2, 1, 0
  t.deepEqual(cm.mat.totable(), [[1, 1, 0], [1, 0, 0], [0, 0, 1]]);
  cm.zero();
  cm.batchAdd(scores, torch.Tensor([[1, 0, 0], [0, 0, 1], [0, 1, 0], [0, 1, 0]])); // one-hot targets 0, 2, 1, 1
  t.deepEqual(cm.mat.totable(), [[1, 0, 0], [1, 1, 0], [0, 0, 1]]);
  cm.zero();
  cm.batchAdd(torch.Tensor([[2], [2], [0]]), torch.LongTensor([[1], [-1], [0]])); // N×1: indices, flattened; -1 missing
  t.deepEqual(cm.mat.totable(), [[1, 0, 0], [0, 0, 1], [0, 0, 0]]);
  cm.batchAdd(torch.LongTensor([1, 1]), torch.LongTensor([2, 1]));
  t.deepEqual(cm.mat.totable(), [[1, 0, 0], [0, 1, 1], [0, 1, 0]]);
  t.throws(() => cm.batchAdd(torch.LongTensor([1, 1]), torch.LongTensor([1])), ShapeError, 'mismatched counts');
  t.throws(() => cm.batchAdd(torch.Tensor(2, 3, 1), torch.LongTensor([1, 1])), ShapeError, '3-D predictions');
  t.throws(() => cm.batchAdd(torch.LongTensor([3]), torch.LongTensor([1])), ArgumentError, 'prediction out of range');
  t.end();
});

test('ConfusionMatrix.updateValids: hand-computed valids, unionvalids and averages (float32 valids, as Lua)', (t) => {
  const cm = example(); // [[2,0,1],[0,1,1],[0,0,3]]
  t.deepEqual(cm.mat.totable(), [[2, 0, 1], [0, 1, 1], [0, 0, 3]]);
  cm.updateValids();
  t.deepEqual(cm.valids.totable(), [f32(2 / 3), 0.5, 1], 'valids: diagonal / row sum');
  t.deepEqual(cm.unionvalids.totable(), [f32(2 / 3), 0.5, f32(3 / 5)], 'unionvalids: diagonal / (row + column − diagonal)');
  t.equal(cm.totalValid, 0.75, '6 of 8');
  t.ok(close(cm.averageValid, (f32(2 / 3) + 0.5 + 1) / 3), 'averageValid over the float32 valids');
  t.ok(close(cm.averageUnionValid, (f32(2 / 3) + 0.5 + f32(0.6)) / 3), 'averageUnionValid');
  const sparse = new ConfusionMatrix(3); // class 1 never a target: its valid is NaN and left out of the average
  sparse.add(0, 0);
  sparse.add(1, 2);
  sparse.add(2, 2);
  sparse.updateValids();
  t.ok(Number.isNaN(sparse.valids.get(1)), 'NaN valid for a class without targets');
  t.equal(sparse.averageValid, (1 + 0.5) / 2);
  t.equal(sparse.averageUnionValid, (1 + f32(1 / 2)) / 2, 'unionvalid of class 2: 1 / (2 + 1 − 1)');
  cm.zero();
  t.equal(cm.mat.sum(), 0);
  t.deepEqual([cm.totalValid, cm.averageValid, cm.averageUnionValid, cm.valids.sum()], [0, 0, 0, 0], 'zero() clears everything');
  t.end();
});

test('ConfusionMatrix.toString: Lua\'s layout, byte for byte', (t) => {
  // Derived from ConfusionMatrix.lua's __tostring__: 'ConfusionMatrix:\n' then '[' ; each row '[' (first) or ' [',
  // the counts as '%8d' (nDigits = max(8, 1 + ceil(log10(max count)))), then ']   ' (']]  ' on the last row),
  // the row's accuracy as '%2.3f' of valids*100 (float32 valids), '% \t[class: name]\n'; then the summary lines,
  // whose numbers Lua concatenates with `..`, i.e. '%.14g': (f32(2/3) + 0.5 + 1)/3·100 = 72.222222884496,
  // (f32(2/3) + 0.5 + f32(0.6))/3·100 = 58.888890345891, 6/8·100 = 75.
  const expected =
    'ConfusionMatrix:\n' +
    '[[       2       0       1]   66.667% \t[class: cat]\n' +
    ' [       0       1       1]   50.000% \t[class: dog]\n' +
    ' [       0       0       3]]  100.000% \t[class: person]\n' +
    ' + average row correct: 72.222222884496% \n' +
    ' + average rowUcol correct (VOC measure): 58.888890345891% \n' +
    ' + global correct: 75%';
  t.equal(String(example()), expected);
  const plain = new ConfusionMatrix(2);
  const zeros = torch.LongTensor(789); // 789 samples of class 0, all right
  plain.batchAdd(zeros, zeros);
  t.equal(String(plain), 'ConfusionMatrix:\n[[     789       0]   100.000% \n [       0       0]]  nan% \n + average row correct: 100% \n + average rowUcol correct (VOC measure): 100% \n + global correct: 100%',
    'no class names: no [class: …]; a class without targets prints nan');
  const wide = new ConfusionMatrix(2);
  wide.mat.set([0, 1], 123456789);
  t.ok(String(wide).startsWith('ConfusionMatrix:\n[[         0 123456789]   0.000% \n'), 'a 9-digit count widens the columns to 1 + ceil(log10(max)) = 10');
  t.end();
});

test('ConfusionMatrix.farFrr: false rejection and acceptance rates, −1 for classes without targets', (t) => {
  const [classFrrs, classFars, frrs, fars] = example().farFrr();
  const v = (x: { totable(): unknown }) => x.totable() as number[];
  t.deepEqual(v(frrs).map(f32), [1 - 2 / 3, 1 - 1 / 2, 0].map(f32), 'FRR = 1 − correct / targets');
  t.deepEqual(v(fars).map(f32), [0, 0, (1 / 3 + 1 / 2) / 2].map(f32), 'FAR of person = mean(1/3, 1/2)');
  t.deepEqual(v(classFrrs), v(frrs));
  t.deepEqual(v(classFars), v(fars));
  const sparse = new ConfusionMatrix(3);
  sparse.add(0, 0);
  sparse.add(0, 2); // mat [[1,0,0],[0,0,0],[1,0,0]]: class 1 has no targets
  const [cf, ca, f, a] = sparse.farFrr();
  t.deepEqual(v(cf), [0, -1, 1]);
  t.deepEqual(v(ca), [1, -1, 0], 'FAR of class 0: mat[2][0] / targets of 2 (class 1 left out)');
  t.deepEqual([v(f), v(a)], [[0, 1], [1, 0]], 'only the classes with targets');
  t.end();
});

test('ConfusionMatrix.toPNG: the normalised matrix as an RGB picture (decoded with node:zlib)', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-confusion-'));
  try {
    const cm = example();
    const file = join(dir, 'plain.png');
    cm.toPNG(file, { sortmode: 'none', block: 10, legendwidth: 0 });
    const a = decodePNG(readFileSync(file));
    t.deepEqual([a.width, a.height, a.depth, a.colorType], [30, 30, 8, 2], '3 cells of 10 pixels, 8-bit RGB');
    t.deepEqual(a.pixel(3, 4), [170, 170, 170], 'cat/cat: 2/3 of the row');
    t.deepEqual(a.pixel(24, 2), [85, 85, 85], 'cat row, person column: 1/3 (x = column, y = row)');
    t.deepEqual(a.pixel(2, 24), [0, 0, 0], 'person row, cat column: 0');
    t.deepEqual(a.pixel(25, 25), [255, 255, 255], 'person/person: 1');
    t.deepEqual(a.pixel(9, 3), [26, 26, 26], 'grid line: 0.1');

    const sorted = decodePNG(cm.png()); // Lua's defaults: sorted by score, block 25, legend 200
    t.deepEqual([sorted.width, sorted.height], [275, 75]);
    t.deepEqual(sorted.pixel(5, 5), [255, 255, 255], 'best class first: person (accuracy 1)');
    t.deepEqual(sorted.pixel(5, 30), [85, 85, 85], 'then cat: its person column, 1/3');
    t.deepEqual(sorted.pixel(30, 30), [170, 170, 170], 'cat/cat');
    t.deepEqual(sorted.pixel(77, 2), [0, 0, 0], 'legend background');
    t.deepEqual(sorted.pixel(85, 6), [178, 178, 255], 'legend bar of the most frequent class, Lua\'s colour 0.5g + 0.2, 0.8g + 0.2');

    const hot = decodePNG(cm.png({ sortmode: 'none', block: 10, legendwidth: 0, colormap: 'hot' }));
    t.deepEqual(hot.pixel(24, 2), [255, 0, 0], 'hot: 1/3 is red');
    t.deepEqual(hot.pixel(25, 25), [255, 255, 255], 'hot: 1 is white');
    t.throws(() => cm.render({ block: 1 }), ArgumentError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});
