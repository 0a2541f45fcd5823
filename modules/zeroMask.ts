/**
 * rnn's zero masks (helpers of the sequence modules): a mask holds 1 for each batch row (or each
 * time step × batch row) whose input is a padding step; the masked rows of outputs and gradients
 * are zeroed. Ref: rnn utils.lua (getZeroMaskBatch, recursiveZeroMask), MaskZero.lua.
 */
import { Tensor } from '../lib/Tensor.js';
import type { Activity } from '../lib/Activity.js';
import { ShapeError, shapeStr } from '../lib/errors.js';

/** A (B) or (T, B) ByteTensor: 1 where the input row (the last nInputDim dims) is all zeros. */
export function zeroMaskOf(input: Tensor, nInputDim: number, into?: Tensor): Tensor {
  const lead = input.shape.slice(0, Math.max(0, input.dim() - nInputDim));
  const rows = lead.reduce((a, b) => a * b, 1), x = input.contiguous().view([rows, -1]);
  const mask = (into ?? Tensor.empty('uint8')).resize(lead.length ? lead : [1]);
  const n = x.size(1), d = x.data, md = mask.data;
  for (let r = 0; r < rows; r++) {
    let zero = true;
    for (let j = 0; j < n && zero; j++) zero = d[x.offset + r * n + j] === 0;
    md[mask.offset + r] = zero ? 1 : 0;
  }
  return mask;
}

/** Zeroes, in place, the rows b of t (its first dimension, or the whole of a 1-D t for mask [1]) where mask[b] = 1. */
export function maskRows(where: string, t: Activity, mask: Tensor): void {
  if (!(t instanceof Tensor)) {
    for (const x of t) maskRows(where, x, mask);
    return;
  }
  const m = mask.contiguous(), n = m.numel();
  const rows = t.dim() === 1 || (n === 1 && t.dim() > 0 && t.size(0) !== 1) ? null : t;
  if (rows && rows.size(0) !== n) throw new ShapeError(`${where}: expected a zero mask of ${rows.size(0)} rows, got ${shapeStr(mask.shape)}`);
  for (let b = 0; b < n; b++) {
    if (m.data[m.offset + b] === 0) continue;
    if (rows) rows.select(0, b).zero();
    else t.zero();
  }
}
