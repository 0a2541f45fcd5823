/**
 * Convolution and LSTM training rows for bench/gpu/run.sh, on the gpu backend (whatever WebGPU
 * adapter answers) and on the wasm backend in the same process: SpatialConvolution forward +
 * backward at LeNet's two layers and a 3×3 64-plane layer on 56×56, one LeNet training step
 * (examples/lenet-mnist.ts's model: forward, ClassNLL, backward, SGD), SeqLSTM forward + backward
 * (seqlen 50, batch 32, 128 and 512 units) and bench/lstm.ts's language-model step (LookupTable →
 * SeqLSTM → Sequencer(Linear, LogSoftMax), SequencerCriterion(ClassNLL), SGD). Prints one JSON line
 * per row and backend; bench/gpu/table.ts turns them into a table (next to convlstm_torch.py's).
 *
 * Timing: after a warm-up call, a sample is enough calls to last ≥ 40 ms (at most 50) and then a
 * wait for the GPU (gpu.finish()); the median of 5 samples (3 when one call takes ≥ 250 ms), per call.
 * On the gpu backend the LeNet step reads its 32 × 10 log-probabilities back and runs the criterion
 * on the host (as ram/step.ts does); the language-model step never reads its loss back (the
 * log-probabilities are 50 × 32 × 10000 numbers): the criterion ran once before timing, and the
 * timed steps run only its gradient, on the GPU (both backends time the same calls).
 *
 * Usage: node bench/gpu/convlstm.js [--quick] [--mode webgpu|headlessgl|webgl] [--dawn backend=vulkan]
 * (--quick: batch 4, seqlen 10, vocabulary 1000, one sample: a dry run)
 */
import * as nn from '../../index.js';
import { buildLeNet } from '../../examples/lenet-mnist.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const dawnAt = args.indexOf('--dawn');
const modeAt = args.indexOf('--mode');
const mode = (modeAt >= 0 ? args[modeAt + 1] : 'webgpu') as nn.GpuMode;
const B = quick ? 4 : 32, T = quick ? 10 : 50, V = quick ? 1000 : 10000, minMs = quick ? 1 : 40, samples = quick ? 1 : 5;

const emit = (o: Record<string, unknown>): void => console.log(JSON.stringify(o));
const t0 = performance.now();
const gpu = await nn.createGpuBackend({ mode, dawnFlags: dawnAt >= 0 ? args[dawnAt + 1]!.split(',') : undefined });
nn.registerBackend(gpu);

function rand(shape: number[], seed = 1): nn.Tensor {
  const g = new nn.Generator(seed), a = new Float32Array(shape.reduce((p, q) => p * q, 1));
  for (let i = 0; i < a.length; i++) a[i] = g.uniform(-1, 1);
  return nn.Tensor.from(a, shape);
}

/** One training call of a row, built on the current backend; `onGpu` says which backend that is. */
type Step = () => void | Promise<void>;
type Row = { what: string; build: (onGpu: boolean) => Promise<Step> };

const conv = (label: string, nIn: number, nOut: number, k: number, pad: number, H: number): Row => ({
  what: `SpatialConvolution ${label}, batch ${B}, fwd+bwd`,
  build: async () => {
    const m = new nn.SpatialConvolution(nIn, nOut, k, k, 1, 1, pad), x = rand([B, nIn, H, H]);
    const go = rand(m.forward(x).shape, 2);
    return () => { m.forward(x); m.zeroGradParameters(); m.backward(x, go); };
  },
});

const lenet: Row = {
  what: `LeNet training step (fwd, ClassNLL, bwd, SGD), batch ${B}`,
  build: async (onGpu) => {
    const model = buildLeNet(), crit = new nn.ClassNLLCriterion();
    const x = rand([B, 1, 28, 28]), y = nn.Tensor.from(Array.from({ length: B }, (_, i) => i % 10), [B]);
    return async () => {
      model.zeroGradParameters();
      const out = model.forward(x);
      if (onGpu) await gpu.sync(out);
      const grad = (): nn.Activity => { crit.forward(out, y); return crit.backward(out, y); };
      model.backward(x, onGpu ? gpu.host(grad) : grad());
      model.updateParameters(0.01);
    };
  },
};

