import test from 'tape';
import { torch } from '../../index.js';
import { image } from '../../image/index.js';

test('image.minmax: the range to [0, 1], given bounds, symmetric', (t) => {
  const x = torch.Tensor([[-2, 0], [2, 6]]);
  t.deepEqual(image.minmax({ tensor: x }).totable(), [[0, 0.25], [0.5, 1]]);
  t.deepEqual(x.totable(), [[-2, 0], [2, 6]], 'not in place by default');
  const sym = image.minmax({ tensor: x, symm: true });
  t.ok([[1 / 3, 0.5], [2 / 3, 1]].every((r, i) => r.every((v, j) => Math.abs(sym.get(i, j) - v) < 1e-6)), 'symmetric: [−6, 6]');
  t.deepEqual(image.minmax({ tensor: x, min: 0, max: 4, saturate: true }).totable(), [[0, 0], [0.5, 1]], 'given bounds, saturated');
  image.minmax({ tensor: x, inplace: true });
  t.equal(x.get(1, 1), 1, 'inplace');
  t.end();
});

test('image.toDisplayTensor: a grid of images with padding, filled with the maximum', (t) => {
  // five 1×2×2 images, k-th all k; nrow 3 → 2 rows of 3 cells of (2 + 2)×(2 + 2)
  const pack = torch.Tensor(5, 1, 2, 2);
  for (let k = 0; k < 5; k++) pack.select(0, k).fill(k);
  const g = image.toDisplayTensor({ input: pack, padding: 2, nrow: 3 });
  t.deepEqual(g.size(), [1, 8, 12]);
  // image k at row ⌊k/3⌋, column k mod 3, top-left (4·col + 1, 4·row + 1); background = max = 4 → 1 after minmax
  t.equal(g.get(0, 1, 1), 0, 'image 0 at (1, 1)');
  t.equal(g.get(0, 2, 6), 0.25, 'image 1 at (5, 1)..(6, 2)');
  t.equal(g.get(0, 5, 1), 0.75, 'image 3 at (1, 5): row 1, column 0');
  t.equal(g.get(0, 6, 2), 0.75);
  t.equal(g.get(0, 5, 9), 1, 'the empty sixth cell (x 9, y 5) has the maximum');
  t.equal(g.get(0, 0, 0), 1, 'padding has the maximum');
  t.equal(g.get(0, 6, 10), 1, 'the empty sixth cell too');
  const maps = image.toDisplayTensor({ input: torch.rand(4, 3, 5), nrow: 2 });
  t.deepEqual(maps.size(), [6, 10], 'K×H×W maps: a 2-D grid');
  const list = image.toDisplayTensor({ input: [torch.zeros(3, 2, 2), torch.ones(3, 2, 2)], scaleeach: true });
  t.deepEqual(list.size(), [3, 2, 4], 'a list of RGB images side by side');
  t.deepEqual(image.toDisplayTensor({ input: torch.Tensor([[1, 3]]) }).totable(), [[0, 1]], 'one image: just rescaled');
  t.end();
});

test('image.gaussian, gaussian1D, laplacian: Torch defaults', (t) => {
  const g = image.gaussian(3);
  t.deepEqual(g.size(), [3, 3]);
  t.ok(Math.abs(g.get(1, 1) - 1) < 1e-6, 'peak amplitude 1 at the centre (mean 0.5·3 + 0.5 = 2, 1-based)');
  t.ok(Math.abs(g.get(0, 1) - Math.exp(-0.5 * (1 / 0.75) ** 2)) < 1e-6, 'one step off: exp(−(1/(0.25·3))²/2)');
  const n = image.gaussian({ size: 5, sigma: 0.5, normalize: true });
  t.ok(Math.abs((n.sum() as number) - 1) < 1e-5, 'normalised sums to 1');
  t.deepEqual(image.gaussian({ width: 4, height: 2 }).size(), [2, 4]);
  const g1 = image.gaussian1D(5);
  t.ok(Math.abs(g1.get(2) - 1) < 1e-6 && Math.abs(g1.get(0) - g1.get(4)) < 1e-6, '1-D: centred, symmetric');
  const l = image.laplacian(3);
  t.ok(Math.abs(l.get(1, 1) - 1) < 1e-6, 'laplacian: 1 at the centre');
  t.ok(l.get(0, 0) < 0, 'negative off-centre at sigma 0.1');
  t.end();
});
