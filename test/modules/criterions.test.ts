/** The 'criterions' group: losses and gradients against hand-computed Torch semantics, defaults, errors, .t7 round trips. */
import test from 'tape';
import * as nn from '../../index.js';
import { close } from '../helpers/random.js';
import { criterionCases } from '../cases/criterions.js';
import { deserialize, serialize } from '../../lib/serialization/t7.js';
import { registerNnClasses } from '../../modules/t7/nnClasses.js';

registerNnClasses();
const T = (v: number[], s?: number[]) => nn.Tensor.from(v, s, 'float64');
const arr = (a: nn.Activity) => Array.from(nn.asTensor(a).toArray());
const both = (c: nn.Criterion, x: nn.Activity, y: nn.Target): [number, nn.Activity] => [c.forward(x, y), c.backward(x, y)];
const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol;

test('AbsCriterion, SmoothL1Criterion: values, gradients, sizeAverage', (t) => {
  const [l, g] = both(new nn.AbsCriterion(), T([1, 2, 3]), T([0, 4, 3]));
  t.ok(near(l, 1), 'Σ|x − t|/n');
  t.ok(close(arr(g), [1 / 3, -1 / 3, 1 / 3]), 'the sign is + where x = t, as THNN');
  t.equal(new nn.AbsCriterion(false).forward(T([1, 2, 3]), T([0, 4, 3])), 3, 'sizeAverage false sums');
  const [s, sg] = both(new nn.SmoothL1Criterion(), T([0.5, 3]), T([0, 0]));
  t.ok(near(s, (0.125 + 2.5) / 2) && close(arr(sg), [0.25, 0.5]), 'quadratic inside |d| < 1, linear outside');
  t.end();
});

test('SoftMarginCriterion, MarginCriterion, BinaryLogisticRegression, SpatialBinaryLogisticRegression', (t) => {
  let [l, g] = both(new nn.SoftMarginCriterion(), T([0]), T([1]));
  t.ok(near(l, Math.log(2)) && close(arr(g), [-0.5]), 'log(1 + e^(−tx)) at 0');
  [l, g] = both(new nn.MarginCriterion(), T([0.5, 2]), T([1, 1]));
  t.ok(near(l, 0.25) && close(arr(g), [-0.5, 0]), 'max(0, 1 − tx), default margin 1');
  [l, g] = both(new nn.BinaryLogisticRegression(), T([0, 0], [2, 1]), T([1, -1]));
  t.ok(near(l, Math.log(2)) && close(arr(g), [-0.25, 0.25]), 'BinaryLogisticRegression divides by B');
  [l, g] = both(new nn.SpatialBinaryLogisticRegression(), T([0, 0], [1, 1, 2]), T([1, 1], [1, 1, 2]));
  t.ok(near(l, Math.log(2) / 2) && close(arr(g), [-0.125, -0.125]), 'Σ/(2·B·H·W), as dpnn');
  t.end();
});

test('BCECriterion and MultiLabelSoftMarginCriterion: values, weights, bad probabilities', (t) => {
  let [l, g] = both(new nn.BCECriterion(), T([0.5, 0.5]), T([1, 0]));
  t.ok(near(l, Math.log(2), 1e-9) && close(arr(g), [-1, 1], 1e-9), '−log 0.5 per element, averaged');
  [l, g] = both(new nn.BCECriterion(T([2, 1]), false), T([0.5, 0.5, 0.5, 0.5], [2, 2]), T([1, 1, 1, 1], [2, 2]));
  t.ok(near(l, 6 * Math.log(2), 1e-9) && close(arr(g), [-4, -2, -4, -2], 1e-9), 'weights per column of a batch');
  t.throws(() => new nn.BCECriterion().forward(T([1.5]), T([1])), /BCECriterion.updateOutput: expected input probabilities in \[0, 1\], got values in \[1.5, 1.5\]/);
  [l, g] = both(new nn.MultiLabelSoftMarginCriterion(), T([0, 0]), T([1, 0]));
  t.ok(near(l, Math.log(2)) && close(arr(g), [-0.25, 0.25]), 'σ(x) − t over n');
  t.ok(near(new nn.MultiLabelSoftMarginCriterion().forward(T([100]), T([1])), 0), 'stable for large scores');
  t.end();
});

