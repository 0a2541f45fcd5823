/** The gpu backend on WebGL through headless-gl (under Xvfb where there is no display): see gpuSuite.ts. */
import { gpuSuite } from './gpuSuite.js';

await gpuSuite('headlessgl');
