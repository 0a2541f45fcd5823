/**
 * Torch's own test kinds (those of torch/nn's test.lua), run on every gradient-check case in
 * float64 on the js backend, besides the Jacobian check of gradients.test.ts:
 * - batchOf1: a non-batch input against the same input as a batch of one (1e-8);
 * - nonContiguous: the input as a strided view (every other element of a larger storage);
 * - sharedClones: a sharedClone run beside its module accumulates twice the gradient;
 * - updateParameters: w − lr·gradW, and accUpdateGradParameters gives the same step;
 * - inPlace: the in-place variant against the out-of-place module;
 * - t7: clearState() returns the module, then torch.save/torch.load round trips (binary and ascii .t7)
 *   gives the same forward and backward.
 * A kind that does not apply to a case is a printed skip with the case's reason; one assertion per
 * case and kind (the failing details in its message).
 */
import test from 'tape';
import * as nn from '../index.js';
import { cloneActivity, leaves } from '../lib/Activity.js';
import { criterionCases, moduleCases, type CriterionCase, type ModuleCase, type TestKind } from './gradcheck-cases.js';

type Activity = nn.Activity;
const TOL = 1e-8;

const mapLeaves = (a: Activity, f: (t: nn.Tensor) => nn.Tensor): Activity => (a instanceof nn.Tensor ? f(a) : a.map((x) => mapLeaves(x, f)));
const values = (a: Activity): number[][] => leaves(a).map((t) => Array.from(t.toArray()));

/** Largest |a − b| relative to the largest |b| (1 when the structures differ). */
function diff(a: number[][], b: number[][]): number {
  if (a.length !== b.length || a.some((x, i) => x.length !== b[i]!.length)) return 1;
  let d = 0, s = 1e-12;
  a.forEach((x, i) => x.forEach((v, j) => {
    const w = b[i]![j]!;
    d = Math.max(d, Number.isNaN(v) !== Number.isNaN(w) ? 1 : Math.abs(v - w) || 0);
    s = Math.max(s, Math.abs(w));
  }));
  return d / Math.max(1, s);
}

/** The same values in a non-contiguous view: every other element of a storage twice as long. */
function strided(t: nn.Tensor): nn.Tensor {
  if (t.dim() === 0 || t.numel() === 0) return t.clone();
  const big = nn.Tensor.zeros([...t.shape, 2], t.dtype);
  const v = big.select(t.dim(), 0);
  v.copy(t);
  return v;
}

/** A fixed gradOutput shaped like the output (values from a seeded generator). */
function gradFor(out: Activity): Activity {
  const g = new nn.Generator(3);
  return mapLeaves(out, (t) => nn.Tensor.from(Array.from({ length: t.numel() }, () => g.uniform(-1, 1)), t.shape, 'float64'));
}

interface Pass { out: number[][]; gradIn: number[][]; grads: number[][] }

/** forward, then zeroGradParameters and backward with gradOutput (or its own fixed one); the module is reseeded as the case says. */
function pass(c: ModuleCase, m: nn.Module, x: Activity, gradOut?: (out: Activity) => Activity): Pass {
  if (c.opts?.seed !== undefined) nn.manualSeed(c.opts.seed);
  const out = m.forward(x);
  const outValues = values(out);
  c.opts?.beforeBackward?.(m);
  m.zeroGradParameters();
  const gi = m.backward(x, (gradOut ?? gradFor)(out));
  return { out: outValues, gradIn: values(gi), grads: m.parameters()[1].map((g) => Array.from(g.toArray())) };
}

function build(c: ModuleCase): nn.Module {
  nn.manualSeed(7);
  return c.build().double();
}

const input = (c: { input: () => Activity }): Activity => cloneActivity(c.input(), 'float64');
const isNonBatch = (c: ModuleCase | CriterionCase): boolean => c.nonBatch ?? /^non-batch/.test(c.label);

type Check = (c: ModuleCase) => string | [ok: boolean, message: string];

