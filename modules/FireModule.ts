/**
 * nn.FireModule(nInputPlane, s1x1, e1x1, e3x3, activation = 'ReLU'): SqueezeNet's fire block, a
 * Decorator of Sequential(squeeze, act, expand, act) where squeeze = SpatialConvolution(nInputPlane,
 * s1x1, 1, 1) and expand = Concat over the planes of SpatialConvolution(s1x1, e1x1, 1, 1) and
 * SpatialConvolution(s1x1, e3x3, 3, 3, 1, 1, 1, 1). Input (B, nInputPlane, H, W) → (B, e1x1 + e3x3,
 * H, W); a (nInputPlane, H, W) image runs as a batch of one (Torch's block takes batches only).
 * `activation` names a parameter-free transfer module (ReLU, Tanh, Sigmoid, ELU, LeakyReLU,
 * SoftPlus, ReLU6, PReLU, Identity). Ref: dpnn FireModule.lua; Iandola et al., SqueezeNet, 2016.
 */
import { Module } from '../lib/Module.js';
import { ArgumentError } from '../lib/errors.js';
import { AbstractImageBlock } from './AbstractImageBlock.js';
import { Sequential } from './Sequential.js';
import { Concat } from './Concat.js';
import { SpatialConvolution } from './SpatialConvolution.js';
import { ReLU } from './ReLU.js';
import { Tanh } from './Tanh.js';
import { Sigmoid } from './Sigmoid.js';
import { ELU } from './ELU.js';
import { LeakyReLU } from './LeakyReLU.js';
import { SoftPlus } from './SoftPlus.js';
import { ReLU6 } from './ReLU6.js';
import { PReLU } from './PReLU.js';
import { Identity } from './Identity.js';

/** The transfer modules an `activation` name may give (Torch's `nn[activation]()`). */
export const ACTIVATIONS: Readonly<Record<string, () => Module>> = {
  ReLU: () => new ReLU(), Tanh: () => new Tanh(), Sigmoid: () => new Sigmoid(), ELU: () => new ELU(), LeakyReLU: () => new LeakyReLU(),
  SoftPlus: () => new SoftPlus(), ReLU6: () => new ReLU6(), PReLU: () => new PReLU(), Identity: () => new Identity(),
};

export function activationModule(where: string, name: string): Module {
  const make = ACTIVATIONS[name];
  if (!make) throw new ArgumentError(`${where}: unknown activation '${name}', expected one of ${Object.keys(ACTIVATIONS).join(', ')}`);
  return make();
}

export class FireModule extends AbstractImageBlock {
  constructor(readonly nInputPlane: number, readonly s1x1: number, readonly e1x1: number, readonly e3x3: number, readonly activation = 'ReLU') {
    const where = `${new.target.name}.constructor`;
    const expand = new Concat(1).add(new SpatialConvolution(s1x1, e1x1, 1, 1)).add(new SpatialConvolution(s1x1, e3x3, 3, 3, 1, 1, 1, 1));
    super(new Sequential().add(new SpatialConvolution(nInputPlane, s1x1, 1, 1)).add(activationModule(where, activation)).add(expand).add(activationModule(where, activation)));
  }

  /** The squeeze convolution (the block's first module). */
  get squeeze(): Module {
    return (this.module as Sequential).get(0);
  }

  /** The Concat of the two expand convolutions (the block's third module). */
  get expand(): Module {
    return (this.module as Sequential).get(2);
  }

  override toString(): string {
    return `${this.constructor.name} inputPlanes: ${this.nInputPlane} -> Squeeze Planes: ${this.s1x1} -> Expand: ${this.e1x1}(1x1) + ${this.e3x3}(3x3), activation: ${this.activation}`;
  }
}
