/**
 * The Recurrent Attention Model of the Lua script recurrent-visual-attention.lua, composed from the library's modules: nothing here is special-cased model code.
 */
import * as nn from '../index.js';
import { VRClassStepReward } from './VRClassStepReward.js';

export interface RamConfig {
  glimpseSize: number;
  glimpseDepth: number;
  glimpseScale: number;
  unitPixels: number;
  nGlimpses: number;
  glimpseHiddenSize: number;
  locatorHiddenSize: number;
  imageHiddenSize: number;
  hiddenSize: number;
  nClasses: number;
  imageSize: number;
  channels: number;
  locatorStd: number;
  stochastic: boolean;
  rewardScale: number;
  /** Every parameter re-initialised U(−uniform, uniform); ≤ 0 keeps the modules' defaults. */
  uniform: number;
  /** Stops the locator's REINFORCE gradient at its input (h_{t−1} is detached for the locator). */
  detachLocator: boolean;
  transfer: 'ReLU' | 'Tanh' | 'Sigmoid';
  /**
   * The REINFORCE baseline: `constant`, one learned scalar b (the Lua script's); `per-step`,
   * b_t = β + w·h_{t−1} for the location of step t (h_{−1} = 0, the core's gradient stopped).
   */
  baseline?: 'constant' | 'per-step';
}

/** The Lua script's defaults (MNIST). */
export const defaultRamConfig: RamConfig = {
  glimpseSize: 8, glimpseDepth: 1, glimpseScale: 2, unitPixels: 13, nGlimpses: 7,
  glimpseHiddenSize: 128, locatorHiddenSize: 128, imageHiddenSize: 256, hiddenSize: 256,
  nClasses: 10, imageSize: 28, channels: 1, locatorStd: 0.11, stochastic: false, rewardScale: 1,
  uniform: 0.1, detachLocator: false, transfer: 'ReLU',
};

/** The Linear/Add modules whose parameters the checkpoint names (DESIGN.md, RAM checkpoint). */
export interface RamParts {
  locationSensor: nn.Linear;
  glimpseSensor: nn.Linear;
  glimpseHidden: nn.Linear;
  glimpseOutput: nn.Linear;
  recurrentStart: nn.Add;
  recurrentFeedback: nn.Linear;
  locator: nn.Linear;
  classifier: nn.Linear;
  /** The baseline's constant β (both baselines). */
  baseline: nn.Add;
  /** The per-step baseline's w (1 × hiddenSize); absent for the constant baseline. */
  stepBaseline?: nn.Linear;
}

export interface Ram {
  config: RamConfig;
  /** x (B, C, H, W) → [logp (B, K), [logp, baseline (B, 1), or (B, nGlimpses) per step]]. */
  agent: nn.Sequential;
  /** NLL on logp plus VRClassReward on [logp, baseline] (VRClassStepReward for the per-step baseline), one target for both. */
  criterion: nn.ParallelCriterion;
  attention: nn.RecurrentAttention;
  parts: RamParts;
}

function transfer(name: RamConfig['transfer']): nn.Module {
  return name === 'Tanh' ? new nn.Tanh() : name === 'Sigmoid' ? new nn.Sigmoid() : new nn.ReLU();
}

