/**
 * The .t7 entries of the 'sequence' group's classes (merged into T7_CLASSES by nnClasses.ts).
 * Indices: LookupTable's paddingValue p is Lua's p + 1 (Lua's default 0, no padding, is −1 here).
 * Recurrent modules are written in the state of a fresh rnn module (step 1, no step clones);
 * reading builds them anew and copies the parameters of the stored step module.
 * Ref: torch/nn LookupTable.lua; rnn StepLSTM.lua, StepGRU.lua, Recurrence.lua, RecLSTM.lua,
 * RecGRU.lua, LinearRNN.lua, LookupRNN.lua, SeqLSTM.lua, SeqGRU.lua; Element-Research rnn LSTM.lua, GRU.lua, TrimZero.lua,
 * BiSequencerLM.lua; torch/rnn VariableLength.lua, Mufuru.lua,
 * NormStabilizer.lua; dpnn NCEModule.lua, NCECriterion.lua (NCEModule's alias sampler is
 * not written: it is rebuilt from the unigrams on reading, as fastNoise() does).
 */
import { Module } from '../../lib/Module.js';
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError } from '../../lib/errors.js';
import { bool, def, list, mod, num, optNum, str, tensor, type T7Entry, type T7Fields } from '../../lib/serialization/t7fields.js';
import { LookupTable } from '../LookupTable.js';
import { LookupTableMaskZero } from '../LookupTableMaskZero.js';
import { StepLSTM } from '../StepLSTM.js';
import { StepGRU } from '../StepGRU.js';
import { Recurrence, type StateSize } from '../Recurrence.js';
import { RecLSTM } from '../RecLSTM.js';
import { RecGRU } from '../RecGRU.js';
import { LinearRNN } from '../LinearRNN.js';
import { LookupRNN } from '../LookupRNN.js';
import { SeqLSTM } from '../SeqLSTM.js';
import { SeqGRU } from '../SeqGRU.js';
import { SeqLSTMP } from '../SeqLSTMP.js';
import type { SeqRecurrent } from '../SeqRecurrent.js';
import type { RememberMode } from '../Sequencer.js';
import type { Sequential } from '../Sequential.js';
import { ZeroGrad } from '../ZeroGrad.js';
import { CopyGrad } from '../CopyGrad.js';
import { SAdd } from '../SAdd.js';
import { ExpandAs } from '../ExpandAs.js';
import { ReverseSequence } from '../ReverseSequence.js';
import { SeqReverseSequence } from '../SeqReverseSequence.js';
import { LinearNoBias } from '../LinearNoBias.js';
import { MaskZero } from '../MaskZero.js';
import { Repeater } from '../Repeater.js';
import { SeqBRNN } from '../SeqBRNN.js';
import { SeqBLSTM } from '../SeqBLSTM.js';
import { SeqBGRU } from '../SeqBGRU.js';
import { ReverseUnreverse } from '../ReverseUnreverse.js';
import { BiSequencer } from '../BiSequencer.js';
import { LSTM } from '../LSTM.js';
import { TrimZero } from '../TrimZero.js';
import { VariableLength } from '../VariableLength.js';
import { BiSequencerLM } from '../BiSequencerLM.js';
import { GRU } from '../GRU.js';
import { MuFuRu, type MuFuRuOp } from '../MuFuRu.js';
import { NormStabilizer } from '../NormStabilizer.js';
import { NCEModule } from '../NCEModule.js';
import { NCECriterion } from '../../criterions/NCECriterion.js';

/** Copies every parameter of `src` into `dst` (same layout), checking the sizes. */
function copyParams(dst: Module, src: Module, name: string): void {
  const [pd] = dst.parameters(), [ps] = src.parameters();
  if (pd.length !== ps.length) throw new ArgumentError(`field ${name}: expected ${pd.length} parameter tensors, got ${ps.length}`);
  pd.forEach((p, i) => {
    if (!p.sameShape(ps[i]!)) throw new ArgumentError(`field ${name}: expected parameter ${i} of size [${p.shape.join(', ')}], got [${ps[i]!.shape.join(', ')}]`);
    p.copy(ps[i]!);
  });
}

const stepModule = (f: T7Fields): Module => {
  const [m] = list(f, 'modules', Module, 'a module');
  if (!m) throw new ArgumentError('field modules: expected the step module in modules[1], got none');
  return m;
};