test('DistKLDivCriterion, HingeEmbeddingCriterion, L1Cost', (t) => {
  let [l, g] = both(new nn.DistKLDivCriterion(), T([Math.log(0.5), -3]), T([1, 0]));
  t.ok(near(l, Math.log(2) / 2) && close(arr(g), [-0.5, 0]), 't·(log t − x) where t > 0');
  [l, g] = both(new nn.HingeEmbeddingCriterion(), T([0.3, 0.4, 2]), T([1, -1, -1]));
  t.ok(near(l, 0.3) && close(arr(g), [1 / 3, -1 / 3, 0]), 'x for y = 1, max(0, 1 − x) for y = −1');
  t.ok(near(new nn.HingeEmbeddingCriterion(2).forward(T([0.5, 1]), -1), 1.25), 'a number label for every element');
  [l, g] = both(new nn.L1Cost(), T([-1, 2, 0]), 0);
  t.ok(l === 3 && close(arr(g), [-1, 1, 0]), 'Σ|x|, not averaged');
  t.end();
});

test('pair criteria: L1HingeEmbedding, MarginRanking, CosineEmbedding, DistanceRatio', (t) => {
  const x1 = T([1, 2]), x2 = T([0, 0]);
  t.equal(new nn.L1HingeEmbeddingCriterion().forward([x1, x2], 1), 3, '‖x1 − x2‖₁ for y = 1');
  const h = new nn.L1HingeEmbeddingCriterion(5);
  const [l, g] = both(h, [x1, x2], -1);
  t.ok(l === 2 && close(arr((g as nn.Tensor[])[0]!), [-1, -1]) && close(arr((g as nn.Tensor[])[1]!), [1, 1]), 'margin − d for y = −1, gradient negated');
  const [l2, g2] = both(new nn.L1HingeEmbeddingCriterion(2), [x1, x2], -1);
  t.ok(l2 === 0 && close(arr((g2 as nn.Tensor[])[0]!), [0, 0]), 'beyond the margin: no loss, no gradient');
  const [r, rg] = both(new nn.MarginRankingCriterion(), [T([1, 0]), T([0, 0])], T([1, -1]));
  const [r1, r2] = rg as nn.Tensor[];
  t.ok(near(r, 0.5) && close(arr(r1!), [-0.5, 0.5]) && close(arr(r2!), [0.5, -0.5]), 'a row at exactly 0 still has a gradient (≥ 0, as Torch)');
  const [rn, rng] = both(new nn.MarginRankingCriterion(), [T([0.2]), T([0.5])], 1);
  t.ok(near(rn, 1.3) && close(arr((rng as nn.Tensor[])[0]!), [-1]), 'non-batch with a number label');
  const c = new nn.CosineEmbeddingCriterion();
  t.ok(near(c.forward([T([1, 0]), T([0, 1])], 1), 1), '1 − cos for y = 1');
  t.ok(near(c.forward([T([1, 0, 0, 1], [2, 2]), T([0, 1, 0, 1], [2, 2])], T([-1, 1])), 0, 1e-9), 'max(0, cos − margin) for y = −1, averaged');
  t.ok(near(new nn.CosineEmbeddingCriterion(0.5).forward([T([1, 0]), T([2, 0])], -1), 0.5, 1e-9), 'margin');
  const [d, dg] = both(new nn.DistanceRatioCriterion(), [T([0]), T([0])], 0);
  t.ok(near(d, Math.log(2)) && close(arr((dg as nn.Tensor[])[0]!), [0.5]) && close(arr((dg as nn.Tensor[])[1]!), [-0.5]), 'X + log(e^(−X) + e^(−Y))');
  t.end();
});

test('MultiLabelMarginCriterion takes 0-based label ids ended by −1; MultiMarginCriterion', (t) => {
  const x = T([0.1, 0.2, 0.4, 0.8]);
  const c = new nn.MultiLabelMarginCriterion();
  t.ok(near(c.forward(x, T([3, 0, -1, 1])), 0.85), "Torch's documented example (labels 3 and 0), 0.85");
  t.deepEqual(Array.from(c.isTarget.toArray()), [1, 0, 0, 1], 'isTarget marks the labels');
  t.ok(close(arr(c.backward(x, T([3, 0, -1, 1]))), [-0.5, 0.5, 0.5, -0.5]), 'each active pair moves its label down and the other up, over K');
  t.throws(() => c.forward(x, T([4, -1, 0, 0])), /MultiLabelMarginCriterion.updateOutput: expected label ids in 0..3 ended by −1, got 4 in row 0/);
  const m = new nn.MultiMarginCriterion();
  t.ok(near(m.forward(x, 3), 0.325), 'Σ_{i≠y} max(0, 1 − x[y] + x[i]) / K');
  t.ok(close(arr(m.backward(x, 3)), [0.25, 0.25, 0.25, -0.75]));
  t.ok(near(new nn.MultiMarginCriterion(2).forward(x, 3), 0.1525), 'p = 2 squares the hinge');
  t.ok(near(new nn.MultiMarginCriterion(1, T([1, 1, 1, 2])).forward(T([0.1, 0.2, 0.4, 0.8, 0.1, 0.2, 0.4, 0.8], [2, 4]), T([3, 3])), 0.65), 'weights of the target class; averaged over rows');
  t.throws(() => new nn.MultiMarginCriterion(3), /MultiMarginCriterion: expected p = 1 or 2, got 3/);
  t.end();
});

