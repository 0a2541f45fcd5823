/**
 * nn.Profile(module, print_interval = 100, name = the module's class): times the module's forward
 * (updateOutput) and backward (updateGradInput) calls, and every print_interval calls prints
 * `<name> took <s> seconds for <n> forward passes` (or backward) and starts summing again. The running
 * sums are `summedFwdTime`, `summedBwdTime` (seconds) over `numFwds`, `numBwds` calls. Ref: torch/nn Profile.lua.
 */
import { Module } from '../lib/Module.js';
import type { Activity } from '../lib/Activity.js';
import { Timer } from '../lib/torch/Timer.js';
import { ArgumentError } from '../lib/errors.js';
import { Decorator } from './Decorator.js';

/** Each Profile's timer, kept outside the object (a Timer is not copied by clone or written to .t7). */
const timers = new WeakMap<Profile, Timer>();
const timerOf = (p: Profile): Timer => {
  let t = timers.get(p);
  if (!t) timers.set(p, (t = new Timer()));
  return t;
};

export class Profile extends Decorator {
  readonly print_interval: number;
  readonly name: string;
  numFwds = 0;
  numBwds = 0;
  summedFwdTime = 0;
  summedBwdTime = 0;
  /** Where the reports go (console.log, as Torch's print). */
  log: (line: string) => void = (line) => console.log(line);

  constructor(module: Module, print_interval = 100, name = module.constructor.name) {
    super(module);
    if (!(Number.isInteger(print_interval) && print_interval > 0)) throw new ArgumentError(`Profile.constructor: expected a positive integer print_interval, got ${print_interval}`);
    this.print_interval = print_interval;
    this.name = name;
  }

  override updateOutput(input: Activity): Activity {
    timerOf(this).reset();
    super.updateOutput(input);
    this.summedFwdTime += timerOf(this).time().real;
    if (++this.numFwds % this.print_interval === 0) {
      this.log(`${this.name} took ${this.summedFwdTime.toFixed(3)} seconds for ${this.print_interval} forward passes`);
      this.numFwds = 0;
      this.summedFwdTime = 0;
    }
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    timerOf(this).reset();
    super.updateGradInput(input, gradOutput);
    this.summedBwdTime += timerOf(this).time().real;
    if (++this.numBwds % this.print_interval === 0) {
      this.log(`${this.name} took ${this.summedBwdTime.toFixed(3)} seconds for ${this.print_interval} backward passes`);
      this.numBwds = 0;
      this.summedBwdTime = 0;
    }
    return this.gradInput;
  }
}
