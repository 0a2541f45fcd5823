/**
 * LSTM benchmark: nn.SeqLSTM forward + backward (seqlen 50, batch 32, input = hidden = 128 and 512)
 * on dpnn-ts's wasm backend against TensorFlow.js's wasm LSTM layer (tf.layers.lstm,
 * returnSequences, gradients of the weights and the input) and PyTorch CPU's nn.LSTM when there is
 * a Python that imports torch (Debian's /usr/bin/python3 first: bench/python.ts; else a skip line with the reason); one thread each (tfjs wasm
 * without threads, torch.set_num_threads(1)); medians of several timed samples. Then one language-
 * model training step: LookupTable(10000, 128) → SeqLSTM(128, 128) → Linear(128, 10000) →
 * LogSoftMax → SequencerCriterion(ClassNLLCriterion) (dpnn: SplitTable + Sequencer over the output
 * layer) with an SGD update, seqlen 50, batch 32, the same in tfjs (embedding, LSTM layer, dense,
 * logSoftmax, tf.train.sgd; its embedding is not updated: tfjs-backend-wasm lacks UnsortedSegmentSum,
 * the gradient of gather) and PyTorch.
 *
 *   node --import tsx bench/lstm.ts [--quick]
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cpus } from 'node:os';
import * as nn from '../index.js';
import { time } from './timing.js';
import { findTorchPython } from './python.js';
import { writeSection } from './section.js';

const quick = process.argv.includes('--quick');
const samples = quick ? 3 : 7, minMs = quick ? 10 : 30;
const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/'));
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

const T = 50, B = 32, V = 10000;
const sizes = [128, 512];
type Row = { name: string; ms: Record<string, number | null> };
const rows: Row[] = [];

function rnd(shape: number[], g = new nn.Generator(1)): nn.Tensor {
  return nn.Tensor.from(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), shape);
}

// ---- dpnn wasm
nn.setBackend('wasm');
for (const H of sizes) {
  const lstm = new nn.SeqLSTM(H, H), x = rnd([T, B, H]), gy = rnd([T, B, H]);
  const r = time(() => { lstm.forward(x); lstm.zeroGradParameters(); lstm.backward(x, gy); }, minMs, samples);
  rows.push({ name: `SeqLSTM ${H}→${H}, seqlen ${T}, batch ${B}, fwd+bwd`, ms: { dpnn: r.ms } });
}
{
  const lm = new nn.Sequential()
    .add(new nn.LookupTable(V, 128))
    .add(new nn.SeqLSTM(128, 128))
    .add(new nn.SplitTable(0))
    .add(new nn.Sequencer(new nn.Sequential().add(new nn.Linear(128, V)).add(new nn.LogSoftMax())));
  const crit = new nn.SequencerCriterion(new nn.ClassNLLCriterion()), split = new nn.SplitTable(0);
  const x = nn.torch.LongTensor(T, B).random(V), y = split.forward(nn.torch.LongTensor(T, B).random(V));
  const r = time(() => {
    const out = lm.forward(x);
    crit.forward(out, y);
    lm.zeroGradParameters();
    lm.backward(x, crit.backward(out, y));
    lm.updateParameters(0.1);
  }, minMs, Math.min(samples, 5));
  rows.push({ name: `LM step: LookupTable(${V}, 128) + SeqLSTM(128) + Linear(128, ${V}) + SequencerCriterion, seqlen ${T}, batch ${B}`, ms: { dpnn: r.ms } });
}

// ---- tfjs wasm
await tf.setBackend('wasm');
await tf.ready();
sizes.forEach((H, i) => {
  const layer = tf.layers.lstm({ units: H, returnSequences: true, inputShape: [T, H] });
  const x = tf.variable(tf.randomUniform([B, T, H], -1, 1)), gy = tf.randomUniform([B, T, H], -1, 1);
  tf.tidy(() => { layer.apply(x); }); // builds the weights
  const vars = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
  const r = time(() => {
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, gy)) as tf.Scalar, vars);
    value.dispose();
    Object.values(grads).forEach((g) => g.dispose());
  }, minMs, samples);
  rows[i]!.ms.tfjs = r.ms;
});
{
  const emb = tf.layers.embedding({ inputDim: V, outputDim: 128 }), lstm = tf.layers.lstm({ units: 128, returnSequences: true });
  const dense = tf.layers.dense({ units: V });
  const x = tf.randomUniform([B, T], 0, V, 'int32'), y = tf.oneHot(tf.reshape(tf.randomUniform([B, T], 0, V, 'int32'), [B * T]), V);
  const opt = tf.train.sgd(0.1);
  const loss = (): tf.Scalar => {
    const h = lstm.apply(emb.apply(x)) as tf.Tensor;
    const logp = tf.logSoftmax(tf.reshape(dense.apply(h) as tf.Tensor, [B * T, V]));
    return tf.mul(tf.neg(tf.sum(tf.mul(logp, y))), 1 / B) as tf.Scalar;
  };
  tf.tidy(() => { loss(); }); // builds the weights
  // the embedding is left out of tfjs's update: tfjs-backend-wasm has no UnsortedSegmentSum (gather's gradient)
  const vars = [lstm, dense].flatMap((l) => l.trainableWeights.map((w) => w.read() as tf.Variable));
  const r = time(() => { opt.minimize(loss, true, vars)?.dispose(); }, minMs, Math.min(samples, 5));
  rows[2]!.ms.tfjs = r.ms;
}

// ---- PyTorch CPU
const probe = findTorchPython();
let torchNote: string;
if (!('reason' in probe)) {
  const py = `
import torch, time, statistics, json
torch.set_num_threads(1); torch.manual_seed(1)
T, B, V = ${T}, ${B}, ${V}
def med(f, n=${samples}):
  for _ in range(2): f()
  reps = 1
  while True:
    t0 = time.perf_counter(); [f() for _ in range(reps)]; dt = time.perf_counter() - t0
    if dt * 1000 >= ${minMs}: break
    reps *= 4
  out = []
  for _ in range(n):
    t0 = time.perf_counter(); [f() for _ in range(reps)]; out.append((time.perf_counter() - t0) * 1000 / reps)
  return statistics.median(out)
res = []
for H in ${JSON.stringify(sizes)}:
  m = torch.nn.LSTM(H, H); x = torch.rand(T, B, H, requires_grad=True); gy = torch.rand(T, B, H)
  def step():
    m.zero_grad(); x.grad = None; y, _ = m(x); y.backward(gy)
  res.append(med(step))
emb, lstm, lin = torch.nn.Embedding(V, 128), torch.nn.LSTM(128, 128), torch.nn.Linear(128, V)
params = list(emb.parameters()) + list(lstm.parameters()) + list(lin.parameters())
opt = torch.optim.SGD(params, lr=0.1)
x = torch.randint(0, V, (T, B)); y = torch.randint(0, V, (T, B))
def lmstep():
  opt.zero_grad(); h, _ = lstm(emb(x)); logp = torch.log_softmax(lin(h), -1)
  loss = torch.nn.functional.nll_loss(logp.view(-1, V), y.view(-1), reduction='sum') / B; loss.backward(); opt.step()
res.append(med(lmstep, min(${samples}, 5)))
print(json.dumps(res))
`;
  const run = spawnSync(probe.python, ['-c', py], { encoding: 'utf8' });
  if (run.status === 0) {
    const ms = JSON.parse(run.stdout.trim().split('\n').pop()!) as number[];
    ms.forEach((v, i) => (rows[i]!.ms.torch = v));
    torchNote = `PyTorch ${probe.version} CPU, 1 thread`;
  } else {
    torchNote = `PyTorch skipped: its benchmark failed: ${run.stderr.trim().split('\n').pop()}`;
  }
} else {
  torchNote = `PyTorch skipped: ${probe.reason}`;
}

// ---- table
const f = (v: number | null | undefined): string => (v == null ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a: number | null | undefined, b: number | null | undefined): string => (a == null || b == null ? '–' : `${(b / a).toFixed(2)}×`);
const head = `node --import tsx bench/lstm.ts${quick ? ' --quick' : ''}: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; median of ${samples} samples (LM step: ${Math.min(samples, 5)}), each ≥ ${minMs} ms`;
const engines = `dpnn-ts wasm backend; TensorFlow.js 4.22 wasm, no threads; ${torchNote}`;
const table = [
  '| benchmark | dpnn wasm ms | tfjs wasm ms | PyTorch CPU ms | tfjs / dpnn | PyTorch / dpnn |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${f(r.ms.dpnn)} | ${f(r.ms.tfjs)} | ${f(r.ms.torch)} | ${ratio(r.ms.dpnn, r.ms.tfjs)} | ${ratio(r.ms.dpnn, r.ms.torch)} |`),
].join('\n');
console.log(`${head}\n${engines}\n\n${table}\n\n(ratio > 1: dpnn-ts is faster)`);
if (process.argv.includes('--write')) {
  writeSection('lstm', `## LSTM and a language-model step (training)

Produced by \`npm run bench -- --only lstm --write\` on ${new Date().toISOString().slice(0, 10)}: ${head.replace(/^[^:]*: /, '')}.
${engines}. All in one run on a shared machine: the ratios come from this run, the absolute numbers move between runs.
The tfjs language-model step leaves the embedding out of the update: tfjs-backend-wasm has no UnsortedSegmentSum (the gradient of gather).

${table}

(ratio > 1: dpnn-ts is faster)
`);
}
