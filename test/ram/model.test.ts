/** The RAM as §7.2 wires it, on a batch of 20 MNIST digits with 7 glimpses. */
import test from 'tape';
import * as nn from '../../index.js';
import { buildRam, countParameters, defaultRamConfig } from '../../ram/model.js';
import { fillBatch, loadDataset } from '../../ram/data.js';
import { ramTensors } from '../../ram/checkpoint.js';

test('buildRam: Lua defaults, 209,421 parameters, forward and backward on 20 MNIST digits with 7 glimpses', (t) => {
  nn.manualSeed(1);
  const ram = buildRam(defaultRamConfig);
  t.equal(countParameters(ram.agent), 209421, 'parameter count of the Lua script\'s model');
  const names = [...ramTensors(ram)].map(([k, v]) => `${k}:${v.shape.join('x')}`);
  t.deepEqual(names, ['locationSensor.weight:128x2', 'locationSensor.bias:128', 'glimpseSensor.weight:128x64', 'glimpseSensor.bias:128',
    'glimpseHidden.weight:256x256', 'glimpseHidden.bias:256', 'glimpseOutput.weight:256x256', 'glimpseOutput.bias:256', 'recurrentStart.bias:256',
    'recurrentFeedback.weight:256x256', 'recurrentFeedback.bias:256', 'locator.weight:2x256', 'locator.bias:2', 'classifier.weight:10x256',
    'classifier.bias:10', 'baseline.bias:1'], 'checkpoint tensor names and shapes of DESIGN.md');
  t.ok(ram.agent.parameters()[0].every((p) => Array.from(p.toArray()).every((v) => Math.abs(v) <= 0.1)), 'uniform init in ±0.1');
  const data = loadDataset('mnist');
  const x = nn.Tensor.zeros([20, 1, 28, 28]), y = nn.Tensor.zeros([20]);
  fillBatch(data.train, Uint32Array.from({ length: 20 }, (_, i) => i), 0, 20, x, y);
  const out = ram.agent.forward(x) as nn.Activity[];
  const [logp, [logp2, baseline]] = out as [nn.Tensor, [nn.Tensor, nn.Tensor]];
  t.deepEqual(logp.shape, [20, 10]);
  t.equal(logp2, logp, 'the same log-probabilities go to both criteria');
  t.deepEqual(baseline.shape, [20, 1]);
  t.equal(ram.attention.output.length, 7, '7 hidden states');
  const loss = ram.criterion.forward(out, y);
  t.ok(Number.isFinite(loss), `loss ${loss}`);
  ram.agent.zeroGradParameters();
  ram.agent.backward(x, ram.criterion.backward(out, y));
  const gl = ram.parts.locator.gradWeight.toArray();
  t.ok(Array.from(gl).some((v) => v !== 0), 'the locator receives a REINFORCE gradient');
  t.ok(Array.from(ram.parts.glimpseSensor.gradWeight.toArray()).some((v) => v !== 0), 'the glimpse network receives a gradient');
  t.ok(Array.from(ram.parts.baseline.gradBias.toArray()).some((v) => v !== 0), 'the baseline receives a gradient');
  const locs = ram.attention.actions.map((a) => nn.asTensor(a));
  const k = 26 / 28;
  t.ok(locs.every((l) => Array.from(l.toArray()).every((v) => Math.abs(v) <= k + 1e-6)), 'locations within ±unitPixels·2/H');
  t.end();
});
