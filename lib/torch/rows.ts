/**
 * Every family of the op table: its declarations (pure data, from which lib/torch/opTypes.ts
 * derives the public types) and its implementations, in the order their methods are installed.
 */
import type { Family } from './opTable.js';
import { pointwiseDecls, pointwiseImpls } from './pointwise.js';
import { convertDecls, convertImpls } from './convert.js';
import { reduceDecls, reduceImpls } from './reduce.js';
import { linalgDecls, linalgImpls } from './linalg.js';
import { indexingDecls, indexingImpls } from './indexing.js';
import { randomDecls, randomImpls } from './randomFills.js';

/** The declarations only: what the types are derived from. */
export const ALL_DECLS = [pointwiseDecls, convertDecls, reduceDecls, linalgDecls, indexingDecls, randomDecls] as const;

export const FAMILIES: readonly Family[] = [
  { decls: pointwiseDecls, impls: pointwiseImpls },
  { decls: convertDecls, impls: convertImpls },
  { decls: reduceDecls, impls: reduceImpls },
  { decls: linalgDecls, impls: linalgImpls },
  { decls: indexingDecls, impls: indexingImpls },
  { decls: randomDecls, impls: randomImpls },
];