/** The fields of a fresh rnn AbstractRecurrent around `m`'s step module. */
const fresh = (m: Recurrence) => ({
  rho: m.rho, step: 1, outputs: [], gradOutputs: [], _gradOutputs: [], gradInputs: [], modules: [m.stepmodule], sharedClones: [],
  recurrentModule: m.stepmodule, outputSize: m.outputSize, nInputDim: m.nInputDim, maskzero: m.maskzero,
});

/** A recurrent module built anew from its Lua fields: the stored step module's parameters, maskzero. */
function readRec<T extends Recurrence>(m: T, f: T7Fields): T {
  copyParams(m.stepmodule, stepModule(f), 'modules[1]');
  return bool(f, 'maskzero', false) ? m.maskZero() : m;
}
/** The fields of a fresh Element-Research LSTM / GRU / MuFuRu. */
const erWrite = (m: LSTM | GRU) => ({ ...fresh(m), inputSize: m.inputSize, outputSize: m.outputSize, p: m.p, mono: m.mono, zeroTensor: Tensor.empty(), cells: [], gradCells: [] });

/** Lua's paddingValue (1-based, 0 = none) ↔ ours (0-based, −1 = none). */
const padIn = (f: T7Fields) => num(f, 'paddingValue', 0) - 1;
const lookupWrite = (m: LookupTable) => ({
  paddingValue: m.paddingValue + 1, maxNorm: m.maxNorm, normType: m.normType, shouldScaleGradByFreq: m.shouldScaleGradByFreq,
});

const stepWrite = (m: StepLSTM | StepGRU) => ({ inputsize: m.inputsize, outputsize: m.outputsize, hiddensize: m.outputsize, maskzero: m.maskzero, gates: Tensor.empty(m.weight.dtype) });
/** StepLSTM's optional projection (LSTMP): weightO, written and read when hiddensize ≠ outputsize. */
const stepLstmWrite = (m: StepLSTM) => ({ ...stepWrite(m), hiddensize: m.hiddensize, ...(m.weightO ? { weightO: m.weightO, gradWeightO: m.gradWeightO } : {}) });
function readStepLstm(f: T7Fields): StepLSTM {
  const R = num(f, 'outputsize'), m = new StepLSTM(num(f, 'inputsize'), num(f, 'hiddensize', R), R);
  if (m.weightO) m.weightO.copy(tensor(f, 'weightO'));
  return bool(f, 'maskzero', false) ? m.maskZero() : m;
}

const REMEMBER: readonly RememberMode[] = ['both', 'train', 'eval', 'neither'];
const remember = (f: T7Fields): RememberMode => {
  const r = str(f, '_remember', 'neither');
  const mode = REMEMBER.find((x) => x === r);
  if (!mode) throw new ArgumentError(`field _remember: expected one of ${REMEMBER.join(', ')}, got ${r}`);
  return mode;
};

function readSeq<T extends SeqRecurrent>(m: T, f: T7Fields): T {
  for (const name of ['weight', 'bias'] as const) {
    const t = tensor(f, name);
    if (!t.sameShape(m[name])) throw new ArgumentError(`field ${name}: expected a tensor of size [${m[name].shape.join(', ')}], got [${t.shape.join(', ')}]`);
    m[name].copy(t);
  }
  m.batchfirst = bool(f, 'batchfirst', false);
  if (bool(f, 'maskzero', false)) m.maskZero();
  return m.remember(remember(f));
}

const seqWrite = (m: SeqRecurrent) => ({
  inputsize: m.inputsize, outputsize: m.outputsize, hiddensize: m.outputsize, weight: m.weight, bias: m.bias, gradWeight: m.gradWeight, gradBias: m.gradBias,
  _remember: m._remember, maskzero: m.maskzero, batchfirst: m.batchfirst, v2: true, h0: Tensor.empty(m.weight.dtype), c0: Tensor.empty(m.weight.dtype),
  cell: Tensor.empty(m.weight.dtype), gates: Tensor.empty(m.weight.dtype),
});

function outputSizeOf(f: T7Fields): StateSize {
  const v = f.get('outputSize');
  const ok = (s: unknown): s is StateSize => Array.isArray(s) && (s.every((x) => typeof x === 'number') || s.every(ok));
  if (typeof v === 'number') return [v];
  if (!ok(v)) throw new ArgumentError('field outputSize: expected a size or a table of sizes');
  return v;
}

