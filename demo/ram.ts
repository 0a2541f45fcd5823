/**
 * The demo's model side: the shipped RAM from the bytes of its safetensors checkpoint, and one
 * deterministic pass (evaluate mode, as `dpnn ram eval`) over a batch of digits that keeps what the
 * page shows: where each glimpse looked, the patches the model saw, and the class probabilities
 * after each glimpse (the model's own classifier and softmax applied to each step's hidden state).
 */
import * as nn from '../index.js';
import { decodeSafetensors } from '../lib/safetensors.js';
import { configFromMetadata, ramTensors } from '../ram/checkpoint.js';
import { buildRam, type Ram } from '../ram/model.js';

/** The RAM a checkpoint describes with its parameters (ram/checkpoint.ts's loadRam, from bytes). */
export function ramFromBytes(bytes: Uint8Array, name: string): Ram {
  const file = decodeSafetensors(bytes, name);
  nn.manualSeed(0);
  const ram = buildRam(configFromMetadata(file.metadata, `ramFromBytes(${name})`));
  for (const [key, t] of ramTensors(ram)) {
    const src = file.tensors.get(key);
    if (!src || !src.sameShape(t)) throw new nn.ShapeError(`ramFromBytes: ${name}: tensor '${key}' is missing or not [${t.shape.join(', ')}]`);
    t.copy(src);
  }
  ram.agent.evaluate();
  return ram;
}

/** One digit's pass: per glimpse step t, the location (y, x in [−1, 1]), the patches and the class probabilities. */
export interface DigitTrace {
  predicted: number;
  locations: Array<[number, number]>;
  /** [step][depth] glimpseSize² values in [0, 1]. */
  patches: Float32Array[][];
  /** [step] nClasses probabilities. */
  probs: Float64Array[];
}

/** What runs the passes: the model, its per-step head and its glimpse sensor, on the current backend. */
export interface Tracer {
  ram: Ram;
  /** Runs images (B, C, H, W) through the model; on the gpu backend pass it so results are read back. */
  run(images: nn.Tensor): Promise<DigitTrace[]>;
}

export function tracer(ram: Ram, gpu: nn.GpuBackend | null): Tracer {
  const c = ram.config, K = c.nClasses;
  const classifier = ram.parts.classifier;
  // The classifier and softmax on their own: the same weights, so the last step reproduces the model's output.
  const linear = new nn.Linear(c.hiddenSize, K);
  linear.weight.copy(classifier.weight);
  if (linear.bias && classifier.bias) linear.bias.copy(classifier.bias);
  const head = new nn.Sequential().add(linear).add(new nn.SoftMax());
  const sensor = new nn.SpatialGlimpse(c.glimpseSize, c.glimpseDepth, c.glimpseScale);
  head.evaluate();

  async function run(images: nn.Tensor): Promise<DigitTrace[]> {
    const B = images.size(0), T = c.nGlimpses, S = c.glimpseSize * c.glimpseSize;
    const logp = nn.asTensor((ram.agent.forward(images) as nn.Activity[])[0]!);
    await gpu?.sync(logp);
    const out: DigitTrace[] = [];
    for (let i = 0; i < B; i++) {
      // the prediction as evaluateRam makes it: the largest exp(log-probability)
      let best = 0;
      for (let k = 1; k < K; k++) if (Math.exp(logp.get(i, k)) > Math.exp(logp.get(i, best))) best = k;
      out.push({ predicted: best, locations: [], patches: [], probs: [] });
    }
    const hidden = ram.attention.output, actions = ram.attention.actions;
    for (let t = 0; t < T; t++) {
      const loc = nn.asTensor(actions[t]!);
      const p = head.forward(nn.asTensor(hidden[t]!));
      const patch = sensor.forward([images, loc]);
      await gpu?.sync(loc, p, patch);
      const pv = p.toArray(), patchv = patch.toArray();
      for (let i = 0; i < B; i++) {
        const d = out[i]!;
        d.locations.push([loc.get(i, 0), loc.get(i, 1)]);
        d.probs.push(Float64Array.from(pv.subarray(i * K, (i + 1) * K)));
        const per = c.glimpseDepth * c.channels * S;
        d.patches.push(Array.from({ length: c.glimpseDepth }, (_, g) => Float32Array.from(patchv.subarray(i * per + g * c.channels * S, i * per + g * c.channels * S + S))));
      }
    }
    return out;
  }
  return { ram, run };
}

/** Images from bytes: digits [from, from + n) of a set of 28×28 bytes, scaled to [0, 1] as the RAM's data loader does. */
export function digitBatch(bytes: Uint8Array, from: number, n: number, side: number): nn.Tensor {
  const size = side * side, v = new Float32Array(n * size);
  for (let j = 0; j < n * size; j++) v[j] = bytes[from * size + j]! / 255;
  return nn.Tensor.from(v, [n, 1, side, side], 'float32');
}
