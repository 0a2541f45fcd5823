/**
 * Eigen-decomposition of a real symmetric matrix by cyclic Jacobi rotations, in float64: Lua's
 * `torch.symeig(a, 'V', 'U')` (optim.cmaes uses it).
 *
 * `torch.symeig(a)` reads the upper triangle of the n×n matrix `a` (any float type; the strict lower
 * triangle is ignored, as LAPACK's 'U'), and returns `[e, V]`: `e` the n eigenvalues in ascending
 * order (as Torch's), `V` the n×n DoubleTensor whose column k is the unit eigenvector of `e[k]`,
 * so that a·V = V·diag(e). Each sweep rotates every off-diagonal pair to zero; sweeps stop when the
 * off-diagonal mass falls below float64 rounding of the matrix's norm (quadratic convergence,
 * typically 6–10 sweeps). Cost O(n³) per sweep. Ref: Golub & Van Loan, Matrix Computations §8.5.
 */
import { Tensor } from '../Tensor.js';
import { ArgumentError } from '../errors.js';

const MAX_SWEEPS = 100;

export function symeig(a: Tensor): [e: Tensor, V: Tensor] {
  if (!(a instanceof Tensor)) throw new ArgumentError(`torch.symeig: expected a Tensor, got ${typeof a}`);
  if (a.dim() !== 2 || a.size(0) !== a.size(1)) throw new ArgumentError(`torch.symeig: expected a square matrix, got size [${a.size().join(', ')}]`);
  if (a.dtype !== 'float32' && a.dtype !== 'float64') throw new ArgumentError(`torch.symeig: expected a FloatTensor or DoubleTensor, got ${a.type()}`);
  const n = a.size(0);
  const A = new Float64Array(n * n), V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    V[i * n + i] = 1;
    for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = a.get(i, j);
  }
  let frob2 = 0;
  for (const v of A) frob2 += v * v;
  const tol2 = (Number.EPSILON * Number.EPSILON) * frob2;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off2 = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off2 += 2 * A[p * n + q]! ** 2;
    if (off2 <= tol2) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q]!;
        if (apq === 0) continue;
        // choose t = tan φ, the smaller root of t² + 2θt − 1 = 0, so that (JᵀAJ)[p][q] = 0
        const theta = (A[q * n + q]! - A[p * n + p]!) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        rotate(A, n, p, q, c, s);
        for (let k = 0; k < n; k++) rotatePair(V, k * n + p, k * n + q, c, s); // V ← V·J
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i]! - A[j * n + j]!);
  const e = Tensor.zeros([n], 'float64'), vecs = Tensor.zeros([n, n], 'float64');
  order.forEach((src, k) => {
    e.set([k], A[src * n + src]!);
    for (let r = 0; r < n; r++) vecs.set([r, k], V[r * n + src]!);
  });
  return [e, vecs];
}

/** A ← JᵀAJ with J the rotation by (c, s) in the (p, q) plane: columns p, q, then rows p, q. */
function rotate(A: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) rotatePair(A, k * n + p, k * n + q, c, s);
  for (let k = 0; k < n; k++) rotatePair(A, p * n + k, q * n + k, c, s);
}

/** (u, v) ← (c·u − s·v, s·u + c·v) for the elements at i and j. */
function rotatePair(M: Float64Array, i: number, j: number, c: number, s: number): void {
  const u = M[i]!, v = M[j]!;
  M[i] = c * u - s * v;
  M[j] = s * u + c * v;
}
