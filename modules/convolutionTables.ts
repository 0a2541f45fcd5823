/**
 * nn.tables: connection tables for SpatialConvolutionMap and SpatialFullConvolutionMap, tensors of
 * nConnections × 2 rows (input plane, output plane), 0-based (Torch's are 1-based; the .t7 entries
 * convert). `full(nin, nout)`: every input to every output; `oneToOne(n)`: plane i to plane i;
 * `random(nin, nout, nto)`: each output plane reads nto distinct input planes, drawn from seeded
 * permutations (the package's generator) as Torch draws them.
 * Ref: torch/nn SpatialConvolutionMap.lua (nn.tables).
 */
import { Tensor } from '../lib/Tensor.js';
import { rng } from '../lib/random.js';
import { ArgumentError } from '../lib/errors.js';

const table = (pairs: readonly (readonly [number, number])[]): Tensor => Tensor.from(pairs.flat(), [pairs.length, 2]);

function checkCounts(where: string, counts: Record<string, number>): void {
  for (const [name, v] of Object.entries(counts)) {
    if (!(Number.isInteger(v) && v > 0)) throw new ArgumentError(`${where}: expected ${name} to be a positive integer, got ${v}`);
  }
}

export const tables = {
  /** Rows (i, j) for every output j, then every input i. */
  full(nin: number, nout: number): Tensor {
    checkCounts('tables.full', { nin, nout });
    const pairs: [number, number][] = [];
    for (let j = 0; j < nout; j++) for (let i = 0; i < nin; i++) pairs.push([i, j]);
    return table(pairs);
  },
  oneToOne(nfeat: number): Tensor {
    checkCounts('tables.oneToOne', { nfeat });
    return table(Array.from({ length: nfeat }, (_, i) => [i, i] as const));
  },
  /** nto rows per output plane j (in order of j), their inputs consecutive chunks of random permutations of 0..nin−1. */
  random(nin: number, nout: number, nto: number): Tensor {
    checkCounts('tables.random', { nin, nout, nto });
    if (nto > nin) throw new ArgumentError(`tables.random: expected nto ≤ nin, got nto ${nto}, nin ${nin}`);
    const chunks = Math.floor(nin / nto), perm = () => rng.shuffle(Array.from({ length: nin }, (_, i) => i));
    let fi = perm(), chunk = 0;
    const pairs: [number, number][] = [];
    for (let j = 0; j < nout; j++) {
      for (let r = 0; r < nto; r++) pairs.push([fi[chunk * nto + r]!, j]);
      if (++chunk === chunks) {
        fi = perm();
        chunk = 0;
      }
    }
    return table(pairs);
  },
};
