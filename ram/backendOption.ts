/** The commands' --backend option. */
import * as nn from '../index.js';

/**
 * --backend NAME: js, wasm, or gpu (gpu.js 'webgpu' mode; gpu:headlessgl or gpu:webgl for WebGL).
 * Returns the gpu backend when one was made current.
 */
export async function selectBackend(name: unknown): Promise<nn.GpuBackend | null> {
  if (typeof name !== 'string') return null;
  if (name === 'gpu' || name.startsWith('gpu:')) {
    const mode = name === 'gpu' ? 'webgpu' : name.slice(4);
    if (mode !== 'webgpu' && mode !== 'webgl' && mode !== 'headlessgl') throw new nn.ArgumentError(`--backend: expected gpu, gpu:webgpu, gpu:headlessgl or gpu:webgl, got '${name}'`);
    return nn.useGpu({ mode });
  }
  nn.setBackend(name);
  return null;
}
