/**
 * The dense float64 algebra behind polyinterp: real and complex roots of a polynomial (the companion
 * matrix's eigenvalues by a balanced Francis QR on its Hessenberg form, as LAPACK's eig), and
 * least-squares fits by Householder QR (as LAPACK's gels). Small matrices, plain number arrays.
 */
import { ArgumentError } from '../../lib/errors.js';

const WHERE = 'optim.polyinterp';
/**
 * The roots (re, im) of Σ_k c[k]·x^(n − k) as Lua's roots(): coefficients under 1e-12 zeroed, leading
 * zeros dropped, each trailing zero a root at 0, the rest the eigenvalues of the companion matrix.
 * All-zero coefficients have no roots here (Lua's returns the number 0, which its caller cannot use).
 */
export function roots(coeffs: readonly number[]): [number, number][] {
  const c0 = coeffs.map((v) => (Math.abs(v) < 1e-12 ? 0 : v));
  const first = c0.findIndex((v) => v !== 0);
  if (first < 0) return [];
  let c = c0.slice(first);
  let nz = 0;
  while (c[c.length - 1 - nz] === 0) nz++;
  c = c.slice(0, c.length - nz);
  const zeros = Array.from({ length: nz }, (): [number, number] => [0, 0]);
  const n = c.length - 1;
  const lead = c[0]!;
  if (n === 1) return [[-c[1]! / lead, 0], ...zeros];
  if (n > 1) {
    // companion matrix: first row −c[1..n]/c[0], ones below the diagonal
    const M = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === 0 ? -c[j + 1]! / lead : i === j + 1 ? 1 : 0)));
    return [...hessenbergEigenvalues(M), ...zeros];
  }
  return zeros;
}

/** min ‖A·x − b‖ for a full-rank m×n A (m ≥ n) by Householder QR, as LAPACK's gels. */
export function leastSquares(A0: readonly (readonly number[])[], b0: readonly number[]): number[] {
  const A = A0.map((r) => r.slice());
  const b = b0.slice();
  const m = A.length;
  const n = A[0]!.length;
  const at = (i: number, j: number): number => A[i]![j]!;
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, at(i, k));
    if (norm === 0) continue;
    const alpha = at(k, k) > 0 ? -norm : norm;
    // v = column k below the diagonal minus alpha·e_k; H = I − 2vvᵀ/vᵀv
    const v = Array.from({ length: m - k }, (_, i) => at(k + i, k) - (i === 0 ? alpha : 0));
    const vv = v.reduce((s, vi) => s + vi * vi, 0);
    if (vv === 0) continue;
    const reflect = (get: (i: number) => number, put: (i: number, x: number) => void): void => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * get(k + i);
      const f = (2 * dot) / vv;
      for (let i = 0; i < v.length; i++) put(k + i, get(k + i) - f * v[i]!);
    };
    for (let j = k; j < n; j++) reflect((i) => at(i, j), (i, x) => { A[i]![j] = x; });
    reflect((i) => b[i]!, (i, x) => { b[i] = x; });
  }
  const x = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = b[k]!;
    for (let j = k + 1; j < n; j++) s -= at(k, j) * x[j]!;
    x[k] = s / at(k, k);
  }
  return x;
}

/**
 * The eigenvalues (re, im) of an upper Hessenberg matrix: balancing, then the Francis double-shift QR
 * iteration (EISPACK's hqr). Real eigenvalues come with im exactly 0, as LAPACK's geev gives them.
 */