const lstm = (H: number): Row => ({
  what: `SeqLSTM ${H}→${H}, seqlen ${T}, batch ${B}, fwd+bwd`,
  build: async () => {
    const m = new nn.SeqLSTM(H, H), x = rand([T, B, H]), gy = rand([T, B, H], 2);
    return () => { m.forward(x); m.zeroGradParameters(); m.backward(x, gy); };
  },
});

const lm: Row = {
  what: `LM step: LookupTable(${V}, 128) + SeqLSTM(128) + Linear(128, ${V}) + SequencerCriterion (gradient only), SGD, seqlen ${T}, batch ${B}`,
  build: async (onGpu) => {
    const model = new nn.Sequential()
      .add(new nn.LookupTable(V, 128))
      .add(new nn.SeqLSTM(128, 128))
      .add(new nn.SplitTable(0))
      .add(new nn.Sequencer(new nn.Sequential().add(new nn.Linear(128, V)).add(new nn.LogSoftMax())));
    const crit = new nn.SequencerCriterion(new nn.ClassNLLCriterion());
    const x = nn.torch.LongTensor(T, B).random(V), y = new nn.SplitTable(0).forward(nn.torch.LongTensor(T, B).random(V));
    const out = model.forward(x);
    if (onGpu) await gpu.sync(out);
    // the loss once, untimed: its step clones then know their targets' total weight, and the timed steps need only the gradient
    if (onGpu) gpu.host(() => crit.forward(out, y));
    else crit.forward(out, y);
    return () => {
      const o = model.forward(x);
      model.zeroGradParameters();
      model.backward(x, crit.backward(o, y));
      model.updateParameters(0.1);
    };
  },
};

const rows: Row[] = [
  conv('1→32 5×5 on 28×28 (LeNet 1)', 1, 32, 5, 0, 28),
  conv('32→64 5×5 on 8×8 (LeNet 2)', 32, 64, 5, 0, 8),
  conv('64→64 3×3 pad 1 on 56×56', 64, 64, 3, 1, 56),
  lenet,
  lstm(128),
  lstm(512),
  lm,
];

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(name: 'gpu' | 'wasm', row: Row): Promise<void> {
  nn.setBackend(name);
  nn.manualSeed(1);
  const onGpu = name === 'gpu';
  const settle = async (): Promise<void> => { if (onGpu) await gpu.finish(); };
  try {
    const step = await row.build(onGpu);
    await step();
    await settle();
    let t = performance.now();
    await step();
    await settle();
    const one = performance.now() - t;
    const calls = Math.max(1, Math.min(50, Math.ceil(minMs / Math.max(one, 1e-3)))), n = one >= 250 ? Math.min(3, samples) : samples;
    gpu.resetStats();
    const ms: number[] = [];
    for (let s = 0; s < n; s++) {
      t = performance.now();
      for (let i = 0; i < calls; i++) await step();
      await settle();
      ms.push((performance.now() - t) / calls);
    }
    const st = gpu.stats, per = n * calls;
    const host = Object.entries(st.hostKernels).map(([k, v]) => `${k} ×${+(v / per).toFixed(1)}`).join(', ');
    emit({ kind: 'convlstm', backend: name, what: row.what, batch: B, ms: median(ms), calls: per,
      ...(onGpu ? { kernelsPerCall: st.kernels / per, readbacksPerCall: st.readbacks / per, uploadKBPerCall: st.uploadBytes / per / 1024, hostKernels: host } : {}) });
  } catch (e) {
    emit({ kind: 'convlstm-error', backend: name, what: row.what, error: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e) });
  }
  nn.setBackend('js');
}

emit({ kind: 'convlstm-adapter', adapter: `${gpu.adapter}, gpu.js mode ${gpu.mode}` });
// wasm first: when the timeout cuts a row short, it is the gpu one
for (const row of rows) {
  await measure('wasm', row);
  await measure('gpu', row);
}
emit({ kind: 'convlstm-done', seconds: (performance.now() - t0) / 1000 });
await gpu.destroy();
process.exit(0);
