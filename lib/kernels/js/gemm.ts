/**
 * Reference matrix product for the js backend: C = alpha·op(A)·op(B) + beta·C, row-major,
 * with the inner loops arranged so that every transpose variant walks memory contiguously.
 */
import type { Tensor } from '../../Tensor.js';

export function gemm(C: Tensor, A: Tensor, B: Tensor, m: number, n: number, k: number,
  transA: boolean, transB: boolean, alpha: number, beta: number): void {
  const c = C.data, a = A.data, b = B.data;
  const co = C.offset, ao = A.offset, bo = B.offset;
  if (beta === 0) c.fill(0, co, co + m * n);
  else if (beta !== 1) for (let i = co; i < co + m * n; i++) c[i]! *= beta;
  if (alpha === 0 || k === 0) return;
  if (!transA && !transB) {
    // C[i,:] += alpha·A[i,p]·B[p,:]
    for (let i = 0; i < m; i++) {
      const ci = co + i * n, ai = ao + i * k;
      for (let p = 0; p < k; p++) {
        const s = alpha * a[ai + p]!;
        if (s === 0) continue;
        const bp = bo + p * n;
        for (let j = 0; j < n; j++) c[ci + j]! += s * b[bp + j]!;
      }
    }
  } else if (!transA && transB) {
    // C[i,j] += alpha·dot(A[i,:], B[j,:]); four columns per pass share the loads of A's row.
    for (let i = 0; i < m; i++) {
      const ai = ao + i * k, ci = co + i * n;
      let j = 0;
      for (; j + 4 <= n; j += 4) {
        const b0 = bo + j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let p = 0; p < k; p++) {
          const x = a[ai + p]!;
          s0 += x * b[b0 + p]!;
          s1 += x * b[b1 + p]!;
          s2 += x * b[b2 + p]!;
          s3 += x * b[b3 + p]!;
        }
        c[ci + j]! += alpha * s0;
        c[ci + j + 1]! += alpha * s1;
        c[ci + j + 2]! += alpha * s2;
        c[ci + j + 3]! += alpha * s3;
      }
      for (; j < n; j++) {
        const bj = bo + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
        c[ci + j]! += alpha * s;
      }
    }
  } else if (transA && !transB) {
    // A stored k×m: C[i,:] += alpha·A[p,i]·B[p,:]
    for (let p = 0; p < k; p++) {
      const ap = ao + p * m, bp = bo + p * n;
      for (let i = 0; i < m; i++) {
        const s = alpha * a[ap + i]!;
        if (s === 0) continue;
        const ci = co + i * n;
        for (let j = 0; j < n; j++) c[ci + j]! += s * b[bp + j]!;
      }
    }
  } else {
    // A stored k×m, B stored n×k: C[i,j] += alpha·Σ_p A[p,i]·B[j,p]
    for (let i = 0; i < m; i++) {
      const ci = co + i * n;
      for (let j = 0; j < n; j++) {
        const bj = bo + j * k;
        let s = 0;
        for (let p = 0; p < k; p++) s += a[ao + p * m + i]! * b[bj + p]!;
        c[ci + j]! += alpha * s;
      }
    }
  }
}
