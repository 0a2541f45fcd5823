/**
 * The language model of recurrent-language-model.ts (torch/rnn examples/recurrent-language-model.lua,
 * commit 2bb5129e3f4a4be16f8453473d99cc81aecf1171, section "language model"), line by line.
 */
import * as nn from '../../../index.js';

export interface EpochLog { epoch: number; lr: number; trainppl: number; valppl: number; testppl: number; seconds: number }

/**
 * Lua's collectgarbage(): wasm blocks return to the heap when their storages are collected AND the
 * FinalizationRegistry callbacks have run, which needs a turn of the event loop: a synchronous
 * training loop never gets its wasm memory back. So: gc() (under node --expose-gc), then yield.
 */
export async function collectgarbage(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/** What recurrent-language-model.ts writes to <savepath>/<id>.ckpt.t7 after each epoch. */
export interface Checkpoint {
  params: nn.Tensor; epoch: number; lr: number; meanNorm: number | null; ntrial: number; trainstart: number;
  trainppl: number[]; valppl: number[]; testppl: number[]; minvalppl: number; bestepoch: number; log: EpochLog[];
  adamstate: Record<string, unknown> | null; opt: Record<string, unknown>;
}

export interface LMOptions {
  hiddensize: number[];
  inputsize: number;
  lstm: boolean;
  gru: boolean;
  mfru: boolean;
  dropout: number;
}

/**
 * LookupTable → [Dropout] → SplitTable → Sequencer(stepmodule), stepmodule = the rnn layers [each
 * followed by Dropout] → Linear → LogSoftMax, applied at each time step. The recurrent layers inside
 * the step module are one instance each across the steps (rnn's stepClone), and `remember` lets
 * the state run on from one batch to the next.
 */
export function buildLM(nvocab: number, opt: LMOptions): nn.Sequential {
  const lm = new nn.Sequential();
  // input layer (i.e. word embedding space); Lua's `lookup.maxOutNorm = -1` is this LookupTable's default
  const lookup = new nn.LookupTable(nvocab, opt.inputsize);
  lm.add(lookup); // input is seqlen x batchsize
  if (opt.dropout > 0 && !opt.gru) lm.add(new nn.Dropout(opt.dropout)); // gru has a dropout option
  lm.add(new nn.SplitTable(0)); // tensor to table of tensors

  // rnn layers
  const stepmodule = new nn.Sequential(); // applied at each time-step
  let inputsize = opt.inputsize;
  opt.hiddensize.forEach((hiddensize, i) => {
    let rnn: nn.Module;
    if (opt.gru) {
      rnn = new nn.GRU(inputsize, hiddensize, undefined, opt.dropout / 2); // Gated Recurrent Units
    } else if (opt.lstm) {
      rnn = new nn.RecLSTM(inputsize, hiddensize); // Long Short Term Memory units
    } else if (opt.mfru) {
      rnn = new nn.MuFuRu(inputsize, hiddensize); // Multi Function Recurrent Unit
    } else if (i === 0) {
      // simple recurrent neural network; input is {x[t], h[t-1]}
      if (inputsize !== hiddensize) throw new nn.ArgumentError(`buildLM: the first simple RNN layer needs inputsize = hiddensize, got ${inputsize} and ${hiddensize}`);
      const rm = new nn.Sequential()
        .add(new nn.ParallelTable()
          .add(new nn.Identity()) // input layer
          .add(new nn.Linear(hiddensize, hiddensize))) // recurrent layer
        .add(new nn.CAddTable()) // merge
        .add(new nn.Sigmoid()); // transfer
      rnn = new nn.Recurrence(rm, hiddensize, 1);
    } else {
      rnn = new nn.LinearRNN(hiddensize, hiddensize);
    }
    stepmodule.add(rnn);
    if (opt.dropout > 0) stepmodule.add(new nn.Dropout(opt.dropout));
    inputsize = hiddensize;
  });

  // output layer
  stepmodule.add(new nn.Linear(inputsize, nvocab));
  stepmodule.add(new nn.LogSoftMax());

  // encapsulate stepmodule into a Sequencer
  lm.add(new nn.Sequencer(stepmodule));

  // remember previous state between batches
  lm.remember(opt.lstm || opt.gru || opt.mfru ? 'both' : 'eval');
  return lm;
}
