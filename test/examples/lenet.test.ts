/** examples/lenet-mnist.ts learns on a few hundred digits, checkpoints each epoch and resumes from the checkpoint. */
import test from 'tape';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (...args: string[]): string =>
  execFileSync(process.execPath, ['--import', 'tsx', 'examples/lenet-mnist.ts', '--train-limit', '640', '--batch', '32', '--relu', '--lr', '0.05', ...args], { encoding: 'utf8', timeout: 240_000 });
const nll = (out: string): number[] => [...out.matchAll(/train NLL ([\d.]+)/g)].map((m) => Number(m[1]));

test('LeNet on 640 digits: the training loss falls over two epochs; --resume continues from the checkpoint', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'dpnn-lenet-'));
  try {
    const ckpt = join(dir, 'lenet.t7');
    const first = run('--epochs', '2', '--checkpoint', ckpt);
    const losses = nll(first);
    t.equal(losses.length, 2, 'two epochs reported');
    t.ok(losses[1]! < losses[0]!, `train NLL ${losses.join(' → ')}`);
    t.ok(existsSync(ckpt), 'checkpoint written');
    const again = run('--epochs', '3', '--checkpoint', ckpt, '--resume');
    t.ok(/resumed from .* after epoch 2/.test(again) && /epoch 3:/.test(again) && !/epoch 1:/.test(again), 'resumed at epoch 3');
    const third = nll(again)[0]!;
    t.ok(third < losses[0]!, `epoch 3 NLL ${third} below epoch 1's`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  t.end();
});
