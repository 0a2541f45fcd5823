/** The gradient-check and Torch-test-kind cases of the 'sequence' group (merged by test/gradcheck-cases.ts). */
import * as nn from '../../index.js';
import type { CriterionCase, ModuleCase } from '../gradcheck-cases.js';
import { rand } from '../helpers/random.js';

const seq = (T: number, shape: number[]) => Array.from({ length: T }, () => rand(shape));
const idx = (values: number[], shape = [values.length]) => nn.Tensor.from(values, shape, 'float64');
const mask = (values: number[], shape: number[]) => nn.Tensor.from(values, shape, 'uint8');
const maskT7 = { t7: 'the zero mask is given per batch by setZeroMask and not saved (as in rnn)' };
const samples = { batchOf1: 'the input is a table of samples of different lengths: it has no non-batch form' };
const seqOf1 = { batchOf1: 'the batch dimension is the second one (seqlen × batch × inputsize): a leading 1 is a sequence of one step' };

export const moduleCases: ModuleCase[] = [
  { name: 'LookupTable', label: 'batch, repeated indices', build: () => new nn.LookupTable(5, 3), input: () => idx([0, 2, 2, 4, 1, 2], [2, 3]) },
  { name: 'LookupTable', label: 'non-batch', build: () => new nn.LookupTable(4, 2), input: () => idx([3, 0, 3]) },
  { name: 'LookupTableMaskZero', label: 'batch with padding (−1)', build: () => new nn.LookupTableMaskZero(3, 2), input: () => idx([-1, 0, 2, 2, -1, 1], [2, 3]) },
  { name: 'LookupTableMaskZero', label: 'non-batch', build: () => new nn.LookupTableMaskZero(3, 2), input: () => idx([1, -1]) },
  { name: 'StepLSTM', label: 'batch', build: () => new nn.StepLSTM(3, 2), input: () => [rand([2, 3]), rand([2, 2]), rand([2, 2])] },
  { name: 'StepLSTM', label: 'non-batch', build: () => new nn.StepLSTM(2, 3), input: () => [rand([2]), rand([3]), rand([3])] },
  {
    name: 'StepLSTM', label: 'maskZero, row 1 masked', build: () => new nn.StepLSTM(2, 2).maskZero().setZeroMask(mask([0, 1], [2])), skip: maskT7,
    input: () => [rand([2, 2]), rand([2, 2]), rand([2, 2])],
  },
  { name: 'StepGRU', label: 'batch', build: () => new nn.StepGRU(3, 2), input: () => [rand([2, 3]), rand([2, 2])] },
  { name: 'StepGRU', label: 'non-batch', build: () => new nn.StepGRU(2, 3), input: () => [rand([2]), rand([3])] },
  { name: 'StepGRU', label: 'maskZero, row 0 masked', build: () => new nn.StepGRU(2, 2).maskZero().setZeroMask(mask([1, 0], [2])), skip: maskT7, input: () => [rand([2, 2]), rand([2, 2])] },
  { name: 'RecLSTM', label: 'Sequencer over 3 steps, batch', build: () => new nn.Sequencer(new nn.RecLSTM(3, 2)), input: () => seq(3, [2, 3]) },
  { name: 'RecLSTM', label: 'Sequencer over 2 steps, non-batch', build: () => new nn.Sequencer(new nn.RecLSTM(2, 3)), input: () => seq(2, [2]) },
  { name: 'RecGRU', label: 'Sequencer over 3 steps, batch', build: () => new nn.Sequencer(new nn.RecGRU(2, 3)), input: () => seq(3, [2, 2]) },
  { name: 'RecGRU', label: 'Sequencer over 2 steps, non-batch', build: () => new nn.Sequencer(new nn.RecGRU(3, 2)), input: () => seq(2, [3]) },
  {
    name: 'Recurrence', label: 'Sequencer(Recurrence(Sequential)), 3 steps, batch',
    build: () => new nn.Sequencer(new nn.Recurrence(new nn.Sequential().add(new nn.JoinTable(0, 1)).add(new nn.Linear(5, 3)).add(new nn.Tanh()), 3, 1)),
    input: () => seq(3, [2, 2]),
  },
  {
    name: 'Recurrence', label: 'maskZero with a zero mask, 3 steps',
    build: () => new nn.Sequencer(new nn.Recurrence(new nn.Sequential().add(new nn.JoinTable(0, 1)).add(new nn.Linear(4, 2)).add(new nn.Tanh()), 2, 1).maskZero().setZeroMask(mask([0, 0, 1, 0, 0, 1], [3, 2]))), skip: maskT7,
    input: () => seq(3, [2, 2]),
  },
  { name: 'LinearRNN', label: 'Sequencer over 3 steps, batch', build: () => new nn.Sequencer(new nn.LinearRNN(2, 3)), input: () => seq(3, [2, 2]) },
  { name: 'LinearRNN', label: 'Sequencer over 2 steps, non-batch, Tanh', build: () => new nn.Sequencer(new nn.LinearRNN(3, 2, new nn.Tanh())), input: () => seq(2, [3]) },
  {
    name: 'LookupRNN', label: 'Sequencer over 3 steps of indices', build: () => new nn.Sequencer(new nn.LookupRNN(4, 3)),
    input: () => [idx([0, 3]), idx([2, 2]), idx([1, 0])], skip: { nonContiguous: 'indices', batchOf1: 'batch only (nInputDim 0)' },
  },
  { name: 'SeqLSTM', label: 'seqlen × batch × inputsize', build: () => new nn.SeqLSTM(3, 2), input: () => rand([3, 2, 3]) },
  { name: 'SeqLSTM', label: 'non-batch seqlen × inputsize', build: () => new nn.SeqLSTM(2, 2), input: () => rand([2, 2]), skip: seqOf1 },
  { name: 'SeqLSTM', label: 'batchfirst', build: () => Object.assign(new nn.SeqLSTM(2, 3), { batchfirst: true }), input: () => rand([2, 3, 2]) },
  {
    name: 'SeqLSTM', label: 'maskZero with a zero mask', build: () => new nn.SeqLSTM(2, 2).maskZero().setZeroMask(mask([0, 1, 1, 0, 0, 0], [3, 2])), skip: maskT7,
    input: () => rand([3, 2, 2]),
  },
  { name: 'SeqGRU', label: 'seqlen × batch × inputsize', build: () => new nn.SeqGRU(3, 2), input: () => rand([3, 2, 3]) },
  { name: 'SeqGRU', label: 'non-batch seqlen × inputsize', build: () => new nn.SeqGRU(2, 3), input: () => rand([2, 2]), skip: seqOf1 },
  {
    name: 'SeqGRU', label: 'batchfirst, maskZero', build: () => Object.assign(new nn.SeqGRU(2, 2), { batchfirst: true }).maskZero().setZeroMask(mask([0, 0, 1, 0, 1, 0], [2, 3])), skip: maskT7,
    input: () => rand([2, 3, 2]),
  },
  { name: 'CopyGrad', label: 'batch', build: () => new nn.CopyGrad(), input: () => rand([2, 3]) },
  { name: 'CopyGrad', label: 'table', build: () => new nn.CopyGrad(), input: () => [rand([2]), rand([3])] },
  { name: 'SAdd', label: 'batch', build: () => new nn.SAdd(0.5), input: () => rand([2, 3]) },
  { name: 'SAdd', label: 'non-batch, negate', build: () => new nn.SAdd(-1, true), input: () => rand([3]) },
  { name: 'ExpandAs', label: 'expand a column', build: () => new nn.ExpandAs(), input: () => [rand([2, 3]), rand([2, 1])] },
  { name: 'ExpandAs', label: 'expand a row of a 3-D tensor', build: () => new nn.ExpandAs(), input: () => [rand([2, 2, 3]), rand([1, 2, 1])] },
  { name: 'ReverseSequence', label: 'seqlen × batch × size', build: () => new nn.ReverseSequence(), input: () => rand([3, 2, 2]) },
  { name: 'ReverseSequence', label: 'table of steps', build: () => new nn.ReverseSequence(), input: () => seq(3, [2]) },
  { name: 'SeqReverseSequence', label: 'dim 1', build: () => new nn.SeqReverseSequence(1), input: () => rand([2, 3, 2]) },
  { name: 'SeqReverseSequence', label: 'dim 0, 2-D', build: () => new nn.SeqReverseSequence(0), input: () => rand([3, 2]) },
  { name: 'LinearNoBias', label: 'batch', build: () => new nn.LinearNoBias(3, 2), input: () => rand([2, 3]) },
  { name: 'LinearNoBias', label: 'non-batch', build: () => new nn.LinearNoBias(2, 3), input: () => rand([2]) },
  {
    name: 'MaskZero', label: 'batch, row 1 masked (setZeroMask)', build: () => new nn.MaskZero(new nn.Linear(3, 2)).setZeroMask(mask([0, 1], [2])),
    input: () => rand([2, 3]), skip: maskT7,
  },
  { name: 'MaskZero', label: 'batch, no zero rows', build: () => new nn.MaskZero(new nn.Sequential().add(new nn.Linear(2, 2)).add(new nn.Tanh())), input: () => rand([3, 2]) },
  { name: 'Repeater', label: 'RecLSTM repeated 3 steps, batch', build: () => new nn.Repeater(new nn.RecLSTM(2, 2), 3), input: () => rand([2, 2]) },
  { name: 'Repeater', label: 'non-recurrent module, non-batch', build: () => new nn.Repeater(new nn.Linear(3, 2), 2), input: () => rand([3]) },
  { name: 'SeqBRNN', label: 'seqlen × batch × inputDim', build: () => new nn.SeqBRNN(2, 2), input: () => rand([3, 2, 2]) },
  { name: 'SeqBLSTM', label: 'batchfirst', build: () => new nn.SeqBLSTM(2, 2, true), input: () => rand([2, 3, 2]) },
  { name: 'SeqBGRU', label: 'seqlen × batch × inputDim, JoinTable merge', build: () => new nn.SeqBGRU(2, 2, false, new nn.JoinTable(2)), input: () => rand([2, 2, 2]) },
  { name: 'ReverseUnreverse', label: 'SeqLSTM on the reversed sequence', build: () => new nn.ReverseUnreverse(new nn.SeqLSTM(2, 2)), input: () => rand([3, 2, 2]) },
  { name: 'BiSequencer', label: 'table of 3 steps, RecGRU both ways', build: () => new nn.BiSequencer(new nn.RecGRU(2, 2), new nn.RecGRU(2, 2)), input: () => seq(3, [2, 2]) },
  { name: 'BiSequencer', label: 'T × … tensor, LinearRNN, CAddTable merge', build: () => new nn.BiSequencer(new nn.LinearRNN(2, 3), undefined, new nn.CAddTable()), input: () => rand([2, 2, 2]) },
  { name: 'LSTM', label: 'Sequencer over 3 steps, batch, peepholes', build: () => new nn.Sequencer(new nn.LSTM(3, 2)), input: () => seq(3, [2, 3]) },
  { name: 'LSTM', label: 'Sequencer over 2 steps, non-batch, no cell2gate', build: () => new nn.Sequencer(new nn.LSTM(2, 3, 9999, false)), input: () => seq(2, [2]) },
  {
    name: 'LSTM', label: 'maskZero with a zero mask, 3 steps', build: () => new nn.Sequencer(new nn.LSTM(2, 2).maskZero().setZeroMask(mask([0, 1, 0, 0, 1, 0], [3, 2]))), skip: maskT7,
    input: () => seq(3, [2, 2]),
  },
  { name: 'GRU', label: 'Sequencer over 3 steps, batch', build: () => new nn.Sequencer(new nn.GRU(3, 2)), input: () => seq(3, [2, 3]) },
  { name: 'GRU', label: 'Sequencer over 2 steps, non-batch', build: () => new nn.Sequencer(new nn.GRU(2, 3)), input: () => seq(2, [2]) },
  { name: 'SeqLSTMP', label: 'seqlen × batch × inputsize, hidden 3 → output 2', build: () => new nn.SeqLSTMP(2, 3, 2), input: () => rand([3, 2, 2]) },
  { name: 'SeqLSTMP', label: 'non-batch seqlen × inputsize', build: () => new nn.SeqLSTMP(3, 2, 1), input: () => rand([2, 3]), skip: seqOf1 },
  {
    name: 'SeqLSTMP', label: 'batchfirst, maskZero', build: () => Object.assign(new nn.SeqLSTMP(2, 3, 2), { batchfirst: true }).maskZero().setZeroMask(mask([0, 1, 0, 0, 0, 1], [2, 3])), skip: maskT7,
    input: () => rand([2, 3, 2]),
  },
  { name: 'StepLSTM', label: 'LSTMP: hiddensize 3, outputsize 2, batch', build: () => new nn.StepLSTM(2, 3, 2), input: () => [rand([2, 2]), rand([2, 2]), rand([2, 3])] },
  { name: 'TrimZero', label: 'batch, no zero rows', build: () => new nn.TrimZero(new nn.Sequential().add(new nn.Linear(3, 2)).add(new nn.Tanh())), input: () => rand([3, 3]) },
  { name: 'TrimZero', label: 'non-batch', build: () => new nn.TrimZero(new nn.Linear(2, 3)), input: () => rand([2]) },
  { name: 'TrimZero', label: 'table input, nInputDim 1', build: () => new nn.TrimZero(new nn.CAddTable()), input: () => [rand([2, 3]), rand([2, 3])] },
  { name: 'BiSequencerLM', label: 'table of 3 steps, RecLSTM both ways', build: () => new nn.BiSequencerLM(new nn.RecLSTM(2, 2)), input: () => seq(3, [2, 2]) },
  { name: 'BiSequencerLM', label: 'non-batch, 2 steps, LinearRNN, CAddTable merge', build: () => new nn.BiSequencerLM(new nn.LinearRNN(2, 3), new nn.LinearRNN(2, 3), new nn.CAddTable()), input: () => seq(2, [2]) },
  { name: 'VariableLength', label: 'SeqLSTM on samples of lengths 3, 1, 1 (two share a row)', build: () => new nn.VariableLength(new nn.SeqLSTM(2, 2)), input: () => [rand([3, 2]), rand([1, 2]), rand([1, 2])], skip: samples },
  { name: 'VariableLength', label: 'lastOnly, SeqGRU, lengths 2, 3', build: () => new nn.VariableLength(new nn.SeqGRU(2, 2), true), input: () => [rand([2, 2]), rand([3, 2])], skip: samples },
  { name: 'MuFuRu', label: 'Sequencer over 3 steps, batch, all ops', build: () => new nn.Sequencer(new nn.MuFuRu(2, 2)), input: () => seq(3, [2, 2]) },
  { name: 'MuFuRu', label: 'Sequencer over 2 steps, keep/replace/mul/max', build: () => new nn.Sequencer(new nn.MuFuRu(3, 2, ['keep', 'replace', 'mul', 'max'])), input: () => seq(2, [1, 3]), skip: { batchOf1: 'batch only (as rnn)' } },
  {
    name: 'FastLSTM', label: 'maskZero with a zero mask, 3 steps', build: () => new nn.Sequencer(new nn.FastLSTM(2, 2).maskZero().setZeroMask(mask([0, 1, 1, 0, 0, 0], [3, 2]))), skip: maskT7,
    input: () => seq(3, [2, 2]),
  },
  {
    name: 'Recurrent', label: 'maskZero with a zero mask, from setHiddenState(−1, h0)', skip: maskT7, input: () => seq(3, [2, 2]),
    build: () => new nn.Sequencer(new nn.Recurrent(2, new nn.Linear(2, 2), new nn.Linear(2, 2), new nn.Tanh()).maskZero().setZeroMask(mask([0, 0, 1, 0, 0, 1], [3, 2])).setHiddenState(-1, idx([0.3, -0.2, 0.1, 0.4], [2, 2]))),
  },
  {
    name: 'Recursor', label: 'maskZero with a zero mask', build: () => new nn.Sequencer(new nn.Recursor(new nn.Linear(3, 2)).maskZero().setZeroMask(mask([0, 1, 0, 0, 1, 0], [3, 2]))),
    input: () => seq(3, [2, 3]), skip: maskT7,
  },
];
export const criterionCases: CriterionCase[] = [];
/** Exports of this group that are not gradient-checked, and why. */
export const noCheck: Record<string, string> = {
  AbstractSequencer: 'abstract base class (its subclasses are checked)',
  NCEModule: 'stochastic (draws noise samples at each forward); closed-form gradient test with fixed samples and alias-sampler statistics in test/modules/sequence.test.ts',
  NCECriterion: 'its gradInput for the noise probabilities is zero by design (constants, as dpnn); closed-form test of the other two in test/modules/sequence.test.ts',
  NormStabilizer: 'its gradInput adds the gradient of its regulariser (not the derivative of the output alone); closed-form test (finite differences of ⟨y, g⟩ + R) in test/modules/sequence.test.ts',
  ZeroGrad: 'its gradInput is by design zero, not the derivative; value test in test/modules/sequence.test.ts',
};
