/** The wasm backend's activation kernels against the exact functions: Tanh (a rational function), Sigmoid and their gradients. */
import test from 'tape';
import * as nn from '../../index.js';

test('wasm Tanh/Sigmoid and their gradients agree with the exact functions (float32)', (t) => {
  const prev = nn.backend().name;
  nn.setBackend('wasm');
  try {
    const xs = Array.from({ length: 40001 }, (_, i) => (i - 20000) / 1000); // [−20, 20]
    xs.push(1e-6, -1e-6, 1e-30, 0, -0, 100, -100, Infinity, -Infinity);
    const x = nn.Tensor.from(xs, [xs.length]);
    const f32 = Float32Array.from(xs);
    for (const [name, m, exact, dexact] of [
      ['Tanh', new nn.Tanh(), Math.tanh, (y: number) => 1 - y * y],
      ['Sigmoid', new nn.Sigmoid(), (v: number) => 1 / (1 + Math.exp(-v)), (y: number) => y * (1 - y)],
    ] as const) {
      const y = m.forward(x).toArray(), g = m.backward(x, nn.Tensor.from(xs.map(() => 1), [xs.length])).toArray();
      let worst = 0, at = 0, worstG = 0;
      for (let i = 0; i < xs.length; i++) {
        const e = exact(f32[i]!), err = Math.abs(y[i]! - e) / Math.max(Math.abs(e), 1e-30);
        if (err > worst) [worst, at] = [err, xs[i]!];
        worstG = Math.max(worstG, Math.abs(g[i]! - dexact(y[i]!)));
      }
      t.ok(worst < 5e-7, `${name}: max relative error ${worst.toExponential(2)} (at x = ${at})`);
      t.ok(worstG < 1e-6, `${name} gradient from its output: max error ${worstG.toExponential(2)}`);
    }
    const nan = new nn.Tanh().forward(nn.Tensor.from([NaN, 1], [2])).toArray();
    t.ok(Number.isNaN(nan[0]) && Math.abs(nan[1]! - Math.tanh(1)) < 1e-7, 'tanh(NaN) is NaN');
    t.deepEqual(nn.wasmFallbacks(), {}, 'no js fallbacks');
  } finally {
    nn.setBackend(prev);
  }
  t.end();
});
