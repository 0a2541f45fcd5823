/**
 * nn.PrintSize(prefix = 'PrintSize'): passes input and gradOutput through unchanged (the same
 * objects) and prints their sizes: `prefix:input` then the sizes (`[2, 3]`, or `{[2, 3], [2]}` for
 * a table) on forward, `prefix:gradOutput` on backward. Ref: torch/nn PrintSize.lua.
 */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import { type Activity, describe } from '../lib/Activity.js';

export class PrintSize extends Module<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  constructor(readonly prefix = 'PrintSize') {
    super();
  }

  override updateOutput(input: Activity): Activity {
    console.log(`${this.prefix}:input\n${describe(input)}`);
    this.output = input;
    return this.output;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    console.log(`${this.prefix}:gradOutput\n${describe(gradOutput)}`);
    this.gradInput = gradOutput;
    return this.gradInput;
  }

  override toString(): string {
    return `PrintSize(${this.prefix})`;
  }
}
