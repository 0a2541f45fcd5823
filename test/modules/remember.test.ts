/**
 * rnn's memory across forwards: Module.remember reaching the sequencers of a container, a Sequencer
 * forgetting when it switches between training and evaluation, BiSequencer remembering forwards
 * only, and a stacked language model written as rnn writes it (one Sequencer around a step module
 * holding several recurrent layers, remembered) against the same layers each in its own Sequencer
 * with the state carried by hand: the same losses and gradients over a stream of batches.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { cloneActivity } from '../../lib/Activity.js';

function rnd(shape: number[], g: nn.Generator): nn.Tensor {
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape, 'float64');
}

const maxDiff = (a: nn.Tensor, b: nn.Tensor): number => Math.max(0, ...Array.from(a.clone().add(-1, b).abs().toArray()));

test('Module.remember reaches the Sequencers inside a container; a mode switch forgets', (t) => {
  const seq = new nn.Sequencer(new nn.RecLSTM(3, 3));
  const net = new nn.Sequential().add(new nn.Identity()).add(seq).double();
  t.equal(net.remember(), net, 'remember returns the module');
  t.equal(seq._remember, 'both', 'the default mode is both');
  net.remember('eval');
  t.equal(seq._remember, 'eval', 'the mode reaches the Sequencer');
  t.throws(() => seq.remember('always' as nn.RememberMode), /Sequencer.*remember: expected one of both, train, eval, neither, got always/, 'an unknown mode is an ArgumentError');
  const g = new nn.Generator(2), xs = [rnd([2, 3], g), rnd([2, 3], g)];
  const lstm = seq.module;
  net.remember('both');
  net.forward(xs);
  net.forward(xs);
  t.equal(lstm.step, 4, 'remembered: the second forward continues the sequence');
  net.evaluate();
  t.equal(lstm.step, 0, 'evaluate() after training starts a new sequence');
  net.forward(xs);
  net.evaluate();
  t.equal(lstm.step, 2, 'evaluate() while evaluating keeps the sequence');
  net.training();
  t.equal(lstm.step, 0, 'training() after evaluation starts a new sequence');
  net.remember('eval');
  net.forward(xs);
  net.forward(xs);
  t.equal(lstm.step, 2, "'eval' does not remember in training");
  t.end();
});

test('BiSequencer.remember: the forward sequencer remembers, the backward one never', (t) => {
  const bi = new nn.BiSequencer(new nn.RecLSTM(2, 2)).double().remember('both');
  t.equal(bi.fwdSeq._remember, 'both', 'forward sequencer: both');
  t.equal(bi.bwdSeq._remember, 'neither', 'backward sequencer: neither');
  const g = new nn.Generator(3), xs = [rnd([1, 2], g), rnd([1, 2], g), rnd([1, 2], g)];
  bi.forward(xs);
  bi.forward(xs);
  t.equal(bi.fwdSeq.module.step, 6, 'the forward RNN ran on');
  t.equal(bi.bwdSeq.module.step, 3, 'the backward RNN started anew');
  bi.forget();
  t.equal(bi.fwdSeq.module.step, 0, 'forget() reaches both');
  t.end();
});

test('a stacked LM as rnn writes it (one remembered Sequencer around RecLSTM, RecLSTM, Linear, LogSoftMax) equals per-layer Sequencers carrying the state', (t) => {
  const V = 7, H = 4, T = 3, B = 2, batches = 4;
  nn.manualSeed(11);
  const step = new nn.Sequential().add(new nn.RecLSTM(H, H)).add(new nn.RecLSTM(H, H)).add(new nn.Linear(H, V)).add(new nn.LogSoftMax());
  const a = new nn.Sequential().add(new nn.LookupTable(V, H)).add(new nn.SplitTable(0)).add(new nn.Sequencer(step)).double();
  a.remember('both');
  const layers = step.modules.map((m) => m.clone());
  const l1 = new nn.Sequencer(layers[0]!), l2 = new nn.Sequencer(layers[1]!);
  const b = new nn.Sequential().add(a.modules[0]!.clone()).add(new nn.SplitTable(0)).add(l1).add(l2)
    .add(new nn.Sequencer(new nn.Sequential().add(layers[2]!).add(layers[3]!))).double();
  const rec = [l1.module, l2.module] as nn.RecLSTM[];
  const crit = new nn.SequencerCriterion(new nn.ClassNLLCriterion());
  const [, ga] = a.getParameters(), [, gb] = b.getParameters();
  for (let i = 0; i < batches; i++) {
    const x = nn.torch.LongTensor(T, B).random(V), y = new nn.SplitTable(0).forward(nn.torch.LongTensor(T, B).random(V));
    const oa = a.forward(x), la = crit.forward(oa, y);
    a.zeroGradParameters();
    if (i % 2 === 0) a.backward(x, crit.backward(oa, y));
    else { // updateGradInput over the whole sequence, then accGradParameters: each step shows its own outputs again
      const go = crit.backward(oa, y);
      a.updateGradInput(x, go);
      a.accGradParameters(x, go);
    }
    const ob = b.forward(x), lb = crit.forward(ob, y);
    b.zeroGradParameters();
    b.backward(x, crit.backward(ob, y));
    t.ok(Math.abs(la - lb) < 1e-12, `batch ${i}: losses agree (${la.toFixed(6)} and ${lb.toFixed(6)})`);
    t.ok(maxDiff(ga, gb) < 1e-12, `batch ${i}: gradients agree (max difference ${maxDiff(ga, gb).toExponential(1)})`);
    for (const r of rec) r.setHiddenState(-1, cloneActivity(r.getHiddenState(r.step - 1))); // the carry, by hand
  }
  const inner = step.modules[0] as nn.RecLSTM;
  t.equal(inner.step, T * batches, 'the inner RecLSTM ran one remembered sequence');
  t.ok(inner.stepModules().length <= T + 1, `it keeps at most rho + 1 step modules (${inner.stepModules().length})`);
  t.end();
});

test('Module.maskZero and setZeroMask reach the recurrent modules inside a container (torch/rnn Module.lua)', (t) => {
  const mk = (): nn.Sequential => new nn.Sequential().add(new nn.Sequencer(new nn.RecLSTM(2, 3))).double();
  const net = mk(), direct = mk();
  const inner = (m: nn.Sequential): nn.RecLSTM => (m.get(0) as nn.Sequencer).module as nn.RecLSTM;
  inner(direct).parameters()[0].forEach((p, i) => p.copy(inner(net).parameters()[0][i]!));
  t.equal(net.maskZero(true), net, 'maskZero returns the module');
  t.ok(inner(net).maskzero, 'maskZero(true) reached the RecLSTM');
  inner(direct).maskZero();
  const g = new nn.Generator(4), xs = nn.Tensor.from(Array.from({ length: 3 * 2 * 2 }, () => g.uniform(-1, 1)), [3, 2, 2], 'float64');
  const mask = nn.Tensor.from([0, 1, 0, 0, 1, 0], [3, 2], 'uint8'); // (seqlen, batch): step 0 of row 1 and step 2 of row 0 are padding
  net.setZeroMask(mask);
  inner(direct).setZeroMask(mask);
  const a = net.forward(xs) as nn.Tensor, b = direct.forward(xs) as nn.Tensor;
  t.ok(maxDiff(a, b) === 0, 'the same outputs as setZeroMask on the RecLSTM itself');
  t.deepEqual(Array.from(a.select(0, 0).select(0, 1).toArray()), [0, 0, 0], 'a padding step outputs zeros');
  net.setZeroMask(false);
  t.equal(inner(net).zeroMask, null, 'setZeroMask(false) switches the mask off');
  t.throws(() => new nn.VariableLength(new nn.Linear(2, 2)), /VariableLength.constructor: expected a module that zero-masks .*got Linear/, 'VariableLength needs a module that masks');
  t.end();
});

test('encoder-decoder coupling through Sequencers (Module-level hidden-state tables): the encoder gradient matches finite differences', (t) => {
  const H = 3, T = 3, g = new nn.Generator(8);
  const encL = new nn.Sequencer(new nn.RecLSTM(2, H)), decL = new nn.Sequencer(new nn.RecLSTM(2, H));
  const enc = new nn.Sequential().add(encL).add(new nn.Select(0, -1)).double();
  const dec = new nn.Sequential().add(decL).double();
  const xe = rnd([T, 2, 2], g), xd = rnd([2, 2, 2], g), w = rnd([2, 2, H], g);
  const state = encL.getHiddenState.bind(encL);
  const run = (): number => {
    enc.forward(xe);
    decL.setHiddenState(-1, state(T - 1));
    return (dec.forward(xd) as nn.Tensor).clone().cmul(w).sum();
  };
  run();
  t.ok(Array.isArray(state(T - 1)) && (state(T - 1) as nn.Activity[]).length === 1, "a Sequencer's hidden state is the table of its module's");
  enc.zeroGradParameters();
  dec.zeroGradParameters();
  dec.backward(xd, w);
  encL.setGradHiddenState(T - 1, decL.getGradHiddenState(-1));
  enc.backward(xe, nn.Tensor.zeros([2, H], 'float64'));
  const [p, gp] = enc.getParameters();
  let worst = 0;
  for (let i = 0; i < p.numel(); i += 7) {
    const e = p.narrow(0, i, 1), v = e.toArray()[0]!;
    e.fill(v + 1e-6); const up = run();
    e.fill(v - 1e-6); const down = run();
    e.fill(v);
    worst = Math.max(worst, Math.abs((up - down) / 2e-6 - gp.narrow(0, i, 1).toArray()[0]!));
  }
  t.ok(worst < 1e-6, `encoder gradients through the coupling agree with finite differences (max difference ${worst.toExponential(1)})`);
  t.throws(() => encL.setHiddenState(-1, nn.Tensor.zeros([2, H])), /Sequencer.*setHiddenState: expected a table of 1 states \(one per child\), got/, 'a container wants a table of states');
  t.end();
});
