import test from 'tape';
import { torch } from '../../index.js';
import { image } from '../../image/index.js';
import { maxDiff } from './helpers.js';

const px = (r: number, g: number, b: number) => torch.DoubleTensor([[[r]], [[g]], [[b]]]);
const vals = (t: ReturnType<typeof px>) => [t.get(0, 0, 0), t.get(1, 0, 0), t.get(2, 0, 0)];
const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]!) < tol);

test('colour round trips to 1e-5 (double)', (t) => {
  torch.manualSeed(1);
  const rgb = torch.rand(3, 6, 7).double();
  t.ok(maxDiff(image.yuv2rgb(image.rgb2yuv(rgb)), rgb) < 1e-4, `rgb → yuv → rgb ${maxDiff(image.yuv2rgb(image.rgb2yuv(rgb)), rgb).toExponential(1)} (Torch's 5-digit coefficients invert to ~1e-5)`);
  t.ok(maxDiff(image.hsl2rgb(image.rgb2hsl(rgb)), rgb) < 1e-5, 'rgb → hsl → rgb');
  t.ok(maxDiff(image.hsv2rgb(image.rgb2hsv(rgb)), rgb) < 1e-5, 'rgb → hsv → rgb');
  // Torch's sRGB→XYZ matrix (0.412453, …) and XYZ→sRGB matrix (3.2404542, …) are inverses only to ~1e-4
  // (their product's diagonal is 0.99999, 1.00001, 0.99992), so its round trip is exact only to ~4e-5
  t.ok(maxDiff(image.lab2rgb(image.rgb2lab(rgb)), rgb) < 1e-4, `rgb → lab → rgb ${maxDiff(image.lab2rgb(image.rgb2lab(rgb)), rgb).toExponential(1)} < 1e-4 (Torch's constants)`);
  const dark = rgb.clone().mul(0.02); // below the sRGB and Lab linear-segment thresholds
  t.ok(maxDiff(image.lab2rgb(image.rgb2lab(dark)), dark) < 1e-5, 'dark colours (linear segments)');
  t.ok(maxDiff(image.hsl2rgb(image.rgb2hsl(rgb.float())), rgb.float()) < 1e-5, 'float too');
  t.end();
});

test('colour: known values', (t) => {
  t.ok(near(vals(image.rgb2hsl(px(1, 0, 0))), [0, 1, 0.5], 1e-12), 'red in HSL');
  t.ok(near(vals(image.rgb2hsv(px(0, 0, 1))), [2 / 3, 1, 1], 1e-12), 'blue in HSV');
  t.ok(near(vals(image.rgb2hsv(px(0.5, 0.5, 0.5))), [0, 0, 0.5], 1e-12), 'grey: no hue or saturation');
  t.ok(near(vals(image.rgb2lab(px(1, 1, 1))), [100, 0, 0], 1e-2), 'white in Lab');
  t.ok(near(vals(image.rgb2lab(px(1, 0, 0))), [53.24, 80.09, 67.2], 0.05), 'red in Lab (Lindbloom)');
  t.ok(near(vals(image.rgb2yuv(px(1, 1, 1))), [1, 0, 0], 1e-4), 'white: Y 1, no chroma');
  const y = image.rgb2y(px(1, 0.5, 0));
  t.deepEqual(y.size(), [1, 1, 1], 'rgb2y: 1×H×W');
  t.ok(Math.abs(y.get(0, 0, 0) - (0.299 + 0.587 * 0.5)) < 1e-12);
  t.throws(() => image.rgb2hsl(torch.rand(2, 3, 3)), /expected a 3×H×W image/);
  t.end();
});
