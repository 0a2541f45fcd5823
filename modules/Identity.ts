/** nn.Identity: output = input, gradInput = gradOutput (the same objects; tables too). Ref: torch/nn Identity.lua. */
import { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';

export class Identity extends Module {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();

  override updateOutput(input: Activity): Activity {
    this.output = input;
    return input;
  }

  override updateGradInput(_input: Activity, gradOutput: Activity): Activity {
    this.gradInput = gradOutput;
    return gradOutput;
  }
}
