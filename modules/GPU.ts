/**
 * nn.GPU(module, device, outdevice = device): Torch's decorator that runs a module on one cuda device
 * and moves its output to another. dpnn-ts backends have no device placement, so here it is a
 * pass-through: it runs the module unchanged and only keeps `device` and `outdevice` (for .t7 files).
 * Ref: torch/nn GPU.lua.
 */
import { Module } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';

export class GPU extends Decorator {
  readonly device: number;
  readonly outdevice: number;

  constructor(module: Module, device: number, outdevice = device) {
    super(module);
    if (typeof device !== 'number') throw new ArgumentError(`GPU.constructor: expected a device number, got ${typeof device}`);
    this.device = device;
    this.outdevice = outdevice;
  }

  override toString(): string {
    return `GPU(${this.device}, pass-through: no device placement) @ ${this.module.toString()}`;
  }
}
