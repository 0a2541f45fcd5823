/**
 * formatTensor against Torch7's Tensor.lua `__tostring__`. Each expected string is derived by hand
 * from Torch's rules (printformat / printMatrix / printTensor); the comment above it names the rule.
 * Notation: expMax/expMin = floor(log10 |v|) + 1 of the largest/smallest magnitude (1 for 0).
 * Labels (`Columns a to b`, `(i,j,.,.)`) are 0-based here where Torch's are 1-based.
 */
import test from 'tape';
import { torch } from '../../index.js';
import { formatTensor } from '../../lib/torch/print.js';

test('formatTensor: integers', (t) => {
  // all integral → "%{expMax+1}d": max 4 → expMax 1 → "%2d"; row values joined by one space
  t.equal(formatTensor(torch.Tensor([[1, 2], [3, 4]])), ' 1  2\n 3  4\n[torch.FloatTensor of size 2x2]\n');
  // max |v| 10 → expMax 2 → "%3d"; the sign takes the spare column
  t.equal(formatTensor(torch.Tensor([-5, 3, 10])), ' -5\n  3\n 10\n[torch.FloatTensor of size 3]\n');
  // all zeros: expMax of 0 is 1 → "%2d"
  t.equal(formatTensor(torch.zeros(2)), ' 0\n 0\n[torch.FloatTensor of size 2]\n');
  // non-contiguous input reads in logical order
  t.equal(formatTensor(torch.Tensor([[1, 2], [3, 4]]).t()), ' 1  3\n 2  4\n[torch.FloatTensor of size 2x2]\n');
  t.end();
});

test('formatTensor: decimals', (t) => {
  // non-integral, expMax 1, expMin 0 → "%{expMax+6}.4f" = "%7.4f"
  t.equal(formatTensor(torch.Tensor([0.5, -1.25, 3])), ' 0.5000\n-1.2500\n 3.0000\n[torch.FloatTensor of size 3]\n');
  // expMax 0 → width 7 (the special case)
  t.equal(formatTensor(torch.Tensor([0.5, 0.25])), ' 0.5000\n 0.2500\n[torch.FloatTensor of size 2]\n');
  // values around 1e4: expMax 5 is not > 5 → no scale, "%11.4f"
  t.equal(formatTensor(torch.DoubleTensor([12345.5, 23456.25])), ' 12345.5000\n 23456.2500\n[torch.DoubleTensor of size 2]\n');
  // printf rounds the exact binary value half to even: 0.03125 → 0.0312 (toFixed would say 0.0313)
  t.equal(formatTensor(torch.DoubleTensor([0.03125, 1])), ' 0.0312\n 1.0000\n[torch.DoubleTensor of size 2]\n');
  t.end();
});

test('formatTensor: shared scale factor', (t) => {
  // values around 1e-3: expMax −2 < 0 → "%7.4f" of v / 10^(expMax−1) under a "%g *" line: %g of
  // 1e-3 is "0.001"; in a matrix the scale line is followed by one extra space before each row
  t.equal(formatTensor(torch.DoubleTensor([[0.001, 0.0025], [-0.0031, 0.0042]])),
    '0.001 *\n  1.0000  2.5000\n -3.1000  4.2000\n[torch.DoubleTensor of size 2x2]\n');
  // expMax −4 → scale 1e-5, which %g writes "1e-05"; 1-D rows get no extra space
  t.equal(formatTensor(torch.DoubleTensor([1.5e-5, 2.5e-5])), '1e-05 *\n 1.5000\n 2.5000\n[torch.DoubleTensor of size 2]\n');
  // values around 1e5: expMax 6 > 5 → scale 1e5, %g "100000"
  t.equal(formatTensor(torch.DoubleTensor([123456.7, 54321.1])), '100000 *\n 1.2346\n 0.5432\n[torch.DoubleTensor of size 2]\n');
  // expMax 7 → scale 1e6, %g "1e+06"
  t.equal(formatTensor(torch.DoubleTensor([1234567.5, 2345678.5])), '1e+06 *\n 1.2346\n 2.3457\n[torch.DoubleTensor of size 2]\n');
  t.end();
});

test('formatTensor: exponent format', (t) => {
  // non-integral with expMax − expMin = 5 − 0 > 4 → "%11.4e"
  t.equal(formatTensor(torch.DoubleTensor([12345.5, 0.5])), ' 1.2346e+04\n 5.0000e-01\n[torch.DoubleTensor of size 2]\n');
  // expMin −4, expMax 2 → "%11.4e"
  t.equal(formatTensor(torch.DoubleTensor([1e-5, 10.5])), ' 1.0000e-05\n 1.0500e+01\n[torch.DoubleTensor of size 2]\n');
  // |expMin| = 119 > 99 → width 12
  t.equal(formatTensor(torch.DoubleTensor([1e-120, 1.5])), ' 1.0000e-120\n  1.5000e+00\n[torch.DoubleTensor of size 2]\n');
  // integers with expMax 10 > 9 → "%11.4e" too
  t.equal(formatTensor(torch.LongTensor([2000000000, 1])), ' 2.0000e+09\n 1.0000e+00\n[torch.LongTensor of size 2]\n');
  t.end();
});

