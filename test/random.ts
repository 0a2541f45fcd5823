/**
 * `npm run test:random`: the gradient checks and Torch's test kinds on inputs drawn from a fresh
 * seed (printed first; rerun one with `DPNN_SEED=<seed> node --import tsx test/run.ts gradients torch-kinds`).
 * CI runs the fixed seed (npm test), so that a landing never depends on luck.
 */
import { spawnSync } from 'node:child_process';

const seed = process.env.DPNN_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`# DPNN_SEED=${seed}`);
const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/run.ts', 'gradients', 'torch-kinds', ...process.argv.slice(2)], {
  stdio: 'inherit', env: { ...process.env, DPNN_SEED: seed },
});
console.log(`# DPNN_SEED=${seed}`);
process.exit(r.status ?? 1);
