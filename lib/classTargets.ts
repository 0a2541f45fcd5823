/** Class-index targets of the classification criteria: a number or a tensor, checked against the scores. */
import { Tensor } from './Tensor.js';
import { valueKind } from './Activity.js';
import { ArgumentError, ShapeError, shapeStr } from './errors.js';

/**
 * The targets as a contiguous tensor of `rows` class indices in 0..cols−1 (or ignoreIndex).
 * `scratch` holds a number target without allocating.
 */
export function classTargets(where: string, target: Tensor | number, rows: number, cols: number, scratch: Tensor, ignoreIndex?: number, inputShape?: readonly number[]): Tensor {
  let t: Tensor;
  if (typeof target === 'number') {
    scratch.data[scratch.offset] = target;
    t = scratch;
  } else if (target instanceof Tensor) {
    t = target.contiguous();
  } else {
    throw new ArgumentError(`${where}: expected target class indices as a tensor or a number, got ${valueKind(target)}${Array.isArray(target) ? ' (make a tensor: nn.Tensor.from(indices))' : ''}`);
  }
  if (t.numel() !== rows) {
    throw new ShapeError(`${where}: expected ${rows} target${rows > 1 ? 's' : ''}${inputShape ? ` for input ${shapeStr(inputShape)}` : ''}, got ${typeof target === 'number' ? 'a number' : shapeStr(t.shape)}`);
  }
  for (let r = 0; r < rows; r++) {
    const c = t.data[t.offset + r]!;
    if (c !== ignoreIndex && !(Number.isInteger(c) && c >= 0 && c < cols)) {
      throw new ArgumentError(`${where}: expected target class indices in 0..${cols - 1}, got ${c} at position ${r}`);
    }
  }
  return t;
}