test('formatTensor: wide matrices split into column blocks', (t) => {
  // "%3d" (expMax 2): ⌊80 / (3 + 1)⌋ = 20 columns a block; 30 columns → blocks 0–19 and 20–29,
  // a blank line between blocks
  const row = (from: number, to: number): string => {
    const cells: string[] = [];
    for (let v = from; v <= to; v++) cells.push(String(v).padStart(3));
    return cells.join(' ');
  };
  t.equal(formatTensor(torch.range(1, 60).view(2, 30)),
    `Columns 0 to 19\n${row(1, 20)}\n${row(31, 50)}\n\nColumns 20 to 29\n${row(21, 30)}\n${row(51, 60)}\n[torch.FloatTensor of size 2x30]\n`);
  // exactly 20 columns still fit (no header)
  t.equal(formatTensor(torch.range(1, 20).view(1, 20)), `${row(1, 20)}\n[torch.FloatTensor of size 1x20]\n`);
  // lineWidth: ⌊10 / (2 + 1)⌋ = 3 columns a block
  t.equal(formatTensor(torch.range(1, 6).view(1, 6), { lineWidth: 10 }),
    'Columns 0 to 2\n 1  2  3\n\nColumns 3 to 5\n 4  5  6\n[torch.FloatTensor of size 1x6]\n');
  t.end();
});

test('formatTensor: 3-D and 4-D', (t) => {
  // one slice per leading index, header "(i,.,.) = " (trailing space), rows indented by one space,
  // a blank line between slices, none before the footer; "%3d" for max 24
  t.equal(formatTensor(torch.range(1, 24).view(2, 3, 4)),
    '(0,.,.) = \n   1   2   3   4\n   5   6   7   8\n   9  10  11  12\n\n' +
    '(1,.,.) = \n  13  14  15  16\n  17  18  19  20\n  21  22  23  24\n[torch.FloatTensor of size 2x3x4]\n');
  // Torch's counter runs the FIRST leading index fastest: (0,0), (1,0), (0,1), (1,1)
  t.equal(formatTensor(torch.range(1, 16).view(2, 2, 2, 2)),
    '(0,0,.,.) = \n   1   2\n   3   4\n\n(1,0,.,.) = \n   9  10\n  11  12\n\n' +
    '(0,1,.,.) = \n   5   6\n   7   8\n\n(1,1,.,.) = \n  13  14\n  15  16\n[torch.FloatTensor of size 2x2x2x2]\n');
  // the format is chosen over all slices: scale 0.01 (expMax −1) and width 7 everywhere; with the
  // one-space indent a block holds ⌊79 / 8⌋ = 9 columns; the first block's "Columns" line is
  // indented, later ones are not; each scale line is indented, its rows by two spaces
  const v: number[] = [];
  for (let k = 1; k <= 20; k++) v.push(k / 1000);
  const cells = (ks: number[]): string => ks.map((k) => ` ${(k / 10).toFixed(4)}`).join(' ');
  const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  t.equal(formatTensor(torch.DoubleTensor(v).view(1, 2, 10)),
    `(0,.,.) = \n Columns 0 to 8\n 0.01 *\n  ${cells(range(1, 9))}\n  ${cells(range(11, 19))}\n` +
    `\nColumns 9 to 9\n 0.01 *\n  ${cells([10])}\n  ${cells([20])}\n[torch.DoubleTensor of size 1x2x10]\n`);
  t.end();
});

test('formatTensor: integer types', (t) => {
  // ByteTensor: max 255 → expMax 3 → "%4d"
  t.equal(formatTensor(torch.ByteTensor([[0, 255], [7, 8]])), '   0  255\n   7    8\n[torch.ByteTensor of size 2x2]\n');
  // LongTensor: max |v| 100 → expMax 3 → "%4d"
  t.equal(formatTensor(torch.LongTensor([[-3, 7], [100, 0]])), '  -3    7\n 100    0\n[torch.LongTensor of size 2x2]\n');
  t.end();
});

test('formatTensor: NaN and infinities', (t) => {
  // a NaN makes min/max NaN, so the width is NaN: Torch's "%nan.4f" becomes plain "%f"
  t.equal(formatTensor(torch.DoubleTensor([NaN, 1.5, Infinity, -Infinity])),
    'nan\n1.500000\ninf\n-inf\n[torch.DoubleTensor of size 4]\n');
  // ... and a NaN width never splits a matrix into column blocks, however wide
  const wide = [NaN, ...Array.from({ length: 11 }, (_, i) => i + 1)];
  t.equal(formatTensor(torch.DoubleTensor(wide).view(1, 12)),
    `nan ${wide.slice(1).map((x) => `${x}.000000`).join(' ')}\n[torch.DoubleTensor of size 1x12]\n`);
  // ±inf are integral (ceil(inf) = inf) with expMax inf > 9 → "%11.4e"
  t.equal(formatTensor(torch.DoubleTensor([1, Infinity, -Infinity])),
    ' 1.0000e+00\n        inf\n       -inf\n[torch.DoubleTensor of size 3]\n');
  t.end();
});

test('formatTensor: empty', (t) => {
  t.equal(formatTensor(torch.Tensor()), '[torch.FloatTensor with no dimension]\n');
  t.equal(formatTensor(torch.LongTensor()), '[torch.LongTensor with no dimension]\n');
  t.end();
});
