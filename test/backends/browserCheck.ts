/**
 * The page of gpu-browser.test.ts: in a browser, the gpu backend in the gpu.js mode named by the
 * page's hash (#webgl or #webgpu) runs
 * one module case per class of the gradient checks (a case that reads GPU-written numbers on the host runs under gpu.host, counted), the gemm variants, the glimpse resamplings and three
 * RAM training steps (random images: no file system here), each compared with the js backend in
 * float64. Reports one console line per check (`DPNN-CHECK {json}`) and `DPNN-DONE` at the end.
 */
import * as nn from '../../index.js';
import { moduleCases } from '../gradcheck-cases.js';
import { jsBackend } from '../../lib/kernels/js/index.js';
import { buildRam, defaultRamConfig } from '../../ram/model.js';
import { forwardBackward, forwardBackwardGpu } from '../../ram/step.js';
import { relErr, runCase } from './caseRun.js';

const report = (name: string, err: number, tol: number): void => console.log(`DPNN-CHECK ${JSON.stringify({ name, err, tol })}`);

async function main(): Promise<void> {
  const mode = location.hash === '#webgpu' ? 'webgpu' : 'webgl';
  const gpu = await nn.useGpu({ mode });
  console.log(`DPNN-ADAPTER ${gpu.adapter}`);
  const use = (name: string): void => {
    nn.registerBackend(gpu);
    nn.setBackend(name);
  };
  let hostRuns = 0;
  // one case per class here (the Node gpu suites run every case in both gpu.js modes)
  const cases = moduleCases.filter((c, i) => moduleCases.findIndex((d) => d.name === c.name) === i);
  for (const c of cases) {
    const input = c.input();
    use('js');
    const ref = await runCase(c, input, 'float64', null);
    use('gpu');
    let got;
    try {
      got = await runCase(c, input, 'float32', gpu);
    } catch (e) {
      // as in gpuSuite.ts: WebGPU cannot read GPU-written numbers synchronously; such a case runs under gpu.host
      if (!(e instanceof nn.StateError && /newer on the GPU/.test(e.message))) throw e;
      hostRuns++;
      got = await runCase(c, input, 'float32', gpu, (phase) => gpu.host(phase));
    }
    for (const k of ['out', 'gradIn', 'gradParams'] as const) {
      report(`${c.name} (${c.label}): ${k}`, got[k].length === ref[k].length ? relErr(got[k], ref[k]) : Infinity, 1e-4);
    }
  }
  report(`${hostRuns} of ${cases.length} module cases ran under gpu.host (fraction)`, hostRuns / cases.length, 0.25);
  const g = new nn.Generator(5);
  const rnd = (shape: number[], a = -1, b = 1): nn.Tensor => nn.Tensor.from(Array.from({ length: shape.reduce((p, q) => p * q, 1) }, () => g.uniform(a, b)), shape, 'float32');
  use('gpu');
  for (const [m, n, k] of [[20, 256, 256], [7, 13, 5], [4, 8, 1], [3, 4, 0]] as const) {
    for (const tA of [false, true]) for (const tB of [false, true]) {
      const A = rnd(tA ? [k, m] : [m, k]), B = rnd(tB ? [n, k] : [k, n]), C = rnd([m, n]);
      const [A2, B2, C2] = [A, B, C].map((x) => x.to('float64')) as [nn.Tensor, nn.Tensor, nn.Tensor];
      gpu.gemm(C, A, B, m, n, k, tA, tB, 0.7, 0.3);
      jsBackend.gemm(C2, A2, B2, m, n, k, tA, tB, 0.7, 0.3);
      await gpu.sync(C);
      report(`gemm ${m}×${k}·${k}×${n} transA ${tA} transB ${tB}`, relErr([Float64Array.from(C.toArray())], [Float64Array.from(C2.toArray())]), 1e-4);
    }
  }
  for (const shape of [{ height: 8, width: 8, depth: 3, scale: 2 }, { height: 4, width: 6, depth: 3, scale: 1.5 }]) {
    const img = rnd([2, 1, 20, 17], 0, 1), loc = nn.Tensor.from([-0.3, 0.8, 1.4, -2], [2, 2]);
    const out = nn.Tensor.zeros([2, 3, shape.height, shape.width]), out2 = nn.Tensor.zeros(out.shape, 'float64');
    gpu.glimpse(out, img, loc, 2, 1, 20, 17, shape);
    jsBackend.glimpse(out2, img.to('float64'), loc.to('float64'), 2, 1, 20, 17, shape);
    await gpu.sync(out);
    report(`glimpse scale ${shape.scale}`, relErr([Float64Array.from(out.toArray())], [Float64Array.from(out2.toArray())]), 1e-4);
  }
  const losses: number[][] = [];
  for (const name of ['js', 'gpu']) {
    use(name);
    nn.manualSeed(3);
    const ram = buildRam(defaultRamConfig);
    const adam = new nn.Adam({ lr: 0.001 });
    const [p, gr] = ram.agent.parameters();
    const data = new nn.Generator(11);
    const x = nn.Tensor.from(Array.from({ length: 8 * 784 }, () => data.uniform(0, 1)), [8, 1, 28, 28]);
    const y = nn.Tensor.from([0, 1, 2, 3, 4, 5, 6, 7], [8]);
    const ls: number[] = [];
    ram.agent.zeroGradParameters();
    for (let s = 0; s < 3; s++) {
      nn.manualSeed(100 + s);
      ls.push(name === 'gpu' ? (await forwardBackwardGpu(gpu, ram, x, y)).loss : forwardBackward(ram, x, y).loss);
      adam.step(p, gr);
      ram.agent.zeroGradParameters();
    }
    losses.push(ls);
  }
  report('RAM: losses of 3 Adam steps', relErr([Float64Array.from(losses[1]!)], [Float64Array.from(losses[0]!)]), 1e-3);
  await gpu.destroy();
}

main().then(() => console.log('DPNN-DONE'), (e: Error) => console.log(`DPNN-ERROR ${e.stack ?? e.message}`));