const moduleKinds: Record<TestKind, Check> = {
  batchOf1(c) {
    if (!isNonBatch(c)) return 'a batch case (the kind runs on non-batch cases)';
    const x = input(c), ref = pass(c, build(c), x);
    const g = gradFor(build(c).forward(cloneActivity(x)));
    const got = pass(c, build(c), mapLeaves(x, (t) => t.unsqueeze(0)), () => mapLeaves(g, (t) => t.unsqueeze(0)));
    const e = Math.max(diff(got.out, ref.out), diff(got.gradIn, ref.gradIn), diff(got.grads, ref.grads));
    return [e < TOL, `batch of 1 = non-batch: max relative difference ${e.toExponential(2)}`];
  },
  nonContiguous(c) {
    const x = input(c), ref = pass(c, build(c), x);
    const xs = mapLeaves(x, strided);
    const got = pass(c, build(c), xs);
    const e = Math.max(diff(got.out, ref.out), diff(got.gradIn, ref.gradIn), diff(got.grads, ref.grads));
    return [e < 1e-12 && leaves(xs).every((t) => t.dim() === 0 || !t.isContiguous()), `strided input = contiguous input: ${e.toExponential(2)}`];
  },
  sharedClones(c) {
    const m = build(c);
    if (m.parameters()[0].length === 0) return 'no parameters';
    const x = input(c), one = pass(c, m, x).grads;
    const m2 = build(c), twin = m2.sharedClone();
    const g = gradFor(m2.forward(cloneActivity(x)));
    m2.zeroGradParameters();
    for (const mm of [m2, twin]) {
      if (c.opts?.seed !== undefined) nn.manualSeed(c.opts.seed);
      mm.forward(x);
      c.opts?.beforeBackward?.(mm);
      mm.backward(x, g);
    }
    const two = m2.parameters()[1].map((t) => Array.from(t.toArray()));
    const e = diff(two, one.map((r) => r.map((v) => 2 * v)));
    return [e < TOL && twin.parameters()[0][0] === m2.parameters()[0][0], `sharedClone: the same weight tensors, twice the gradient (${e.toExponential(2)})`];
  },
  updateParameters(c) {
    const lr = 0.3, m = build(c);
    const [ps] = m.parameters();
    if (ps.length === 0) return 'no parameters';
    const x = input(c), before = ps.map((p) => Array.from(p.toArray()));
    const { grads } = pass(c, m, x);
    m.updateParameters(lr);
    const expected = before.map((p, i) => p.map((v, j) => v - lr * grads[i]![j]!));
    const e1 = diff(ps.map((p) => Array.from(p.toArray())), expected);
    const m2 = build(c);
    if (c.opts?.seed !== undefined) nn.manualSeed(c.opts.seed);
    const out = m2.forward(x);
    c.opts?.beforeBackward?.(m2);
    const g = gradFor(out);
    m2.updateGradInput(x, g); // as Torch's backwardUpdate: containers step their children with the gradients of this pass
    m2.accUpdateGradParameters(x, g, lr);
    const e2 = diff(m2.parameters()[0].map((p) => Array.from(p.toArray())), expected);
    return [e1 < TOL && e2 < TOL, `updateParameters ${e1.toExponential(2)}, accUpdateGradParameters ${e2.toExponential(2)} from w − lr·gradW`];
  },
  inPlace(c) {
    if (!c.inPlace) return 'no in-place variant';
    const x = input(c), ref = pass(c, build(c), x);
    nn.manualSeed(7);
    const got = pass(c, c.inPlace().double(), cloneActivity(x));
    const e = Math.max(diff(got.out, ref.out), diff(got.gradIn, ref.gradIn));
    return [e < TOL, `in-place = out-of-place: ${e.toExponential(2)}`];
  },
  t7(c) {
    const x = input(c), m = build(c);
    const first = pass(c, m, x);
    const cleared = m.clearState();
    let e = 0;
    for (const format of ['binary', 'ascii'] as const) {
      const back = nn.deserialize(nn.serialize(m, format, { onWarning: () => {} }), { onWarning: () => {} });
      if (!(back instanceof nn.Module) || back.constructor !== m.constructor) return [false, `torch.load (${format}) gave ${String(back?.constructor?.name)}, not a ${m.constructor.name}`];
      const again = pass(c, back, x);
      e = Math.max(e, diff(again.out, first.out), diff(again.gradIn, first.gradIn), diff(again.grads, first.grads));
    }
    return [cleared === m && e < TOL, `clearState() returns self; ${m.constructor.name} round trip (binary, ascii): ${e.toExponential(2)}`];
  },
};

