// The wasm backend's kernels (AssemblyScript). Built by `npm run build:wasm` into ../kernels.wasm.
export { gemmXN } from './gemm';
export { gemmNT } from './gemmUnblocked';
export { axpby, relu, reluBackward, tanh, tanhBackward, sigmoidBackward, addRowVector, sumRows, copy, cmul } from './pointwise';
export { glimpseAvg, glimpseAvgBackward } from './glimpse';
export { unaryF32, binaryF32, addcmulF32 } from './tensorPointwise';
export { reduceF32, argReduceF32, indexSelectF32, gatherF32 } from './tensorReduce';
export { sortRowsF32 } from './tensorSort';
export { im2colF32, col2imF32 } from './conv';
export { maxPool2dF32, maxPool2dBackwardF32, maxUnpool2dBackwardF32, avgPool2dF32, upsampleNearestF32, upsampleNearestBackwardF32 } from './pool';
export { batchNormStatsF32, batchNormForwardF32, batchNormBackwardF32 } from './batchNorm';
