/**
 * Port of torch/rnn examples/simple-sequencer-network.lua (github.com/torch/rnn, commit
 * 43ec8c236214814bc238054c7df0816243f35d97), line by line: Sequencer(LookupRNN → Linear →
 * LogSoftMax) learns to predict the next item of the cycle 0, 1, …, 9, 0, 1, … (Lua's 1..10),
 * SequencerCriterion(ClassNLLCriterion), plain updateParameters(lr).
 *
 *   node --import tsx examples/ported/rnn/simple-sequencer-network.ts [--nIteration 1000]
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

  let rnn: nn.Module = new nn.Sequential()
    .add(new nn.LookupRNN(nIndex, hiddenSize))
    .add(new nn.Linear(hiddenSize, nIndex))
    .add(new nn.LogSoftMax());

  // internally, rnn will be wrapped into a Recursor to make it an AbstractRecurrent instance.
  rnn = new nn.Sequencer(rnn);

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

if (process.argv[1]?.endsWith('simple-sequencer-network.ts')) main();
