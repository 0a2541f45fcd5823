/**
 * Port of torch/rnn examples/encoder-decoder-coupling.lua (github.com/torch/rnn, commit
 * e7c456be016c891488254687d1053959fdf7c6ef), line by line: separate encoder and decoder networks coupled for
 * sequence-to-sequence learning. The encoder's last LSTM state starts the decoder (forwardConnect);
 * the decoder's gradient w.r.t. that state flows back into the encoder (backwardConnect). Inputs are
 * padded, and zero masks keep the padding steps out of the states and of the loss.
 *
 *   node --import tsx examples/ported/rnn/encoder-decoder-coupling.ts [--niter 1000]
 *
 * Differences from the Lua, all from 0-based indexing: words are 0..6 (Lua's 1..7) and padding is
 * −1 (Lua's 0), which LookupTableMaskZero and nn.utils.getZeroMaskSequence read as padding; step
 * indices of the hidden-state calls shift by one (Lua's step 0, the state before the first step,
 * is −1; its step seqLen is seqLen − 1). The options are CmdLine options with the Lua's names and
 * values, plus --seed, which seeds the random choice of zero masks (Lua's math.random).
 */
import * as nn from '../../../index.js';

interface Coupled { net: nn.Sequential; lstmLayers: nn.Sequencer[] }

export function main(argv: readonly string[] = process.argv.slice(2)): number[] {
  const cmd = new nn.torch.CmdLine();
  cmd.option('--learningRate', 0.1, 'learning rate');
  cmd.option('--hiddenSize', 6, 'LSTM units');
  cmd.option('--numLayers', 1, 'LSTM layers');
  cmd.option('--vocabSize', 7, 'words');
  cmd.option('--seqLen', 7, 'length of the encoded sequence (with padding)');
  cmd.option('--niter', 1000, 'iterations');
  cmd.option('--seed', 1, 'random seed');
  const opt = cmd.parse(argv) as Record<string, number>;
  opt.version = 1.5; // fixed setHiddenState(0) bug
  nn.manualSeed(opt.seed!);

  // Forward coupling: copy encoder cell and output to decoder LSTM
  const forwardConnect = (enc: Coupled, dec: Coupled): void => {
    for (let i = 0; i < enc.lstmLayers.length; i++) {
      dec.lstmLayers[i]!.setHiddenState(-1, enc.lstmLayers[i]!.getHiddenState(opt.seqLen! - 1));
    }
  };

  // Backward coupling: copy decoder gradients to encoder LSTM
  const backwardConnect = (enc: Coupled, dec: Coupled): void => {
    for (let i = 0; i < enc.lstmLayers.length; i++) {
      enc.lstmLayers[i]!.setGradHiddenState(opt.seqLen! - 1, dec.lstmLayers[i]!.getGradHiddenState(-1));
    }
  };

  // Encoder
  const enc: Coupled = { net: new nn.Sequential(), lstmLayers: [] };
  enc.net.add(new nn.LookupTableMaskZero(opt.vocabSize!, opt.hiddenSize!));
  for (let i = 0; i < opt.numLayers!; i++) {
    enc.lstmLayers[i] = new nn.Sequencer(new nn.RecLSTM(opt.hiddenSize!, opt.hiddenSize!).maskZero());
    enc.net.add(enc.lstmLayers[i]!);
  }
  enc.net.add(new nn.Select(0, -1));

  // Decoder
  const dec: Coupled = { net: new nn.Sequential(), lstmLayers: [] };
  dec.net.add(new nn.LookupTableMaskZero(opt.vocabSize!, opt.hiddenSize!));
  for (let i = 0; i < opt.numLayers!; i++) {
    dec.lstmLayers[i] = new nn.Sequencer(new nn.RecLSTM(opt.hiddenSize!, opt.hiddenSize!).maskZero());
    dec.net.add(dec.lstmLayers[i]!);
  }
  dec.net.add(new nn.Sequencer(new nn.MaskZero(new nn.Linear(opt.hiddenSize!, opt.vocabSize!), 1)));
  dec.net.add(new nn.Sequencer(new nn.MaskZero(new nn.LogSoftMax(), 1)));

  // the Lua's second argument 1 is MaskZeroCriterion's v1 flag: rows whose input is all zeros are masked
  const criterion = new nn.SequencerCriterion(new nn.MaskZeroCriterion(new nn.ClassNLLCriterion(), true));

  // Some example data (batchsize = 2) with variable length input and output sequences

  // The input sentences to the encoder, padded with −1 from the left
  const encInSeq = nn.torch.Tensor([[-1, -1, -1, -1, 0, 1, 2], [-1, -1, -1, 3, 2, 1, 0]]).t();
  // The input sentences to the decoder, padded with −1 from the right.
  // Label 5 (Lua's 6) represents the start of a sentence (GO).
  const decInSeq = nn.torch.Tensor([[5, 0, 1, 2, 3, -1, -1, -1], [5, 4, 3, 2, 1, 0, -1, -1]]).t();

  // The expected output from the decoder (it will return one character per time-step),
  // padded with −1 from the right. Label 6 (Lua's 7) represents the end of sentence (EOS).
  const decOutSeq = nn.torch.Tensor([[0, 1, 2, 3, 6, -1, -1, -1], [4, 3, 2, 1, 0, 6, -1, -1]]).t();

  // the zeroMasks are used for zeroing intermediate RNN states where the zeroMask = 1
  // randomly set the zeroMasks from the input sequence or explicitly
  const encZeroMask = nn.torch.uniform() < 0.5 ? nn.utils.getZeroMaskSequence(encInSeq) // auto zeroMask from input sequence
    : nn.torch.ByteTensor([[1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]]).t().contiguous(); // explicit zeroMask
  const decZeroMask = nn.torch.uniform() < 0.5 ? nn.utils.getZeroMaskSequence(decInSeq)
    : nn.torch.ByteTensor([[0, 0, 0, 0, 0, 1, 1, 1], [0, 0, 0, 0, 0, 0, 1, 1]]).t().contiguous();

  const losses: number[] = [];
  for (let i = 1; i <= opt.niter!; i++) {
    enc.net.zeroGradParameters();
    dec.net.zeroGradParameters();

    // zero-masking
    enc.net.setZeroMask(encZeroMask);
    dec.net.setZeroMask(decZeroMask);
    criterion.setZeroMask(decZeroMask);

    // Forward pass
    const encOut = enc.net.forward(encInSeq) as nn.Tensor;
    forwardConnect(enc, dec);
    const decOut = dec.net.forward(decInSeq);
    const err = criterion.forward(decOut, decOutSeq);
    losses.push(err);

    console.log(`Iteration ${i} ; NLL err = ${err.toFixed(6)} `);

    // Backward pass
    const gradOutput = criterion.backward(decOut, decOutSeq);
    dec.net.backward(decInSeq, gradOutput);
    backwardConnect(enc, dec);
    const zeroTensor = nn.torch.Tensor(encOut).zero();
    enc.net.backward(encInSeq, zeroTensor);

    dec.net.updateParameters(opt.learningRate!);
    enc.net.updateParameters(opt.learningRate!);
  }
  return losses;
}

if (process.argv[1]?.endsWith('encoder-decoder-coupling.ts')) main();
