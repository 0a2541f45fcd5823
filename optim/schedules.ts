/** Learning-rate schedules. */

/**
 * The Lua RAM script's linear decay: epoch e (1-based) trains with
 * max(minLR, learningRate + (e − 1)·(minLR − learningRate)/saturateEpoch).
 */
export function linearDecay(learningRate: number, minLR: number, saturateEpoch: number): (epoch: number) => number {
  const decay = (minLR - learningRate) / saturateEpoch;
  return (epoch) => Math.max(minLR, learningRate + (epoch - 1) * decay);
}

/**
 * Reduces the learning rate by `factor` when the watched value (e.g. the validation error) has not
 * improved for `patience` epochs, as PyTorch's ReduceLROnPlateau in 'min' mode.
 */
export class ReduceLROnPlateau {
  best = Infinity;
  bad = 0;

  constructor(public lr: number, readonly factor = 0.1, readonly patience = 10, readonly minLR = 0) {}

  /** Records this epoch's value; returns the learning rate for the next epoch. */
  step(value: number): number {
    if (value < this.best) {
      this.best = value;
      this.bad = 0;
    } else if (++this.bad > this.patience) {
      this.lr = Math.max(this.minLR, this.lr * this.factor);
      this.bad = 0;
    }
    return this.lr;
  }
}
