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
export { adamF32, fillF32, addsF32, cdivF32, scaleRowsF32, hardtanhF32, hardtanhBackwardF32, sumF32, dotF32, sqdistF32 } from './rowsPointwise';
export { logSoftmaxF32, logSoftmaxBackwardF32, softmaxF32, softmaxBackwardF32, argmaxRowsF32, classNLLF32, classNLLBackwardF32 } from './rows';
export { lstmCellF32, lstmCellBackwardF32 } from './rowsLstm';
export { renormF32, classRewardF32, scanF32, indexCopyF32, scatterF32 } from './rowsIndex';
