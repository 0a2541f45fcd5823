/**
 * Port of torch/rnn examples/sequence-to-one.lua (github.com/torch/rnn, commit
 * 2bb5129e3f4a4be16f8453473d99cc81aecf1171), line by line: a simple RNN (Recurrence over
 * ParallelTable(Identity, Linear) → CAddTable → Sigmoid) reads seqlen words and its last step
 * classifies the sequence: LookupTable → SplitTable → Sequencer → SelectTable(-1) → Linear →
 * LogSoftMax, ClassNLLCriterion. The synthetic set correlates each class with a fixed bag of words.
 *
 *   node --import tsx examples/ported/rnn/sequence-to-one.ts [--nIteration 1000]
 *
 * The Lua's globals are CmdLine options with the same names and values; added: --dsSize (ds.size,
 * 1000), --nIteration (1000 in the Lua's loop) and --seed. Words and classes are 0-based.
 */
import * as nn from '../../../index.js';

export function main(argv: readonly string[] = process.argv.slice(2)): number[] {
  const cmd = new nn.torch.CmdLine();
  // hyper-parameters
  cmd.option('--batchSize', 8, 'sequences per batch');
  cmd.option('--seqlen', 10, 'sequence length');
  cmd.option('--hiddenSize', 100, 'hidden units');
  cmd.option('--nIndex', 100, 'input words');
  cmd.option('--nClass', 7, 'output classes');
  cmd.option('--lr', 0.1, 'learning rate');
  cmd.option('--dsSize', 1000, 'examples in the dummy data set');
  cmd.option('--nIteration', 1000, 'training iterations');
  cmd.option('--seed', 1, 'random seed');
  const opt = cmd.parse(argv) as Record<string, number>;
  const batchSize = opt.batchSize!, seqlen = opt.seqlen!, hiddenSize = opt.hiddenSize!, nIndex = opt.nIndex!, nClass = opt.nClass!, lr = opt.lr!;
  nn.manualSeed(opt.seed!);

  // build simple recurrent neural network
  const rec = new nn.Recurrence(
    new nn.Sequential()
      .add(new nn.ParallelTable()
        .add(new nn.Identity())
        .add(new nn.Linear(hiddenSize, hiddenSize)))
      .add(new nn.CAddTable())
      .add(new nn.Sigmoid()),
    hiddenSize, 1);

  const rnn = new nn.Sequential()
    .add(new nn.LookupTable(nIndex, hiddenSize))
    .add(new nn.SplitTable(0, 2)) // Lua's SplitTable(1, 2): batch × seqlen × hidden → seqlen tensors
    .add(new nn.Sequencer(rec))
    .add(new nn.SelectTable(-1)) // this selects the last time-step of the rnn output sequence
    .add(new nn.Linear(hiddenSize, nClass))
    .add(new nn.LogSoftMax());

  // build criterion
  const criterion = new nn.ClassNLLCriterion();

  // build dummy dataset (task is to predict class given seqlen words), similar to sentiment analysis datasets
  const ds = { size: opt.dsSize!, input: nn.torch.LongTensor(opt.dsSize!, seqlen), target: nn.torch.LongTensor(opt.dsSize!).random(nClass) };

  // this will make the inputs somewhat correlate with the targets,
  // such that the reduction in training error should be more obvious
  const correlate = nn.torch.LongTensor(nClass, seqlen * 3).random(nClass);
  const indices = nn.torch.LongTensor(seqlen);
  const buffer = nn.torch.LongTensor();
  const sortVal = nn.torch.LongTensor(), sortIdx = nn.torch.LongTensor();
  for (let i = 0; i < ds.size; i++) {
    indices.random(0, seqlen * 3 - 1);
    buffer.index(correlate.select(0, ds.target.get(i)), 0, indices);
    nn.torch.sort(sortVal, sortIdx, buffer, 0);
    ds.input.select(0, i).copy(sortVal.view([-1]));
  }

  indices.resize([batchSize]);

  // training
  const inputs = nn.torch.LongTensor(), targets = nn.torch.LongTensor();
  const losses: number[] = [];
  for (let iteration = 1; iteration <= opt.nIteration!; iteration++) {
    // 1. create a sequence of seqlen time-steps
    indices.random(0, ds.size - 1); // choose some random samples
    inputs.index(ds.input, 0, indices);
    targets.index(ds.target, 0, indices);

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

if (process.argv[1]?.endsWith('sequence-to-one.ts')) main();
