/**
 * The batched products of the matrix-product convolutions: a batch runs in groups of examples
 * (modules/convolutionCore.ts groupSize), one gemm per group. Each batch result must equal the
 * examples run one by one, with full and partial groups, on the active backend (float64 and float32).
 */
import test from 'tape';
import * as nn from '../../index.js';
import { groupSize } from '../../modules/convolutionCore.js';

function rnd(shape: number[], g: nn.Generator, dtype: nn.DType): nn.Tensor {
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape, dtype);
}

/** max |a − b| over two tensors. */
const maxDiff = (a: nn.Tensor, b: nn.Tensor): number => Math.max(...Array.from(a.clone().add(-1, b).abs().contiguous().toArray()));

for (const dtype of ['float64', 'float32'] as const) {
  test(`SpatialConvolution in groups of examples equals one example at a time (${dtype})`, (t) => {
    const g = new nn.Generator(3), tol = dtype === 'float64' ? 1e-12 : 2e-5;
    // 10×10 outputs (L = 100): groups of 6, so a batch of 7 is one full group and a partial one
    const B = 7, m = new nn.SpatialConvolution(2, 3, 3, 3, 1, 1, 1);
    t.equal(groupSize(B, 100), 6, 'groups of 6 examples');
    if (dtype === 'float64') m.double();
    const x = rnd([B, 2, 10, 10], g, dtype), gy = rnd([B, 3, 10, 10], g, dtype);
    m.zeroGradParameters();
    const y = m.forward(x).clone(), gx = m.backward(x, gy).clone();
    const gw = m.gradWeight.clone(), gb = m.gradBias!.clone();
    const y1 = nn.Tensor.zeros(y.shape, dtype), gx1 = nn.Tensor.zeros(gx.shape, dtype);
    m.zeroGradParameters();
    for (let b = 0; b < B; b++) {
      y1.select(0, b).copy(m.forward(x.select(0, b)));
      gx1.select(0, b).copy(m.backward(x.select(0, b), gy.select(0, b)));
    }
    t.ok(maxDiff(y, y1) < tol, `output: max difference ${maxDiff(y, y1).toExponential(2)}`);
    t.ok(maxDiff(gx, gx1) < tol, `gradInput: max difference ${maxDiff(gx, gx1).toExponential(2)}`);
    t.ok(maxDiff(gw, m.gradWeight) < 10 * tol, `gradWeight: max difference ${maxDiff(gw, m.gradWeight).toExponential(2)}`);
    t.ok(maxDiff(gb, m.gradBias!) < 10 * tol, `gradBias: max difference ${maxDiff(gb, m.gradBias!).toExponential(2)}`);
    t.end();
  });
}

test('groupSize: wide outputs run alone, narrow ones fill a 512-column product', (t) => {
  t.equal(groupSize(32, 576), 1, "LeNet's first layer (24×24 outputs)");
  t.equal(groupSize(32, 16), 32, "LeNet's second layer (4×4 outputs): the whole batch");
  t.equal(groupSize(3, 16), 3, 'never more than the batch');
  t.end();
});
