/**
 * The RAM's training-recipe schedules, functions of the epoch (1-based) so that a resumed run
 * continues them: the learning rate (`--lr-schedule`), the location policy's σ
 * (`--locator-std-final`, `--locator-std-epochs`) and the curriculum's dataset (`--curriculum`).
 * See docs/ram.md, "Recipes".
 */
import * as nn from '../index.js';
import type { Ram } from './model.js';
import { reinforceModules } from './evaluate.js';

/**
 * linear: lr₀ → min-lr by --saturate-epoch; cosine: lr₀ → min-lr along half a cosine over the same
 * epochs; step: × factor after each listed epoch; plateau: × ½ after --lr-patience epochs without a
 * better validation error. Every schedule stays at or above min-lr.
 */
export type LrSchedule = { readonly kind: 'linear' | 'cosine' | 'plateau' } | { readonly kind: 'step'; readonly epochs: readonly number[] };

/** σ annealed linearly from `start` (epoch 1) to `final` (epoch epochs + 1 and later). */
export interface LocatorStdSchedule { readonly start: number; readonly final: number; readonly epochs: number }

/** The first `epochs` epochs train on `dataset`, the later ones on the run's dataset. */
export interface Curriculum { readonly dataset: string; readonly epochs: number }

/** Parses `linear`, `cosine`, `plateau` or `step:E1,E2,…` (increasing epochs ≥ 1). */
export function parseLrSchedule(text: string): LrSchedule {
  if (text === 'linear' || text === 'cosine' || text === 'plateau') return { kind: text };
  const m = /^step:(.+)$/.exec(text);
  const epochs = m ? m[1]!.split(',').map((e) => (/^\d+$/.test(e.trim()) ? Number(e) : NaN)) : [];
  const ok = epochs.length > 0 && epochs.every((e, i) => Number.isInteger(e) && e >= 1 && (i === 0 || e > epochs[i - 1]!));
  if (!ok) throw new nn.ArgumentError(`--lr-schedule: expected linear, cosine, plateau or step:E1,E2,… (increasing epochs ≥ 1), got '${text}'`);
  return { kind: 'step', epochs };
}

export function lrScheduleName(s: LrSchedule): string {
  return s.kind === 'step' ? `step:${s.epochs.join(',')}` : s.kind;
}

export interface LrSettings { learningRate: number; minLR: number; saturateEpoch: number; lrStepFactor: number }

/** The rate of `epoch` under a schedule that does not watch the validation error (all but plateau). */
export function scheduledLR(s: LrSchedule, o: LrSettings, epoch: number): number {
  const { learningRate: lr0, minLR, saturateEpoch: S } = o;
  switch (s.kind) {
    case 'linear': return nn.linearDecay(lr0, minLR, S)(epoch);
    case 'cosine': {
      const p = Math.min(1, (epoch - 1) / S);
      return minLR + ((lr0 - minLR) * (1 + Math.cos(Math.PI * p))) / 2; // lr₀ at epoch 1, min-lr from epoch S + 1
    }
    case 'step': return Math.max(minLR, lr0 * o.lrStepFactor ** s.epochs.filter((e) => e < epoch).length);
    case 'plateau': throw new nn.ArgumentError('scheduledLR: the plateau schedule follows the validation error (see plateauStep)');
  }
}

/** The plateau schedule's counters, kept in the checkpoint's training state. */
export interface PlateauState { lr: number; plateauBest: number; plateauBad: number }

/** After an epoch: halve the rate (not below minLR) after `patience` epochs without a better validation error (0: never). */
export function plateauStep(state: PlateauState, validError: number | null, patience: number, minLR: number): void {
  if (patience <= 0 || validError === null) return;
  if (validError < state.plateauBest) {
    state.plateauBest = validError;
    state.plateauBad = 0;
  } else if (++state.plateauBad > patience) {
    state.lr = Math.max(minLR, state.lr * 0.5);
    state.plateauBad = 0;
  }
}

/** --locator-std of `epoch` (the ReinforceNormal's stdev is twice it, as in the Lua script). */
export function locatorStdAt(s: LocatorStdSchedule, epoch: number): number {
  const p = s.epochs > 0 ? Math.min(1, (epoch - 1) / s.epochs) : 1;
  return s.start + (s.final - s.start) * p;
}

/** Sets the location policy's σ (2·locatorStd) on every step clone and records it in the config (checkpoint metadata). */
export function setLocatorStd(ram: Ram, locatorStd: number): void {
  for (const r of reinforceModules(ram.agent)) if (r instanceof nn.ReinforceNormal) r.stdev = 2 * locatorStd;
  ram.config = { ...ram.config, locatorStd };
}

/** Parses `DATASET:E` (E ≥ 1 epochs). */
export function parseCurriculum(text: string, datasets: readonly string[]): Curriculum {
  const m = /^([a-z0-9-]+):(\d+)$/.exec(text);
  if (!m || !datasets.includes(m[1]!) || Number(m[2]) < 1) throw new nn.ArgumentError(`--curriculum: expected DATASET:E with DATASET one of ${datasets.join(', ')} and E ≥ 1 epochs, got '${text}'`);
  return { dataset: m[1]!, epochs: Number(m[2]) };
}

/** The dataset epoch `epoch` trains on. */
export function datasetAt(target: string, c: Curriculum | null | undefined, epoch: number): string {
  return c && epoch <= c.epochs ? c.dataset : target;
}
