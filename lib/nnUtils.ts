/**
 * The `nn.utils` helpers that rnn scripts call around zero-masking:
 * - `getZeroMaskSequence(sequence, zeroMask?)`: the (seqlen, batch) ByteTensor mask of a padded
 *   sequence, 1 at padding steps. A seqlen × batch tensor holds word indices (what a
 *   LookupTableMaskZero reads): padding is index −1, Lua's 0. A seqlen × batch × … tensor holds
 *   features: a step is padding where its features are all zero (Lua's rule, unchanged).
 * - `setZeroMask(modules, zeroMask)`: calls setZeroMask(zeroMask) on a module or criterion, or on
 *   each of a list of them (false switches masking off).
 * Ref: torch/rnn utils.lua.
 */
import { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

/** What setZeroMask accepts: modules and criterions both have setZeroMask. */
interface ZeroMaskable { setZeroMask(zeroMask: Tensor | false): unknown }

export const utils = {
  getZeroMaskSequence(sequence: Tensor, zeroMask?: Tensor): Tensor {
    if (!(sequence instanceof Tensor) || sequence.dim() < 2) {
      throw new ShapeError(`nn.utils.getZeroMaskSequence: expected a seqlen × batch [× …] tensor, got ${sequence instanceof Tensor ? shapeStr(sequence.shape) : typeof sequence}`);
    }
    const T = sequence.size(0), B = sequence.size(1);
    const mask = (zeroMask ?? Tensor.empty('uint8')).resize([T, B]);
    const x = sequence.contiguous().view([T, B, -1]), F = x.size(2), xs = x.data, o = x.offset;
    const out = new Uint8Array(T * B);
    for (let r = 0; r < T * B; r++) {
      if (sequence.dim() === 2) out[r] = xs[o + r] === -1 ? 1 : 0;
      else {
        let zero = 1;
        for (let f = 0; f < F && zero; f++) if (xs[o + r * F + f] !== 0) zero = 0;
        out[r] = zero;
      }
    }
    mask.copy(Tensor.from(Array.from(out), [T, B], 'uint8'));
    return mask;
  },

  setZeroMask(modules: ZeroMaskable | readonly ZeroMaskable[], zeroMask: Tensor | false): void {
    for (const m of Array.isArray(modules) ? modules : [modules as ZeroMaskable]) m.setZeroMask(zeroMask);
  },
};
