/**
 * Backend parity: every module case of the gradient checks runs on each available backend in
 * float32 and is compared with the js backend in float64 (forward output, gradInput and parameter
 * gradients, relative tolerance 1e-4 of the largest magnitude). An unavailable backend is skipped
 * with its reason printed.
 */
import test from 'tape';
import * as nn from '../../index.js';
import { moduleCases } from '../gradcheck-cases.js';
import { relErr, runCase } from './caseRun.js';
import { jsBackend } from '../../lib/kernels/js/index.js';

const TOL = 1e-4;

for (const name of nn.availableBackends().filter((b) => b !== 'js')) {
  let reason = '';
  try {
    nn.setBackend(name);
    nn.setBackend('js');
  } catch (e) {
    reason = (e as Error).message;
  }
  if (reason) {
    test(`parity: ${name} backend`, { skip: true }, () => {});
    console.log(`# SKIP ${name} backend unavailable: ${reason}`);
    continue;
  }
  for (const c of moduleCases) {
    test(`parity: ${name} vs js float64: ${c.name} (${c.label})`, async (t) => {
      const input = c.input();
      nn.setBackend('js');
      const ref = await runCase(c, input, 'float64', null);
      nn.setBackend(name);
      const got = await runCase(c, input, 'float32', null);
      nn.setBackend('js');
      for (const k of ['out', 'gradIn', 'gradParams'] as const) {
        t.equal(got[k].length, ref[k].length, `${k}: same number of tensors`);
        const e = relErr(got[k], ref[k]);
        t.ok(e < TOL, `${k} relative error ${e.toExponential(2)} < ${TOL}`);
      }
    });
  }
  test(`parity: ${name} gemm, every transpose variant and odd sizes`, (t) => {
    nn.setBackend(name);
    const g = new nn.Generator(5);
    const r = (s: number[], d: nn.DType) => nn.Tensor.from(Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => g.uniform(-1, 1)), s, d);
    for (const [m, n, k] of [[20, 256, 256], [7, 13, 5], [1, 3, 9], [33, 17, 64], [4, 8, 1], [5, 9, 0]] as const) {
      for (const tA of [false, true]) for (const tB of [false, true]) {
        const A = r(tA ? [k, m] : [m, k], 'float32'), B = r(tB ? [n, k] : [k, n], 'float32'), C = r([m, n], 'float32');
        const [A2, B2, C2] = [A, B, C].map((x) => x.to('float64')) as [nn.Tensor, nn.Tensor, nn.Tensor];
        nn.backend().gemm(C, A, B, m, n, k, tA, tB, 0.7, 0.3);
        jsBackend.gemm(C2, A2, B2, m, n, k, tA, tB, 0.7, 0.3);
        const e = relErr([Float64Array.from(C.toArray())], [Float64Array.from(C2.toArray())]);
        t.ok(e < TOL, `${m}×${k}·${k}×${n} transA ${tA} transB ${tB}: ${e.toExponential(2)}`);
      }
    }
    nn.setBackend('js');
    t.end();
  });
}