/** A SeqBRNN-like class rebuilt from its stored direction modules. */
function readBrnn<T extends SeqBRNN>(make: (i: number, h: number, bf: boolean, merge: Module | undefined) => T, f: T7Fields): T {
  const fwd = mod(f, 'forwardModule'), bwd = mod(f, 'backwardModule'), merge = f.get('merge');
  const sizes = fwd as unknown as { inputsize?: unknown; outputsize?: unknown };
  if (typeof sizes.inputsize !== 'number' || typeof sizes.outputsize !== 'number') throw new ArgumentError('field forwardModule: expected a SeqLSTM or SeqGRU');
  const m = make(sizes.inputsize, sizes.outputsize, bool(f, 'batchfirst', false), merge instanceof Module ? merge : undefined);
  copyParams(m.forwardModule, fwd, 'forwardModule');
  copyParams(m.backwardModule, bwd, 'backwardModule');
  return m;
}
const brnnWrite = (m: SeqBRNN) => ({ forwardModule: m.forwardModule, backwardModule: m.backwardModule, merge: m.merge, batchfirst: m.batchfirst, brnn: m.brnn, modules: [m.brnn] });

export const CLASSES: readonly T7Entry[] = [
  def({ torch: 'nn.ZeroGrad', cls: ZeroGrad, read: () => new ZeroGrad() }),
  def({ torch: 'nn.CopyGrad', cls: CopyGrad, read: () => new CopyGrad() }),
  def({ torch: 'nn.SAdd', cls: SAdd, read: (f) => new SAdd(num(f, 'addend'), bool(f, 'negate', false)), write: (m) => ({ addend: m.addend, negate: m.negate }) }),
  def({ torch: 'nn.ExpandAs', cls: ExpandAs, read: () => new ExpandAs(), write: () => ({ sum1: Tensor.empty(), sum2: Tensor.empty() }) }),
  def({ torch: 'nn.ReverseSequence', cls: ReverseSequence, read: () => new ReverseSequence() }),
  def({ torch: 'nn.SeqReverseSequence', cls: SeqReverseSequence, oneBased: ['dim'], read: (f) => new SeqReverseSequence(num(f, 'dim')), write: (m) => ({ dim: m.dim }) }),
  def({ torch: 'nn.LinearNoBias', cls: LinearNoBias, tensors: ['weight', 'gradWeight'], read: (f) => { const w = tensor(f, 'weight'); return new LinearNoBias(w.size(1), w.size(0)); } }),
  def({ torch: 'nn.MaskZero', cls: MaskZero, read: (f) => new MaskZero(mod(f, 'module'), num(f, 'nInputDim', 1)), write: (m) => ({ module: m.module, modules: [m.module], nInputDim: m.nInputDim }) }),
  def({ torch: 'nn.TrimZero', cls: TrimZero, read: (f) => new TrimZero(mod(f, 'module'), num(f, 'nInputDim', 1), bool(f, 'silent', false)),
    write: (m) => ({ module: m.module, modules: [m.module], nInputDim: m.nInputDim, silent: m.silent, temp: Tensor.empty(), gradTemp: Tensor.empty() }) }),
  def({ torch: 'nn.VariableLength', cls: VariableLength, read: (f) => new VariableLength(stepModule(f), bool(f, 'lastOnly', false)),
    write: (m) => ({ modules: m.modules, lastOnly: m.lastOnly }) }),
  def({ torch: 'nn.NormStabilizer', cls: NormStabilizer, read: (f) => new NormStabilizer(num(f, 'beta', 1)),
    write: (m) => ({ beta: m.beta, rho: m.rho, step: 1, outputs: [], gradOutputs: [], _gradOutputs: [], gradInputs: [], modules: [m.module], sharedClones: [], recurrentModule: m.module }) }),
  def({ torch: 'nn.Repeater', cls: Repeater, read: (f) => new Repeater(mod(f, 'module'), num(f, 'nStep')).remember(remember(f)),
    write: (m) => ({ module: m.module, modules: [m.module], nStep: m.nStep, rho: m.nStep, _remember: m._remember }) }),
  def({ torch: 'nn.SeqBRNN', cls: SeqBRNN, read: (f) => readBrnn((i, h, b, g) => new SeqBRNN(i, h, b, g), f), write: brnnWrite }),
  def({ torch: 'nn.SeqBLSTM', cls: SeqBLSTM, read: (f) => readBrnn((i, h, b, g) => new SeqBLSTM(i, h, b, g), f), write: brnnWrite }),
  def({ torch: 'nn.SeqBGRU', cls: SeqBGRU, read: (f) => readBrnn((i, h, b, g) => new SeqBGRU(i, h, b, g), f), write: brnnWrite }),
  def({ torch: 'nn.ReverseUnreverse', cls: ReverseUnreverse, read: (f) => new ReverseUnreverse(mod(f, 'sequencer')), write: (m) => ({ sequencer: m.sequencer, modules: m.modules }) }),
  def({ torch: 'nn.BiSequencer', cls: BiSequencer, read: (f) => new BiSequencer(mod(f, 'forwardModule'), mod(f, 'backwardModule'), mod(f, 'mergeModule')),
    write: (m) => ({ forwardModule: m.forwardModule, backwardModule: m.backwardModule, mergeModule: m.mergeModule, modules: m.modules }) }),
  def({ torch: 'nn.BiSequencerLM', cls: BiSequencerLM, read: (f) => new BiSequencerLM(mod(f, 'forwardModule'), mod(f, 'backwardModule'), mod(f, 'mergeModule')),
    write: (m) => ({
      forwardModule: m.forwardModule, backwardModule: m.backwardModule, mergeModule: m.mergeModule, fwdSeq: m.fwdSeq, bwdSeq: m.bwdSeq, mergeSeq: m.mergeSeq,
      _fwd: m._fwd, _bwd: m._bwd, _merge: m._merge, modules: m.modules, _remember: m._remember,
    }) }),
  def({ torch: 'nn.LookupTable', cls: LookupTable, tensors: ['weight', 'gradWeight'],
    read: (f) => {
      const w = tensor(f, 'weight'), m = new LookupTable(w.size(0), w.size(1), padIn(f), optNum(f, 'maxNorm'), num(f, 'normType', 2));
      return bool(f, 'shouldScaleGradByFreq', false) ? m.scaleGradByFreq() : m;
    },
    write: lookupWrite }),
  def({ torch: 'nn.LookupTableMaskZero', cls: LookupTableMaskZero, tensors: ['weight', 'gradWeight'],
    read: (f) => {
      const w = tensor(f, 'weight'), m = new LookupTableMaskZero(w.size(0) - 1, w.size(1), padIn(f), optNum(f, 'maxNorm'), num(f, 'normType', 2));
      return bool(f, 'shouldScaleGradByFreq', false) ? m.scaleGradByFreq() : m;
    },
    write: lookupWrite }),
  def({ torch: 'nn.StepLSTM', cls: StepLSTM, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: readStepLstm, write: stepLstmWrite }),
  def({ torch: 'nn.StepGRU', cls: StepGRU, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => { const m = new StepGRU(num(f, 'inputsize'), num(f, 'outputsize')); return bool(f, 'maskzero', false) ? m.maskZero() : m; },
    write: (m) => ({ ...stepWrite(m), v2: true }) }),
  def({ torch: 'nn.Recurrence', cls: Recurrence,
    read: (f) => {
      const m = new Recurrence(stepModule(f), outputSizeOf(f), num(f, 'nInputDim'), num(f, 'rho', 9999));
      return bool(f, 'maskzero', false) ? m.maskZero() : m;
    },
    write: fresh }),
  def({ torch: 'nn.RecLSTM', cls: RecLSTM,
    read: (f) => readRec(new RecLSTM(num(f, 'inputsize'), num(f, 'outputsize'), num(f, 'rho', 999999), num(f, 'hiddensize', num(f, 'outputsize'))), f),
    write: (m) => ({ ...fresh(m), inputsize: m.inputsize, outputsize: m.outputsize, hiddensize: m.hiddensize, cells: [], gradCells: [], prev_h0: Tensor.empty(), prev_c0: Tensor.empty() }) }),
  def({ torch: 'nn.RecGRU', cls: RecGRU,
    read: (f) => readRec(new RecGRU(num(f, 'inputsize'), num(f, 'outputsize'), num(f, 'rho', 999999)), f),
    write: (m) => ({ ...fresh(m), inputsize: m.inputsize, outputsize: m.outputsize }) }),
  def({ torch: 'nn.LinearRNN', cls: LinearRNN,
    read: (f) => {
      const step = stepModule(f) as Sequential, transfer = step.modules?.[2];
      const m = new LinearRNN(num(f, 'inputsize'), num(f, 'outputsize'), transfer, num(f, 'rho', 9999));
      copyParams(m.stepmodule, step, 'modules[1]');
      return m;
    },
    write: (m) => ({ ...fresh(m), inputsize: m.inputsize, outputsize: m.outputsize }) }),
  def({ torch: 'nn.LookupRNN', cls: LookupRNN,
    read: (f) => {
      const step = stepModule(f) as Sequential, merge = step.modules?.[1], transfer = step.modules?.[2];
      const m = new LookupRNN(num(f, 'nindex'), num(f, 'outputsize'), transfer, merge, num(f, 'rho', 9999));
      copyParams(m.stepmodule, step, 'modules[1]');
      return m;
    },
    write: (m) => ({ ...fresh(m), nindex: m.nindex, outputsize: m.outputsize }) }),
  def({ torch: 'nn.SeqLSTM', cls: SeqLSTM, read: (f) => readSeq(new SeqLSTM(num(f, 'inputsize'), num(f, 'outputsize')), f), write: seqWrite }),
  def({ torch: 'nn.SeqLSTMP', cls: SeqLSTMP,
    read: (f) => {
      const m = readSeq(new SeqLSTMP(num(f, 'inputsize'), num(f, 'hiddensize'), num(f, 'outputsize')), f);
      m.weightO.copy(tensor(f, 'weightO'));
      return m;
    },
    write: (m) => ({ ...seqWrite(m), hiddensize: m.hiddensize, weightO: m.weightO, gradWeightO: m.gradWeightO }) }),
  def({ torch: 'nn.SeqGRU', cls: SeqGRU, read: (f) => readSeq(new SeqGRU(num(f, 'inputsize'), num(f, 'outputsize')), f), write: seqWrite }),
  def({ torch: 'nn.LSTM', cls: LSTM,
    read: (f) => readRec(new LSTM(num(f, 'inputSize'), num(f, 'outputSize'), num(f, 'rho', 9999), bool(f, 'cell2gate', true), num(f, 'p', 0), bool(f, 'mono', false)), f),
    write: (m) => ({ ...erWrite(m), cell2gate: m.cell2gate, inputGate: m.inputGate, forgetGate: m.forgetGate, hiddenLayer: m.hiddenLayer, cellLayer: m.cellLayer, outputGate: m.outputGate }) }),
  def({ torch: 'nn.GRU', cls: GRU,
    read: (f) => readRec(new GRU(num(f, 'inputSize'), num(f, 'outputSize'), num(f, 'rho', 9999), num(f, 'p', 0), bool(f, 'mono', false)), f),
    write: (m) => ({ ...erWrite(m), i2g: m.i2g, o2g: m.o2g }) }),
  def({ torch: 'nn.MuFuRu', cls: MuFuRu,
    read: (f) => {
      const ops = f.get('ops');
      if (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string')) throw new ArgumentError('field ops: expected a table of operation names');
      return readRec(new MuFuRu(num(f, 'inputSize'), num(f, 'outputSize'), ops as MuFuRuOp[], num(f, 'rho', 9999)), f);
    },
    write: (m) => ({ ...erWrite(m), ops: [...m.ops], num_ops: m.num_ops, operations: m.operations }) }),
  def({ torch: 'nn.NCEModule', cls: NCEModule, tensors: ['weight', 'bias', 'gradWeight', 'gradBias'],
    read: (f) => {
      const w = tensor(f, 'weight'), Z = tensor(f, 'Z');
      const m = new NCEModule(w.size(1), w.size(0), num(f, 'k'), tensor(f, 'unigrams').clone(), Z.numel() ? Z.get(0) : -1);
      return Object.assign(m, { batchnoise: bool(f, 'batchnoise', true), normalized: bool(f, 'normalized', false), logsoftmax: bool(f, 'logsoftmax', false) });
    },
    write: (m) => ({ inputSize: m.inputSize, outputSize: m.outputSize, k: m.k, unigrams: m.unigrams, Z: m.Z, batchnoise: m.batchnoise, normalized: m.normalized, logsoftmax: m.logsoftmax }) }),
  def({ torch: 'nn.NCECriterion', cls: NCECriterion, read: (f) => Object.assign(new NCECriterion(), { sizeAverage: bool(f, 'sizeAverage', true) }), write: (m) => ({ sizeAverage: m.sizeAverage }) }),
];
