/**
 * How the copyStrided kernel covers a strided destination view: its dimensions of size > 1 sorted
 * by stride (at most 4, padded with size 1 and a stride past the span), the span of storage they
 * reach, and the source's strides in the same order. Null for views it cannot cover (more than 4
 * dimensions, or elements that overlap or interleave).
 */
import type { Tensor } from '../../Tensor.js';

export function stridedPlan(dst: Tensor, src: Tensor): { span: number; args: number[] } | null {
  const dims = dst.shape.map((_, d) => d).filter((d) => dst.shape[d]! > 1).sort((a, b) => dst.strides[b]! - dst.strides[a]!);
  if (dims.length > 4) return null;
  for (let j = 0; j + 1 < dims.length; j++) {
    const a = dims[j]!, b = dims[j + 1]!;
    if (dst.strides[a]! < dst.strides[b]! * dst.shape[b]!) return null; // overlapping or interleaved
  }
  const span = dims.reduce((s, d) => s + (dst.shape[d]! - 1) * dst.strides[d]!, 0) + 1;
  const n = [1, 1, 1, 1], ds = [span + 1, span + 1, span + 1, span + 1], ss = [0, 0, 0, 0];
  dims.forEach((d, j) => { n[j] = dst.shape[d]!; ds[j] = dst.strides[d]!; ss[j] = src.strides[d]!; });
  return { span, args: [...n, ...ds, ...ss] };
}