test('WeightedMSECriterion, ClassSimplexCriterion, SpatialAutoCropMSECriterion', (t) => {
  const w = new nn.WeightedMSECriterion(T([2, 1]));
  t.ok(near(w.forward(T([1, 1, 0, 0], [2, 2]), T([1, 1, 1, 1], [2, 2])), 1.5), 'MSE against w ⊙ t, w for every row');
  const s = new nn.ClassSimplexCriterion(3);
  const v = s.simplex;
  const dot = (i: number, j: number) => v.select(0, i).dot(v.select(0, j));
  t.ok(near(dot(0, 0), 1) && near(dot(1, 1), 1) && near(dot(2, 2), 1), 'unit-norm vertices');
  t.ok(near(dot(0, 1), -0.5) && near(dot(1, 2), -0.5), 'pairwise −1/(nClasses − 1)');
  t.deepEqual(Array.from(v.select(1, 2).toArray()), [0, 0, 0], 'padded with a zero column');
  t.ok(near(s.forward(v.select(0, 1).clone(), 1), 0), 'zero loss at its own vertex');
  t.deepEqual(Array.from(s.getTopPrediction(v).toArray()), [0, 1, 2], 'getTopPrediction: 0-based');
  t.throws(() => new nn.ClassSimplexCriterion(1), /ClassSimplexCriterion: expected an integer nClasses > 1, got 1/);
  const a = new nn.SpatialAutoCropMSECriterion();
  const target = T([0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 3, 3]);
  t.equal(a.forward(T([0], [1, 1, 1]), target), 16, 'the centre of the target');
  t.deepEqual(arr(a.backward(T([0], [1, 1, 1]), target)), [-8]);
  t.throws(() => a.forward(T([0, 0, 0, 0], [1, 2, 2]), T([0], [1, 1, 1])), /SpatialAutoCropMSECriterion.updateOutput: expected a target of size \[1, ≥2, ≥2\]/);
  t.end();
});

test('SpatialClassNLLCriterion: per-pixel NLL with 0-based targets', (t) => {
  const x = T([-1, -3, -2, -4], [1, 2, 1, 2]); // pixel 0: [−1, −2], pixel 1: [−3, −4]
  const c = new nn.SpatialClassNLLCriterion();
  const [l, g] = both(c, x, T([0, 1], [1, 1, 2]));
  t.ok(near(l, 2.5), '(1 + 4)/2');
  t.deepEqual(arr(g), [-0.5, 0, 0, -0.5]);
  t.ok(near(new nn.SpatialClassNLLCriterion(T([1, 3]), true).forward(x, T([0, 1], [1, 1, 2])), 13 / 4), 'weighted average');
  t.ok(near(new nn.SpatialClassNLLCriterion(null, false, 1).forward(x, T([0, 1], [1, 1, 2])), 1), 'ignoreIndex');
  t.throws(() => c.forward(x, T([0, 1, 0], [3])), /SpatialClassNLLCriterion.updateOutput: expected a target of size \[1, 1, 2\] for input \[1, 2, 1, 2\], got \[3\]/);
  t.end();
});

/** An Identity that records the reward it is given. */
class Recorder extends nn.Identity {
  got: number[] = [];
  override reinforce(reward: nn.Tensor): void {
    this.got = Array.from(reward.toArray());
  }
}

test('BinaryClassReward: reward of the thresholded prediction, REINFORCE signal, baseline regression', (t) => {
  const rec = new Recorder();
  const c = new nn.BinaryClassReward(rec, 2);
  const input = [T([0.9, 0.2, 0.6]), T([0.5, 0.5, 0.5])];
  const [l, g] = both(c, input, T([1, 1, 0]));
  t.ok(near(l, -2 / 3), '−scale·(number correct)/B');
  t.ok(close(rec.got, [0.5, -1 / 6, -1 / 6]), '(R − b)/B reaches the module');
  const [gp, gb] = g as nn.Tensor[];
  t.deepEqual(arr(gp!), [0, 0, 0], 'no gradient to the probabilities');
  t.ok(close(arr(gb!), [-1, 1 / 3, 1 / 3]), 'MSECriterion gradient of the baseline towards R');
  t.end();
});

