/**
 * Port of torch/demos logistic-regression/example-logistic-regression.lua
 * (https://github.com/torch/demos, commit ef43a1c8d04dc3d11794d9c2c9f3a050d5e1e4bd): multinomial
 * logistic regression of a brand choice (3 brands) on two variables (female, age), trained with
 * optim.sgd one sample at a time, then again from scratch with optim.lbfgs on the full batch, and
 * compared with the coefficients of the R tutorial the data come from.
 *
 * Data: the Lua script reads example-logistic-regression.csv (735 rows) with csvigo. This port
 * regenerates an equivalent set in `makeDataset`: 735 rows whose ages follow the csv's age
 * histogram (24..38), female ~ Bernoulli(466/735) as in the csv, and brand drawn from the R model
 * the script compares with (`predictText`). Brands stay 1..3 in the printed tables, 0..2 as targets.
 *
 *   node --import tsx examples/ported/logistic-regression/example-logistic-regression.ts [-epochs 100] [-rows 735]
 * Options added (the Lua script has none): -epochs (its `epochs = 1e2`), -rows, -seed.
 */
import * as nn from '../../../index.js';
import { torch, optim, type Tensor } from '../../../index.js';
import { pathToFileURL } from 'node:url';

type Print = (...values: unknown[]) => void;

// The csv's age histogram: [age, rows]
const AGES: readonly (readonly [number, number])[] = [[24, 1], [26, 2], [27, 9], [28, 15], [29, 19], [30, 23], [31, 40], [32, 333], [33, 55], [34, 64], [35, 35], [36, 85], [37, 22], [38, 32]];

// return index of largest value (1-based, as the Lua)
function maxIndex(a: number, b: number, c: number): number {
  if (a >= b && a >= c) return 1;
  else if (b >= a && b >= c) return 2;
  return 3;
}

// the R tutorial's model: Prob(brand=k)/Prob(brand=1) = exp(logit_k)
function predictText(age: number, female: number): [number, number, number, number] {
  const logit1 = 0;
  const logit2 = -11.774655 + 0.523814 * female + 0.368206 * age;
  const logit3 = -22.721396 + 0.465941 * female + 0.685908 * age;
  const uprob1 = Math.exp(logit1), uprob2 = Math.exp(logit2), uprob3 = Math.exp(logit3);
  const z = uprob1 + uprob2 + uprob3;
  const prob1 = uprob1 / z, prob2 = uprob2 / z, prob3 = uprob3 / z;
  return [maxIndex(prob1, prob2, prob3), prob1, prob2, prob3];
}

/** `rows` rows of (brand 1..3, female 0/1, age), drawn as described in the banner. */
export function makeDataset(rows: number): { brand: number[]; female: number[]; age: number[] } {
  const weights = AGES.map(([, n]) => n);
  const brand: number[] = [], female: number[] = [], age: number[] = [];
  for (let i = 0; i < rows; i++) {
    const a = AGES[nn.rng.categorical(weights)]![0];
    const f = torch.bernoulli(466 / 735);
    const [, p1, p2, p3] = predictText(a, f);
    brand.push(1 + nn.rng.categorical([p1, p2, p3]));
    female.push(f);
    age.push(a);
  }
  return { brand, female, age };
}

