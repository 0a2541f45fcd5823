/**
 * The piece of Lua's `xlua` that Torch scripts lean on: `xlua.progress(current, goal)`, a progress
 * bar redrawn at each call and closed when `current` reaches `goal` (a call with a smaller `current`
 * or another `goal` starts a new bar). It draws with the project's bar (ram/progress.ts: in place
 * on a terminal, a line every 10% otherwise). `xlua.setProgressStream(null)` silences the bars
 * (tests), `xlua.setProgressStream(stream)` sends them elsewhere (default: stderr).
 *
 * Ref: torch/xlua init.lua (progress)
 */
import { Progress } from './progress.js';

interface Bar { bar: Progress; goal: number; last: number }

let current: Bar | null = null;
let output: NodeJS.WriteStream | null | undefined;

export const xlua = {
  /** Draws `current` of `goal` (Lua counts from 1, so `progress(goal, goal)` ends the bar). */
  progress(done: number, goal: number): void {
    if (output === null) return;
    if (current === null || current.goal !== goal || done < current.last) {
      current = { bar: new Progress('', goal, output ?? process.stderr), goal, last: done };
    }
    current.last = done;
    current.bar.update(Math.min(done, goal));
    if (done >= goal) {
      current.bar.done();
      current = null;
    }
  },
  /** Where the bars go from now on; null: nowhere. */
  setProgressStream(stream: NodeJS.WriteStream | null): void {
    output = stream;
    current = null;
  },
};
