/**
 * dpnn ram train / eval with --backend gpu (WebGPU; Mesa's software rasteriser where there is no
 * GPU): training, checkpoints and --resume work there, the same checkpoint evaluates alike on the
 * gpu and wasm backends, and misuse fails in one line. Without an adapter: a printed skip, unless
 * DPNN_REQUIRE_GPU asks for webgpu.
 */
import test from 'tape';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '../../index.js';

const required = process.env.DPNN_REQUIRE_GPU === '1' || (process.env.DPNN_REQUIRE_GPU ?? '').split(',').includes('webgpu');
const dir = mkdtempSync(join(tmpdir(), 'dpnn-gpu-cli-'));
const dpnn = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'cli/dpnn.ts', ...args], { encoding: 'utf8', timeout: 300_000 });
const quick = ['--train-limit', '200', '--eval-limit', '100', '--seed', '3', '--json', '--quiet', '--optim', 'adam', '--learning-rate', '0.001'];
const lines = (out: string) => out.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, number | string | boolean | null>);

let reason = '';
try {
  const g = await nn.createGpuBackend({ mode: 'webgpu' });
  await g.destroy();
} catch (e) {
  reason = (e as Error).message.split('\n')[0]!;
}

if (reason && !required) {
  console.log(`# SKIP dpnn ram --backend gpu: gpu backend unavailable: ${reason}`);
  test(`dpnn ram --backend gpu: skipped (${reason})`, { skip: true }, () => {});
} else {
  test('dpnn ram train --backend gpu: epochs, checkpoint, --resume; eval agrees with the wasm backend', (t) => {
    t.equal(reason, '', 'a WebGPU adapter answered');
    const ck = join(dir, 'g.safetensors');
    const first = dpnn('ram', 'train', '--backend', 'gpu', ...quick, '--max-epoch', '1', '--checkpoint', ck);
    t.equal(first.status, 0, first.stderr.split('\n').find((l) => l.startsWith('dpnn')) ?? 'trained one epoch');
    const e1 = lines(first.stdout);
    t.equal(e1.length, 1, 'one epoch line');
    t.ok(typeof e1[0]?.testError === 'number' && typeof e1[0]?.loss === 'number' && Number.isFinite(e1[0].loss), `epoch 1: loss ${e1[0]?.loss}, test error ${e1[0]?.testError}%`);
    const more = dpnn('ram', 'train', '--backend', 'gpu', ...quick, '--max-epoch', '2', '--checkpoint', ck, '--resume');
    t.equal(more.status, 0, 'resumed');
    t.deepEqual(lines(more.stdout).map((l) => l.epoch), [2], 'the resumed run trains epoch 2 only');
    const onGpu = dpnn('ram', 'eval', '--backend', 'gpu', '--checkpoint', ck, '--eval-limit', '300', '--json');
    const onWasm = dpnn('ram', 'eval', '--checkpoint', ck, '--eval-limit', '300', '--json');
    t.equal(onGpu.status, 0, 'eval on the gpu backend');
    const [a, b] = [lines(onGpu.stdout)[0]!, lines(onWasm.stdout)[0]!];
    t.ok(Math.abs((a.testError as number) - (b.testError as number)) <= 100 / 300 + 1e-9, `test error on gpu ${a.testError}% vs wasm ${b.testError}% (at most one of 300 examples apart: float32 sums in another order)`);
    t.end();
  });

  test('dpnn ram --backend gpu: misuse fails in one line with exit code 2', (t) => {
    // Dawn itself may print warnings on stderr before; the command's own message is one line
    const own = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('dpnn:'));
    const threads = dpnn('ram', 'train', '--backend', 'gpu', '--threads', '2', '--max-epoch', '1');
    t.equal(threads.status, 2, 'exit code 2');
    t.deepEqual(own(threads.stderr), ['dpnn: ram train: --threads 2 trains on CPU worker threads; with the gpu backend use --threads 1'], 'one line saying why');
    const mode = dpnn('ram', 'train', '--backend', 'gpu:vulkan');
    t.equal(mode.status, 2, 'exit code 2');
    t.deepEqual(own(mode.stderr), ["dpnn: --backend: expected gpu, gpu:webgpu, gpu:headlessgl or gpu:webgl, got 'gpu:vulkan'"], 'one line saying why');
    t.end();
  });
}
