/**
 * Shared types of Lua torch/optim's functional API (`optim.sgd(opfunc, x, config, state)`), one
 * Config and one State per algorithm with Lua's field names, and the checks every algorithm makes
 * at its edge. As in Lua, `state` defaults to `config`: the buffers then live in the config object.
 * Ref: https://github.com/torch/optim
 */
import { Tensor } from '../../lib/Tensor.js';
import { ArgumentError, ShapeError, shapeStr } from '../../lib/errors.js';

/** f and df/dx at x; df/dx is a tensor of x's type and size (the algorithms may modify it, as Lua's do). */
export type Feval = (x: Tensor) => [number, Tensor];

/** Lua's `x*, {f(x)}`: x updated in place, and f evaluated before each update. */
export type OptimResult = [x: Tensor, fx: number[]];

/** Any algorithm's config, before narrowing. */
export type OptimConfig = Record<string, unknown>;

export interface SgdConfig {
  learningRate?: number; learningRateDecay?: number; weightDecay?: number; weightDecays?: Tensor;
  momentum?: number; dampening?: number; nesterov?: boolean; learningRates?: Tensor;
}
export interface SgdState { evalCounter?: number; decayParameters?: Tensor; dfdx?: Tensor; deltaParameters?: Tensor }

export interface AsgdConfig { eta0?: number; lambda?: number; alpha?: number; t0?: number }
export interface AsgdState { eta_t?: number; mu_t?: number; t?: number; ax?: Tensor; tmp?: Tensor }

/** `dampening` is read and ignored, as Lua's nag does. */
export interface NagConfig {
  learningRate?: number; learningRateDecay?: number; weightDecay?: number; momentum?: number; dampening?: number; learningRates?: Tensor;
}
export interface NagState { evalCounter?: number; dfdx?: Tensor; deltaParameters?: Tensor }

export interface AdagradConfig { learningRate?: number; learningRateDecay?: number; weightDecay?: number }
export interface AdagradState { evalCounter?: number; paramVariance?: Tensor; paramStd?: Tensor }

export interface AdadeltaConfig { rho?: number; eps?: number; weightDecay?: number }
export interface AdadeltaState { evalCounter?: number; paramVariance?: Tensor; paramStd?: Tensor; delta?: Tensor; accDelta?: Tensor }

export interface AdamConfig { learningRate?: number; learningRateDecay?: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
export interface AdamState { t?: number; m?: Tensor; v?: Tensor; denom?: Tensor }

export interface AdamaxConfig { learningRate?: number; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
/** `max` is Lua's [2, ...size] scratch tensor: row 0 holds β₂·u, row 1 |g| + ε. */
export interface AdamaxState { t?: number; m?: Tensor; u?: Tensor; max?: Tensor }

export interface RmspropConfig { learningRate?: number; alpha?: number; epsilon?: number; weightDecay?: number; initialMean?: number }
export interface RmspropState { m?: Tensor; tmp?: Tensor }

/**
 * `stepsize` is the initial step size, a number. When state is the config (state omitted), Lua's
 * rprop overwrites it with the per-element step-size tensor, and so does this one.
 */
export interface RpropConfig {
  stepsize?: number | Tensor; etaplus?: number; etaminus?: number; stepsizemax?: number; stepsizemin?: number; niter?: number;
}
export interface RpropState {
  delta?: Tensor; stepsize?: Tensor; sign?: Tensor; psign?: Tensor; nsign?: Tensor; zsign?: Tensor; dminmax?: Tensor;
}

function describe(v: unknown): string {
  if (v instanceof Tensor) return `${Tensor.typeName(v.dtype)} of size ${shapeStr(v.shape)}`;
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

export { evaluate } from './lineSearchTypes.js';

/** x must be a floating-point tensor. */
export function checkX(where: string, x: unknown): asserts x is Tensor {
  if (!(x instanceof Tensor)) throw new ArgumentError(`${where}: expected x to be a tensor, got ${describe(x)}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') throw new ArgumentError(`${where}: expected x to be a FloatTensor or DoubleTensor, got ${Tensor.typeName(x.dtype)}`);
}

/** A per-element option (learningRates, weightDecays): a tensor with as many elements as x. */
export function checkPerElement(where: string, field: string, v: unknown, x: Tensor): asserts v is Tensor {
  if (!(v instanceof Tensor)) throw new ArgumentError(`${where}: expected config.${field} to be a tensor, got ${describe(v)}`);
  if (v.numel() !== x.numel()) throw new ShapeError(`${where}: expected config.${field} with x's ${x.numel()} elements, got ${shapeStr(v.shape)}`);
}

/** A zero buffer of x's type and size, as Lua's `torch.Tensor():typeAs(x):resizeAs(dfdx):zero()`. */
export function zerosLike(x: Tensor): Tensor {
  return Tensor.zeros(x.shape, x.dtype);
}