export function buildRam(c: RamConfig): Ram {
  const glimpseInput = c.glimpseDepth * c.channels * c.glimpseSize * c.glimpseSize;
  const locationSensor = new nn.Linear(2, c.locatorHiddenSize);
  const glimpseSensor = new nn.Linear(glimpseInput, c.glimpseHiddenSize);
  const glimpseHidden = new nn.Linear(c.locatorHiddenSize + c.glimpseHiddenSize, c.imageHiddenSize);
  const glimpseOutput = new nn.Linear(c.imageHiddenSize, c.hiddenSize);
  const glimpse = new nn.Sequential()
    .add(new nn.ConcatTable()
      .add(new nn.Sequential().add(new nn.SelectTable(1)).add(locationSensor).add(transfer(c.transfer)))
      .add(new nn.Sequential().add(new nn.SpatialGlimpse(c.glimpseSize, c.glimpseDepth, c.glimpseScale)).add(new nn.Collapse(3)).add(glimpseSensor).add(transfer(c.transfer))))
    .add(new nn.JoinTable(0, 1))
    .add(glimpseHidden).add(transfer(c.transfer))
    .add(glimpseOutput);

  const recurrentStart = new nn.Add(c.hiddenSize);
  const recurrentFeedback = new nn.Linear(c.hiddenSize, c.hiddenSize);
  const rnn = new nn.Recurrent(recurrentStart, glimpse, recurrentFeedback, transfer(c.transfer), 99999);

  const locatorLinear = new nn.Linear(c.hiddenSize, 2);
  const locator = new nn.Sequential();
  if (c.detachLocator) locator.add(new nn.GradientReversal(0));
  locator.add(locatorLinear)
    .add(new nn.HardTanh())
    .add(new nn.ReinforceNormal(2 * c.locatorStd, c.stochastic))
    .add(new nn.HardTanh())
    .add(new nn.MulConstant((c.unitPixels * 2) / c.imageSize));

  const attention = new nn.RecurrentAttention(rnn, locator, c.nGlimpses, c.hiddenSize);
  const classifier = new nn.Linear(c.hiddenSize, c.nClasses);
  const baseline = new nn.Add(1);
  const classify = [new nn.SelectTable(-1), classifier, new nn.LogSoftMax()];
  const agent = new nn.Sequential().add(attention);
  let stepBaseline: nn.Linear | undefined;
  if (c.baseline === 'per-step') {
    stepBaseline = new nn.Linear(c.hiddenSize, 1, false);
    agent.add(new nn.ConcatTable().add(sequence(classify)).add(stepBaselines(c, stepBaseline, baseline)))
      .add(new nn.ConcatTable().add(new nn.SelectTable(0)).add(new nn.Identity()));
  } else {
    for (const m of classify) agent.add(m);
    agent.add(new nn.ConcatTable()
      .add(new nn.Identity())
      .add(new nn.ConcatTable().add(new nn.Identity()).add(new nn.Sequential().add(new nn.Constant(1, 1)).add(baseline))));
  }

  if (c.uniform > 0) for (const p of agent.parameters()[0]) nn.backend().randomUniform(p, nn.rng, -c.uniform, c.uniform);

  const criterion = new nn.ParallelCriterion(true)
    .add(new nn.ModuleCriterion(new nn.ClassNLLCriterion()))
    .add(new nn.ModuleCriterion(c.baseline === 'per-step' ? new VRClassStepReward(agent, c.rewardScale) : new nn.VRClassReward(agent, c.rewardScale)));

  return {
    config: c, agent, criterion, attention,
    parts: { locationSensor, glimpseSensor, glimpseHidden, glimpseOutput, recurrentStart, recurrentFeedback, locator: locatorLinear, classifier, baseline, ...(stepBaseline ? { stepBaseline } : {}) },
  };
}

function sequence(ms: readonly nn.Module[]): nn.Sequential {
  const s = new nn.Sequential();
  for (const m of ms) s.add(m);
  return s;
}

/**
 * [h_0 … h_{T−1}] → b (B, T) with b_t = β + w·h_{t−1}: the state the location of step t is drawn
 * from (zeros for t = 0), so that b_t does not depend on l_t. GradientReversal(0) stops the
 * baseline's gradient at h (the core learns nothing from the baseline's regression).
 */
function stepBaselines(c: RamConfig, w: nn.Linear, beta: nn.Add): nn.Sequential {
  const zeros = new nn.Sequential().add(new nn.SelectTable(0)).add(new nn.Constant(nn.Tensor.zeros([c.hiddenSize]), 1));
  const states = new nn.ConcatTable().add(zeros);
  if (c.nGlimpses > 1) states.add(new nn.NarrowTable(0, c.nGlimpses - 1));
  return new nn.Sequential()
    .add(states)
    .add(new nn.FlattenTable())
    .add(new nn.MapTable(new nn.Sequential().add(new nn.GradientReversal(0)).add(w).add(beta)))
    .add(new nn.JoinTable(0, 1));
}

/** Number of parameters. */
export function countParameters(m: nn.Module): number {
  return m.parameters()[0].reduce((s, p) => s + p.numel(), 0);
}
