/**
 * Step-module recycling and steady-state allocation in recurrent training: a remembered sequence
 * keeps rho + 1 step modules however long it runs (rnn's recycle), with the same numbers as a
 * model that never recycles, and a training step of the usual language-model stacks makes no new
 * tensor storage after its first run (wasm backend, as the library runs by default).
 */
import test from 'tape';
import * as nn from '../../index.js';

function rnd(shape: number[], g: nn.Generator): nn.Tensor {
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape, 'float64');
}

test('a remembered Sequencer(LSTM) recycles its step modules: rho + 1 of them, the same outputs and gradients', (t) => {
  const g = new nn.Generator(5), T = 4, batches = 6;
  const a = new nn.Sequencer(new nn.LSTM(3, 3)).remember('both').double();
  const lstmA = a.module as nn.AbstractRecurrent;
  const lstmB = (lstmA.clone() as nn.AbstractRecurrent); // the same weights, driven step by step: it never recycles
  const xs = Array.from({ length: batches }, () => Array.from({ length: T }, () => rnd([2, 3], g)));
  const gys = Array.from({ length: batches }, () => Array.from({ length: T }, () => rnd([2, 3], g)));
  for (let i = 0; i < batches; i++) {
    const ya = a.forward(xs[i]!) as nn.Tensor[];
    a.backward(xs[i]!, gys[i]!);
    const yb = xs[i]!.map((x) => nn.asTensor(lstmB.forward(x)).clone());
    for (let k = T - 1; k >= 0; k--) lstmB.backward(xs[i]![k]!, gys[i]![k]!);
    const diff = Math.max(...ya.map((y, k) => Math.max(...Array.from(y.clone().add(-1, yb[k]!).abs().toArray()))));
    t.ok(diff < 1e-12, `batch ${i}: outputs agree (max difference ${diff.toExponential(1)})`);
  }
  t.equal(lstmA.rho, T, 'the Sequencer set rho to the sequence length');
  t.equal(lstmA.step, T * batches, 'one remembered sequence of 24 steps');
  t.ok(lstmA.stepModules().length <= T + 1, `at most rho + 1 step modules (${lstmA.stepModules().length})`);
  t.equal(lstmB.stepModules().length, T * batches, 'without recycling: one per step');
  const [, ga] = lstmA.parameters(), [, gb] = lstmB.parameters();
  const gdiff = Math.max(...ga.map((p, k) => Math.max(...Array.from(p.clone().add(-1, gb[k]!).abs().toArray()))));
  t.ok(gdiff < 1e-10, `accumulated gradients agree (max difference ${gdiff.toExponential(1)})`);
  a.forget();
  t.equal(lstmA.stepModules().length, lstmA.sharedClones.length, 'forget() moves the step modules back to the first steps');
  t.end();
});

function storagesPerStep(step: () => void): number {
  step();
  step();
  const orig = nn.Storage.allocate;
  let n = 0;
  nn.Storage.allocate = (d, len) => {
    n++;
    return orig(d, len);
  };
  try {
    for (let i = 0; i < 3; i++) step();
  } finally {
    nn.Storage.allocate = orig;
  }
  return n / 3;
}

test('no new tensor storage in the steady state of language-model and LeNet training steps (wasm)', (t) => {
  const prev = nn.backend().name;
  nn.setBackend('wasm');
  try {
    const T = 5, B = 4, V = 50, H = 8;
    const cores: [string, () => nn.Module][] = [
      ['SeqLSTM', () => new nn.SeqLSTM(H, H)],
      ['SeqGRU', () => new nn.SeqGRU(H, H)],
      ['Sequencer(LSTM)', () => new nn.Sequencer(new nn.LSTM(H, H))],
      ['Sequencer(RecLSTM), remembered', () => new nn.Sequencer(new nn.RecLSTM(H, H)).remember('both')],
      ['Sequencer(GRU)', () => new nn.Sequencer(new nn.GRU(H, H))],
      ['Sequencer(Sequential(RecLSTM, RecLSTM)), remembered', () => new nn.Sequencer(new nn.Sequential().add(new nn.RecLSTM(H, H)).add(new nn.RecLSTM(H, H))).remember('both')],
    ];
    for (const [name, core] of cores) {
      const split = name.startsWith('Seq') && !name.startsWith('Sequencer');
      const lm = new nn.Sequential().add(new nn.LookupTable(V, H));
      if (split) lm.add(core()).add(new nn.SplitTable(0));
      else lm.add(new nn.SplitTable(0)).add(core());
      lm.add(new nn.Sequencer(new nn.Sequential().add(new nn.Linear(H, V)).add(new nn.LogSoftMax())));
      const crit = new nn.SequencerCriterion(new nn.ClassNLLCriterion());
      const x = nn.torch.LongTensor(T, B).random(V), y = new nn.SplitTable(0).forward(nn.torch.LongTensor(T, B).random(V));
      const n = storagesPerStep(() => {
        const out = lm.forward(x);
        crit.forward(out, y);
        lm.zeroGradParameters();
        lm.backward(x, crit.backward(out, y));
        lm.updateParameters(0.1);
      });
      t.equal(n, 0, `${name} language-model step: ${n} new storages per step`);
    }
    const net = new nn.Sequential().add(new nn.SpatialConvolution(1, 4, 5, 5)).add(new nn.Tanh()).add(new nn.SpatialMaxPooling(2, 2, 2, 2))
      .add(new nn.View(144)).add(new nn.Linear(144, 10)).add(new nn.LogSoftMax());
    const crit = new nn.ClassNLLCriterion(), g = new nn.Generator(1);
    const x = nn.Tensor.from(Array.from({ length: 8 * 16 * 16 }, () => g.uniform(-1, 1)), [8, 1, 16, 16]), y = nn.Tensor.from([0, 1, 2, 3, 4, 5, 6, 7], [8]);
    const n = storagesPerStep(() => {
      const out = net.forward(x);
      crit.forward(out, y);
      net.zeroGradParameters();
      net.backward(x, crit.backward(out, y));
      net.updateParameters(0.01);
    });
    t.equal(n, 0, `convnet step: ${n} new storages per step`);
  } finally {
    nn.setBackend(prev);
  }
  t.end();
});
