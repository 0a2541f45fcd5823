/** The gpu backend on WebGPU (Dawn; Mesa's software rasteriser where there is no GPU): see gpuSuite.ts. */
import { gpuSuite } from './gpuSuite.js';

await gpuSuite('webgpu');
