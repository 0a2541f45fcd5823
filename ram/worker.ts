/** A data-parallel training worker (see parallel.ts). */
import { workerData } from 'node:worker_threads';
import { runWorker, type WorkerInit } from './parallel.js';
import { loadDataset } from './data.js';
import { buildRam } from './model.js';

runWorker(workerData as WorkerInit, (name, opts) => loadDataset(name, opts).train, buildRam);
