/**
 * nn.Serial(module, tensortype?): a Decorator that changes how its module is saved. torch.save
 * writes `module:getSerialState()`: the tree with the fields each module's serial mode names emptied —
 * heavySerial (default) keeps everything, mediumSerial empties output, gradInput, momGradParams and
 * dpnn_input, lightSerial also gradWeight and gradBias (the clearState of a checkpoint, without
 * touching the live module) — and, with tensortype ('torch.FloatTensor', 'torch.DoubleTensor', …),
 * converted float tensors. The running module keeps its state and type. Forward and backward are the
 * module's. `module.Serial(tensortype)` decorates a module. Ref: dpnn Serial.lua, Module.lua.
 */
import { Module } from '../lib/Module.js';
import type { DType } from '../lib/Storage.js';
import { dtypeOf } from '../lib/torch/convert.js';
import { ArgumentError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';
import '../lib/dpnnModule.js';

declare module '../lib/Module.js' {
  interface Module {
    /** dpnn: this module decorated with nn.Serial(this, tensortype). */
    Serial(tensortype?: string): Serial;
  }
}

export class Serial extends Decorator {
  readonly tensortype?: string;

  constructor(module: Module, tensortype?: string) {
    super(module);
    if (tensortype !== undefined) {
      if (!/^torch\..*Tensor$/.test(tensortype)) throw new ArgumentError(`${new.target.name}.constructor: expected a tensortype such as 'torch.FloatTensor', got '${tensortype}'`);
      dtypeOf(`${new.target.name}.constructor`, tensortype);
      this.tensortype = tensortype;
    }
  }

  /** The dtype tensors are saved in (undefined: as they are). */
  get saveType(): DType | undefined {
    return this.tensortype === undefined ? undefined : dtypeOf(this.where('saveType'), this.tensortype);
  }

  /** What torch.save writes for this Serial: its serial state (see the class comment). */
  serialState(): this {
    return this.getSerialState(this.saveType);
  }

  override toString(): string {
    return `${this.constructor.name}${this.tensortype ? `(${this.tensortype})` : ''} @ ${this.module.toString()}`;
  }
}

Module.prototype.Serial = function (this: Module, tensortype?: string): Serial {
  return new Serial(this, tensortype);
};