test('MultiCriterion, SequencerCriterion, RepeaterCriterion', (t) => {
  const [m, mg] = both(new nn.MultiCriterion().add(new nn.MSECriterion(), 0.5).add(new nn.AbsCriterion(), 2), T([1]), T([0]));
  t.ok(near(m, 2.5) && close(arr(mg), [3]), 'weighted sum of losses and gradients');
  const s = new nn.SequencerCriterion(new nn.MSECriterion());
  t.equal(s.sizeAverage, false, 'sizeAverage defaults to false');
  t.equal(s.forward(T([1, 2], [2, 1]), T([0, 0], [2, 1])), 5, 'Σ over steps of a seqlen × … tensor');
  s.sizeAverage = true;
  const [sl, sg] = both(s, T([1, 2], [2, 1]), T([0, 0], [2, 1]));
  t.ok(sl === 2.5 && close(arr(sg), [1, 2]), 'sizeAverage divides loss and gradient by seqlen');
  t.equal(s.clones.length, 2, 'one clone per step');
  const r = new nn.RepeaterCriterion(new nn.MSECriterion());
  const [rl, rg] = both(r, [T([1]), T([3])], T([1]));
  t.ok(rl === 4 && close(arr((rg as nn.Tensor[])[1]!), [4]), 'the same target every step');
  t.throws(() => new nn.SequencerCriterion(new nn.ModuleCriterion(new nn.MSECriterion())), /SequencerCriterion: cannot decorate a ModuleCriterion/);
  t.throws(() => s.forward([T([1])], [T([1]), T([2])]), /SequencerCriterion.updateOutput: expected a target table of 1 steps/);
  t.end();
});

test('MaskZeroCriterion: zero rows (or a zeroMask) contribute nothing', (t) => {
  const x = T([1, 1, 0, 0, 2, 2], [3, 2]), y = T([0, 0, 5, 5, 0, 0], [3, 2]);
  const c = new nn.MaskZeroCriterion(new nn.MSECriterion());
  const [l, g] = both(c, x, y);
  t.ok(near(l, 2.5) && close(arr(g), [0.5, 0.5, 0, 0, 1, 1]), 'no mask set: the all-zero row is left out; the average is over kept rows');
  c.setZeroMask(T([1, 0, 0]));
  t.ok(near(c.forward(x, y), (50 + 8) / 4), 'a zeroMask masks the rows it marks');
  c.setZeroMask(T([1, 1, 1]));
  const [l0, g0] = both(c, x, y);
  t.ok(l0 === 0 && close(arr(g0), [0, 0, 0, 0, 0, 0]), 'an all-masked batch: 0 loss, 0 gradient');
  c.setZeroMask(false);
  t.ok(near(c.forward(x, y), (1 + 1 + 25 + 25 + 4 + 4) / 6), 'false: no masking');
  const s = new nn.SequencerCriterion(new nn.MaskZeroCriterion(new nn.MSECriterion())).setZeroMask(T([0, 1, 1, 0], [2, 2]));
  t.ok(near(s.forward(T([1, 9, 9, 2], [2, 2, 1]), T([0, 0, 0, 0], [2, 2, 1])), 1 + 4), 'SequencerCriterion hands row i of a seqlen × B mask to step i');
  t.end();
});

test('t7 round trip of every criterions case: class, loss and gradient', (t) => {
  const leavesOf = (a: nn.Activity): number[] => (a instanceof nn.Tensor ? Array.from(a.toArray()) : a.flatMap(leavesOf));
  for (const c of criterionCases) {
    const m = c.build(), x = c.input(), y = c.target();
    const back = deserialize(serialize(m), { onWarning: () => {} }) as nn.Criterion;
    if (back?.constructor !== m.constructor) {
      t.fail(`${c.name} (${c.label}): loaded as ${String(back?.constructor?.name)}`);
      continue;
    }
    const [l0, g0] = both(m, x, y), [l1, g1] = both(back, x, y);
    t.ok(near(l0, l1, 1e-6) && close(leavesOf(g0), leavesOf(g1), 1e-6), `${c.name} (${c.label})`);
  }
  t.end();
});
