/**
 * dpnn-ts: Torch7's nn + dpnn + rnn in TypeScript. `import * as nn from 'dpnn-ts'`.
 */
export { Tensor, numelOf } from './lib/Tensor.js';
export { Storage, getDefaultDtype, setDefaultDtype, type DType, type FloatDType, type TypedArray } from './lib/Storage.js';
export { type Activity, type Table, asTensor, isTable, leaves, describe } from './lib/Activity.js';
export { Module } from './lib/Module.js';
export { Container } from './lib/Container.js';
export { Criterion, type Target } from './lib/Criterion.js';
export { DpnnError, ShapeError, ArgumentError, StateError, SerializationError } from './lib/errors.js';
export { PlatformError } from './lib/platform.js';
export { Generator, rng, manualSeed, getRNGState, setRNGState } from './lib/random.js';
export { backend, setBackend, registerBackend, availableBackends } from './lib/kernels/backend.js';
export type { KernelTable } from './lib/kernels/KernelTable.js';
export { setWasmBytes, wasmFallbacks, resetWasmFallbacks, wasmReady } from './lib/kernels/wasm/index.js';
export { createGpuBackend, useGpu, type GpuBackend, type GpuBackendOptions, type GpuMode, type GpuStats } from './lib/kernels/gpu/index.js';

export { Sequential } from './modules/Sequential.js';
export { ConcatTable } from './modules/ConcatTable.js';
export { ParallelTable } from './modules/ParallelTable.js';
export { Concat } from './modules/Concat.js';
export { SelectTable } from './modules/SelectTable.js';
export { JoinTable } from './modules/JoinTable.js';
export { CAddTable } from './modules/CAddTable.js';
export { Identity } from './modules/Identity.js';
export { Linear } from './modules/Linear.js';
export { ReLU } from './modules/ReLU.js';
export { Tanh } from './modules/Tanh.js';
export { Sigmoid } from './modules/Sigmoid.js';
export { HardTanh } from './modules/HardTanh.js';
export { SoftMax } from './modules/SoftMax.js';
export { LogSoftMax } from './modules/LogSoftMax.js';
export { Reshape } from './modules/Reshape.js';
export { View } from './modules/View.js';
export { Collapse } from './modules/Collapse.js';
export { Add } from './modules/Add.js';
export { MulConstant } from './modules/MulConstant.js';
export { Constant } from './modules/Constant.js';
export { ArgMax } from './modules/ArgMax.js';
export { Dropout } from './modules/Dropout.js';

export { ClassNLLCriterion } from './criterions/ClassNLLCriterion.js';
export { CrossEntropyCriterion } from './criterions/CrossEntropyCriterion.js';
export { MSECriterion } from './criterions/MSECriterion.js';
export { ParallelCriterion } from './criterions/ParallelCriterion.js';
export { ModuleCriterion } from './criterions/ModuleCriterion.js';

export { SpatialGlimpse } from './modules/SpatialGlimpse.js';
export { Reinforce } from './modules/Reinforce.js';
export { ReinforceNormal } from './modules/ReinforceNormal.js';
export { ReinforceBernoulli } from './modules/ReinforceBernoulli.js';
export { ReinforceCategorical } from './modules/ReinforceCategorical.js';
export { VRClassReward } from './criterions/VRClassReward.js';
export { AbstractRecurrent } from './modules/AbstractRecurrent.js';
export { Recursor } from './modules/Recursor.js';
export { Recurrent } from './modules/Recurrent.js';
export { Sequencer, type RememberMode } from './modules/Sequencer.js';
export { RecurrentAttention } from './modules/RecurrentAttention.js';
export { FastLSTM } from './modules/FastLSTM.js';
export { LSTMStep } from './modules/LSTMStep.js';
export { SGD, type SGDOptions } from './optim/SGD.js';
export { Adam, type AdamOptions } from './optim/Adam.js';
export { linearDecay, ReduceLROnPlateau } from './optim/schedules.js';
export { resetMomentum } from './lib/paramTools.js';
export { GradientReversal } from './modules/GradientReversal.js';
export { Convert } from './modules/Convert.js';

// torch/nn, dpnn, rnn and nngraph classes by group (docs/catalog.md lists every class and where it is)
export * from './modules/groups/pointwise.js';
export * from './modules/groups/shape.js';
export * from './modules/groups/parametric.js';
export * from './modules/groups/criterions.js';
export * from './modules/groups/graph.js';
export * from './modules/groups/convolution.js';
export * from './modules/groups/pooling.js';
export * from './modules/groups/sequence.js';
export * from './modules/groups/dpnn.js';

export { torch, type TensorType, type StorageType } from './lib/torch/index.js';
export { serialize, deserialize, type T7ReadOptions, type T7WriteOptions } from './lib/serialization/t7.js';
/** nn.save / nn.load: a module tree in one safetensors file (tensors in their own dtypes, the tree in the metadata). */
export { save, load, encodeModule, decodeModule, type LoadOptions } from './lib/saveLoad.js';
export { encodeSafetensors, decodeSafetensors, readSafetensors, writeSafetensors, type SafetensorsFile, type SafetensorsOptions } from './lib/safetensors.js';
import { registerNnClasses } from './modules/t7/nnClasses.js';
registerNnClasses(); // torch.load builds dpnn-ts modules for the nn classes of a .t7 file
export type { TensorOps, TorchOps, NestedArray } from './lib/torch/opTypes.js';
export { CmdLine } from './lib/torch/CmdLine.js';
export { Timer } from './lib/torch/Timer.js';
/** Lua's `paths` (concat, filep, dirp, mkdir, …) and `xlua.progress`, which ported scripts lean on. */
export { paths } from './lib/paths.js';
/** rnn's nn.utils zero-mask helpers (getZeroMaskSequence, setZeroMask). */
export { utils } from './lib/nnUtils.js';
export { xlua } from './lib/xlua.js';
/** The namespaces of Lua Torch: `import { torch, nn, optim } from 'dpnn-ts'` (nn holds every export, modules and criteria included). */
export * as nn from './index.js';
export * as optim from './optim/index.js';
/** Lua's `image` package: load/save PNG and JPEG, scale, crop, flips, rotate, colour spaces, display grids. */
export { image } from './image/index.js';
