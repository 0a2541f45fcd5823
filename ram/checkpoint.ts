/**
 * RAM checkpoints: one safetensors file with the tensor names of DESIGN.md, the model config in the
 * header's __metadata__ (as strings) and, in a run's "last" checkpoint, the training state needed to
 * resume (optimizer moments under `optim.`, the RNG state and counters in metadata `trainingState`).
 * A per-step baseline adds the tensor `stepBaseline.weight` and the metadata `baseline: per-step`.
 */
import * as nn from '../index.js';
import { readSafetensors, writeSafetensors } from '../lib/safetensors.js';
import { type Ram, type RamConfig, type RamParts, buildRam, defaultRamConfig } from './model.js';

/** The checkpoint's tensor names and the model's parameter tensors. */
export function ramTensors(ram: Ram): Map<string, nn.Tensor> {
  const out = new Map<string, nn.Tensor>();
  const p = ram.parts;
  const named: Array<[keyof RamParts, nn.Linear | nn.Add]> = [
    ['locationSensor', p.locationSensor], ['glimpseSensor', p.glimpseSensor], ['glimpseHidden', p.glimpseHidden],
    ['glimpseOutput', p.glimpseOutput], ['recurrentStart', p.recurrentStart], ['recurrentFeedback', p.recurrentFeedback],
    ['locator', p.locator], ['classifier', p.classifier], ['baseline', p.baseline],
    ...(p.stepBaseline ? [['stepBaseline', p.stepBaseline] as [keyof RamParts, nn.Linear]] : []),
  ];
  for (const [name, m] of named) {
    if (m instanceof nn.Linear) out.set(`${name}.weight`, m.weight);
    if (m.bias) out.set(`${name}.bias`, m.bias);
  }
  return out;
}

const numeric: Array<keyof RamConfig> = ['glimpseSize', 'glimpseDepth', 'glimpseScale', 'unitPixels', 'nGlimpses', 'glimpseHiddenSize',
  'locatorHiddenSize', 'imageHiddenSize', 'hiddenSize', 'nClasses', 'imageSize', 'channels', 'locatorStd', 'rewardScale', 'uniform'];

export function configToMetadata(c: RamConfig, dataset: string): Record<string, string> {
  const m: Record<string, string> = { dataset, transfer: c.transfer, stochastic: String(c.stochastic), detachLocator: String(c.detachLocator) };
  for (const k of numeric) m[k] = String(c[k]);
  if (c.baseline === 'per-step') m.baseline = c.baseline; // absent: the constant baseline (older files too)
  return m;
}

export function configFromMetadata(m: Record<string, string>, where: string): RamConfig {
  const c: RamConfig = { ...defaultRamConfig };
  const rec = c as unknown as Record<string, number | string | boolean>;
  for (const k of numeric) {
    if (m[k] === undefined) {
      if (['uniform', 'rewardScale'].includes(k)) continue;
      throw new nn.ArgumentError(`${where}: checkpoint metadata lacks '${k}'`);
    }
    const v = Number(m[k]);
    if (!Number.isFinite(v)) throw new nn.ArgumentError(`${where}: checkpoint metadata '${k}' = '${m[k]}' is not a number`);
    rec[k] = v;
  }
  if (m.transfer) c.transfer = m.transfer as RamConfig['transfer'];
  c.stochastic = m.stochastic === 'true';
  c.detachLocator = m.detachLocator === 'true';
  if (m.baseline !== undefined && m.baseline !== 'constant' && m.baseline !== 'per-step') throw new nn.ArgumentError(`${where}: checkpoint metadata 'baseline' = '${m.baseline}' is neither constant nor per-step`);
  if (m.baseline === 'per-step') c.baseline = 'per-step';
  return c;
}

export function saveRam(path: string, ram: Ram, meta: Record<string, string>, extra?: Map<string, nn.Tensor>): void {
  const tensors = ramTensors(ram);
  if (extra) for (const [k, v] of extra) tensors.set(k, v);
  writeSafetensors(path, tensors, { ...configToMetadata(ram.config, meta.dataset ?? 'mnist'), ...meta });
}

export interface LoadedRam {
  ram: Ram;
  metadata: Record<string, string>;
  /** Tensors beyond the model's (optimizer state). */
  extra: Map<string, nn.Tensor>;
}

/** Builds the RAM a checkpoint describes and loads its parameters (shapes checked). */
export function loadRam(path: string): LoadedRam {
  const file = readSafetensors(path);
  const config = configFromMetadata(file.metadata, `loadRam(${path})`);
  nn.manualSeed(0);
  const ram = buildRam(config);
  const expected = ramTensors(ram);
  for (const [name, t] of expected) {
    const src = file.tensors.get(name);
    if (!src) throw new nn.ArgumentError(`loadRam: ${path} lacks tensor '${name}'`);
    if (!src.sameShape(t)) throw new nn.ShapeError(`loadRam: ${path}: tensor '${name}' is [${src.shape.join(', ')}], the config needs [${t.shape.join(', ')}]`);
    t.copy(src);
  }
  const extra = new Map([...file.tensors].filter(([k]) => !expected.has(k)));
  return { ram, metadata: file.metadata, extra };
}
