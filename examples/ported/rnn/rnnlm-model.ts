/**
 * The language model of recurrent-language-model.ts (torch/rnn examples/recurrent-language-model.lua,
 * commit 2bb5129e3f4a4be16f8453473d99cc81aecf1171, section "language model"), with rnn's
 * `lm:remember(mode)` / `lm:forget()` on a whole Sequential spelt as a LanguageModel class.
 */
import * as nn from '../../../index.js';
import { type Activity, copyLike } from '../../../lib/Activity.js';

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
 * A Sequential with rnn's `remember(mode)` and `forget()` for the recurrent layers inside it. rnn's
 * remember lets a Sequencer run on across batches; this library's AbstractRecurrent keeps a step
 * clone for every step since the last forget (no recycling after rho steps), which over an epoch's
 * stream exhausts memory, so the layers' Sequencers forget before each batch and `carry()` (called
 * after each batch) starts the next one from the last hidden state instead: the same truncated BPTT.
 */
export class LanguageModel extends nn.Sequential {
  private mode: nn.RememberMode = 'neither';
  private readonly carried = new Map<nn.Recurrence, Activity>();

  private recurrences(): nn.Recurrence[] {
    return this.listModules().filter((m): m is nn.Sequencer => m instanceof nn.Sequencer)
      .map((s) => s.module).filter((m): m is nn.Recurrence => m instanceof nn.Recurrence);
  }

  remember(mode: nn.RememberMode = 'both'): this {
    this.mode = mode;
    return this;
  }

  /** The next batch starts from the state the last one ended in (if the mode remembers in this phase). */
  carry(): this {
    const keep = this.mode === 'both' || (this.mode === 'train' && this.train) || (this.mode === 'eval' && !this.train);
    for (const r of this.recurrences()) {
      if (!keep || r.step === 0) { r.setHiddenState(-1, null); continue; }
      const s = copyLike(this.carried.get(r), r.getHiddenState(r.step - 1));
      this.carried.set(r, s);
      r.setHiddenState(-1, s);
    }
    return this;
  }

  /** A new stream: every layer starts from zeros. */
  override forget(): this {
    for (const r of this.recurrences()) { r.forget(); r.setHiddenState(-1, null); }
    return this;
  }
}

/** LookupTable → [Dropout] → SplitTable → per layer Sequencer(rnn) [→ Sequencer(Dropout)] → Sequencer(Linear → LogSoftMax). */
export function buildLM(nvocab: number, opt: LMOptions): LanguageModel {
  const lm = new LanguageModel();
  // input layer (i.e. word embedding space); Lua's `lookup.maxOutNorm = -1` is this LookupTable's default
  const lookup = new nn.LookupTable(nvocab, opt.inputsize);
  lm.add(lookup); // input is seqlen x batchsize
  if (opt.dropout > 0 && !opt.gru) lm.add(new nn.Dropout(opt.dropout)); // gru has a dropout option
  lm.add(new nn.SplitTable(0)); // tensor to table of tensors

  // rnn layers: each in its own Sequencer (see the banner of recurrent-language-model.ts)
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
    lm.add(new nn.Sequencer(rnn));
    if (opt.dropout > 0) lm.add(new nn.Sequencer(new nn.Dropout(opt.dropout)));
    inputsize = hiddensize;
  });

  // output layer, applied at each time-step
  const stepmodule = new nn.Sequential()
    .add(new nn.Linear(inputsize, nvocab))
    .add(new nn.LogSoftMax());
  lm.add(new nn.Sequencer(stepmodule));

  // remember previous state between batches
  lm.remember(opt.lstm || opt.gru || opt.mfru ? 'both' : 'eval');
  return lm;
}
