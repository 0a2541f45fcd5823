/**
 * rnn nn.ReverseUnreverse(sequencer): runs `sequencer` on the time-reversed sequence and reverses
 * its output back: reverse(sequencer(reverse(x))), x a seqlen × … tensor or a table of steps —
 * the backward half of a bidirectional RNN. Ref: rnn ReverseUnreverse.lua.
 */
import { Container } from '../lib/Container.js';
import type { Module } from '../lib/Module.js';
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { Sequential } from './Sequential.js';
import { ReverseSequence } from './ReverseSequence.js';

export class ReverseUnreverse extends Container<Activity, Activity> {
  override output: Activity = Tensor.empty();
  override gradInput: Activity = Tensor.empty();
  private readonly seq: Sequential;

  constructor(readonly sequencer: Module) {
    super();
    this.seq = new Sequential().add(new ReverseSequence()).add(sequencer).add(new ReverseSequence());
    this.modules = [this.seq];
  }

  override updateOutput(input: Activity): Activity {
    this.output = this.seq.forward(input);
    return this.output;
  }

  override updateGradInput(input: Activity, gradOutput: Activity): Activity {
    this.gradInput = this.seq.updateGradInput(input, gradOutput);
    return this.gradInput;
  }

  override accGradParameters(input: Activity, gradOutput: Activity, scale = 1): void {
    this.seq.accGradParameters(input, gradOutput, scale);
  }

  override toString(): string {
    return `ReverseUnreverse(${this.sequencer.toString().replace(/\n/g, '\n  ')})`;
  }
}
