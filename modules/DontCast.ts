/**
 * nn.DontCast(module, castin?, castout = castin, moduleType?): shields a module from type(): the
 * DontCast's type() converts its own output and gradInput only, never the module (a container's type()
 * calls it rather than walking into the module).
 * With castin, inputs of another type are copied into moduleType ('torch.FloatTensor', 'torch.DoubleTensor')
 * before the module sees them (and gradInput copied back); with castout, the module's output is copied
 * into the DontCast's own type (and gradOutput into moduleType). moduleType defaults to the type of the
 * module's output, else of its parameters. Tables are converted leaf by leaf. Ref: dpnn DontCast.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor, TYPE_NAMES } from '../lib/Tensor.js';
import { type Activity, leaves } from '../lib/Activity.js';
import type { DType } from '../lib/Storage.js';
import { dtypeOf } from '../lib/torch/convert.js';
import { ArgumentError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';

/** `src` with its tensors in `dtype`, reusing dst's tensors where the structure fits. */
function castLike(dst: Activity | undefined, src: Activity, dtype: DType): Activity {
  if (src instanceof Tensor) {
    const t = dst instanceof Tensor && dst.dtype === dtype ? dst : Tensor.empty(dtype);
    return t.resize(src.shape).copy(src);
  }
  const prev = Array.isArray(dst) ? dst : [];
  return src.map((x, i) => castLike(prev[i], x, dtype));
}

const typeOf = (a: Activity | readonly Tensor[]): DType | undefined => leaves(a as Activity)[0]?.dtype;

export class DontCast extends Decorator {
  readonly castin: boolean;
  readonly castout: boolean;
  /** Torch's type name of the module ('torch.FloatTensor', …). */
  readonly moduleType: string;
  private own: DType;
  private _input: Activity | undefined;
  private _gradOutput: Activity | undefined;

  constructor(module: Module, castin = false, castout = castin, moduleType?: string) {
    super(module);
    this.castin = castin;
    this.castout = castout;
    const found = typeOf(module.output) ?? typeOf(module.parameters()[0]);
    if (!moduleType && (castin || castout) && !found) throw new ArgumentError('DontCast.constructor: cannot tell the module\'s type: give moduleType (argument 4)');
    this.moduleType = moduleType ?? TYPE_NAMES[found ?? 'float32'];
    this.own = typeOf(this.output) ?? 'float32';
  }

  private get mtype(): DType {
    return dtypeOf(this.where('type'), this.moduleType);
  }

  private moduleInput(input: Activity, fresh: boolean): Activity {
    if (!this.castin || typeOf(input) === this.mtype) return input;
    if (fresh) this._input = castLike(this._input, input, this.mtype);
    return this._input ?? input;
  }

  private moduleGradOutput(gradOutput: Activity, fresh: boolean): Activity {
    if (!this.castout || typeOf(gradOutput) === this.mtype) return gradOutput;
    if (fresh) this._gradOutput = castLike(this._gradOutput, gradOutput, this.mtype);
    return this._gradOutput ?? gradOutput;
  }

  override updateOutput(input: Activity): Activity {
    const out = this.inner((m) => m.updateOutput(this.moduleInput(input, true)));
    this.output = this.castout ? castLike(this.output, out, this.own) : out;
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    const gi = this.inner((m) => m.updateGradInput(this.moduleInput(input, false), this.moduleGradOutput(gradOutput, true)));
    this.gradInput = this.castin ? castLike(this.gradInput, gi, typeOf(input) ?? this.own) : gi;
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.inner((m) => m.accGradParameters(this.moduleInput(input, false), this.moduleGradOutput(gradOutput, this._gradOutput === undefined), scale));
  }

  /** Converts only this decorator's output and gradInput (the essence of DontCast); the module keeps its type. */
  override type(dtype: DType | string): this {
    this.own = dtype.startsWith('torch.') ? dtypeOf(this.where('type'), dtype) : (dtype as DType);
    if (this.castout) this.output = castLike(undefined, this.output, this.own);
    if (this.castin) this.gradInput = castLike(undefined, this.gradInput, this.own);
    return this;
  }
}
