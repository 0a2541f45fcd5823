/**
 * Port of torch/rnn examples/simple-bisequencer-network.lua (github.com/torch/rnn, commit
 * 4e8050d7d8209a3f0a73a4b8a02c32d193249834), line by line: a bidirectional language model,
 * BiSequencerLM(LookupRNN, its reset clone, JoinTable) → Sequencer(Linear) → Sequencer(LogSoftMax),
 * predicts each item of the cycle 0, 1, …, 9, 0, … from its neighbours (step t sees the forward
 * rnn up to t − 1 and the backward rnn from t + 1), SequencerCriterion(ClassNLLCriterion).
 *
 *   node --import tsx examples/ported/rnn/simple-bisequencer-network.ts [--nIteration 1000]
 *
 * The Lua's hyper-parameters are globals and its loop never ends; here they are CmdLine options with
 * the same names and values, plus --nIteration (how many iterations, default 1000) and --seed.
 */
import * as nn from '../../../index.js';

export function main(argv: readonly string[] = process.argv.slice(2)): number[] {
  const cmd = new nn.torch.CmdLine();
  // hyper-parameters
  cmd.option('--batchSize', 8, 'number of sequences per batch');
  cmd.option('--seqlen', 5, 'sequence length');
  cmd.option('--hiddenSize', 7, 'hidden units');
  cmd.option('--nIndex', 10, 'number of distinct items');
  cmd.option('--lr', 0.1, 'learning rate');
  cmd.option('--nIteration', 1000, 'iterations to run (the Lua runs forever)');
  cmd.option('--seed', 1, 'random seed');
  const opt = cmd.parse(argv) as Record<string, number>;
  const batchSize = opt.batchSize!, seqlen = opt.seqlen!, hiddenSize = opt.hiddenSize!, nIndex = opt.nIndex!, lr = opt.lr!;
  nn.manualSeed(opt.seed!);

  // forward rnn: build simple recurrent neural network
  const fwd = new nn.LookupRNN(nIndex, hiddenSize);

  // backward rnn (will be applied in reverse order of input sequence)
  const bwd = fwd.clone();
  bwd.reset(); // reinitializes parameters

  // merges the output of one time-step of fwd and bwd rnns (Lua's JoinTable(1, 1)).
  // You could also try nn.CAddTable(), nn.Identity(), etc.
  const merge = new nn.JoinTable(0, 1);

  // we use BiSequencerLM because this is a language model (previous and next words to predict current word).
  // If we used BiSequencer, x[t] would be used to predict y[t] = x[t] (which is cheating).
  // Note that bwd and merge argument are optional and will default to the above.
  const brnn = new nn.BiSequencerLM(fwd, bwd, merge);

  const rnn = new nn.Sequential()
    .add(brnn)
    .add(new nn.Sequencer(new nn.Linear(hiddenSize * 2, nIndex))) // times two due to JoinTable
    .add(new nn.Sequencer(new nn.LogSoftMax()));

  console.log(rnn.toString());

  // build criterion
  const criterion = new nn.SequencerCriterion(new nn.ClassNLLCriterion());

  // build dummy dataset (task is to predict next item, given previous)
  const sequence_ = nn.torch.range(0, nIndex - 1).long(); // 0,1,2,...,9
  const sequence = nn.torch.LongTensor(100, nIndex).copy(sequence_.view([1, nIndex]).expand([100, nIndex]));
  sequence.resize([100 * nIndex]); // one long sequence of 0,1,2...,9,0,1,2...9...

  const offsetList: number[] = [];
  for (let i = 0; i < batchSize; i++) offsetList.push(Math.floor(nn.rng.uniform() * sequence.size(0)));
  const offsets = nn.torch.LongTensor(offsetList);

  // training
  const losses: number[] = [];
  for (let iteration = 1; iteration <= opt.nIteration!; iteration++) {
    // 1. create a sequence of seqlen time-steps
    const inputs: nn.Tensor[] = [], targets: nn.Tensor[] = [];
    for (let step = 0; step < seqlen; step++) {
      // a batch of inputs
      inputs[step] = sequence.index(0, offsets);
      // increment indices
      offsets.add(1);
      for (let j = 0; j < batchSize; j++) if (offsets.get(j) > sequence.size(0) - 1) offsets.set([j], 0);
      targets[step] = sequence.index(0, offsets);
    }

    // 2. forward sequence through rnn
    rnn.zeroGradParameters();
    const outputs = rnn.forward(inputs);
    const err = criterion.forward(outputs, targets);
    console.log(`Iteration ${iteration} ; NLL err = ${err.toFixed(6)} `);
    losses.push(err);

    // 3. backward sequence through rnn (i.e. backprop through time)
    const gradOutputs = criterion.backward(outputs, targets);
    rnn.backward(inputs, gradOutputs);

    // 4. update
    rnn.updateParameters(lr);
  }
  return losses;
}

if (process.argv[1]?.endsWith('simple-bisequencer-network.ts')) main();