export interface Result { sgdLosses: number[]; lbfgsLosses: number[]; agreement: number }

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log): Result {
  const cmd = new torch.CmdLine();
  cmd.option('-epochs', 100, 'number of times to cycle over the training data');
  cmd.option('-rows', 735, 'rows of the regenerated data set');
  cmd.option('-seed', 1, 'random seed');
  const opt = cmd.parse(argv) as { epochs: number; rows: number; seed: number };
  torch.manualSeed(opt.seed);

  // 1. Create the training data
  print('');
  print('============================================================');
  print('Constructing dataset');
  print('');
  const loaded = makeDataset(opt.rows);
  const brands = torch.Tensor(loaded.brand);
  const females = torch.Tensor(loaded.female);
  const ages = torch.Tensor(loaded.age);
  const dataset_inputs = torch.Tensor(brands.size(0), 2);
  dataset_inputs.slice([], 0).copy(females);
  dataset_inputs.slice([], 1).copy(ages);
  const dataset_outputs = brands.clone().add(-1); // ClassNLLCriterion's targets are 0-based
  const numberOfBrands = brands.max() - brands.min() + 1;

  const summarizeData = (): void => {
    const p = (name: string, value: number): void => print(`${name.padStart(20)} ${value.toFixed(6)}`);
    p('number of brands', numberOfBrands);
    p('min brand', brands.min());
    p('max brand', brands.max());
    p('min female', females.min());
    p('max female', females.max());
    p('min age', ages.min());
    p('max age', ages.max());
  };
  summarizeData();

  // 2. Define the model (predictor): a linear layer and a log soft max
  const linLayer = new nn.Linear(2, 3);
  const softMaxLayer = new nn.LogSoftMax();
  const model = new nn.Sequential();
  model.add(linLayer);
  model.add(softMaxLayer);

  // 3. Define a loss function, to be minimized
  const criterion = new nn.ClassNLLCriterion();

  // 4.a. Train the model (Using SGD)
  const [x, dl_dx] = model.getParameters();
  const n = dataset_inputs.size(0);
  let _nidx_ = 0;
  let feval = (x_new: Tensor): [number, Tensor] => {
    if (x !== x_new) x.copy(x_new);
    _nidx_ = _nidx_ + 1;
    if (_nidx_ > n) _nidx_ = 1;
    const inputs = dataset_inputs.select(0, _nidx_ - 1);
    const target = dataset_outputs.get(_nidx_ - 1);
    dl_dx.zero();
    const loss_x = criterion.forward(model.forward(inputs), target);
    model.backward(inputs, criterion.backward(model.output, target));
    return [loss_x, dl_dx];
  };
  const sgd_params = { learningRate: 1e-3, learningRateDecay: 1e-4, weightDecay: 0, momentum: 0 };
  const epochs = opt.epochs;

  print('');
  print('============================================================');
  print('Training with SGD');
  print('');
  const sgdLosses: number[] = [];
  let current_loss = 0;
  for (let i = 1; i <= epochs; i++) {
    current_loss = 0;
    for (let j = 1; j <= n; j++) {
      const [, fs] = optim.sgd(feval, x, sgd_params);
      current_loss = current_loss + fs[0]!;
    }
    current_loss = current_loss / n;
    sgdLosses.push(current_loss);
    print(`epoch = ${i} of ${epochs} current loss = ${current_loss}`);
  }

  // 4.b. Train the model (Using L-BFGS), from fresh parameters, on the full batch
  model.reset();
  feval = (x_new: Tensor): [number, Tensor] => {
    if (x !== x_new) x.copy(x_new);
    dl_dx.zero();
    let loss_x = 0;
    for (let i = 1; i <= n; i++) {
      _nidx_ = _nidx_ + 1;
      if (_nidx_ > n) _nidx_ = 1;
      const inputs = dataset_inputs.select(0, _nidx_ - 1);
      const target = dataset_outputs.get(_nidx_ - 1);
      loss_x = loss_x + criterion.forward(model.forward(inputs), target);
      model.backward(inputs, criterion.backward(model.output, target));
    }
    loss_x = loss_x / n;
    dl_dx.div(n);
    return [loss_x, dl_dx];
  };
  const lbfgs_params = { lineSearch: optim.lswolfe, maxIter: epochs, verbose: true };
  print('');
  print('============================================================');
  print('Training with L-BFGS');
  print('');
  const [, lbfgsLosses] = optim.lbfgs(feval, x, lbfgs_params);
  print('history of L-BFGS evaluations:');
  print(lbfgsLosses.map((f) => f.toFixed(6)).join(' '));

  // 5. Test the trained model against the data's frequencies and the text's model
  print('');
  print('============================================================');
  print('Testing the model');
  print('');
  const predictOur = (age: number, female: number): [number, number, number, number] => {
    const input = torch.Tensor(2);
    input.set([0], female); // same order as in training
    input.set([1], age);
    const logProbs = model.forward(input);
    const probs = torch.exp(nn.asTensor(logProbs));
    const prob1 = probs.get(0), prob2 = probs.get(1), prob3 = probs.get(2);
    return [maxIndex(prob1, prob2, prob3), prob1, prob2, prob3];
  };
  const makeKey = (age: number, brand: number, female: number): string => `${age}|${brand}|${female}`;
  const counts = new Map<string, number>();
  for (let i = 0; i < brands.size(0); i++) {
    const key = makeKey(ages.get(i), brands.get(i), females.get(i));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const actualProbabilities = (age: number, female: number): [number, number, number] => {
    const countOf = (brand: number): number => counts.get(makeKey(age, brand, female)) ?? 0;
    const count1 = countOf(1), count2 = countOf(2), count3 = countOf(3);
    const sumCounts = count1 + count2 + count3;
    return sumCounts === 0 ? [0, 0, 0] : [count1 / sumCounts, count2 / sumCounts, count3 / sumCounts];
  };

  print(' ');
  print('summary of data');
  summarizeData();
  print(' ');
  print('training variables');
  for (const [k, v] of Object.entries(sgd_params)) print(`${k.padStart(20)} ${v.toFixed(6)}`);
  print(`${'epochs'.padStart(20)} ${epochs.toFixed(6)}`);
  print(' ');
  print('current loss', current_loss);

  const line = (a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string): string =>
    `${a.padEnd(6)} ${b.padEnd(3)}| ${c.padEnd(17)} | ${d.padEnd(17)} | ${e.padEnd(17)} | ${f} ${g} ${h}`;
  print(' ');
  print(line('', '', 'actual probs', 'text probs', 'our probs', 'best', '', ''));
  const choices = 'brnd1 brnd2 brnd3';
  print(line('female', 'age', choices, choices, choices, 'a', 't', 'o'));
  const formatProbs = (p1: number, p2: number, p3: number): string => `${p1.toFixed(3)} ${p2.toFixed(3)} ${p3.toFixed(3)}`;
  const indexString = (p1: number, p2: number, p3: number): string => (p1 < 0.001 && p2 < 0.001 && p3 < 0.001 ? '-' : String(maxIndex(p1, p2, p3)));
  let agree = 0, cells = 0;
  for (let female = 0; female <= 1; female++) {
    for (let age = ages.min(); age <= ages.max(); age++) {
      const [actual1, actual2, actual3] = actualProbabilities(age, female);
      const [textBrand, textProb1, textProb2, textProb3] = predictText(age, female);
      const [ourBrand, ourProb1, ourProb2, ourProb3] = predictOur(age, female);
      cells++;
      if (textBrand === ourBrand) agree++;
      print(line(String(female), String(age).padStart(2), formatProbs(actual1, actual2, actual3), formatProbs(textProb1, textProb2, textProb3),
        formatProbs(ourProb1, ourProb2, ourProb3), indexString(actual1, actual2, actual3), indexString(textProb1, textProb2, textProb3), indexString(ourProb1, ourProb2, ourProb3)));
    }
  }
  return { sgdLosses, lbfgsLosses, agreement: agree / cells };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