function hessenbergEigenvalues(M: number[][]): [number, number][] {
  const n = M.length;
  // 1-based copy, as the algorithm is usually written
  const a: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i > 0 && j > 0 ? M[i - 1]![j - 1]! : 0)));
  const A = (i: number, j: number): number => a[i]![j]!;
  const set = (i: number, j: number, v: number): void => { a[i]![j] = v; };

  // balance: scale rows and columns by powers of 2 until their norms are close (a similarity)
  for (let done = false; !done;) {
    done = true;
    for (let i = 1; i <= n; i++) {
      let c = 0;
      let r = 0;
      for (let j = 1; j <= n; j++) {
        if (j !== i) {
          c += Math.abs(A(j, i));
          r += Math.abs(A(i, j));
        }
      }
      if (c !== 0 && r !== 0) {
        let g = r / 2;
        let f = 1;
        const s = c + r;
        while (c < g) { f *= 2; c *= 4; }
        g = r * 2;
        while (c > g) { f /= 2; c /= 4; }
        if ((c + r) / f < 0.95 * s) {
          done = false;
          for (let j = 1; j <= n; j++) set(i, j, A(i, j) / f);
          for (let j = 1; j <= n; j++) set(j, i, A(j, i) * f);
        }
      }
    }
  }

  const wr = new Array<number>(n + 1).fill(0);
  const wi = new Array<number>(n + 1).fill(0);
  let anorm = 0;
  for (let i = 1; i <= n; i++) for (let j = Math.max(i - 1, 1); j <= n; j++) anorm += Math.abs(A(i, j));
  let nn = n;
  let t = 0;
  const sign = (x: number, y: number): number => (y >= 0 ? Math.abs(x) : -Math.abs(x));
  while (nn >= 1) {
    let its = 0;
    let l: number;
    do {
      // find a negligible subdiagonal element
      for (l = nn; l >= 2; l--) {
        let s = Math.abs(A(l - 1, l - 1)) + Math.abs(A(l, l));
        if (s === 0) s = anorm;
        if (Math.abs(A(l, l - 1)) + s === s) {
          set(l, l - 1, 0);
          break;
        }
      }
      let x = A(nn, nn);
      if (l === nn) {
        wr[nn] = x + t;
        wi[nn] = 0;
        nn--;
      } else {
        let y = A(nn - 1, nn - 1);
        let w = A(nn, nn - 1) * A(nn - 1, nn);
        if (l === nn - 1) {
          // a 2×2 block: its two eigenvalues
          const p = 0.5 * (y - x);
          const q = p * p + w;
          let z = Math.sqrt(Math.abs(q));
          x += t;
          if (q >= 0) {
            z = p + sign(z, p);
            wr[nn - 1] = wr[nn] = x + z;
            if (z !== 0) wr[nn] = x - w / z;
            wi[nn - 1] = wi[nn] = 0;
          } else {
            wr[nn - 1] = wr[nn] = x + p;
            wi[nn - 1] = -z;
            wi[nn] = z;
          }
          nn -= 2;
        } else {
          if (its === 60) throw new ArgumentError(`${WHERE}: the companion matrix's eigenvalues did not converge`);
          if (its === 10 || its === 20) {
            // exceptional shift
            t += x;
            for (let i = 1; i <= nn; i++) set(i, i, A(i, i) - x);
            const s = Math.abs(A(nn, nn - 1)) + Math.abs(A(nn - 1, nn - 2));
            y = x = 0.75 * s;
            w = -0.4375 * s * s;
          }
          its++;
          let m: number;
          let p = 0;
          let q = 0;
          let r = 0;
          let z = 0;
          for (m = nn - 2; m >= l; m--) {
            z = A(m, m);
            r = x - z;
            const s0 = y - z;
            p = (r * s0 - w) / A(m + 1, m) + A(m, m + 1);
            q = A(m + 1, m + 1) - z - r - s0;
            r = A(m + 2, m + 1);
            const s = Math.abs(p) + Math.abs(q) + Math.abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m === l) break;
            const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
            const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
            if (u + v === v) break;
          }
          for (let i = m + 2; i <= nn; i++) {
            set(i, i - 2, 0);
            if (i !== m + 2) set(i, i - 3, 0);
          }
          // double QR step on rows l..nn, columns m..nn
          for (let k = m; k <= nn - 1; k++) {
            if (k !== m) {
              p = A(k, k - 1);
              q = A(k + 1, k - 1);
              r = k !== nn - 1 ? A(k + 2, k - 1) : 0;
              x = Math.abs(p) + Math.abs(q) + Math.abs(r);
              if (x !== 0) {
                p /= x;
                q /= x;
                r /= x;
              }
            }
            const s = sign(Math.sqrt(p * p + q * q + r * r), p);
            if (s !== 0) {
              if (k === m) {
                if (l !== m) set(k, k - 1, -A(k, k - 1));
              } else {
                set(k, k - 1, -s * x);
              }
              p += s;
              x = p / s;
              y = q / s;
              z = r / s;
              q /= p;
              r /= p;
              for (let j = k; j <= nn; j++) {
                p = A(k, j) + q * A(k + 1, j);
                if (k !== nn - 1) {
                  p += r * A(k + 2, j);
                  set(k + 2, j, A(k + 2, j) - p * z);
                }
                set(k + 1, j, A(k + 1, j) - p * y);
                set(k, j, A(k, j) - p * x);
              }
              const mmin = nn < k + 3 ? nn : k + 3;
              for (let i = l; i <= mmin; i++) {
                p = x * A(i, k) + y * A(i, k + 1);
                if (k !== nn - 1) {
                  p += z * A(i, k + 2);
                  set(i, k + 2, A(i, k + 2) - p * r);
                }
                set(i, k + 1, A(i, k + 1) - p * q);
                set(i, k, A(i, k) - p);
              }
            }
          }
        }
      }
    } while (l < nn - 1);
  }
  return wr.slice(1).map((re, i): [number, number] => [re, wi[i + 1]!]);
}
