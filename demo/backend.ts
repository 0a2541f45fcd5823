/**
 * The demo's backend: the gpu backend in WebGL mode when the browser has WebGL, else the wasm
 * backend (its kernels fetched beside the bundle), else js. `?backend=wasm` (or js) in the page's
 * address starts further down the list. Each step that fails says why, for the page to show.
 */
import * as nn from '../index.js';
import { wasmReady } from '../lib/kernels/wasm/index.js';

export interface ChosenBackend {
  /** What the page shows: 'gpu (WebGL)', 'wasm' or 'js'. */
  label: string;
  gpu: nn.GpuBackend | null;
  /** Why each backend before it was passed over. */
  notes: string[];
}

/** A tiny Linear forward on the current backend, read back: a backend that cannot run it is not used. */
async function smokeTest(gpu: nn.GpuBackend | null): Promise<void> {
  const m = new nn.Linear(3, 2);
  m.weight.fill(0.5);
  m.bias?.fill(1);
  const y = m.forward(nn.Tensor.from([1, 2, 3, 4, 5, 6], [2, 3], 'float32'));
  await gpu?.sync(y);
  if (Math.abs(y.get(1, 1) - 8.5) > 1e-4) throw new nn.StateError(`a test Linear gave ${y.get(1, 1)}, expected 8.5`);
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

export async function chooseBackend(start: string | null): Promise<ChosenBackend> {
  const order = ['gpu', 'wasm', 'js'];
  const notes: string[] = [];
  for (const name of order.slice(Math.max(0, order.indexOf(start ?? 'gpu')))) {
    let gpu: nn.GpuBackend | null = null;
    try {
      if (name === 'gpu') gpu = await nn.useGpu({ mode: 'webgl' });
      else {
        nn.setBackend(name);
        if (name === 'wasm') await wasmReady();
      }
      await smokeTest(gpu);
      return { label: name === 'gpu' ? 'gpu (WebGL)' : name, gpu, notes };
    } catch (e) {
      notes.push(`${name === 'gpu' ? 'gpu (WebGL)' : name}: ${message(e)}`);
      await gpu?.destroy().catch(() => undefined);
    }
  }
  nn.setBackend('js');
  return { label: 'js', gpu: null, notes };
}