function run(t: test.Test, kind: string, c: { skip?: Partial<Record<TestKind, string>> }, check: () => string | [boolean, string]): void {
  const reason = c.skip?.[kind as TestKind];
  const r = reason ?? check();
  if (typeof r === 'string') {
    t.skip(`${kind}: ${r}`);
    return;
  }
  t.ok(r[0], `${kind}: ${r[1]}`);
}

nn.setBackend('js');
/** One test per case running every kind of `kinds` on it (float64, back to float32 after). */
function testKinds<C extends { name: string; label: string; skip?: Partial<Record<TestKind, string>> }>(
  cases: readonly C[], kinds: Partial<Record<TestKind, (c: C) => string | [boolean, string]>>,
): void {
  for (const c of cases) {
    test(`Torch test kinds: ${c.name} (${c.label})`, (t) => {
      nn.setDefaultDtype('float64');
      try {
        for (const [kind, check] of Object.entries(kinds)) {
          try {
            run(t, kind, c, () => check(c));
          } catch (e) {
            t.fail(`${kind}: threw ${(e as Error).stack ?? String(e)}`);
          }
        }
      } finally {
        nn.setDefaultDtype('float32');
      }
      t.end();
    });
  }
}

testKinds(moduleCases, moduleKinds);

/** A criterion's loss and gradInput values. */
function cpass(m: nn.Criterion, x: Activity, target: nn.Target): number[][] {
  const loss = m.forward(x, target);
  return [[loss], ...values(m.backward(x, target))];
}

const batchTarget = (tg: nn.Target): nn.Target =>
  typeof tg === 'number' ? nn.Tensor.from([tg], [1], 'float64') : tg instanceof nn.Tensor ? tg.unsqueeze(0) : (tg as nn.Target[]).map(batchTarget) as nn.Target;

const criterionKinds: Partial<Record<TestKind, (c: CriterionCase) => string | [boolean, string]>> = {
  batchOf1(c) {
    if (!isNonBatch(c)) return 'a batch case (the kind runs on non-batch cases)';
    const x = input(c), tg = c.target();
    const ref = cpass(c.build(), x, tg);
    const got = cpass(c.build(), mapLeaves(x, (v) => v.unsqueeze(0)), batchTarget(tg));
    const e = diff(got, ref);
    return [e < TOL, `batch of 1 = non-batch: ${e.toExponential(2)}`];
  },
  nonContiguous(c) {
    const x = input(c), tg = c.target();
    const ref = cpass(c.build(), x, tg), got = cpass(c.build(), mapLeaves(x, strided), tg);
    const e = diff(got, ref);
    return [e < 1e-12, `strided input = contiguous input: ${e.toExponential(2)}`];
  },
  t7(c) {
    const x = input(c), tg = c.target(), m = c.build();
    const first = cpass(m, x, tg);
    let e = 0;
    for (const format of ['binary', 'ascii'] as const) {
      const back = nn.deserialize(nn.serialize(m, format, { onWarning: () => {} }), { onWarning: () => {} });
      if (!(back instanceof nn.Criterion) || back.constructor !== m.constructor) return [false, `torch.load (${format}) gave ${String(back?.constructor?.name)}, not a ${m.constructor.name}`];
      e = Math.max(e, diff(cpass(back, x, tg), first));
    }
    return [e < TOL, `${m.constructor.name} round trip (binary, ascii): ${e.toExponential(2)}`];
  },
};

testKinds(criterionCases, criterionKinds);
