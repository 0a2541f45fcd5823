/** Strided copies without ndarray when rows are contiguous. */
import type { Tensor } from './Tensor.js';

/** dst ← src for equal shapes whose last dimension is contiguous in both: one loop per row. */
export function copyRows(dst: Tensor, src: Tensor): void {
  const nd = dst.dim(), len = dst.shape[nd - 1]!, rows = dst.numel() / len;
  const d = dst.storage.data, s = src.storage.data;
  const block = d.constructor === s.constructor && len >= 16; // rows as one typed-array copy each (set copies overlapping ranges correctly)
  const idx = new Array<number>(Math.max(0, nd - 1)).fill(0);
  let po = dst.offset, so = src.offset;
  for (let r = 0; r < rows; r++) {
    if (block) d.set(s.subarray(so, so + len), po);
    else for (let i = 0; i < len; i++) d[po + i] = s[so + i]!;
    for (let k = nd - 2; k >= 0; k--) {
      po += dst.strides[k]!;
      so += src.strides[k]!;
      if (++idx[k]! < dst.shape[k]!) break;
      po -= dst.strides[k]! * dst.shape[k]!;
      so -= src.strides[k]! * src.shape[k]!;
      idx[k] = 0;
    }
  }
}
