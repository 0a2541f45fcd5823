/** The WebGPU gpu backend for the kernel tests, or a printed skip where it cannot start (a failure under DPNN_REQUIRE_GPU=1, which CI sets). */
import type { Test } from 'tape';
import * as nn from '../../index.js';

/** A registered WebGPU backend, or null after a SKIP line (or a failed assertion when the GPU is required). */
export async function webgpuOrSkip(t: Test): Promise<nn.GpuBackend | null> {
  try {
    const G = await nn.createGpuBackend({ mode: 'webgpu' });
    nn.registerBackend(G);
    return G;
  } catch (e) {
    const why = (e as Error).message.split('\n')[0];
    if (process.env.DPNN_REQUIRE_GPU === '1') t.fail(`gpu backend (webgpu) unavailable, and DPNN_REQUIRE_GPU=1 requires it: ${why}`);
    else {
      console.log(`# SKIP gpu backend (webgpu) unavailable: ${why}`);
      t.skip('gpu backend (webgpu) unavailable');
    }
    return null;
  }
}
