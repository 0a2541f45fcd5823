/**
 * The `optim` namespace: Lua torch/optim's functional algorithms (`optim.sgd(feval, x, config, state)`
 * → `[x, [f]]`, Lua's rules and defaults), the optimizer classes over parameter lists, and
 * learning-rate schedules.
 */
export { SGD, type SGDOptions } from './SGD.js';
export { Adam, type AdamOptions } from './Adam.js';
export { linearDecay, ReduceLROnPlateau } from './schedules.js';
export { sgd } from './functional/sgd.js';
export { asgd } from './functional/asgd.js';
export { nag } from './functional/nag.js';
export { adagrad } from './functional/adagrad.js';
export { adadelta } from './functional/adadelta.js';
export { adam } from './functional/adam.js';
export { adamax } from './functional/adamax.js';
export { rmsprop } from './functional/rmsprop.js';
export { rprop } from './functional/rprop.js';
export { cmaes, type CmaesConfig } from './functional/cmaes.js';
export { de, type DeConfig } from './functional/de.js';
export type { Feval, OptimResult, OptimConfig, SgdConfig, SgdState, AsgdConfig, AsgdState, NagConfig, NagState, AdagradConfig, AdagradState, AdadeltaConfig, AdadeltaState, AdamConfig, AdamState, AdamaxConfig, AdamaxState, RmspropConfig, RmspropState, RpropConfig, RpropState } from './functional/types.js';
export { lbfgs, type LbfgsConfig, type LbfgsState } from './functional/lbfgs.js';
export { cg, type CgConfig, type CgState } from './functional/cg.js';
export { lswolfe } from './functional/lswolfe.js';
export { polyinterp } from './functional/polyinterp.js';
export { fista, FistaLS, type FistaParams, type FistaHistory, type FistaSmooth, type FistaNonSmooth, type FistaProx } from './functional/fista.js';
export { checkgrad } from './functional/checkgrad.js';
export type { LineSearch, LineSearchOptions } from './functional/lineSearchTypes.js';
export { ConfusionMatrix, type RenderOptions } from './ConfusionMatrix.js';
export { Logger, type LogData, type LogValue, type PlotStyle, type ChartOptions } from './Logger.js';
