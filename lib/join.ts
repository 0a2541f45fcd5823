/** Concatenation along a dimension and its inverse, shared by JoinTable and Concat. */
import { Tensor } from './Tensor.js';
import { ShapeError, shapeStr } from './errors.js';

/** The shape of `parts` joined along `dim`, or a ShapeError naming `where`. */
export function joinedShape(where: string, parts: readonly Tensor[], dim: number): number[] {
  const first = parts[0];
  if (!first) throw new ShapeError(`${where}: expected at least one tensor to join, got none`);
  if (dim < 0 || dim >= first.dim()) throw new ShapeError(`${where}: dimension ${dim} out of range for ${shapeStr(first.shape)}`);
  const shape = first.shape.slice();
  shape[dim] = 0;
  for (const [i, p] of parts.entries()) {
    const ok = p.dim() === first.dim() && p.shape.every((s, d) => d === dim || s === first.shape[d]);
    if (!ok) {
      throw new ShapeError(`${where}: expected tensor ${i} to match ${shapeStr(first.shape)} except along dimension ${dim}, got ${shapeStr(p.shape)}`);
    }
    shape[dim]! += p.shape[dim]!;
  }
  return shape;
}

/** Copies parts one after another along `dim` into `out` (already sized). */
export function joinInto(out: Tensor, parts: readonly Tensor[], dim: number): void {
  let offset = 0;
  for (const p of parts) {
    const n = p.shape[dim]!;
    out.narrow(dim, offset, n).copy(p);
    offset += n;
  }
}

/** dst = a contiguous copy of src's slice [start, start+length) along `dim`. */
export function sliceInto(dst: Tensor, src: Tensor, dim: number, start: number, length: number): Tensor {
  const slice = src.narrow(dim, start, length);
  return dst.resize(slice.shape).copy(slice);
}
