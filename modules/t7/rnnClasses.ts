/**
 * The rnn rows of the Torch-class table (see nnClasses.ts): Recursor, Recurrent, Sequencer,
 * RecurrentAttention and FastLSTM. Reading constructs each from the modules it wraps; rnn's step
 * clones and buffers, and the modules rnn derives from the wrapped ones (Recurrent's
 * initialModule and recurrentModule, FastLSTM's recurrentModule) are not read: the constructor
 * builds them again over the same parameters. Writing gives rnn's fields in the state of a fresh
 * module (step 1, no step clones, no stored sequence).
 *
 * FastLSTM: rnn's i2g (nn.Linear) and o2g (nn.LinearNoBias) hold the gate rows in the order
 * [input, candidate, forget, output]; dpnn-ts's LSTMStep in [input, forget, output, candidate].
 * The rows are permuted on the way in and out. rnn's recurrentModule graph (NarrowTable,
 * SplitTable, FlattenTable, CMulTable: classes dpnn-ts lacks) is not written.
 * Ref: rnn AbstractRecurrent.lua, Recursor.lua, Recurrent.lua, Sequencer.lua,
 * RecurrentAttention.lua, FastLSTM.lua.
 */
import type { Module } from '../../lib/Module.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import type { AbstractRecurrent } from '../AbstractRecurrent.js';
import { Recursor } from '../Recursor.js';
import { Recurrent } from '../Recurrent.js';
import { Sequencer, type RememberMode } from '../Sequencer.js';
import { RecurrentAttention } from '../RecurrentAttention.js';
import { FastLSTM } from '../FastLSTM.js';
import { Linear } from '../Linear.js';
import { def, mod, moduleState, num, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';

/** The fields of a fresh rnn AbstractRecurrent. */
const fresh = (m: AbstractRecurrent) => ({ rho: m.rho, step: 1, outputs: [], gradInputs: [], _gradOutputs: [], gradOutputs: [] });
const optMod = (f: T7Fields, name: string): Module | undefined => (f.get(name) === undefined ? undefined : mod(f, name));

const REMEMBER: readonly RememberMode[] = ['both', 'train', 'eval', 'neither'];
const isRemember = (v: unknown): v is RememberMode => REMEMBER.some((r) => r === v);

/** dpnn-ts gate block d holds rnn's gate block RNN_BLOCK[d]. */
const RNN_BLOCK = [0, 2, 3, 1] as const;

/** A copy of t (4H rows first) with its gate blocks reordered to rnn's order or back. */
function permuteGates(t: Tensor, H: number, toRnn: boolean): Tensor {
  const out = Tensor.zeros(t.shape, t.dtype);
  RNN_BLOCK.forEach((r, d) => {
    const [dst, src] = toRnn ? [r, d] : [d, r];
    out.narrow(0, dst * H, H).copy(t.narrow(0, src * H, H));
  });
  return out;
}

/** Sets dst's parameters from rnn's i2g / o2g module src (gate rows reordered). */
function loadGates(dst: Linear, src: unknown, name: string, H: number): void {
  if (!(src instanceof Linear)) throw new ArgumentError(`field ${name}: expected an nn.Linear or nn.LinearNoBias (FastLSTM without dropout), got ${typeof src}`);
  if (!src.weight.sameShape(dst.weight)) throw new ArgumentError(`field ${name}: expected a weight of size [${dst.weight.shape.join(', ')}], got [${src.weight.shape.join(', ')}]`);
  const pairs = [['weight', 'gradWeight'], ['bias', 'gradBias']] as const;
  for (const [p, g] of pairs) {
    const sp = src[p];
    if (!dst[p] || !sp) continue;
    const sg = src[g];
    dst[p] = permuteGates(sp, H, false);
    dst[g] = sg && sg.sameShape(sp) ? permuteGates(sg, H, false) : Tensor.zeros(sp.shape, sp.dtype);
  }
}

/** rnn's i2g / o2g module for dpnn-ts's Linear, as a Torch object of class `torch`. */
function gatesModule(torch: string, m: Linear, H: number): Record<string, unknown> {
  const fields: Record<string, unknown> = { __typename: torch, ...moduleState(m.weight.dtype) };
  fields.weight = permuteGates(m.weight, H, true);
  fields.gradWeight = permuteGates(m.gradWeight, H, true);
  if (m.bias && m.gradBias) {
    fields.bias = permuteGates(m.bias, H, true);
    fields.gradBias = permuteGates(m.gradBias, H, true);
  }
  return fields;
}

export const RECURRENT_CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.Recursor', cls: Recursor, read: (f) => new Recursor(mod(f, 'module'), num(f, 'rho', 9999999)),
    write: (m) => ({ ...fresh(m), module: m.module, recurrentModule: m.module, modules: [m.module], sharedClones: [m.module] }) }),
  def({ torch: 'nn.Recurrent', cls: Recurrent,
    read: (f) => new Recurrent(mod(f, 'startModule'), mod(f, 'inputModule'), mod(f, 'feedbackModule'), optMod(f, 'transferModule'), num(f, 'rho', 99999), optMod(f, 'mergeModule')),
    write: (m) => ({
      ...fresh(m), startModule: m.startModule, inputModule: m.inputModule, feedbackModule: m.feedbackModule, transferModule: m.transferModule,
      mergeModule: m.mergeModule, initialModule: m.initialModule, recurrentModule: m.recurrentModule,
      modules: [m.startModule, m.inputModule, m.feedbackModule, m.transferModule, m.mergeModule], sharedClones: new Map([[2, m.recurrentModule]]),
    }) }),
  def({ torch: 'nn.Sequencer', cls: Sequencer,
    read: (f) => {
      const s = new Sequencer(mod(f, 'module')), r = f.get('_remember');
      return isRemember(r) ? s.remember(r) : s;
    },
    write: (m) => ({
      module: m.module, modules: [m.module], tableoutput: [], tablegradInput: [], _output: [],
      _remember: m._remember,
    }) }),
  def({ torch: 'nn.RecurrentAttention', cls: RecurrentAttention,
    read: (f) => {
      const h = f.get('hiddenSize'), size = Array.isArray(h) ? h[0] : h;
      if (typeof size !== 'number') throw new ArgumentError(`field hiddenSize: expected a number or a table {n}, got ${typeof h}`);
      return new RecurrentAttention(mod(f, 'rnn'), mod(f, 'action'), num(f, 'nStep'), size);
    },
    write: (m) => ({ rnn: m.rnn, action: m.action, nStep: m.nStep, hiddenSize: [m.hiddenSize], modules: [m.rnn, m.action], actions: [], forwardActions: false, gradHidden: [] }) }),
  def({ torch: 'nn.FastLSTM', cls: FastLSTM,
    read: (f) => {
      if (num(f, 'p', 0) !== 0) throw new ArgumentError('FastLSTM with dropout (p ≠ 0) is not ported');
      const inputSize = num(f, 'inputSize'), H = num(f, 'outputSize', inputSize);
      const m = new FastLSTM(inputSize, H, num(f, 'rho', 9999));
      loadGates(m.stepModule.i2g, f.get('i2g'), 'i2g', H);
      loadGates(m.stepModule.o2g, f.get('o2g'), 'o2g', H);
      return m;
    },
    write: (m) => ({
      ...fresh(m), inputSize: m.inputSize, outputSize: m.outputSize, p: 0, mono: false, cell2gate: false,
      i2g: gatesModule('nn.Linear', m.stepModule.i2g, m.outputSize), o2g: gatesModule('nn.LinearNoBias', m.stepModule.o2g, m.outputSize),
      zeroTensor: Tensor.empty(m.stepModule.i2g.weight.dtype), cells: [], gradCells: [], sharedClones: [], modules: [],
    }) }),
];
